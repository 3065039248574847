"""What recommendations read from a profile: skills, wishes, and a desired salary typed as free text."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlmodel import Session

from jobhub.profiles.service import DesiredSalary, parse_desired_salary, seeker_preferences
from tests.factories import add, make_experience, make_profile, make_skill, make_user_skill


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("95k-185k USD", DesiredSalary(95_000, 185_000, "USD")),
        ("$90,000 - $120,000", DesiredSalary(90_000, 120_000, "USD")),
        ("€60k+", DesiredSalary(60_000, None, "EUR")),
        ("70000 gbp", DesiredSalary(70_000, None, "GBP")),
        ("92.5k CHF", DesiredSalary(92_500, None, "CHF")),
        ("120k-90k", DesiredSalary(90_000, 120_000, "USD")),
    ],
)
def test_a_desired_salary_reads_as_yearly_figures(text: str, expected: DesiredSalary) -> None:
    assert parse_desired_salary(text) == expected


@pytest.mark.parametrize("text", [None, "", "negotiable", "45/h", "40-60 an hour"])
def test_what_is_not_a_yearly_amount_reads_as_none(text: str | None) -> None:
    assert parse_desired_salary(text) is None


def test_preferences_list_primary_skills_first_and_the_current_roles(db: Session) -> None:
    user_id = uuid.uuid4()
    sql, python = (
        make_skill(name=f"SQL {uuid.uuid4().hex[:6]}"),
        make_skill(name=f"Python {uuid.uuid4().hex[:6]}"),
    )
    add(db, sql, python)
    add(
        db,
        make_profile(user_id=user_id, remote_preference="hybrid", desired_salary_range="80k-100k EUR"),
        make_user_skill(sql, user_id=user_id, proficiency_level="beginner"),
        make_user_skill(python, user_id=user_id, proficiency_level="expert", is_primary=True),
        make_experience(user_id=user_id, job_title="Former role", start_date=date(2015, 1, 1)),
        make_experience(user_id=user_id, job_title="Data Engineer", is_current=True, location="Leipzig"),
    )

    prefs = seeker_preferences(db, user_id)

    assert [(s.name, s.proficiency) for s in prefs.skills] == [
        (python.name, "expert"),
        (sql.name, "beginner"),
    ]
    assert prefs.remote_preference == "hybrid"
    assert prefs.desired_salary == DesiredSalary(80_000, 100_000, "EUR")
    assert prefs.titles == ("Data Engineer",)
    assert prefs.location == "Leipzig"


def test_a_user_without_a_profile_has_empty_preferences(db: Session) -> None:
    prefs = seeker_preferences(db, uuid.uuid4())

    assert prefs.skills == ()
    assert prefs.remote_preference is None
    assert prefs.desired_salary is None
    assert prefs.location == ""
