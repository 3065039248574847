"""Postings that reach their expiry: warned three days before, then closed as expired.

The worker runs :func:`run_expiry` every quarter of an hour. One transaction closes every
published posting whose ``expires_at`` has passed (status ``expired``, ``closed_at`` at the
moment it stopped being open, ``job.expired``, an in-app note to the poster) and marks each
posting that expires within ``WARN_BEFORE`` with ``expiry_warned_at`` (``job.expiry_warned``,
an in-app note and a ``job_expiring`` mail), so each poster is told once; a new expiry clears
the mark. Rows are locked with ``SKIP LOCKED``, so two workers never handle one posting.

**Commit, then mail**, as the alert digests do: a mail cannot be rolled back, so it goes out
only once the warning is recorded. A mail the server refuses is logged and not retried; the
in-app note was already written in the same transaction as the mark.

Search needs no extra step: it filters on ``expires_at`` itself, so an expired posting left
results at its expiry whether or not this worker has run.
"""

from __future__ import annotations

import logging
import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, select
from sqlmodel import Session

from jobhub.auth.recipients import mail_recipients
from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.posting_rules import EVENTS, PostingAction, expiry_day, next_status
from jobhub.jobs.posting_scope import edit_path, emit_job_event
from jobhub.notifications.service import notify, wants_email
from jobhub.platform import mail
from jobhub.platform.db import session_scope
from jobhub.platform.event_types import JOB_EXPIRY_WARNED
from jobhub.platform.mail import MailError, Message
from jobhub.platform.tasks import app
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

log = logging.getLogger(__name__)

EXPIRY_CRON: Final = "*/15 * * * *"
WARN_BEFORE: Final = timedelta(days=3)
BATCH_SIZE: Final = 500
EXPIRED_NOTE: Final = "job.expired"
EXPIRING_NOTE: Final = "job.expiring"
TEMPLATE: Final = "job_expiring"
FALLBACK_SUBJECT: Final = 'Your posting "{job_title}" expires in {days_left} days'
FALLBACK_TEXT: Final = (
    "Hi {first_name},\n\nYour posting {job_title} expires on {expires_on}. Extend it to keep "
    "receiving applications, or close it to tell applicants the role is filled.\n\n"
    "Manage the posting: {job_url}\n\n— The JobHub team\n\n"
    "You can change which e-mails you get at {preferences_url}."
)


@dataclass(frozen=True)
class ExpiryRun:
    """What one run did: the postings it closed and warned, and the mails to send after commit."""

    expired: tuple[uuid.UUID, ...]
    warned: tuple[uuid.UUID, ...]
    mails: tuple[Message, ...]


def _site(path: str) -> str:
    return f"{get_settings().public_url.rstrip('/')}{path}"


def _published() -> ColumnElement[bool]:
    return (Job.status == JobStatus.PUBLISHED) & Job.deleted_at.is_(None)


def _locked_batch(db: Session, condition: ColumnElement[bool]) -> list[Job]:
    return list(
        db.scalars(
            select(Job)
            .where(_published(), condition)
            .order_by(Job.expires_at, Job.id)
            .limit(BATCH_SIZE)
            .with_for_update(skip_locked=True)
        )
    )


def _expire(db: Session, job: Job) -> None:
    job.status = next_status(job.status, PostingAction.EXPIRE)
    job.closed_at = job.expires_at
    db.add(job)
    emit_job_event(db, job, EVENTS[PostingAction.EXPIRE], None, previous_status=JobStatus.PUBLISHED)
    notify(
        db,
        job.employer_id,
        EXPIRED_NOTE,
        f"\u201c{job.title}\u201d expired",
        "It no longer takes applications. Reopen it with a new expiry date if the role is still open.",
        edit_path(job.id),
    )


def expire_due(db: Session, now: datetime) -> list[uuid.UUID]:
    """Close every published posting whose expiry has passed; their ids."""
    done: list[uuid.UUID] = []
    while True:
        batch = _locked_batch(db, Job.expires_at <= now)
        for job in batch:
            _expire(db, job)
            done.append(job.id)
        db.flush()
        if len(batch) < BATCH_SIZE:
            return done


def _days_left(job: Job, now: datetime) -> int:
    assert job.expires_at is not None
    return max(1, math.ceil((job.expires_at - now) / timedelta(days=1)))


def _warning_mail(db: Session, job: Job, now: datetime) -> Message | None:
    recipient = mail_recipients(db, [job.employer_id]).get(job.employer_id)
    if recipient is None or job.expires_at is None or not wants_email(db, job.employer_id):
        return None
    return mail.from_template(
        db,
        TEMPLATE,
        recipient.email,
        {
            "first_name": recipient.first_name,
            "job_title": job.title,
            "days_left": _days_left(job, now),
            "expires_on": f"{expiry_day(job.expires_at):%d %B %Y}",
            "job_url": _site(edit_path(job.id)),
            "preferences_url": _site(nav.SETTINGS_ACCOUNT),
        },
        fallback_subject=FALLBACK_SUBJECT,
        fallback_text=FALLBACK_TEXT,
    )


def _warn(db: Session, job: Job, now: datetime) -> Message | None:
    job.expiry_warned_at = now
    db.add(job)
    emit_job_event(
        db, job, JOB_EXPIRY_WARNED, None, expires_at=job.expires_at.isoformat() if job.expires_at else None
    )
    notify(
        db,
        job.employer_id,
        EXPIRING_NOTE,
        f"\u201c{job.title}\u201d expires in {_days_left(job, now)} days",
        "Extend the posting or close it.",
        edit_path(job.id),
    )
    return _warning_mail(db, job, now)


def warn_expiring(db: Session, now: datetime) -> tuple[list[uuid.UUID], list[Message]]:
    """Mark and tell the poster of each posting expiring within ``WARN_BEFORE`` not yet warned."""
    warned: list[uuid.UUID] = []
    mails: list[Message] = []
    soon = (Job.expires_at > now) & (Job.expires_at <= now + WARN_BEFORE) & Job.expiry_warned_at.is_(None)
    while True:
        batch = _locked_batch(db, soon)
        for job in batch:
            message = _warn(db, job, now)
            warned.append(job.id)
            if message is not None:
                mails.append(message)
        db.flush()
        if len(batch) < BATCH_SIZE:
            return warned, mails


def run_expiry(db: Session, now: datetime) -> ExpiryRun:
    """Expire, warn, commit, then mail: the worker's whole run (tests pass their own ``now``)."""
    expired = expire_due(db, now)
    warned, mails = warn_expiring(db, now)
    db.commit()
    for message in mails:
        try:
            mail.send(message)
        except MailError:
            log.exception("the expiry warning to %s could not be sent", message.to)
    return ExpiryRun(tuple(expired), tuple(warned), tuple(mails))


@app.periodic(cron=EXPIRY_CRON)
@app.task(name="expire_job_postings", queueing_lock="expire_job_postings", pass_context=False)
def expire_job_postings(timestamp: int) -> int:
    """The scheduled run as of its minute; returns how many postings expired."""
    with session_scope() as db:
        return len(run_expiry(db, datetime.fromtimestamp(timestamp, UTC)).expired)
