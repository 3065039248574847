"""Saved jobs: a job seeker's bookmarks, with private notes, tags and a reminder date.

Only job seekers save jobs (a kind of account, not a permission: admins hold ``jobs:apply``
but have nothing to bookmark). Every read and change starts from ``readable(principal)``, the
principal's own rows, so a saved id from another account is ``NotFound`` exactly like one
that never existed. Saving is idempotent and only open postings can be saved; a saved job
whose posting later closes stays listed, marked as no longer open, because the seeker's
notes about it are still theirs. ``jobs.save_count`` moves only when a row is really
inserted or deleted, so double clicks and concurrent tabs never skew it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Row, Select, any_, delete, func, not_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session

from jobhub.auth.authorization import require_user_type
from jobhub.auth.models import UserType
from jobhub.auth.principal import Principal
from jobhub.jobs.models import SCHEMA, Job, SavedJob
from jobhub.jobs.search import JobHit, job_hits
from jobhub.jobs.service import open_job_filter
from jobhub.platform.errors import Invalid, NotFound
from jobhub.platform.event_types import JOB_SAVED
from jobhub.platform.events import emit

NOTES_MAX = 2000
TAGS_MAX = 10
TAG_LENGTH_MAX = 50
PAGE_SIZE = 20
NO_LONGER_OPEN = "No longer open"
NOT_FOUND_MESSAGE = "That saved job does not exist."
NOT_OPEN_MESSAGE = "This job is not open any more, so it cannot be saved."


class SavedStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    ALL = "all"


class SavedSort(StrEnum):
    SAVED = "saved"
    POSTED = "posted"
    REMINDER = "reminder"


@dataclass(frozen=True)
class SavedJobView:
    """One saved job as the /saved page shows it: plain values, safe for Reflex state.

    ``job`` is the search's ``JobHit``, so the shared job card renders it as it does a result.
    """

    id: str
    job_id: str
    job: JobHit
    is_open: bool
    status_label: str
    notes: str
    tags: list[str]
    reminder_date: str
    saved_at: str


@dataclass(frozen=True)
class SavedJobPage:
    items: list[SavedJobView]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class SavedJobSnapshot:
    """What ``unsave_job`` removed, so an undo puts back the notes and tags, not just the bookmark."""

    job_id: uuid.UUID
    notes: str | None
    tags: list[str] | None
    reminder_date: date | None
    created_at: datetime


def _seeker(principal: Principal | None) -> Principal:
    return require_user_type(principal, UserType.JOB_SEEKER)


def readable(principal: Principal | None) -> Select[tuple[SavedJob]]:
    """The principal's own saved jobs: where every read and change starts."""
    who = _seeker(principal)
    return select(SavedJob).where(SavedJob.user_id == who.user_id)


def _owned(db: Session, principal: Principal | None, saved_id: uuid.UUID) -> SavedJob:
    row = db.execute(readable(principal).where(SavedJob.id == saved_id)).scalar_one_or_none()
    if row is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return row


def _change_save_count(db: Session, job_id: uuid.UUID, delta: int) -> None:
    db.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(save_count=func.greatest(Job.save_count + delta, 0))
        .execution_options(synchronize_session=False)
    )


def _insert(db: Session, values: dict[str, Any]) -> uuid.UUID | None:
    """The new row's id, or ``None`` when the job was already saved (a concurrent save included)."""
    statement = (
        insert(SavedJob)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["user_id", "job_id"])
        .returning(SavedJob.id)
    )
    return db.execute(statement).scalar_one_or_none()


def _saved_id_of(db: Session, who: Principal, job_id: uuid.UUID) -> uuid.UUID | None:
    return db.execute(
        select(SavedJob.id).where(SavedJob.user_id == who.user_id, SavedJob.job_id == job_id)
    ).scalar_one_or_none()


