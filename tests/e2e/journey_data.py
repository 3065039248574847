"""What browser journeys share: committed rows, which the app reads through its own
connections, and signing in through the real form.

Each row helper runs in its own committed transaction; ``conftest.empty_tables`` removes
everything before the next test.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page
from sqlalchemy import select

from jobhub.auth.models import Role, User, UserRole
from jobhub.auth.passwords import hash_password
from jobhub.auth.session_tokens import issue_session
from jobhub.companies.models import Company, CompanyEmployee, TeamRole
from jobhub.companies.team_roles import role_flags
from jobhub.jobs.models import Job
from jobhub.platform.db import session_scope


@dataclass(frozen=True)
class SignedInUser:
    user_id: uuid.UUID
    display_name: str
    token: str


def create_user(
    user_type: str,
    first_name: str,
    last_name: str = "Tester",
    *,
    email: str | None = None,
    password: str | None = None,
) -> uuid.UUID:
    """An active user; with ``password`` it can sign in through the login form."""
    with session_scope() as db:
        user = User(
            email=email or f"{first_name.lower()}.{uuid.uuid4().hex[:8]}@example.test",
            password_hash=hash_password(password) if password else None,
            first_name=first_name,
            last_name=last_name,
            user_type=user_type,
            status="active",
        )
        db.add(user)
        db.flush()
        return user.id


def grant_role(user_id: uuid.UUID, role: str) -> None:
    """The role's grant, as registration or an admin gives it: services check its permissions."""
    with session_scope() as db:
        role_id = db.scalars(select(Role.id).where(Role.name == role)).one()
        db.add(UserRole(user_id=user_id, role_id=role_id))


def join_team(company_id: uuid.UUID, user_id: uuid.UUID, role: TeamRole) -> None:
    """An active member of the company's team in ``role``."""
    with session_scope() as db:
        db.add(CompanyEmployee(company_id=company_id, user_id=user_id, team_role=role, **role_flags(role)))


def signed_in(
    user_type: str, first_name: str, *, lifetime: timedelta = timedelta(hours=2), role: str | None = None
) -> SignedInUser:
    """A user of ``user_type`` with a live session (and ``role``'s grant when given); the raw
    token goes into the browser cookie."""
    user_id = create_user(user_type, first_name)
    if role:
        grant_role(user_id, role)
    with session_scope() as db:
        token = issue_session(db, user_id, lifetime=lifetime)
    return SignedInUser(user_id=user_id, display_name=f"{first_name} Tester", token=token)


def create_company(name: str) -> uuid.UUID:
    with session_scope() as db:
        company = Company(name=name, slug=f"{name.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}")
        db.add(company)
        db.flush()
        return company.id


def create_job(
    title: str,
    company_id: uuid.UUID,
    employer_id: uuid.UUID,
    *,
    status: str = "published",
    published_days_ago: int = 1,
    salary: tuple[int, int] | None = (90_000, 120_000),
    employment_type: str = "full_time",
) -> uuid.UUID:
    now = datetime.now(UTC)
    with session_scope() as db:
        job = Job(
            title=title,
            slug=f"{title.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}",
            description=f"{title}: a role described well enough to apply.",
            company_id=company_id,
            employer_id=employer_id,
            employment_type=employment_type,
            location="Berlin, Germany",
            salary_min=salary[0] if salary else None,
            salary_max=salary[1] if salary else None,
            salary_currency="EUR",
            salary_period="yearly",
            status=status,
            published_at=now - timedelta(days=published_days_ago) if status == "published" else None,
            expires_at=now + timedelta(days=30),
        )
        db.add(job)
        db.flush()
        return job.id


def sign_in(page: Page, email: str, password: str, *, remember: bool = False) -> None:
    """Fill and send the sign-in form on the page already open; the caller waits for where it leads."""
    form = page.get_by_role("form", name="Sign in")
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password").fill(password)
    if remember:
        form.get_by_label("Keep me signed in").check()
    form.get_by_role("button", name="Sign in").click()
