"""Who in a company's team may do what: the one rule every employer action goes through.

A permission (``companies:update``, ``jobs:create``) says what *kind* of thing an account may
do; a team role says *for which company*. Every employer-side service calls
:func:`require_team` with the company the action touches, and it answers from the
database, never from anything the browser sent: an account outside the company gets
``NotFound`` (so company ids cannot be probed), a member whose role does not allow the
action gets ``Forbidden`` naming the role.

Other contexts (jobs) use :func:`require_team` and :func:`company_ids_for` through this
module, never the ``company_employees`` table, so no query joins across schemas.

The roles, as the employers issue and the big ATSs draw them:

================  =====  =====  =========  ==============
action            owner  admin  recruiter  hiring_manager
================  =====  =====  =========  ==============
view_employer     yes    yes    yes        yes
view_team         yes    yes    yes        yes
edit_company      yes    yes    -          -
verify_company    yes    yes    -          -
manage_team       yes    yes    -          -
manage_owners     yes    -      -          -
post_jobs         yes    yes    yes        -
view_applicants   yes    yes    yes        yes
review_candidates yes    yes    yes        yes
move_candidates   yes    yes    yes        yes
make_offers       yes    yes    yes        -
================  =====  =====  =========  ==============

Hiring managers see, review (notes, ratings), move candidates and set interviews for the
company's jobs, as in Greenhouse; offers commit the company, so they stay with recruiters and up.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from sqlalchemy import Select, select
from sqlmodel import Session

from jobhub.auth import permissions as p
from jobhub.auth.authorization import SignInRequired, require
from jobhub.auth.principal import Principal
from jobhub.companies.models import Company, CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.platform.errors import Forbidden, NotFound

NO_SUCH_COMPANY: Final = "That company does not exist or you are not on its team."


class TeamAction(StrEnum):
    VIEW_EMPLOYER = "view_employer"
    VIEW_TEAM = "view_team"
    EDIT_COMPANY = "edit_company"
    VERIFY_COMPANY = "verify_company"
    MANAGE_TEAM = "manage_team"
    MANAGE_OWNERS = "manage_owners"
    POST_JOBS = "post_jobs"
    VIEW_APPLICANTS = "view_applicants"
    REVIEW_CANDIDATES = "review_candidates"
    MOVE_CANDIDATES = "move_candidates"
    MAKE_OFFERS = "make_offers"


_EVERYONE: Final = frozenset(TeamRole)
_MANAGERS: Final = frozenset({TeamRole.OWNER, TeamRole.ADMIN})

ROLES_ALLOWED: Final[dict[TeamAction, frozenset[TeamRole]]] = {
    TeamAction.VIEW_EMPLOYER: _EVERYONE,
    TeamAction.VIEW_TEAM: _EVERYONE,
    TeamAction.EDIT_COMPANY: _MANAGERS,
    TeamAction.VERIFY_COMPANY: _MANAGERS,
    TeamAction.MANAGE_TEAM: _MANAGERS,
    TeamAction.MANAGE_OWNERS: frozenset({TeamRole.OWNER}),
    TeamAction.POST_JOBS: frozenset({TeamRole.OWNER, TeamRole.ADMIN, TeamRole.RECRUITER}),
    TeamAction.VIEW_APPLICANTS: _EVERYONE,
    TeamAction.REVIEW_CANDIDATES: _EVERYONE,
    TeamAction.MOVE_CANDIDATES: _EVERYONE,
    TeamAction.MAKE_OFFERS: frozenset({TeamRole.OWNER, TeamRole.ADMIN, TeamRole.RECRUITER}),
}

# The account permission each action needs besides the role (a suspended grant gives nothing).
PERMISSION_NEEDED: Final[dict[TeamAction, str]] = {
    TeamAction.VIEW_EMPLOYER: p.COMPANIES_READ,
    TeamAction.VIEW_TEAM: p.COMPANIES_READ,
    TeamAction.EDIT_COMPANY: p.COMPANIES_UPDATE,
    TeamAction.VERIFY_COMPANY: p.COMPANIES_UPDATE,
    TeamAction.MANAGE_TEAM: p.COMPANIES_UPDATE,
    TeamAction.MANAGE_OWNERS: p.COMPANIES_UPDATE,
    TeamAction.POST_JOBS: p.JOBS_CREATE,
    TeamAction.VIEW_APPLICANTS: p.JOBS_READ,
    TeamAction.REVIEW_CANDIDATES: p.JOBS_READ,
    TeamAction.MOVE_CANDIDATES: p.JOBS_UPDATE,
    TeamAction.MAKE_OFFERS: p.JOBS_UPDATE,
}

# How a refusal names what the member tried.
_ACTION_PHRASES: Final[dict[TeamAction, str]] = {
    TeamAction.VIEW_EMPLOYER: "see this company's employer pages",
    TeamAction.VIEW_TEAM: "see this company's team",
    TeamAction.EDIT_COMPANY: "change the company page",
    TeamAction.VERIFY_COMPANY: "ask for verification",
    TeamAction.MANAGE_TEAM: "manage the team",
    TeamAction.MANAGE_OWNERS: "add or remove owners",
    TeamAction.POST_JOBS: "post or change jobs",
    TeamAction.VIEW_APPLICANTS: "see this job's applicants",
    TeamAction.REVIEW_CANDIDATES: "note or rate candidates",
    TeamAction.MOVE_CANDIDATES: "move candidates through the pipeline",
    TeamAction.MAKE_OFFERS: "make or withdraw offers",
}

ROLE_LABELS: Final[dict[str, str]] = {
    TeamRole.OWNER: "Owner",
    TeamRole.ADMIN: "Admin",
    TeamRole.RECRUITER: "Recruiter",
    TeamRole.HIRING_MANAGER: "Hiring manager",
}


@dataclass(frozen=True)
class Membership:
    """An active member's place in a company: what services need to scope and to record."""

    employee_id: uuid.UUID
    company_id: uuid.UUID
    user_id: uuid.UUID
    role: TeamRole
    company_name: str
    company_slug: str

    def may(self, action: TeamAction) -> bool:
        return self.role in ROLES_ALLOWED[action]

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


