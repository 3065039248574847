"""The completeness meter: how much of what employers look for a profile has, and what to add next.

Weights (they add up to 100) follow what recruiters read first: a headline and recent
experience carry the most, then skills, then the rest.

=========================  ======  ==========================================
part                       weight  counted when
=========================  ======  ==========================================
headline                   15      it is written
experience                 20      at least one position
skills                     15      at least three skills
summary                    10      it is written
desired roles              10      at least one role
education                  10      at least one entry
location                    5      it is written
desired salary              5      it is written
certification               5      at least one
a link                      5      any of website, portfolio, GitHub, LinkedIn, X
=========================  ======  ==========================================

The next step is the missing part with the largest weight (ties in the table's order).
The figure is stored in ``user_profiles.profile_completeness`` after every change, so search
and the pipeline can sort by it without recomputing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.profiles.models import Certification, Education, Experience, UserProfile, UserSkill

SKILLS_WANTED: Final = 3
LINK_COLUMNS: Final = ("website_url", "portfolio_url", "github_url", "linkedin_url", "twitter_url")


@dataclass(frozen=True)
class Part:
    key: str
    weight: int
    advice: str


PARTS: Final[tuple[Part, ...]] = (
    Part("headline", 15, "Add a headline: one line that says what you do."),
    Part("experience", 20, "Add your current or most recent position."),
    Part("skills", 15, f"Add at least {SKILLS_WANTED} skills, with how well you know them."),
    Part("summary", 10, "Write a short summary of what you are good at and what you want next."),
    Part("desired_roles", 10, "Name the roles you are looking for."),
    Part("education", 10, "Add your education."),
    Part("location", 5, "Say where you are based."),
    Part("desired_salary", 5, "Say what yearly pay you are looking for."),
    Part("certification", 5, "Add a certification you hold."),
    Part("link", 5, "Link your website, portfolio, GitHub or LinkedIn."),
)
DONE_ADVICE: Final = "Your profile is complete. Keep it current as things change."


@dataclass(frozen=True)
class Completeness:
    percent: int
    next_step: str
    missing: tuple[str, ...]


def percent_of(present: set[str]) -> int:
    """The figure for a profile that has the parts named in ``present`` (the demo builds rows with it)."""
    return sum(part.weight for part in PARTS if part.key in present)


def _count(db: Session, model: type, user_id: uuid.UUID) -> int:
    return db.scalar(select(func.count()).select_from(model).where(model.user_id == user_id)) or 0


def measure(db: Session, user_id: uuid.UUID) -> Completeness:
    """What ``user_id``'s profile has; an absent profile is 0 % with the first step."""
    profile = db.scalars(select(UserProfile).where(UserProfile.user_id == user_id)).one_or_none()
    present = {
        "headline": bool(profile and profile.headline),
        "summary": bool(profile and profile.summary),
        "desired_roles": bool(profile and profile.desired_roles),
        "location": bool(profile and profile.location),
        "desired_salary": bool(profile and profile.desired_salary_range),
        "link": bool(profile and any(getattr(profile, column) for column in LINK_COLUMNS)),
        "experience": _count(db, Experience, user_id) > 0,
        "skills": _count(db, UserSkill, user_id) >= SKILLS_WANTED,
        "education": _count(db, Education, user_id) > 0,
        "certification": _count(db, Certification, user_id) > 0,
    }
    percent = percent_of({key for key, has in present.items() if has})
    missing = sorted((part for part in PARTS if not present[part.key]), key=lambda part: -part.weight)
    return Completeness(
        percent=percent,
        next_step=missing[0].advice if missing else DONE_ADVICE,
        missing=tuple(part.key for part in missing),
    )


def refresh(db: Session, user_id: uuid.UUID) -> Completeness:
    """Measure and store the figure on the profile row (when there is one)."""
    result = measure(db, user_id)
    profile = db.scalars(select(UserProfile).where(UserProfile.user_id == user_id)).one_or_none()
    if profile is not None and profile.profile_completeness != result.percent:
        profile.profile_completeness = result.percent
        db.flush()
    return result