def save_job(
    db: Session, principal: Principal | None, job_id: uuid.UUID, *, now: datetime | None = None
) -> str:
    """Bookmark an open job; saving it again changes nothing. Returns the saved id.

    ``job.saved`` carries the job's employer and company so the relay counts it in
    ``job_analytics`` for the employer's dashboard.
    """
    who = _seeker(principal)
    existing = _saved_id_of(db, who, job_id)
    if existing is not None:
        return str(existing)
    job = db.execute(
        select(Job).where(Job.id == job_id, open_job_filter(now or datetime.now(UTC)))
    ).scalar_one_or_none()
    if job is None:
        raise NotFound(NOT_OPEN_MESSAGE)
    saved_id = _insert(db, {"user_id": who.user_id, "job_id": job_id})
    if saved_id is None:
        return str(_saved_id_of(db, who, job_id))
    _change_save_count(db, job_id, 1)
    emit(
        db,
        SCHEMA,
        "job",
        job.id,
        JOB_SAVED,
        {
            "job_id": str(job.id),
            "employer_id": str(job.employer_id),
            "company_id": str(job.company_id) if job.company_id else None,
        },
        user_id=who.user_id,
    )
    return str(saved_id)


def unsave_job(db: Session, principal: Principal | None, job_id: uuid.UUID) -> SavedJobSnapshot | None:
    """Remove the principal's bookmark of ``job_id``; ``None`` when there was none (nothing changes)."""
    who = _seeker(principal)
    removed = db.execute(
        delete(SavedJob)
        .where(SavedJob.user_id == who.user_id, SavedJob.job_id == job_id)
        .returning(SavedJob.notes, SavedJob.tags, SavedJob.reminder_date, SavedJob.created_at)
    ).one_or_none()
    if removed is None:
        return None
    _change_save_count(db, job_id, -1)
    return SavedJobSnapshot(
        job_id=job_id,
        notes=removed.notes,
        tags=removed.tags,
        reminder_date=removed.reminder_date,
        created_at=removed.created_at,
    )


def restore_saved_job(db: Session, principal: Principal | None, snapshot: SavedJobSnapshot) -> str | None:
    """Undo an unsave: the bookmark comes back with its notes, tags, reminder and place in the list.

    Unlike ``save_job`` this accepts a job that closed meanwhile (it was the seeker's a moment
    ago) and emits nothing: the first save was already counted. ``None`` when the job is gone.
    """
    who = _seeker(principal)
    exists = db.execute(select(Job.id).where(Job.id == snapshot.job_id)).scalar_one_or_none()
    if exists is None:
        return None
    saved_id = _insert(
        db,
        {
            "user_id": who.user_id,
            "job_id": snapshot.job_id,
            "notes": snapshot.notes,
            "tags": snapshot.tags,
            "reminder_date": snapshot.reminder_date,
            "created_at": snapshot.created_at,
        },
    )
    if saved_id is None:
        return str(_saved_id_of(db, who, snapshot.job_id))
    _change_save_count(db, snapshot.job_id, 1)
    return str(saved_id)


def saved_job_ids(db: Session, user_id: uuid.UUID, job_ids: list[uuid.UUID]) -> set[str]:
    """Which of ``job_ids`` this user has saved, as text: the saved state of a page of cards."""
    if not job_ids:
        return set()
    rows = db.execute(
        select(SavedJob.job_id).where(SavedJob.user_id == user_id, SavedJob.job_id.in_(job_ids))
    ).scalars()
    return {str(job_id) for job_id in rows}


def clean_notes(notes: str | None) -> str | None:
    text = (notes or "").strip()
    if len(text) > NOTES_MAX:
        raise Invalid("notes", f"Notes can be at most {NOTES_MAX:,} characters.")
    return text or None


def clean_tags(tags: list[str] | None) -> list[str] | None:
    """Lower case, inner spaces collapsed, duplicates dropped, order kept."""
    cleaned = list(dict.fromkeys(" ".join(tag.split()).lower() for tag in tags or () if tag.strip()))
    if len(cleaned) > TAGS_MAX:
        raise Invalid("tags", f"Use at most {TAGS_MAX} tags.")
    if any(len(tag) > TAG_LENGTH_MAX for tag in cleaned):
        raise Invalid("tags", f"A tag can be at most {TAG_LENGTH_MAX} characters.")
    return cleaned or None


