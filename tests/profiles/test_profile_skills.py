"""Skills come from the taxonomy: unknown names are refused, each skill once, another seeker's
skill id changes nothing."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import Session

from jobhub.platform.errors import Invalid, NotFound
from jobhub.profiles.profile_skills import add_skill, remove_skill, skills_of, update_skill
from tests.profiles.profile_support import stored_seeker


def test_a_known_skill_is_added_with_its_level_and_years_whatever_its_case(db: Session) -> None:
    seeker = stored_seeker(db)

    add_skill(db, seeker, "  python ", "expert", "7")

    [skill] = skills_of(db, seeker.user_id)
    assert (skill.name, skill.proficiency_label, skill.years) == ("Python", "Expert", "7")


@pytest.mark.parametrize(
    ("name", "level", "years", "field"),
    [
        ("Pyhton", "expert", "", "skill"),
        ("", "expert", "", "skill"),
        ("Python", "guru", "", "proficiency"),
        ("Python", "", "", "proficiency"),
        ("Python", "expert", "61", "years"),
        ("Python", "expert", "-1", "years"),
    ],
)
def test_a_bad_skill_is_refused_on_its_field(
    db: Session, name: str, level: str, years: str, field: str
) -> None:
    seeker = stored_seeker(db)

    with pytest.raises(Invalid) as refused:
        add_skill(db, seeker, name, level, years)

    assert refused.value.field == field
    assert skills_of(db, seeker.user_id) == []


def test_a_skill_is_on_a_profile_once(db: Session) -> None:
    seeker = stored_seeker(db)
    add_skill(db, seeker, "SQL", "advanced", "")

    with pytest.raises(Invalid, match="already"):
        add_skill(db, seeker, "sql", "beginner", "")


def test_a_skill_is_changed_and_removed_by_its_owner(db: Session) -> None:
    seeker = stored_seeker(db)
    add_skill(db, seeker, "Go", "beginner", "1")
    skill_id = uuid.UUID(skills_of(db, seeker.user_id)[0].id)

    update_skill(db, seeker, skill_id, "advanced", "4")
    assert skills_of(db, seeker.user_id)[0].proficiency == "advanced"
    remove_skill(db, seeker, skill_id)
    assert skills_of(db, seeker.user_id) == []


def test_another_seekers_skill_cannot_be_changed_or_removed(db: Session) -> None:
    owner, intruder = stored_seeker(db), stored_seeker(db)
    add_skill(db, owner, "Rust", "expert", "3")
    skill_id = uuid.UUID(skills_of(db, owner.user_id)[0].id)

    with pytest.raises(NotFound):
        update_skill(db, intruder, skill_id, "beginner", "")
    with pytest.raises(NotFound):
        remove_skill(db, intruder, skill_id)

    assert skills_of(db, owner.user_id)[0].proficiency == "expert"
