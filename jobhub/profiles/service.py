"""Read functions of the profiles context that other contexts need.

Jobs hold skill ids (UUID arrays, no foreign key across schemas) and ask here for their
names and for which of them a seeker has, so the profiles schema stays free to move.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.platform.id_lists import any_id
from jobhub.profiles.models import Experience, Skill, UserProfile, UserSkill

CURRENCY_SIGNS: dict[str, str] = {"$": "USD", "€": "EUR", "£": "GBP"}
DEFAULT_CURRENCY = "USD"
SMALLEST_YEARLY_PAY = 1000
_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)\s*([kK])?")
_CODE = re.compile(r"\b([A-Z]{3})\b")


_skill_names: dict[uuid.UUID, str] = {}
"""Names of the skills read so far, kept per process: skills are a vocabulary that is added to
and never renamed, and every search card names them (1 ms of each search, measured)."""


def skill_names(db: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The name of each existing skill in ``ids``; unknown ids are simply absent."""
    wanted = list(dict.fromkeys(ids))
    missing = [i for i in wanted if i not in _skill_names]
    if missing:
        rows = db.execute(select(Skill.id, Skill.name).where(any_id(Skill.id, "skill_ids", missing))).all()
        _skill_names.update((row.id, row.name) for row in rows)
    return {i: _skill_names[i] for i in wanted if i in _skill_names}


def user_skill_ids(db: Session, user_id: uuid.UUID) -> frozenset[uuid.UUID]:
    """The skills on ``user_id``'s profile (proficiency does not matter for a match)."""
    return frozenset(db.scalars(select(UserSkill.skill_id).where(UserSkill.user_id == user_id)).all())


@dataclass(frozen=True)
class SeekerSkill:
    skill_id: uuid.UUID
    name: str
    proficiency: str | None
    is_primary: bool


@dataclass(frozen=True)
class DesiredSalary:
    """Yearly figures; either end may be open ("90k+" has no maximum)."""

    minimum: int | None
    maximum: int | None
    currency: str


@dataclass(frozen=True)
class SeekerPreferences:
    """What a seeker wants, as far as their profile says it.

    The profile has no desired-role or home-city fields, so ``titles`` and ``location`` come
    from the current positions (newest first); the profile stores no coordinates either.
    """

    user_id: uuid.UUID
    skills: tuple[SeekerSkill, ...]
    remote_preference: str | None
    desired_salary: DesiredSalary | None
    location: str
    titles: tuple[str, ...]
    willing_to_relocate: bool


def _amount(number: str, thousands: str | None) -> int | None:
    digits = number.replace(",", "")
    try:
        value = float(digits) * (1000 if thousands else 1)
    except ValueError:
        return None
    return int(value) if value >= SMALLEST_YEARLY_PAY else None


def parse_desired_salary(text: str | None) -> DesiredSalary | None:
    """Read "90k-120k USD", "$90,000 - $120,000" or "€60k+" as yearly figures.

    The column is free text; anything that does not read as a yearly amount (an hourly
    "45/h", words only) gives ``None`` rather than a guess, so no job is said to meet it.
    """
    if not text:
        return None
    amounts = [_amount(number, k) for number, k in _AMOUNT.findall(text)]
    if not amounts or None in amounts:
        return None
    figures = sorted(a for a in amounts if a is not None)
    code = _CODE.search(text.upper())
    sign = next((CURRENCY_SIGNS[ch] for ch in text if ch in CURRENCY_SIGNS), None)
    currency = code.group(1) if code else sign or DEFAULT_CURRENCY
    maximum = figures[-1] if len(figures) > 1 else None
    return DesiredSalary(minimum=figures[0], maximum=maximum, currency=currency)


def seeker_preferences(db: Session, user_id: uuid.UUID) -> SeekerPreferences:
    """A seeker's skills (primary first, then by name) and stated wishes; empty when there is no profile."""
    profile = db.scalars(select(UserProfile).where(UserProfile.user_id == user_id)).one_or_none()
    skills = db.execute(
        select(UserSkill.skill_id, Skill.name, UserSkill.proficiency_level, UserSkill.is_primary)
        .join(Skill, Skill.id == UserSkill.skill_id)
        .where(UserSkill.user_id == user_id)
        .order_by(UserSkill.is_primary.desc(), Skill.name)
    ).all()
    current = db.execute(
        select(Experience.job_title, Experience.location)
        .where(Experience.user_id == user_id, Experience.is_current.is_(True))
        .order_by(Experience.start_date.desc())
    ).all()
    return SeekerPreferences(
        user_id=user_id,
        skills=tuple(
            SeekerSkill(
                skill_id=row.skill_id,
                name=row.name,
                proficiency=row.proficiency_level,
                is_primary=row.is_primary,
            )
            for row in skills
        ),
        remote_preference=profile.remote_preference if profile else None,
        desired_salary=parse_desired_salary(profile.desired_salary_range if profile else None),
        location=next((row.location for row in current if row.location), ""),
        titles=tuple(dict.fromkeys(row.job_title for row in current)),
        willing_to_relocate=bool(profile and profile.willing_to_relocate),
    )


def skill_ids_by_name(db: Session, names: Iterable[str]) -> dict[str, uuid.UUID]:
    """The id of each known skill among ``names``, matched without regard to case (URLs carry names)."""
    wanted = list(dict.fromkeys(n.lower() for n in names))
    if not wanted:
        return {}
    lower_name = func.lower(Skill.name)
    rows = db.execute(select(lower_name.label("name"), Skill.id).where(lower_name.in_(wanted)))
    return {row.name: row.id for row in rows}


@dataclass(frozen=True)
class SkillChoice:
    id: uuid.UUID
    name: str
    category: str | None


SKILL_QUERY_MAX = 100


def search_skills(db: Session, text: str, limit: int = 8) -> list[SkillChoice]:
    """Skills of the taxonomy whose name contains ``text``: names that start with it first, then
    shorter names (the likelier match), so "java" offers Java before JavaScript and Kotlin/Java."""
    words = " ".join(text.split())[:SKILL_QUERY_MAX].lower()
    if not words:
        return []
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    lower_name = func.lower(Skill.name)
    rows = db.execute(
        select(Skill.id, Skill.name, Skill.category)
        .where(lower_name.like(f"%{escaped}%", escape="\\"))
        .order_by(lower_name.like(f"{escaped}%", escape="\\").desc(), func.length(Skill.name), Skill.name)
        .limit(limit)
    ).all()
    return [SkillChoice(row.id, row.name, row.category) for row in rows]
