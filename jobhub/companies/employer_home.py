"""The employer home ``/employer``, composed: job figures, verification, and a new company's checklist.

One call for the page's one transaction. The job figures come from the jobs context
(``jobs.employer_stats``), the verification status from ``verification``; the checklist's company
half (logo, description, a second team member or invitation) is a small read of this context's
own tables here, and its job half is the jobs figures' count. The checklist is for a company
still setting up: ``show_checklist`` turns false once every step is done.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies.models import Company, CompanyEmployee, EmploymentStatus
from jobhub.companies.team_access import NO_SUCH_COMPANY, TeamAction, require_team
from jobhub.companies.verification import VerificationStatusView, verification_status
from jobhub.jobs.employer_stats import EmployerJobStats, employer_job_stats
from jobhub.platform.errors import NotFound
from jobhub.ui import navigation as nav


@dataclass(frozen=True)
class ChecklistStep:
    key: str
    label: str
    hint: str
    done: bool
    href: str
    action: str


@dataclass(frozen=True)
class EmployerHome:
    company_id: str
    company_name: str
    jobs: EmployerJobStats
    verification: VerificationStatusView
    checklist: list[ChecklistStep]
    steps_done: int
    show_checklist: bool


@dataclass(frozen=True)
class _Setup:
    has_logo: bool
    has_description: bool
    has_teammate: bool


def _setup(db: Session, company_id: uuid.UUID) -> _Setup:
    """What the company page and team already have (a pending invitation counts as a teammate)."""
    company = db.execute(
        select(Company.logo_url, Company.description).where(
            Company.id == company_id, Company.deleted_at.is_(None)
        )
    ).one_or_none()
    if company is None:
        raise NotFound(NO_SUCH_COMPANY)
    members = db.execute(
        select(func.count())
        .select_from(CompanyEmployee)
        .where(
            CompanyEmployee.company_id == company_id,
            CompanyEmployee.employment_status.in_([EmploymentStatus.ACTIVE, EmploymentStatus.PENDING]),
        )
    ).scalar_one()
    return _Setup(bool(company.logo_url), bool((company.description or "").strip()), members > 1)


def _checklist(setup: _Setup, jobs: EmployerJobStats) -> list[ChecklistStep]:
    return [
        ChecklistStep(
            "logo",
            "Add your logo",
            "Job seekers spot your jobs faster in search with it.",
            setup.has_logo,
            nav.EMPLOYER_COMPANY,
            "Upload a logo",
        ),
        ChecklistStep(
            "description",
            "Describe your company",
            "What you do, how you work and why people stay.",
            setup.has_description,
            nav.EMPLOYER_COMPANY,
            "Write the description",
        ),
        ChecklistStep(
            "first_job",
            "Post your first job",
            "With the pay range: every posting on JobHub shows one.",
            jobs.job_count > 0,
            nav.POST_JOB,
            "Post a job",
        ),
        ChecklistStep(
            "team",
            "Invite a team member",
            "Recruiters and hiring managers work on your jobs with you.",
            setup.has_teammate,
            nav.EMPLOYER_TEAM,
            "Invite someone",
        ),
    ]


def employer_home(
    db: Session, who: Principal | None, company_id: uuid.UUID, *, now: datetime | None = None
) -> EmployerHome:
    """Everything ``/employer`` shows of ``company_id``, for any member of its team."""
    member = require_team(db, who, company_id, TeamAction.VIEW_EMPLOYER)
    jobs = employer_job_stats(db, who, company_id, now=now)
    steps = _checklist(_setup(db, company_id), jobs)
    done = sum(step.done for step in steps)
    return EmployerHome(
        company_id=str(company_id),
        company_name=member.company_name,
        jobs=jobs,
        verification=verification_status(db, who, company_id),
        checklist=steps,
        steps_done=done,
        show_checklist=done < len(steps),
    )
