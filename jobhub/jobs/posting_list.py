"""The employer's list of a company's postings: status, views, applicants and days open.

Any team member may read it (``TeamAction.VIEW_EMPLOYER``: hiring managers follow their
jobs too); every query is scoped to the one company ``require_team`` admitted, so no filter
or page can reach another company's rows. A published posting whose expiry passed before
the expiry worker ran already shows as expired: the list says what seekers see.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Final

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies.team_access import TeamAction, require_team
from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.posting_rules import STATUS_LABELS, PostingAction, allowed_actions
from jobhub.jobs.posting_scope import edit_path, public_path

PAGE_SIZE: Final = 20
TEXT_MAX: Final = 100
ALL: Final = "all"


class PostingSort(StrEnum):
    NEWEST = "newest"
    TITLE = "title"
    APPLICANTS = "applicants"
    VIEWS = "views"
    EXPIRING = "expiring"


STATUS_FILTERS: Final = (ALL, *(status.value for status in JobStatus))
SORTS: Final = frozenset(sort.value for sort in PostingSort)


@dataclass(frozen=True)
class PostingFilters:
    """What the list shows; unknown values fall back to the defaults."""

    status: str = ALL
    text: str = ""
    sort: str = PostingSort.NEWEST
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass(frozen=True)
class PostingRow:
    id: str
    title: str
    status: str
    status_label: str
    location: str
    views: int
    applicants: int
    days_open: int | None
    days_open_label: str
    created: str
    expires: str
    edit_path: str
    public_path: str
    can_close: bool
    actions: tuple[str, ...]


@dataclass(frozen=True)
class PostingPage:
    rows: list[PostingRow]
    total: int
    page: int
    pages: int
    status_counts: dict[str, int]


def shown_status(now: datetime) -> ColumnElement[str]:
    """The stored status, except a published posting past its expiry, which is already expired."""
    return case(
        (and_(Job.status == JobStatus.PUBLISHED, Job.expires_at <= now), JobStatus.EXPIRED.value),
        else_=Job.status,
    )


def _ended(job: Job, status: str, now: datetime) -> datetime:
    if job.closed_at is not None:
        return job.closed_at
    if status == JobStatus.EXPIRED and job.expires_at is not None:
        return job.expires_at
    return now


def days_open(job: Job, status: str, now: datetime) -> int | None:
    """Whole days from first publishing to closing (or now); ``None`` for a never-published draft."""
    if job.published_at is None:
        return None
    return max(0, (_ended(job, status, now) - job.published_at).days)


def _days_label(days: int | None) -> str:
    if days is None:
        return "Not published"
    return "1 day open" if days == 1 else f"{days} days open"


def _row(job: Job, status: str, now: datetime) -> PostingRow:
    days = days_open(job, status, now)
    return PostingRow(
        id=str(job.id),
        title=job.title,
        status=status,
        status_label=STATUS_LABELS[status],
        location=job.location or ("Remote" if job.is_remote else ""),
        views=job.view_count,
        applicants=job.application_count,
        days_open=days,
        days_open_label=_days_label(days),
        created=f"{job.created_at:%d %b %Y}",
        expires=f"{job.expires_at:%d %b %Y}" if job.expires_at and status != JobStatus.DRAFT else "",
        edit_path=edit_path(job.id),
        public_path=public_path(job.slug) if status == JobStatus.PUBLISHED else "",
        can_close=PostingAction.CLOSE in allowed_actions(job.status),
        actions=tuple(action.value for action in allowed_actions(job.status)),
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_ORDER: Final = {
    PostingSort.NEWEST: (Job.created_at.desc(), Job.id),
    PostingSort.TITLE: (func.lower(Job.title), Job.id),
    PostingSort.APPLICANTS: (Job.application_count.desc(), Job.created_at.desc(), Job.id),
    PostingSort.VIEWS: (Job.view_count.desc(), Job.created_at.desc(), Job.id),
    PostingSort.EXPIRING: (Job.expires_at.asc().nulls_last(), Job.id),
}


def list_company_postings(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    filters: PostingFilters = PostingFilters(),
    *,
    now: datetime | None = None,
) -> PostingPage:
    """One page of the company's postings (deleted drafts never), and how many there are per status."""
    moment = now or datetime.now(UTC)
    require_team(db, who, company_id, TeamAction.VIEW_EMPLOYER)
    status = shown_status(moment)
    scope = and_(Job.company_id == company_id, Job.deleted_at.is_(None))
    counts = {
        row.status: row.count
        for row in db.execute(
            select(status.label("status"), func.count().label("count")).where(scope).group_by(status)
        )
    }
    conditions = [scope]
    if filters.status in STATUS_FILTERS and filters.status != ALL:
        conditions.append(status == filters.status)
    words = " ".join(filters.text.split())[:TEXT_MAX]
    if words:
        pattern = f"%{_escape_like(words)}%"
        conditions.append(
            or_(Job.title.ilike(pattern, escape="\\"), Job.location.ilike(pattern, escape="\\"))
        )
    where = and_(*conditions)
    total = db.execute(select(func.count()).select_from(Job).where(where)).scalar_one()
    size = max(1, filters.page_size)
    pages = max(1, math.ceil(total / size))
    page = min(max(1, filters.page), pages)
    order = _ORDER[PostingSort(filters.sort) if filters.sort in SORTS else PostingSort.NEWEST]
    rows = db.execute(
        select(Job, status.label("shown")).where(where).order_by(*order).offset((page - 1) * size).limit(size)
    ).all()
    return PostingPage(
        rows=[_row(job, shown, moment) for job, shown in rows],
        total=total,
        page=page,
        pages=pages,
        status_counts={key: counts.get(key, 0) for key in STATUS_FILTERS} | {ALL: sum(counts.values())},
    )
