"""What a hiring team's pipeline shows of many applicants at once: headline and skills, in two queries.

The board shows up to a page of cards per stage, so it asks for every card's profile in one
call rather than one per card. Each card obeys :mod:`visibility`: the caller (the jobs
pipeline) has checked that the viewer is on the team of a company the applicants applied to
and says so with ``shared_by_application``; a private profile then shows nothing but what the
application itself carries. Skills a hidden profile holds are never matched by a filter either.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.profiles.models import ProfileVisibility, Resume, Skill, UserProfile, UserSkill
from jobhub.profiles.visibility import ALLOWED, Relation, relations

NOBODY = uuid.UUID(int=0)


@dataclass(frozen=True)
class ApplicantCard:
    """One applicant's profile as a card: ``visible`` is false for a profile they keep private."""

    user_id: uuid.UUID
    visible: bool
    headline: str
    skill_ids: frozenset[uuid.UUID]


def _viewer_relations(db: Session, who: Principal, shared_by_application: bool) -> frozenset[Relation]:
    """The viewer's ties that hold for every applicant (owner and connection are per person,
    and neither opens a private profile to anyone but its owner)."""
    return relations(db, who, NOBODY, shared_by_application=shared_by_application) - {Relation.ANONYMOUS}


def _may(visibility: str, ties: frozenset[Relation], owner: bool) -> bool:
    return owner or bool(ALLOWED[ProfileVisibility(visibility)] & ties)


def applicant_cards(
    db: Session, who: Principal, user_ids: Iterable[uuid.UUID], *, shared_by_application: bool
) -> dict[uuid.UUID, ApplicantCard]:
    """A card for each of ``user_ids`` (an applicant with no profile row gets an empty, visible one)."""
    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return {}
    ties = _viewer_relations(db, who, shared_by_application)
    rows = db.execute(
        select(UserProfile.user_id, UserProfile.headline, UserProfile.profile_visibility).where(
            UserProfile.user_id.in_(ids)
        )
    ).all()
    shown = {
        row.user_id: row.headline or ""
        for row in rows
        if _may(row.profile_visibility, ties, row.user_id == who.user_id)
    }
    hidden = {row.user_id for row in rows} - set(shown)
    skills: dict[uuid.UUID, set[uuid.UUID]] = {}
    visible_ids = [uid for uid in ids if uid not in hidden]
    if visible_ids:
        for user_id, skill_id in db.execute(
            select(UserSkill.user_id, UserSkill.skill_id).where(UserSkill.user_id.in_(visible_ids))
        ):
            skills.setdefault(user_id, set()).add(skill_id)
    return {
        uid: ApplicantCard(uid, uid not in hidden, shown.get(uid, ""), frozenset(skills.get(uid, ())))
        for uid in ids
    }


def applicants_with_skills(
    db: Session,
    who: Principal,
    user_ids: Iterable[uuid.UUID],
    skill_ids: Iterable[uuid.UUID],
    *,
    shared_by_application: bool,
) -> set[uuid.UUID]:
    """Those of ``user_ids`` whose visible profile lists every one of ``skill_ids``."""
    ids, wanted = list(dict.fromkeys(user_ids)), list(dict.fromkeys(skill_ids))
    if not ids or not wanted:
        return set(ids)
    ties = _viewer_relations(db, who, shared_by_application)
    open_to = [v.value for v in ProfileVisibility if ALLOWED[v] & ties]
    rows = db.execute(
        select(UserSkill.user_id)
        .outerjoin(UserProfile, UserProfile.user_id == UserSkill.user_id)
        .where(
            UserSkill.user_id.in_(ids),
            UserSkill.skill_id.in_(wanted),
            or_(
                UserProfile.profile_visibility.is_(None),
                UserProfile.profile_visibility.in_(open_to),
                UserSkill.user_id == who.user_id,
            ),
        )
        .group_by(UserSkill.user_id)
        .having(func.count(func.distinct(UserSkill.skill_id)) == len(wanted))
    ).scalars()
    return set(rows)


def skill_named(db: Session, name: str) -> uuid.UUID | None:
    """The taxonomy skill called ``name`` (case does not matter), for a typed skill filter."""
    text = " ".join(name.split())
    if not text:
        return None
    return db.scalar(select(Skill.id).where(func.lower(Skill.name) == text.lower()).limit(1))


def resume_name(db: Session, resume_id: uuid.UUID | None, owner_id: uuid.UUID) -> str:
    """The file name the applicant uploaded the application's resume under ("" when gone)."""
    if resume_id is None:
        return ""
    name = db.scalar(
        select(Resume.original_file_name).where(Resume.id == resume_id, Resume.user_id == owner_id)
    )
    return name or ""
