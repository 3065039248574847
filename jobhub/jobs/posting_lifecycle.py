"""A posting's status changes: publish, pause, close, reopen, and closing many at once.

Each step is looked up in ``posting_rules.TRANSITIONS`` on the locked row, so a step the
table does not have is a ``Conflict`` whatever the browser sent, and two tabs cannot both
apply one. Going public (publish, resume, reopen) checks what a public posting must say
(its pay above all), sets ``published_at`` the first time, gives the posting its expiry and
clears ``closed_at``; it also holds back a near-duplicate of an open job of the same company
until the person confirms (``PossibleDuplicate``). Closing sets ``closed_at``, the end of
"days open". Every step emits its event and refreshes the search fields: search reads the
row itself, so the change shows in results when the transaction commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.companies.team_access import TeamAction
from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.posting_duplicates import PossibleDuplicate, find_duplicate
from jobhub.jobs.posting_form import PostingInvalid
from jobhub.jobs.posting_rules import (
    EVENTS,
    Dates,
    PostingAction,
    date_problems,
    expiry_on_publish,
    listing_problems,
    next_status,
)
from jobhub.jobs.posting_scope import NO_SUCH_JOB, PostingView, emit_job_event, posting_in_scope, posting_view
from jobhub.jobs.search_document import refresh_search_fields
from jobhub.platform.errors import DomainError, Invalid

BULK_MAX: Final = 100


def _go_public(db: Session, job: Job, now: datetime, confirm_duplicate: bool) -> None:
    dates = Dates(
        job.application_deadline, job.expires_at if job.expires_at and job.expires_at > now else None
    )
    problems = listing_problems(job) | date_problems(dates, now, check_deadline=True, check_expiry=True)
    if problems:
        raise PostingInvalid(problems)
    if not confirm_duplicate:
        duplicate = find_duplicate(db, job, now)
        if duplicate is not None:
            raise PossibleDuplicate(duplicate)
    expires_at = expiry_on_publish(dates, now)
    if expires_at != job.expires_at:
        job.expiry_warned_at = None
    job.published_at = job.published_at or now
    job.expires_at, job.closed_at = expires_at, None


def change_status(
    db: Session,
    who: Principal | None,
    job_id: uuid.UUID,
    action: PostingAction,
    *,
    confirm_duplicate: bool = False,
    now: datetime | None = None,
) -> PostingView:
    """Apply one step of the lifecycle table to the posting, as ``who``."""
    moment = now or datetime.now(UTC)
    job, member = posting_in_scope(db, who, job_id, TeamAction.POST_JOBS, lock=True)
    target = next_status(job.status, action)
    if target == JobStatus.PUBLISHED:
        _go_public(db, job, moment, confirm_duplicate)
    elif target == JobStatus.CLOSED:
        job.closed_at = moment
    previous, job.status = job.status, target
    refresh_search_fields(db, job)
    db.add(job)
    db.flush()
    emit_job_event(db, job, EVENTS[action], member.user_id, previous_status=previous)
    return posting_view(job, moment)


def publish(
    db: Session,
    who: Principal | None,
    job_id: uuid.UUID,
    *,
    confirm_duplicate: bool = False,
    now: datetime | None = None,
) -> PostingView:
    """Make a draft public, or resume a paused posting. A salary range is required.

    ``PostingInvalid`` names each missing piece; ``PossibleDuplicate`` (a ``Conflict``) carries
    the open job it resembles, and nothing changes until it is called with ``confirm_duplicate``.
    """
    return change_status(db, who, job_id, PostingAction.PUBLISH, confirm_duplicate=confirm_duplicate, now=now)


def pause(
    db: Session, who: Principal | None, job_id: uuid.UUID, *, now: datetime | None = None
) -> PostingView:
    """Take a published posting out of search for a while; its applications stay."""
    return change_status(db, who, job_id, PostingAction.PAUSE, now=now)


def close(
    db: Session, who: Principal | None, job_id: uuid.UUID, *, now: datetime | None = None
) -> PostingView:
    """Stop taking applications: the role is filled or no longer open."""
    return change_status(db, who, job_id, PostingAction.CLOSE, now=now)


def reopen(
    db: Session,
    who: Principal | None,
    job_id: uuid.UUID,
    *,
    confirm_duplicate: bool = False,
    now: datetime | None = None,
) -> PostingView:
    """Publish a closed or expired posting again; one whose expiry has passed gets a new one."""
    return change_status(db, who, job_id, PostingAction.REOPEN, confirm_duplicate=confirm_duplicate, now=now)


@dataclass(frozen=True)
class RefusedJob:
    """A posting bulk close left as it was, and why (in words safe to show)."""

    id: str
    reason: str


@dataclass(frozen=True)
class BulkCloseReport:
    closed: tuple[str, ...]
    refused: tuple[RefusedJob, ...]


def _job_id(value: uuid.UUID | str) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None


def bulk_close(
    db: Session, who: Principal | None, job_ids: Sequence[uuid.UUID | str], *, now: datetime | None = None
) -> BulkCloseReport:
    """Close each posting ``who`` may close; the others are reported, untouched, with the reason.

    Each id is checked on its own (its company, the member's role, its status), so a list that
    mixes the company's jobs with another company's closes only the former and says nothing
    about the latter but "does not exist or is not one of your company's".
    """
    if who is None:
        raise SignInRequired()
    wanted = list(dict.fromkeys(str(value) for value in job_ids))
    if len(wanted) > BULK_MAX:
        raise Invalid("job_ids", f"Close at most {BULK_MAX} jobs at once.")
    moment = now or datetime.now(UTC)
    closed: list[str] = []
    refused: list[RefusedJob] = []
    for value in wanted:
        job_id = _job_id(value)
        if job_id is None:
            refused.append(RefusedJob(value, NO_SUCH_JOB))
            continue
        try:
            close(db, who, job_id, now=moment)
        except DomainError as exc:
            refused.append(RefusedJob(value, exc.message))
        else:
            closed.append(value)
    return BulkCloseReport(tuple(closed), tuple(refused))
