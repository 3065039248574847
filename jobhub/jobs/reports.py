"""Seekers flag a posting (scam, spam, discrimination...) for moderation.

A report is a ``job.reported`` domain event: moderation (a later issue) queues from the
outbox, and the event log already answers "has this user reported this job?" through its
index on the aggregate, so no table is added before moderation designs its own. An advisory
lock per (job, user) keeps two quick clicks from filing two reports.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.jobs.models import SCHEMA, DomainEvent, Job
from jobhub.jobs.service import open_job_filter
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.platform.event_types import JOB_REPORTED
from jobhub.platform.events import emit

REPORT_REASONS: Final[dict[str, str]] = {
    "scam": "Scam or asks for money",
    "misleading": "Misleading pay, title or location",
    "discriminatory": "Discriminatory",
    "offensive": "Offensive content",
    "spam": "Spam or duplicate",
    "no_longer_available": "Job no longer available",
    "other": "Something else",
}
"""Reason value -> what the report form shows."""
DETAILS_MAX: Final = 1000
ALREADY_REPORTED: Final = "You have already reported this job. Thank you: moderators will look at it."


def _clean_details(reason: str, details: str | None) -> str:
    if reason not in REPORT_REASONS:
        raise Invalid("reason", "Choose a reason from the list.")
    text = (details or "").strip()
    if len(text) > DETAILS_MAX:
        raise Invalid("details", f"Please keep the details under {DETAILS_MAX:,} characters.")
    if reason == "other" and not text:
        raise Invalid("details", "Tell us briefly what is wrong with this job.")
    return text


def has_reported(db: Session, job_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    return (
        db.execute(
            select(DomainEvent.id).where(
                DomainEvent.aggregate_id == job_id,
                DomainEvent.aggregate_type == "job",
                DomainEvent.event_type == JOB_REPORTED,
                DomainEvent.user_id == user_id,
            )
        ).first()
        is not None
    )


def report_job(
    db: Session,
    principal: Principal | None,
    job_id: uuid.UUID,
    reason: str,
    details: str | None,
    *,
    now: datetime | None = None,
) -> None:
    """File a report on an open job; one per user per job (``Conflict`` for the second)."""
    if principal is None:
        raise SignInRequired()
    text = _clean_details(reason, details)
    moment = now or datetime.now(UTC)
    job = db.execute(
        select(Job.employer_id, Job.company_id).where(Job.id == job_id, open_job_filter(moment))
    ).first()
    if job is None:
        raise NotFound("This job is no longer open.")
    db.execute(
        select(
            func.pg_advisory_xact_lock(func.hashtextextended(f"job-report:{job_id}:{principal.user_id}", 0))
        )
    )
    if has_reported(db, job_id, principal.user_id):
        raise Conflict(ALREADY_REPORTED)
    emit(
        db,
        SCHEMA,
        "job",
        job_id,
        JOB_REPORTED,
        {
            "job_id": str(job_id),
            "employer_id": str(job.employer_id),
            "company_id": str(job.company_id) if job.company_id else None,
            "reason": reason,
            "details": text,
        },
        user_id=principal.user_id,
    )
