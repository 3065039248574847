"""The profiles schema refuses what the document forbids, plus impossible percentages and dates."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

import pytest
from sqlmodel import Session, SQLModel

from jobhub.profiles.models import (
    AssessmentDifficulty,
    AssessmentResult,
    AssessmentStatus,
    Availability,
    ConnectionStatus,
    EmploymentType,
    ParsingStatus,
    Proficiency,
    ProfileVisibility,
    RemotePreference,
    SkillAssessment,
    UserConnection,
    UserProfile,
    UserSkill,
)
from tests.factories import (
    Case,
    Rows,
    add,
    make_assessment,
    make_certification,
    make_connection,
    make_education,
    make_experience,
    make_profile,
    make_result,
    make_resume,
    make_skill,
    make_user_skill,
    overrides_id,
    refused,
    tag,
)


def profile(**overrides: Any) -> Rows:
    return [make_profile(**overrides)]


def user_skill(**overrides: Any) -> Rows:
    skill = make_skill()
    return [skill, make_user_skill(skill, **overrides)]


def experience(**overrides: Any) -> Rows:
    return [make_experience(**overrides)]


def education(**overrides: Any) -> Rows:
    return [make_education(**overrides)]


def certification(**overrides: Any) -> Rows:
    return [make_certification(**overrides)]


def resume(**overrides: Any) -> Rows:
    return [make_resume(**overrides)]


def assessment(**overrides: Any) -> Rows:
    skill = make_skill()
    return [skill, make_assessment(skill, **overrides)]


def result(**overrides: Any) -> Rows:
    skill = make_skill()
    test = make_assessment(skill)
    return [skill, test, make_result(test, **overrides)]


def connection(**overrides: Any) -> Rows:
    return [make_connection(**overrides)]


BUILDERS: dict[str, Callable[..., Rows]] = {
    "user_profiles": profile,
    "user_skills": user_skill,
    "experience": experience,
    "education": education,
    "certifications": certification,
    "resumes": resume,
    "skill_assessments": assessment,
    "user_assessment_results": result,
    "user_connections": connection,
}


@pytest.mark.parametrize(
    ("table", "field", "values"),
    [
        ("user_profiles", "availability", Availability),
        ("user_profiles", "remote_preference", RemotePreference),
        ("user_profiles", "profile_visibility", ProfileVisibility),
        ("user_skills", "proficiency_level", Proficiency),
        ("experience", "employment_type", EmploymentType),
        ("resumes", "parsing_status", ParsingStatus),
        ("skill_assessments", "difficulty_level", AssessmentDifficulty),
        ("user_assessment_results", "status", AssessmentStatus),
        ("user_connections", "status", ConnectionStatus),
    ],
)
def test_every_listed_value_is_accepted(db: Session, table: str, field: str, values: type[StrEnum]) -> None:
    for value in values:
        add(db, *BUILDERS[table](**{field: value}))


@pytest.mark.parametrize(
    ("table", "overrides"),
    [
        ("user_profiles", {"availability": "next_year"}),
        ("user_profiles", {"remote_preference": "mars"}),
        ("user_profiles", {"profile_visibility": "friends"}),
        ("user_profiles", {"profile_completeness": 101}),
        ("user_profiles", {"profile_completeness": -1}),
        ("user_skills", {"proficiency_level": "guru"}),
        ("experience", {"employment_type": "volunteer"}),
        ("experience", {"end_date": date(2019, 12, 31)}),
        ("education", {"start_date": date(2018, 9, 1), "end_date": date(2018, 6, 30)}),
        ("certifications", {"issue_date": date(2024, 5, 1), "expiration_date": date(2024, 4, 30)}),
        ("resumes", {"parsing_status": "queued"}),
        ("skill_assessments", {"difficulty_level": "expert"}),
        ("skill_assessments", {"passing_score": 120}),
        ("user_assessment_results", {"status": "paused"}),
        ("user_assessment_results", {"score": 101}),
        ("user_connections", {"status": "ignored"}),
    ],
    ids=overrides_id,
)
def test_a_row_outside_the_checks_is_refused(db: Session, table: str, overrides: dict[str, Any]) -> None:
    refused(db, *BUILDERS[table](**overrides))


def test_a_full_row_within_every_range_is_accepted(db: Session) -> None:
    add(
        db,
        *profile(profile_completeness=100),
        *experience(start_date=date(2021, 3, 1), end_date=date(2021, 3, 1)),
        *education(start_date=date(2014, 9, 1), end_date=date(2018, 6, 30)),
        *certification(issue_date=date(2024, 5, 1), expiration_date=date(2027, 5, 1)),
        *assessment(passing_score=0),
        *result(score=100),
    )


def test_nobody_connects_to_themselves(db: Session) -> None:
    me = uuid.uuid4()
    refused(db, UserConnection(requester_id=me, addressee_id=me))


def duplicate_profile() -> tuple[Rows, SQLModel, SQLModel]:
    owner = uuid.uuid4()
    return profile(user_id=owner), UserProfile(user_id=owner), UserProfile(user_id=uuid.uuid4())


def duplicate_skill_name() -> tuple[Rows, SQLModel, SQLModel]:
    name = f"Skill {tag()}"
    return [make_skill(name=name)], make_skill(name=name), make_skill()


def duplicate_user_skill() -> tuple[Rows, SQLModel, SQLModel]:
    skill, first = user_skill()
    assert isinstance(first, UserSkill)
    return (
        [skill, first],
        UserSkill(user_id=first.user_id, skill_id=skill.id),
        UserSkill(user_id=uuid.uuid4(), skill_id=skill.id),
    )


def duplicate_attempt() -> tuple[Rows, SQLModel, SQLModel]:
    skill, test, first = result()
    assert isinstance(test, SkillAssessment) and isinstance(first, AssessmentResult)
    return [skill, test, first], make_result(test, user_id=first.user_id), make_result(test)


def duplicate_connection() -> tuple[Rows, SQLModel, SQLModel]:
    (first,) = connection()
    assert isinstance(first, UserConnection)
    return (
        [first],
        UserConnection(requester_id=first.requester_id, addressee_id=first.addressee_id),
        UserConnection(requester_id=first.requester_id, addressee_id=uuid.uuid4()),
    )


DUPLICATES: list[Case] = [
    duplicate_profile,
    duplicate_skill_name,
    duplicate_user_skill,
    duplicate_attempt,
    duplicate_connection,
]


@pytest.mark.parametrize("case", DUPLICATES, ids=lambda case: case.__name__)
def test_a_duplicate_is_refused(db: Session, case: Case) -> None:
    existing, duplicate, _ = case()
    add(db, *existing)
    refused(db, duplicate)


@pytest.mark.parametrize("case", DUPLICATES, ids=lambda case: case.__name__)
def test_a_distinct_row_is_accepted(db: Session, case: Case) -> None:
    existing, _, distinct = case()
    add(db, *existing, distinct)


def test_experience_keeps_its_achievements_and_skill_ids(db: Session) -> None:
    skills = [uuid.uuid4(), uuid.uuid4()]
    (job,) = experience(achievements=["Cut p95 latency by 40 %"], skills_used=skills)
    add(db, job)
    db.expire(job)

    assert job.achievements == ["Cut p95 latency by 40 %"]
    assert job.skills_used == skills
