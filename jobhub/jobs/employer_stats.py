"""The job figures of one company's employer home: its open jobs, this week's applicants and views.

Two queries over ``jobs.jobs``, ``jobs.job_views`` and ``jobs.job_applications`` only (the
company is a UUID here, its team asked through ``team_access``): one groups every job of the
company by status with this week's totals, one reads the newest open jobs with their own
figures. "This week" is the seven days up to ``now``; a view is a row of ``job_views`` (one per
viewer per job per hour, as ``views.record_view`` counts them, so it agrees with
``jobs.view_count``), an applicant a row of ``job_applications``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, Subquery, func, select
from sqlmodel import Session, col

from jobhub.auth.principal import Principal
from jobhub.companies.team_access import TeamAction, require_team
from jobhub.jobs.models import Job, JobApplication, JobStatus, JobView
from jobhub.jobs.service import open_job_filter

WEEK: Final = timedelta(days=7)
OPEN_JOBS_SHOWN: Final = 10


@dataclass(frozen=True)
class OpenJobFigures:
    id: str
    title: str
    slug: str
    views: int
    views_this_week: int
    applicants: int
    new_applicants: int
    days_open: int


@dataclass(frozen=True)
class EmployerJobStats:
    """``status_counts`` has every status (zero included); ``open_jobs`` the newest open ones."""

    open_jobs: list[OpenJobFigures]
    open_count: int
    job_count: int
    status_counts: dict[str, int]
    new_applicants_this_week: int
    views_this_week: int


def _per_job(
    job_id: ColumnElement[uuid.UUID],
    at: ColumnElement[datetime],
    company_id: uuid.UUID,
    since: datetime | None,
    name: str,
) -> Subquery:
    """Rows per job of the company (``since`` or later, when given), as ``(job_id, <name>)``."""
    company_jobs = select(Job.id).where(Job.company_id == company_id, Job.deleted_at.is_(None))
    query = select(job_id.label("job_id"), func.count().label(name)).where(job_id.in_(company_jobs))
    if since is not None:
        query = query.where(at >= since)
    return query.group_by(job_id).subquery(name)


def employer_job_stats(
    db: Session, who: Principal | None, company_id: uuid.UUID, *, now: datetime | None = None
) -> EmployerJobStats:
    """The figures of ``company_id`` for any member of its team (``NotFound`` for outsiders)."""
    require_team(db, who, company_id, TeamAction.VIEW_EMPLOYER)
    moment = now or datetime.now(UTC)
    since = moment - WEEK
    views = _per_job(col(JobView.job_id), col(JobView.viewed_at), company_id, since, "views_week")
    applied_at, applied_job = col(JobApplication.applied_at), col(JobApplication.job_id)
    new = _per_job(applied_job, applied_at, company_id, since, "applied_week")
    every = _per_job(applied_job, applied_at, company_id, None, "applied")
    is_open = open_job_filter(moment)

    totals = db.execute(
        select(
            Job.status,
            func.count().label("jobs"),
            func.count().filter(is_open).label("open"),
            func.coalesce(func.sum(new.c.applied_week), 0).label("applied_week"),
            func.coalesce(func.sum(views.c.views_week), 0).label("views_week"),
        )
        .outerjoin(new, new.c.job_id == Job.id)
        .outerjoin(views, views.c.job_id == Job.id)
        .where(Job.company_id == company_id, Job.deleted_at.is_(None))
        .group_by(Job.status)
    ).all()

    rows = db.execute(
        select(
            Job.id,
            Job.title,
            Job.slug,
            Job.view_count,
            Job.published_at,
            func.coalesce(views.c.views_week, 0).label("views_week"),
            func.coalesce(every.c.applied, 0).label("applied"),
            func.coalesce(new.c.applied_week, 0).label("applied_week"),
        )
        .outerjoin(views, views.c.job_id == Job.id)
        .outerjoin(every, every.c.job_id == Job.id)
        .outerjoin(new, new.c.job_id == Job.id)
        .where(Job.company_id == company_id, is_open)
        .order_by(Job.published_at.desc().nulls_last(), Job.id)
        .limit(OPEN_JOBS_SHOWN)
    ).all()

    counts = {status.value: 0 for status in JobStatus} | {row.status: row.jobs for row in totals}
    return EmployerJobStats(
        open_jobs=[
            OpenJobFigures(
                id=str(row.id),
                title=row.title,
                slug=row.slug,
                views=row.view_count,
                views_this_week=row.views_week,
                applicants=row.applied,
                new_applicants=row.applied_week,
                days_open=max(0, (moment - row.published_at).days) if row.published_at else 0,
            )
            for row in rows
        ],
        open_count=sum(row.open for row in totals),
        job_count=sum(row.jobs for row in totals),
        status_counts=counts,
        new_applicants_this_week=sum(int(row.applied_week) for row in totals),
        views_this_week=sum(int(row.views_week) for row in totals),
    )
