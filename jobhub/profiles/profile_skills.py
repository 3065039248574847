"""A seeker's skills: names from the taxonomy only, each with how well and for how long.

Skills are matched by name without regard to case against ``profiles.skills``; a name the
taxonomy does not hold is refused with a message (jobs and search match on skill ids, so a
free-typed "Pyhton" would match nothing anywhere). Rows are found inside the seeker's own
skills, so another account's skill id is ``NotFound`` and changes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies.company_fields import choice, single_line, whole_number
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.profiles.completeness import Completeness
from jobhub.profiles.models import Proficiency, Skill, UserSkill
from jobhub.profiles.profile_changes import changed, require_seeker
from jobhub.profiles.service import skill_ids_by_name

SKILLS_MAX: Final = 50
YEARS_MAX: Final = 60
NAME_MAX: Final = 100
NOT_FOUND_MESSAGE: Final = "That skill is not on your profile (it may have been removed in another tab)."
PROFICIENCY_LABELS: Final[dict[str, str]] = {
    Proficiency.BEGINNER: "Beginner",
    Proficiency.INTERMEDIATE: "Intermediate",
    Proficiency.ADVANCED: "Advanced",
    Proficiency.EXPERT: "Expert",
}


@dataclass(frozen=True)
class SkillItem:
    """One skill on a profile, plain values for Reflex state."""

    id: str
    name: str
    proficiency: str
    proficiency_label: str
    years: str


def skills_of(db: Session, user_id: uuid.UUID) -> list[SkillItem]:
    """``user_id``'s skills, primary first, then by name (callers decide who may read them)."""
    rows = db.execute(
        select(UserSkill, Skill.name)
        .join(Skill, Skill.id == UserSkill.skill_id)
        .where(UserSkill.user_id == user_id)
        .order_by(UserSkill.is_primary.desc(), Skill.name)
    ).all()
    return [
        SkillItem(
            id=str(row.id),
            name=name,
            proficiency=row.proficiency_level or "",
            proficiency_label=PROFICIENCY_LABELS.get(row.proficiency_level or "", ""),
            years="" if row.years_of_experience is None else str(row.years_of_experience),
        )
        for row, name in rows
    ]


def _level(text: str) -> str:
    level = choice(text, "proficiency", Proficiency, "how well you know it")
    if level is None:
        raise Invalid("proficiency", "Choose how well you know this skill.")
    return level


def _years(text: str) -> int | None:
    return whole_number(text, "years", "the years", minimum=0, maximum=YEARS_MAX)


def add_skill(db: Session, who: Principal | None, name: str, proficiency: str, years: str) -> Completeness:
    seeker = require_seeker(who)
    typed = single_line(name, "skill", "The skill", NAME_MAX) or ""
    if not typed:
        raise Invalid("skill", "Type a skill, then pick it from the suggestions.")
    found = skill_ids_by_name(db, [typed])
    skill_id = found.get(typed.lower())
    if skill_id is None:
        raise Invalid(
            "skill", f"We don't know \u201c{typed}\u201d as a skill. Pick one from the suggestions."
        )
    level, how_long = _level(proficiency), _years(years)
    mine = select(UserSkill).where(UserSkill.user_id == seeker.user_id)
    if db.scalars(mine.where(UserSkill.skill_id == skill_id)).first() is not None:
        raise Invalid("skill", f"\u201c{typed}\u201d is on your profile already: change it in the list.")
    count = db.scalar(select(func.count()).select_from(mine.subquery())) or 0
    if count >= SKILLS_MAX:
        raise Conflict(f"A profile holds at most {SKILLS_MAX} skills: remove one first.")
    db.add(
        UserSkill(
            user_id=seeker.user_id, skill_id=skill_id, proficiency_level=level, years_of_experience=how_long
        )
    )
    db.flush()
    return changed(db, seeker, "skills", "added")


def _own_skill(db: Session, who: Principal, user_skill_id: uuid.UUID) -> UserSkill:
    row = db.scalars(
        select(UserSkill).where(UserSkill.id == user_skill_id, UserSkill.user_id == who.user_id)
    ).one_or_none()
    if row is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return row


def update_skill(
    db: Session, who: Principal | None, user_skill_id: uuid.UUID, proficiency: str, years: str
) -> Completeness:
    seeker = require_seeker(who)
    row = _own_skill(db, seeker, user_skill_id)
    row.proficiency_level, row.years_of_experience = _level(proficiency), _years(years)
    db.flush()
    return changed(db, seeker, "skills", "edited")


def remove_skill(db: Session, who: Principal | None, user_skill_id: uuid.UUID) -> Completeness:
    seeker = require_seeker(who)
    db.delete(_own_skill(db, seeker, user_skill_id))
    db.flush()
    return changed(db, seeker, "skills", "removed")
