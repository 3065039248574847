"""Which postings an employer may touch, and the plain view of one: what every posting service shares.

A posting belongs to the company stored on its row; the browser only ever names a job id.
:func:`posting_in_scope` loads the row, then asks ``team_access.require_team`` about *that*
company. A job of another company and a job that does not exist give the same ``NotFound``
with the same words, so job ids cannot be probed; a team member whose role may not do the
action gets ``Forbidden``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.companies.team_access import Membership, TeamAction, require_team
from jobhub.jobs.models import SCHEMA, Job
from jobhub.jobs.posting_rules import STATUS_LABELS, allowed_actions
from jobhub.jobs.service import is_open
from jobhub.platform.errors import NotFound
from jobhub.platform.events import emit
from jobhub.ui import navigation as nav

NO_SUCH_JOB: Final = "That job does not exist or is not one of your company's."
AGGREGATE: Final = "job"


def edit_path(job_id: uuid.UUID | str) -> str:
    return f"{nav.EMPLOYER_JOBS}/{job_id}"


def public_path(slug: str) -> str:
    return f"{nav.JOBS}/{slug}"


def posting_in_scope(
    db: Session, who: Principal | None, job_id: uuid.UUID, action: TeamAction, *, lock: bool = False
) -> tuple[Job, Membership]:
    """The posting ``job_id`` and the acting member, when ``who`` may do ``action`` to its company.

    ``lock`` takes the row ``FOR UPDATE``: two tabs changing one posting's status run one
    after the other, and the second sees the first one's result.
    """
    if who is None:
        raise SignInRequired()
    query = select(Job).where(Job.id == job_id, Job.deleted_at.is_(None))
    job = db.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if job is None or job.company_id is None:
        raise NotFound(NO_SUCH_JOB)
    try:
        member = require_team(db, who, job.company_id, action)
    except NotFound:
        raise NotFound(NO_SUCH_JOB) from None
    return job, member


def emit_job_event(db: Session, job: Job, event_type: str, who: uuid.UUID | None, **extra: Any) -> None:
    """A posting's domain event; ``employer_id`` and ``company_id`` let analytics count it per employer."""
    data = {
        "job_id": str(job.id),
        "employer_id": str(job.employer_id),
        "company_id": str(job.company_id) if job.company_id else None,
        "title": job.title,
        "status": job.status,
        **extra,
    }
    emit(db, SCHEMA, AGGREGATE, job.id, event_type, data, user_id=who)


@dataclass(frozen=True)
class PostingView:
    """One posting as the employer's pages show it; ``actions`` are the lifecycle steps open to it."""

    id: str
    slug: str
    title: str
    status: str
    status_label: str
    company_id: str
    is_open: bool
    published_at: str
    expires_at: str
    closed_at: str
    actions: tuple[str, ...]
    edit_path: str
    public_path: str


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


def posting_view(job: Job, now: datetime) -> PostingView:
    open_now = is_open(job, now)
    return PostingView(
        id=str(job.id),
        slug=job.slug,
        title=job.title,
        status=job.status,
        status_label=STATUS_LABELS[job.status],
        company_id=str(job.company_id or ""),
        is_open=open_now,
        published_at=_iso(job.published_at),
        expires_at=_iso(job.expires_at),
        closed_at=_iso(job.closed_at),
        actions=tuple(action.value for action in allowed_actions(job.status)),
        edit_path=edit_path(job.id),
        public_path=public_path(job.slug) if open_now else "",
    )