def check_reminder(reminder_date: date | None, today: date) -> date | None:
    if reminder_date is not None and reminder_date < today:
        raise Invalid("reminder_date", "Pick today or a later day for the reminder.")
    return reminder_date


def update_saved_job(
    db: Session,
    principal: Principal | None,
    saved_id: uuid.UUID,
    notes: str | None,
    tags: list[str] | None,
    reminder_date: date | None,
    *,
    now: datetime | None = None,
) -> SavedJobView:
    """Replace the notes, tags and reminder of one of the principal's saved jobs.

    A reminder moved to another day fires again on that day, even if an earlier one was sent.
    """
    moment = now or datetime.now(UTC)
    row = _owned(db, principal, saved_id)
    cleaned_notes, cleaned_tags = clean_notes(notes), clean_tags(tags)
    reminder = check_reminder(reminder_date, moment.date())
    if reminder != row.reminder_date:
        row.reminded_at = None
    row.notes, row.tags, row.reminder_date = cleaned_notes, cleaned_tags, reminder
    db.add(row)
    db.flush()
    return _views(
        db, db.execute(_with_job(readable(principal), moment).where(SavedJob.id == row.id)).all(), moment
    )[0]


def _with_job(query: Select[tuple[SavedJob]], now: datetime) -> Select[tuple[SavedJob, Job, bool]]:
    return query.add_columns(Job, open_job_filter(now).label("open_now")).join(Job, Job.id == SavedJob.job_id)


def _views(db: Session, rows: Sequence[Row[tuple[SavedJob, Job, bool]]], now: datetime) -> list[SavedJobView]:
    hits = {hit.id: hit for hit in job_hits(db, [job.id for _, job, _ in rows], now)}
    return [
        SavedJobView(
            id=str(row.id),
            job_id=str(job.id),
            job=hits[str(job.id)],
            is_open=open_now,
            status_label="" if open_now else NO_LONGER_OPEN,
            notes=row.notes or "",
            tags=list(row.tags or []),
            reminder_date=row.reminder_date.isoformat() if row.reminder_date else "",
            saved_at=f"Saved {row.created_at:%d %b %Y}",
        )
        for row, job, open_now in rows
    ]


_ORDER = {
    SavedSort.SAVED: (SavedJob.created_at.desc(), SavedJob.id),
    SavedSort.POSTED: (Job.published_at.desc().nulls_last(), SavedJob.created_at.desc(), SavedJob.id),
    SavedSort.REMINDER: (SavedJob.reminder_date.asc().nulls_last(), SavedJob.created_at.desc(), SavedJob.id),
}


def list_saved_jobs(
    db: Session,
    principal: Principal | None,
    *,
    tag: str = "",
    status: str = SavedStatus.ALL,
    sort: str = SavedSort.SAVED,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    now: datetime | None = None,
) -> SavedJobPage:
    """One page of the principal's saved jobs; unknown filter or sort values fall back to the defaults."""
    moment = now or datetime.now(UTC)
    query = _with_job(readable(principal), moment)
    wanted_tag = " ".join(tag.split()).lower()
    if wanted_tag:
        query = query.where(wanted_tag == any_(SavedJob.tags))
    if status == SavedStatus.OPEN:
        query = query.where(open_job_filter(moment))
    elif status == SavedStatus.CLOSED:
        query = query.where(not_(open_job_filter(moment)))
    total = db.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    pages = max(1, -(-total // page_size))
    current = min(max(1, page), pages)
    order = _ORDER.get(sort, _ORDER[SavedSort.SAVED])
    rows = db.execute(query.order_by(*order).offset((current - 1) * page_size).limit(page_size)).all()
    items = _views(db, rows, moment)
    return SavedJobPage(items=items, total=total, page=current, pages=pages)


def saved_tags(db: Session, principal: Principal | None) -> list[str]:
    """Every tag the principal uses, alphabetically: the choices of the tag filter."""
    who = _seeker(principal)
    tag = func.unnest(SavedJob.tags).label("tag")
    inner = select(tag).where(SavedJob.user_id == who.user_id).subquery()
    return list(db.execute(select(inner.c.tag).distinct().order_by(inner.c.tag)).scalars())
