"""The completeness meter: its weights add up to 100, each part counts once, the next step is the
heaviest missing part, and the figure is stored on the profile."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from jobhub.profiles import completeness
from jobhub.profiles.completeness import PARTS
from jobhub.profiles.history_forms import Section
from jobhub.profiles.models import UserProfile
from jobhub.profiles.profile_editor import save_profile
from jobhub.profiles.profile_form import ProfileForm
from jobhub.profiles.profile_history import add_entry
from jobhub.profiles.profile_skills import add_skill
from tests.profiles.profile_support import TODAY, full_form, job, stored_seeker


def test_the_weights_add_up_to_one_hundred() -> None:
    assert sum(part.weight for part in PARTS) == 100
    assert len({part.key for part in PARTS}) == len(PARTS)


def test_an_empty_profile_is_zero_and_asks_for_experience_first(db: Session) -> None:
    seeker = stored_seeker(db)

    measured = completeness.measure(db, seeker.user_id)

    assert measured.percent == 0
    assert measured.next_step == "Add your current or most recent position."


def test_the_meter_rises_with_each_part_and_is_stored(db: Session) -> None:
    seeker = stored_seeker(db)

    after_headline = save_profile(db, seeker, ProfileForm(headline="Engineer", profile_visibility="public"))
    assert after_headline.completeness.percent == 15
    add_entry(db, seeker, Section.EXPERIENCE, job(), today=TODAY)
    for name in ("Python", "SQL"):
        add_skill(db, seeker, name, "advanced", "")
    assert completeness.measure(db, seeker.user_id).percent == 35
    third = add_skill(db, seeker, "Go", "beginner", "")
    assert third.percent == 50
    assert third.next_step.startswith("Write a short summary")
    row = db.scalars(select(UserProfile).where(UserProfile.user_id == seeker.user_id)).one()
    assert row.profile_completeness == 50


def test_everything_filled_is_one_hundred_and_says_so(db: Session) -> None:
    seeker = stored_seeker(db)
    save_profile(db, seeker, full_form())
    add_entry(db, seeker, Section.EXPERIENCE, job(), today=TODAY)
    add_entry(db, seeker, Section.EDUCATION, {"institution_name": "TU Dresden"}, today=TODAY)
    add_entry(
        db, seeker, Section.CERTIFICATIONS, {"name": "CKA", "issuing_organization": "CNCF"}, today=TODAY
    )
    for name in ("Python", "SQL", "Go"):
        add_skill(db, seeker, name, "advanced", "")

    measured = completeness.measure(db, seeker.user_id)

    assert (measured.percent, measured.missing) == (100, ())
    assert measured.next_step == completeness.DONE_ADVICE
