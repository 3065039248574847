"""The new company's checklist on the employer home: what makes a company page worth visiting.

Logo, description and headquarters are the company's own fields; the team item is done once
anyone besides the member asking is on the team or invited (an invitation that has not
expired). Whether a first job was posted is the jobs context's to say, so the caller passes
it as ``has_posted_job`` (e.g. from a count of the company's jobs) instead of this module
reading ``jobs.jobs``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import and_, exists, or_, select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies.models import Company, CompanyEmployee, EmploymentStatus
from jobhub.companies.team_access import NO_SUCH_COMPANY, TeamAction, require_team
from jobhub.platform.errors import NotFound
from jobhub.ui import navigation as nav

EDITOR_FIELD: Final = f"{nav.EMPLOYER_COMPANY}#field-"


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    hint: str
    done: bool
    href: str


@dataclass(frozen=True)
class Checklist:
    items: list[ChecklistItem]
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done == self.total


def _has_colleague(db: Session, company_id: uuid.UUID, user_id: uuid.UUID, now: datetime) -> bool:
    active_member = and_(
        CompanyEmployee.employment_status == EmploymentStatus.ACTIVE,
        CompanyEmployee.user_id.is_not(None),
        CompanyEmployee.user_id != user_id,
    )
    open_invitation = and_(
        CompanyEmployee.employment_status == EmploymentStatus.PENDING,
        or_(CompanyEmployee.invitation_expires_at.is_(None), CompanyEmployee.invitation_expires_at > now),
    )
    return db.execute(
        select(
            exists().where(
                CompanyEmployee.company_id == company_id,
                CompanyEmployee.team_role.is_not(None),
                or_(active_member, open_invitation),
            )
        )
    ).scalar_one()


def company_checklist(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    *,
    has_posted_job: bool,
    now: datetime | None = None,
) -> Checklist:
    """The checklist of ``company_id`` for any member of its team (``NotFound`` for anyone else)."""
    member = require_team(db, who, company_id, TeamAction.VIEW_EMPLOYER)
    company = db.execute(
        select(Company).where(Company.id == company_id, Company.deleted_at.is_(None))
    ).scalar_one_or_none()
    if company is None:
        raise NotFound(NO_SUCH_COMPANY)
    items = [
        ChecklistItem(
            "logo",
            "Add your logo",
            "Seekers recognise a logo faster than a name.",
            bool(company.logo_url),
            f"{nav.EMPLOYER_COMPANY}#company-images",
        ),
        ChecklistItem(
            "description",
            "Describe the company",
            "What you do, and why people like working there.",
            bool((company.description or "").strip()),
            f"{EDITOR_FIELD}description",
        ),
        ChecklistItem(
            "headquarters",
            "Say where you are",
            "Your headquarters put you on the map for searches near a city.",
            bool(company.headquarters_location),
            f"{EDITOR_FIELD}headquarters_location",
        ),
        ChecklistItem(
            "team",
            "Invite your team",
            "Recruiters and hiring managers can post jobs and review applicants.",
            _has_colleague(db, company.id, member.user_id, now or datetime.now(UTC)),
            nav.EMPLOYER_TEAM,
        ),
        ChecklistItem(
            "first_job",
            "Post your first job",
            "With the pay range: it is required to publish.",
            has_posted_job,
            nav.POST_JOB,
        ),
    ]
    return Checklist(items=items, done=sum(item.done for item in items), total=len(items))
