"""Experience, education and certifications: dates checked, order kept 0..n-1 through add, move and
remove, and another seeker's entry id finds nothing and changes nothing."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.companies.company_form import InvalidForm
from jobhub.platform.errors import NotFound
from jobhub.profiles.history_forms import Section
from jobhub.profiles.models import Experience
from jobhub.profiles.profile_history import add_entry, entries_of, move_entry, remove_entry, update_entry
from tests.profiles.profile_support import TODAY, job, stored_seeker


def titles(db: Session, user_id: uuid.UUID) -> list[str]:
    return [entry.title for entry in entries_of(db, user_id, Section.EXPERIENCE)]


def positions(db: Session, user_id: uuid.UUID) -> list[int]:
    return list(
        db.scalars(
            select(Experience.position).where(Experience.user_id == user_id).order_by(Experience.position)
        )
    )


def add_jobs(db: Session, who, *names: str) -> None:  # type: ignore[no-untyped-def]
    for name in names:
        add_entry(db, who, Section.EXPERIENCE, job(job_title=name), today=TODAY)


def test_entries_keep_the_order_they_were_added_in(db: Session) -> None:
    seeker = stored_seeker(db)
    add_jobs(db, seeker, "First", "Second", "Third")

    assert titles(db, seeker.user_id) == ["First", "Second", "Third"]
    assert positions(db, seeker.user_id) == [0, 1, 2]


def test_moving_up_and_down_swaps_neighbours_and_stops_at_the_ends(db: Session) -> None:
    seeker = stored_seeker(db)
    add_jobs(db, seeker, "A", "B", "C")
    ids = {entry.title: uuid.UUID(entry.id) for entry in entries_of(db, seeker.user_id, Section.EXPERIENCE)}

    move_entry(db, seeker, Section.EXPERIENCE, ids["C"], -1)
    assert titles(db, seeker.user_id) == ["A", "C", "B"]
    move_entry(db, seeker, Section.EXPERIENCE, ids["A"], -1)
    move_entry(db, seeker, Section.EXPERIENCE, ids["B"], 1)
    assert titles(db, seeker.user_id) == ["A", "C", "B"]
    move_entry(db, seeker, Section.EXPERIENCE, ids["A"], 1)
    assert titles(db, seeker.user_id) == ["C", "A", "B"]
    assert positions(db, seeker.user_id) == [0, 1, 2]


def test_removing_closes_the_gap(db: Session) -> None:
    seeker = stored_seeker(db)
    add_jobs(db, seeker, "A", "B", "C")
    middle = entries_of(db, seeker.user_id, Section.EXPERIENCE)[1]

    remove_entry(db, seeker, Section.EXPERIENCE, uuid.UUID(middle.id))

    assert titles(db, seeker.user_id) == ["A", "C"]
    assert positions(db, seeker.user_id) == [0, 1]


def test_editing_changes_the_entry_in_place(db: Session) -> None:
    seeker = stored_seeker(db)
    add_jobs(db, seeker, "A", "B")
    first = entries_of(db, seeker.user_id, Section.EXPERIENCE)[0]

    update_entry(
        db,
        seeker,
        Section.EXPERIENCE,
        uuid.UUID(first.id),
        job(job_title="Lead", is_current="", end_date="2024-01"),
        today=TODAY,
    )

    shown = entries_of(db, seeker.user_id, Section.EXPERIENCE)[0]
    assert (shown.title, shown.period) == ("Lead", "Mar 2022 \u2013 Jan 2024")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_date": "2022-03", "end_date": "2021-01", "is_current": ""}, "end_date"),
        ({"end_date": "2024-01", "is_current": "on"}, "end_date"),
        ({"is_current": "", "end_date": ""}, "end_date"),
        ({"start_date": ""}, "start_date"),
        ({"start_date": "2030-01"}, "start_date"),
        ({"start_date": "March"}, "start_date"),
        ({"start_date": "1800-01"}, "start_date"),
        ({"job_title": "  "}, "job_title"),
        ({"company_name": ""}, "company_name"),
        ({"employment_type": "gig"}, "employment_type"),
    ],
)
def test_a_bad_experience_is_refused_on_its_field_and_nothing_is_stored(
    db: Session, fields: dict[str, str], field: str
) -> None:
    seeker = stored_seeker(db)

    with pytest.raises(InvalidForm) as refused:
        add_entry(db, seeker, Section.EXPERIENCE, job(**fields), today=TODAY)

    assert field in refused.value.errors
    assert titles(db, seeker.user_id) == []


def test_education_and_certifications_check_their_own_dates(db: Session) -> None:
    seeker = stored_seeker(db)
    add_entry(
        db,
        seeker,
        Section.EDUCATION,
        {"institution_name": "TU Dresden", "start_date": "2024-10", "end_date": "2027-09"},
        today=TODAY,
    )
    with pytest.raises(InvalidForm) as refused:
        add_entry(
            db,
            seeker,
            Section.CERTIFICATIONS,
            {
                "name": "CKA",
                "issuing_organization": "CNCF",
                "issue_date": "2024-01",
                "does_not_expire": "on",
                "expiration_date": "2027-01",
            },
            today=TODAY,
        )
    assert "expiration_date" in refused.value.errors
    assert [e.period for e in entries_of(db, seeker.user_id, Section.EDUCATION)] == [
        "Oct 2024 \u2013 Sep 2027"
    ]


def test_another_seekers_entry_cannot_be_edited_moved_or_removed(db: Session) -> None:
    owner, intruder = stored_seeker(db), stored_seeker(db)
    add_jobs(db, owner, "Mine", "Also mine")
    target = uuid.UUID(entries_of(db, owner.user_id, Section.EXPERIENCE)[0].id)

    with pytest.raises(NotFound):
        update_entry(db, intruder, Section.EXPERIENCE, target, job(job_title="Hacked"), today=TODAY)
    with pytest.raises(NotFound):
        move_entry(db, intruder, Section.EXPERIENCE, target, 1)
    with pytest.raises(NotFound):
        remove_entry(db, intruder, Section.EXPERIENCE, target)
    with pytest.raises(NotFound):
        remove_entry(db, owner, Section.EDUCATION, target)

    assert titles(db, owner.user_id) == ["Mine", "Also mine"]
