"""What the jobs context answers the companies context: a company's open jobs, their counts, a refresh."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from jobhub.jobs.company_jobs import open_job_counts, open_jobs_of_company, refresh_company_jobs
from jobhub.jobs.models import JobStatus
from tests.factories import add, make_company, make_job
from tests.jobs.support import published_job

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def test_counts_are_of_open_jobs_only_and_skip_companies_with_none(db: Session) -> None:
    busy, quiet, idle = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    for _ in range(3):
        published_job(db, NOW, company_id=busy)
    published_job(db, NOW, company_id=quiet)
    published_job(db, NOW, company_id=quiet, status=JobStatus.PAUSED)
    published_job(db, NOW, company_id=idle, expires_at=NOW - timedelta(minutes=1))

    assert open_job_counts(db, [busy, quiet, idle, busy], NOW) == {busy: 3, quiet: 1}
    assert open_job_counts(db, [], NOW) == {}


def test_open_jobs_are_newest_first_and_paged(db: Session) -> None:
    company_id = uuid.uuid4()
    jobs = [
        published_job(db, NOW, company_id=company_id, published_at=NOW - timedelta(hours=n)) for n in range(5)
    ]

    second = open_jobs_of_company(db, company_id, 2, 2, NOW)
    nothing = open_jobs_of_company(db, uuid.uuid4(), 1, 2, NOW)

    assert [hit.id for hit in second.hits] == [str(job.id) for job in jobs[2:4]]
    assert (second.total, second.page, second.pages) == (5, 2, 3)
    assert (nothing.hits, nothing.total, nothing.page, nothing.pages) == ([], 0, 1, 1)


def test_a_refresh_rewrites_every_live_jobs_keywords(db: Session) -> None:
    company = make_company(name="Oldname Industries")
    add(db, company)
    live = [
        published_job(db, NOW, company_id=company.id),
        make_job(company_id=company.id, status=JobStatus.DRAFT),
    ]
    add(db, live[1])
    gone = published_job(db, NOW, company_id=company.id, deleted_at=NOW)
    company.name = "Newname Industries"
    db.flush()

    assert refresh_company_jobs(db, company.id) == 2

    assert all("Newname Industries" in (job.search_keywords or "") for job in live)
    assert gone.search_keywords is None