def _memberships_query(user_id: uuid.UUID) -> Select[tuple[CompanyEmployee, str, str]]:
    return (
        select(CompanyEmployee, Company.name, Company.slug)
        .join(Company, Company.id == CompanyEmployee.company_id)
        .where(
            CompanyEmployee.user_id == user_id,
            CompanyEmployee.employment_status == EmploymentStatus.ACTIVE,
            CompanyEmployee.team_role.is_not(None),
            Company.deleted_at.is_(None),
        )
    )


def _membership(row: CompanyEmployee, name: str, slug: str) -> Membership:
    assert row.user_id is not None and row.team_role is not None
    return Membership(row.id, row.company_id, row.user_id, TeamRole(row.team_role), name, slug)


def memberships_of(db: Session, user_id: uuid.UUID) -> list[Membership]:
    """The companies whose team the user is on, by name: an employer's company switcher."""
    rows = db.execute(_memberships_query(user_id).order_by(Company.name, Company.id)).all()
    return [_membership(*row) for row in rows]


def membership_in(db: Session, user_id: uuid.UUID, company_id: uuid.UUID) -> Membership | None:
    row = db.execute(_memberships_query(user_id).where(CompanyEmployee.company_id == company_id)).first()
    return _membership(*row) if row else None


def require_team(db: Session, who: Principal | None, company_id: uuid.UUID, action: TeamAction) -> Membership:
    """The acting member of ``company_id`` when their role allows ``action``.

    Anonymous: ``SignInRequired``; not on the team (or no such company): ``NotFound``; on the
    team in a role that does not allow it, or the account lacks the permission: ``Forbidden``.
    """
    if who is None:
        raise SignInRequired()
    member = membership_in(db, who.user_id, company_id)
    if member is None:
        raise NotFound(NO_SUCH_COMPANY)
    require(who, PERMISSION_NEEDED[action])
    if not member.may(action):
        raise Forbidden(f"As {member.role_label.lower()} you cannot {_ACTION_PHRASES[action]}.")
    return member


def company_ids_for(db: Session, who: Principal | None, action: TeamAction) -> list[uuid.UUID]:
    """Every company where ``who`` may do ``action``: the scope of an employer's lists."""
    if who is None or not who.has_permission(PERMISSION_NEEDED[action]):
        return []
    rows = db.execute(
        _memberships_query(who.user_id).where(
            CompanyEmployee.team_role.in_([role.value for role in ROLES_ALLOWED[action]])
        )
    ).all()
    return [row[0].company_id for row in rows]


def member_ids_allowed(db: Session, company_id: uuid.UUID, action: TeamAction) -> list[uuid.UUID]:
    """The active members of ``company_id`` whose role allows ``action``: whom to tell about it."""
    rows = db.execute(
        select(CompanyEmployee.user_id).where(
            CompanyEmployee.company_id == company_id,
            CompanyEmployee.employment_status == EmploymentStatus.ACTIVE,
            CompanyEmployee.team_role.in_([role.value for role in ROLES_ALLOWED[action]]),
            CompanyEmployee.user_id.is_not(None),
        )
    ).scalars()
    return sorted(set(rows), key=str)
