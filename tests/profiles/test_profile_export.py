"""The profile part of "download my data" carries the issue's new fields and the owner's order."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from jobhub.profiles.export import export_user_data
from jobhub.profiles.history_forms import Section
from jobhub.profiles.profile_editor import save_profile
from jobhub.profiles.profile_history import add_entry, entries_of, move_entry
from jobhub.profiles.profile_skills import add_skill
from tests.profiles.profile_support import TODAY, full_form, job, stored_seeker


def test_the_export_holds_the_new_fields_and_the_sections_in_order(db: Session) -> None:
    seeker = stored_seeker(db)
    handle = save_profile(db, seeker, full_form(profile_visibility="recruiters_only")).handle
    add_skill(db, seeker, "Python", "expert", "5")
    for title in ("Older", "Newer"):
        add_entry(db, seeker, Section.EXPERIENCE, job(job_title=title), today=TODAY)
    move_entry(
        db,
        seeker,
        Section.EXPERIENCE,
        uuid.UUID(entries_of(db, seeker.user_id, Section.EXPERIENCE)[1].id),
        -1,
    )

    part = export_user_data(db, seeker.user_id)

    profile = part["profile"]
    assert profile["handle"] == handle
    assert profile["location"] == "Leipzig, Germany"
    assert profile["desired_roles"] == ["Data Engineer", "Analytics Engineer"]
    assert profile["open_to_work"] is True
    assert profile["profile_visibility"] == "recruiters_only"
    assert profile["profile_completeness"] > 0
    assert [(row["job_title"], row["position"]) for row in part["experience"]] == [("Newer", 0), ("Older", 1)]
    assert part["skills"][0]["skill"] == "Python" and part["skills"][0]["years_of_experience"] == 5
