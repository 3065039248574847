"""What the companies context asks of the jobs context about one company's postings.

The company page lists a company's open jobs, the directory shows how many each company has,
and a renamed company must be found by its new name in job search. Company ids are plain
UUID columns here (no foreign key crosses a schema), so the companies context calls these
functions instead of reading ``jobs.jobs`` itself.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.jobs.models import Job
from jobhub.jobs.search import JobHit, job_hits
from jobhub.jobs.search_document import refresh_many_search_fields
from jobhub.jobs.service import open_job_filter

COMPANY_JOBS_PER_PAGE = 20


@dataclass(frozen=True)
class CompanyJobsPage:
    """One page of a company's open jobs as shared job-card data; ``page`` is clamped into range."""

    hits: list[JobHit]
    total: int
    page: int
    pages: int


def open_jobs_of_company(
    db: Session,
    company_id: uuid.UUID,
    page: int,
    per_page: int,
    now: datetime,
) -> CompanyJobsPage:
    """The company's open jobs, newest first (promoted ones do not jump the queue on its own page)."""
    scope = (Job.company_id == company_id) & open_job_filter(now)
    total = db.execute(select(func.count()).select_from(Job).where(scope)).scalar_one()
    pages = max(1, math.ceil(total / per_page))
    current = min(max(1, page), pages)
    ids = list(
        db.execute(
            select(Job.id)
            .where(scope)
            .order_by(Job.published_at.desc().nulls_last(), Job.id)
            .offset((current - 1) * per_page)
            .limit(per_page)
        ).scalars()
    )
    return CompanyJobsPage(hits=job_hits(db, ids, now), total=total, page=current, pages=pages)


def open_job_counts(db: Session, company_ids: Iterable[uuid.UUID], now: datetime) -> dict[uuid.UUID, int]:
    """How many open jobs each of ``company_ids`` has, in one grouped read; companies with none are absent."""
    wanted = list(dict.fromkeys(company_ids))
    if not wanted:
        return {}
    rows = db.execute(
        select(Job.company_id, func.count())
        .where(Job.company_id.in_(wanted), open_job_filter(now))
        .group_by(Job.company_id)
    ).all()
    return {company_id: count for company_id, count in rows}


def refresh_company_jobs(db: Session, company_id: uuid.UUID) -> int:
    """Rewrite the search fields of every job of the company (its name is among their keywords).

    Called after a company is renamed, in the same transaction, so a search for the new name
    finds its postings as soon as the rename commits. Deleted jobs are left alone: nothing
    searches them. Returns how many jobs were refreshed.
    """
    jobs = db.scalars(select(Job).where(Job.company_id == company_id, Job.deleted_at.is_(None))).all()
    refresh_many_search_fields(db, jobs)
    db.flush()
    return len(jobs)
