"""Skill names are kept per process; a skill added later must still be named, an unknown id not."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from jobhub.profiles.service import skill_names
from tests.factories import add, make_skill


def test_skills_added_after_a_first_read_are_named_and_unknown_ids_are_absent(db: Session) -> None:
    first, later = make_skill(), make_skill()
    add(db, first)
    assert skill_names(db, [first.id]) == {first.id: first.name}
    add(db, later)
    unknown = uuid.uuid4()
    assert skill_names(db, [later.id, unknown, first.id, later.id]) == {
        later.id: later.name,
        first.id: first.name,
    }
    assert skill_names(db, []) == {}
