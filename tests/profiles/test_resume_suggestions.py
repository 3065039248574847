"""What a read resume suggests, and accepting it: rows added at the end, nothing typed overwritten,
skills already on the profile skipped, another seeker's resume out of reach."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.platform.errors import Conflict, NotFound
from jobhub.profiles.models import Education, Experience, Skill, UserSkill
from jobhub.profiles.resume_suggestions import accept_all, accept_suggestion, suggestions_for
from tests.factories import add, make_education, make_experience, make_user_skill
from tests.profiles.resume_support import upload, upload_and_read

pytestmark = pytest.mark.usefixtures("files_dir", "task_queue")


def skill(db: Session, name: str) -> Skill:
    return db.scalars(select(Skill).where(Skill.name == name)).one()


def labels(db: Session, who: Principal, resume_id: uuid.UUID) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for suggestion in suggestions_for(db, who, resume_id):
        found.setdefault(suggestion.kind, []).append(suggestion.label)
    return found


def test_a_read_resume_suggests_its_skills_titles_and_schools(db: Session, seeker: Principal) -> None:
    row = upload_and_read(db, seeker)

    found = labels(db, seeker, row.id)

    assert {"Python", "PostgreSQL", "Docker"} <= set(found["skill"])
    assert found["title"] == ["Senior Software Engineer", "Data Analyst"]
    assert found["school"] == ["University of Cambridge"]


def test_a_resume_not_read_yet_suggests_nothing(db: Session, seeker: Principal) -> None:
    view = upload(db, seeker)

    assert suggestions_for(db, seeker, uuid.UUID(view.id)) == []


def test_skills_titles_and_schools_already_on_the_profile_are_not_suggested(
    db: Session, seeker: Principal
) -> None:
    add(
        db,
        make_user_skill(skill(db, "Python"), user_id=seeker.user_id, proficiency_level="expert"),
        make_experience(user_id=seeker.user_id, job_title="data analyst"),
        make_education(user_id=seeker.user_id, institution_name="University of Cambridge"),
    )
    row = upload_and_read(db, seeker)

    found = labels(db, seeker, row.id)

    assert "Python" not in found["skill"]
    assert found["title"] == ["Senior Software Engineer"] and "school" not in found


def test_accepting_a_title_adds_an_experience_draft_at_the_end(db: Session, seeker: Principal) -> None:
    add(db, make_experience(user_id=seeker.user_id, job_title="Typist", position=4))
    row = upload_and_read(db, seeker)
    key = next(s.key for s in suggestions_for(db, seeker, row.id) if s.label == "Data Analyst")

    assert accept_suggestion(db, seeker, row.id, key) == "Data Analyst"

    added = db.scalars(select(Experience).where(Experience.job_title == "Data Analyst")).one()
    assert (added.user_id, added.company_name, added.position) == (seeker.user_id, "Globex", 5)
    assert (added.start_date, added.end_date, added.is_current) == (
        date(2016, 1, 1),
        date(2019, 12, 31),
        False,
    )
    assert "Data Analyst" not in labels(db, seeker, row.id)["title"]


def test_accepting_everything_never_changes_what_the_seeker_typed(db: Session, seeker: Principal) -> None:
    add(
        db,
        make_user_skill(
            skill(db, "Python"), user_id=seeker.user_id, proficiency_level="expert", years_of_experience=9
        ),
        make_education(user_id=seeker.user_id, institution_name="Open University", position=0),
    )
    row = upload_and_read(db, seeker)

    added = accept_all(db, seeker, row.id)

    assert "University of Cambridge" in added and "Python" not in added
    python = db.scalars(
        select(UserSkill).where(
            UserSkill.user_id == seeker.user_id, UserSkill.skill_id == skill(db, "Python").id
        )
    ).one()
    assert (python.proficiency_level, python.years_of_experience) == ("expert", 9)
    schools = db.scalars(
        select(Education).where(Education.user_id == seeker.user_id).order_by(Education.position)
    ).all()
    assert [(s.institution_name, s.position, s.degree_type) for s in schools] == [
        ("Open University", 0, None),
        ("University of Cambridge", 1, "BSc"),
    ]
    assert suggestions_for(db, seeker, row.id) == [] and accept_all(db, seeker, row.id) == []


def test_a_forged_or_stale_key_changes_nothing(db: Session, seeker: Principal) -> None:
    row = upload_and_read(db, seeker)
    key = next(s.key for s in suggestions_for(db, seeker, row.id) if s.kind == "skill")
    accept_suggestion(db, seeker, row.id, key)

    for forged in (key, f"skill:{uuid.uuid4()}", "title:99", "school:-1", "nonsense"):
        with pytest.raises(Conflict):
            accept_suggestion(db, seeker, row.id, forged)


def test_another_seekers_resume_offers_and_accepts_nothing(
    db: Session, seeker: Principal, other_seeker: Principal
) -> None:
    row = upload_and_read(db, other_seeker)

    with pytest.raises(NotFound):
        suggestions_for(db, seeker, row.id)
    with pytest.raises(NotFound):
        accept_all(db, seeker, row.id)
    assert (
        db.scalars(
            select(UserSkill).where(UserSkill.user_id.in_([seeker.user_id, other_seeker.user_id]))
        ).all()
        == []
    )
