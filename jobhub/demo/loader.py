"""Load the demo: build every row in memory from a seeded Faker, then insert table by table.

Rows are inserted with core ``INSERT ... ON CONFLICT DO NOTHING`` (not one ORM object at a
time), which is what makes thousands of rows a second possible on a small machine.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from faker import Faker
from rich.progress import Progress
from sqlalchemy import select
from sqlmodel import Session, SQLModel

from jobhub.auth.models import Role, User, UserRole
from jobhub.auth.passwords import hash_password
from jobhub.companies.models import Company, CompanyEmployee, CompanyReview, CompanyVerificationRequest
from jobhub.demo.employers import company_addresses, employer_rows, showcase_jobs, write_documents
from jobhub.demo.market import (
    Catalog,
    MarketRows,
    application_rows,
    company_rows,
    job_rows,
    review_rows,
)
from jobhub.demo.people import ADMIN_EMAIL, DEMO_PASSWORD, account_rows, profile_rows
from jobhub.demo.rows import insert_rows
from jobhub.demo.seeker_profiles import enrich_profiles
from jobhub.demo.timelines import application_timelines
from jobhub.jobs.application_models import ApplicationEvent, ApplicationInterview
from jobhub.jobs.models import Job, JobApplication, JobCategory, JobView
from jobhub.platform.db import session_scope
from jobhub.profiles.models import Certification, Education, Experience, Skill, UserProfile, UserSkill


@dataclass(frozen=True)
class DemoSize:
    companies: int = 25
    jobs: int = 300
    seekers: int = 120

    def __post_init__(self) -> None:
        if self.companies < 1 or self.jobs < 0 or self.seekers < 1:
            raise ValueError("demo needs at least one company and one seeker, and no negative counts")


@dataclass(frozen=True)
class DemoReport:
    skipped: bool
    rows_built: int
    rows_inserted: int
    seconds: float

    def __str__(self) -> str:
        if self.skipped:
            return "demo data already present: nothing to do"
        rate = self.rows_inserted / self.seconds if self.seconds else 0.0
        return (
            f"demo: {self.rows_inserted} new rows of {self.rows_built} in {self.seconds:.1f} s "
            f"({rate:,.0f} rows/s); logins in README.md"
        )


def demo_present(session: Session) -> bool:
    return session.exec(select(User.id).where(User.email == ADMIN_EMAIL)).first() is not None  # type: ignore[call-overload]


def _catalog(session: Session) -> tuple[Catalog, dict[str, Any]]:
    categories = {slug: id_ for slug, id_ in session.execute(select(JobCategory.slug, JobCategory.id))}
    skills = {name: id_ for name, id_ in session.execute(select(Skill.name, Skill.id))}
    roles = {name: id_ for name, id_ in session.execute(select(Role.name, Role.id))}
    return Catalog(categories=categories, skills=skills), roles


def load_demo_data(size: DemoSize, *, only_if_empty: bool = False, seed: int = 2026) -> DemoReport:
    with session_scope() as session:
        return load_demo_into(session, size, only_if_empty=only_if_empty, seed=seed)


def load_demo_into(
    session: Session, size: DemoSize, *, only_if_empty: bool = False, seed: int = 2026
) -> DemoReport:
    """Insert into ``session``'s transaction; the caller commits."""
    started = time.perf_counter()
    if only_if_empty and demo_present(session):
        return DemoReport(skipped=True, rows_built=0, rows_inserted=0, seconds=0.0)
    catalog, roles = _catalog(session)
    fake = Faker()
    fake.seed_instance(seed)
    rng = random.Random(seed)

    people = account_rows(fake, size.companies, size.seekers, hash_password(DEMO_PASSWORD), roles)
    profile_rows(fake, rng, people, catalog.skills)
    certifications = enrich_profiles(fake, rng, people)
    market = MarketRows()
    company_rows(fake, size.companies, people.teams, market)
    review_rows(fake, rng, people.seekers, market)
    job_rows(fake, rng, size.jobs, catalog, market)
    showcase_jobs(market, datetime.now(UTC))
    application_rows(rng, people.seekers, market)
    timelines = application_timelines(
        market.applications, {job["id"]: job["employer_id"] for job in market.jobs}, datetime.now(UTC)
    )
    company_addresses(people.users, people.teams, market)
    employer = employer_rows(seed, market, people.teams, people.admins[0], people.seekers)

    plan: list[tuple[type[SQLModel], list[dict[str, Any]]]] = [
        (User, people.users),
        (UserRole, people.user_roles),
        (UserProfile, people.profiles),
        (UserSkill, people.user_skills),
        (Experience, people.experience),
        (Education, people.education),
        (Certification, certifications),
        (Company, market.companies),
        (CompanyEmployee, market.employees),
        (CompanyEmployee, employer.invitations),
        (CompanyVerificationRequest, employer.verification_requests),
        (CompanyReview, market.reviews),
        (Job, market.jobs),
        (JobApplication, market.applications),
        (ApplicationEvent, timelines.steps),
        (ApplicationInterview, timelines.interviews),
        (JobView, employer.job_views),
    ]
    built = sum(len(rows) for _, rows in plan)
    inserted = 0
    with Progress(transient=True) as progress:
        task = progress.add_task("loading demo data", total=built)
        for model, rows in plan:
            progress.update(task, description=f"demo: {model.__tablename__}")
            inserted += insert_rows(session, model, rows)
            progress.advance(task, len(rows))
    write_documents(employer.documents)
    return DemoReport(
        skipped=False, rows_built=built, rows_inserted=inserted, seconds=time.perf_counter() - started
    )
