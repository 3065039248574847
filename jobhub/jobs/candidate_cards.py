"""A candidate as the board and the list show them: a plain card built from a page of applications.

One call turns a page of ``job_applications`` rows into cards with three batched reads (names
from auth, headline and skills from profiles, each member's ratings from the pipeline's own
table), never one query per card. The card holds only what every team member of the job's
company may see; notes never appear on it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.people import people_by_id
from jobhub.auth.principal import Principal
from jobhub.jobs.application_models import ApplicationRating
from jobhub.jobs.application_rules import STAGE_LABELS, TEAM_MOVES
from jobhub.jobs.models import ApplicationStatus, Job, JobApplication
from jobhub.profiles.applicant_cards import applicant_cards

QUIET_AFTER_DAYS: Final = 3
"""An untouched application older than this says "no response for N days" on its card."""
UNKNOWN_NAME: Final = "Former user"


@dataclass(frozen=True)
class CandidateCard:
    """One application on the board: ``moves`` are the stages a plain move may take it to."""

    id: str
    name: str
    headline: str
    stage: str
    stage_label: str
    applied_label: str
    rating: str
    rating_count: int
    skills_label: str
    matched_skills: tuple[str, ...]
    waiting_label: str
    moves: tuple[str, ...]


def applied_label(applied_at: datetime, now: datetime) -> str:
    days = (now - applied_at).days
    if days <= 0:
        return "Applied today"
    if days == 1:
        return "Applied yesterday"
    return f"Applied {days} days ago"


def waiting_label(application: JobApplication, now: datetime) -> str:
    """ "No response for N days" while the team has not acted on an applied candidate."""
    if application.status != ApplicationStatus.APPLIED or application.first_response_at is not None:
        return ""
    days = (now - application.applied_at).days
    return f"No response for {days} days" if days >= QUIET_AFTER_DAYS else ""


def team_moves(stage: str) -> tuple[str, ...]:
    """The stages a plain move goes to from ``stage``, in board order (offers have their own form)."""
    allowed = TEAM_MOVES[ApplicationStatus(stage)]
    return tuple(target.value for target in STAGE_LABELS if target in allowed)


def mean_ratings(db: Session, application_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[float, int]]:
    """The exact mean and count of the team's ratings of each application that has any."""
    if not application_ids:
        return {}
    rows = db.execute(
        select(ApplicationRating.application_id, func.avg(ApplicationRating.rating), func.count())
        .where(ApplicationRating.application_id.in_(application_ids))
        .group_by(ApplicationRating.application_id)
    ).all()
    return {row[0]: (float(row[1]), int(row[2])) for row in rows}


def rating_text(mean: float | None) -> str:
    return f"{mean:.1f}" if mean is not None else ""


def candidate_cards(
    db: Session,
    who: Principal,
    job: Job,
    applications: Sequence[JobApplication],
    skill_names: dict[uuid.UUID, str],
    now: datetime,
) -> list[CandidateCard]:
    """Cards for ``applications`` of ``job`` (the caller checked ``who`` may see its applicants)."""
    people = people_by_id(db, [a.applicant_id for a in applications])
    profiles = applicant_cards(db, who, [a.applicant_id for a in applications], shared_by_application=True)
    ratings = mean_ratings(db, [a.id for a in applications])
    required = list(job.required_skills or [])
    cards = []
    for application in applications:
        person = people.get(application.applicant_id)
        profile = profiles.get(application.applicant_id)
        matched = [
            skill_names[s] for s in required if profile and s in profile.skill_ids and s in skill_names
        ]
        mean, count = ratings.get(application.id, (None, 0))
        cards.append(
            CandidateCard(
                id=str(application.id),
                name=person.display_name if person else UNKNOWN_NAME,
                headline=profile.headline if profile else "",
                stage=application.status,
                stage_label=STAGE_LABELS[application.status],
                applied_label=applied_label(application.applied_at, now),
                rating=rating_text(mean),
                rating_count=count,
                skills_label=f"{len(matched)} of {len(required)} required skills" if required else "",
                matched_skills=tuple(matched),
                waiting_label=waiting_label(application, now),
                moves=team_moves(application.status),
            )
        )
    return cards
