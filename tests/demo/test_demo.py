"""Demo data: realistic, covering every pipeline status, and idempotent."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.models import User
from jobhub.auth.passwords import verify_password
from jobhub.companies.models import Company, CompanyEmployee
from jobhub.demo import DemoSize, load_demo_into
from jobhub.demo.people import ADMIN_EMAIL, DEMO_PASSWORD, EMPLOYER_EMAIL, SEEKER_EMAIL
from jobhub.jobs.models import ApplicationStatus, Job, JobApplication, JobStatus

SMALL = DemoSize(companies=3, jobs=30, seekers=12)


def _count(db: Session, column) -> int:
    return db.execute(select(func.count(column))).scalar_one()


def test_demo_has_the_readme_accounts_teams_jobs_and_every_pipeline_status(db: Session) -> None:
    report = load_demo_into(db, SMALL)
    assert report.rows_inserted == report.rows_built > 0

    users = {u.email: u for u in db.exec(select(User)).scalars()}
    for email in (ADMIN_EMAIL, EMPLOYER_EMAIL, SEEKER_EMAIL):
        assert verify_password(DEMO_PASSWORD, users[email].password_hash)
    assert _count(db, Company.id) == 3
    roles = set(db.execute(select(CompanyEmployee.team_role)).scalars())
    assert roles == {"owner", "admin", "recruiter", "hiring_manager"}

    published = db.execute(select(Job).where(Job.status == JobStatus.PUBLISHED)).scalars().all()
    assert published and all(j.salary_min_yearly and j.salary_max_yearly for j in published)
    statuses = set(db.execute(select(JobApplication.status)).scalars())
    assert statuses == {s.value for s in ApplicationStatus}


def test_loading_twice_adds_nothing_and_only_if_empty_skips(db: Session) -> None:
    load_demo_into(db, SMALL)
    before = _count(db, Job.id)
    again = load_demo_into(db, SMALL)
    assert again.rows_inserted == 0
    assert _count(db, Job.id) == before
    assert load_demo_into(db, SMALL, only_if_empty=True).skipped
