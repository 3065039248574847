"""Demo data: realistic, covering every pipeline status and the employer side, and idempotent."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.models import User
from jobhub.auth.passwords import verify_password
from jobhub.auth.principal import Principal
from jobhub.companies.models import (
    Company,
    CompanyEmployee,
    CompanyVerificationRequest,
    EmploymentStatus,
    TeamRole,
    VerificationMethod,
    VerificationStatus,
)
from jobhub.companies.verification_domains import check_email_domain
from jobhub.companies.verification_queue import verification_queue
from jobhub.demo import DemoSize, load_demo_into
from jobhub.demo.people import ADMIN_EMAIL, DEMO_PASSWORD, EMPLOYER_EMAIL, SEEKER_EMAIL
from jobhub.jobs.employer_stats import employer_job_stats
from jobhub.jobs.models import ApplicationStatus, Job, JobApplication, JobStatus, JobView
from jobhub.platform import storage
from tests.factories import principal_with_role

SMALL = DemoSize(companies=6, jobs=30, seekers=12)


def _count(db: Session, column) -> int:
    return db.execute(select(func.count(column))).scalar_one()


def test_demo_has_the_readme_accounts_teams_jobs_and_every_pipeline_status(db: Session) -> None:
    report = load_demo_into(db, SMALL)
    assert report.rows_inserted == report.rows_built > 0

    users = {u.email: u for u in db.exec(select(User)).scalars()}
    for email in (ADMIN_EMAIL, EMPLOYER_EMAIL, SEEKER_EMAIL):
        assert verify_password(DEMO_PASSWORD, users[email].password_hash)
    assert _count(db, Company.id) == 6
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


def _principal(db: Session, email: str, role: str, user_type: str) -> Principal:
    user = db.execute(select(User).where(User.email == email)).scalar_one()
    return principal_with_role(role, user_type, user_id=user.id)


def test_the_employer_side_has_a_queue_invitations_views_and_a_showcase_company(db: Session) -> None:
    load_demo_into(db, SMALL)

    employer = _principal(db, EMPLOYER_EMAIL, "employer", "employer")
    owned = db.execute(
        select(CompanyEmployee.company_id).where(
            CompanyEmployee.user_id == employer.user_id, CompanyEmployee.team_role == TeamRole.OWNER
        )
    ).scalar_one()
    roles = set(db.scalars(select(CompanyEmployee.team_role).where(CompanyEmployee.company_id == owned)))
    assert roles == {role.value for role in TeamRole}
    statuses = set(db.scalars(select(Job.status).where(Job.company_id == owned)))
    assert {"draft", "published", "paused", "closed"} <= statuses
    invited = db.scalars(
        select(CompanyEmployee).where(
            CompanyEmployee.company_id == owned, CompanyEmployee.employment_status == EmploymentStatus.PENDING
        )
    ).all()
    assert invited and all(row.user_id is None and row.invitation_email for row in invited)
    stats = employer_job_stats(db, employer, owned)
    assert stats.views_this_week > 0

    verified = db.scalars(select(Company).where(Company.is_verified)).all()
    assert verified and all(company.verification_date for company in verified)
    pending = db.scalars(
        select(CompanyVerificationRequest).where(
            CompanyVerificationRequest.status == VerificationStatus.PENDING
        )
    ).all()
    assert {row.method for row in pending} == {VerificationMethod.EMAIL_DOMAIN, VerificationMethod.DOCUMENTS}
    for row in pending:
        if row.method == VerificationMethod.DOCUMENTS:
            assert storage.read(row.document_key or "") is not None
        else:
            requester = db.get_one(User, row.requested_by)
            website = db.get_one(Company, row.company_id).website_url
            assert check_email_domain(requester.email, website).matches
    admin = _principal(db, ADMIN_EMAIL, "admin", "admin")
    assert verification_queue(db, admin).total == len(pending)
    assert _count(db, JobView.id) > 0
