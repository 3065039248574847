"""Accounts with stored users for the team tests: invitations match addresses and list names,
which the bare principals of ``make_team`` do not have."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.models import UserType
from jobhub.auth.principal import Principal
from jobhub.companies.models import CompanyEmployee, TeamRole
from jobhub.companies.team_roles import role_flags
from tests.factories import Team, add, make_company, make_employee, make_user, principal_with_role, tag

ROLE_OF_TYPE = {UserType.EMPLOYER: "employer", UserType.JOB_SEEKER: "job_seeker", UserType.ADMIN: "admin"}


def account(
    db: Session,
    *,
    email: str | None = None,
    first_name: str = "Ada",
    last_name: str = "Lovelace",
    user_type: str = UserType.EMPLOYER,
) -> Principal:
    """A stored active user and the principal of its session, with its kind's permissions."""
    user = make_user(
        email=email or f"{first_name.lower()}.{tag()}@example.test",
        first_name=first_name,
        last_name=last_name,
        user_type=user_type,
        status="active",
    )
    add(db, user)
    return principal_with_role(
        ROLE_OF_TYPE[user_type], user_type, user_id=user.id, display_name=f"{first_name} {last_name}"
    )


FIRST_NAMES = {
    TeamRole.OWNER: "Olive",
    TeamRole.ADMIN: "Adam",
    TeamRole.RECRUITER: "Rita",
    TeamRole.HIRING_MANAGER: "Hank",
}


def named_team(db: Session) -> Team:
    """``make_team`` with a stored account behind every member (audit rows point at users)."""
    company = make_company()
    add(db, company)
    members = {}
    for role in TeamRole:
        who = account(db, first_name=FIRST_NAMES[role], last_name=company.name)
        add(db, make_employee(company, user_id=who.user_id, team_role=role.value, **role_flags(role)))
        members[role] = who
    return Team(company, members)


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


def employee(db: Session, row_id: uuid.UUID | str) -> CompanyEmployee:
    db.expire_all()
    query = select(CompanyEmployee).where(CompanyEmployee.id == uuid.UUID(str(row_id)))
    return db.execute(query).scalar_one()


def member_id(db: Session, team: Team, who: Principal) -> uuid.UUID:
    return db.execute(
        select(CompanyEmployee.id).where(
            CompanyEmployee.company_id == team.company.id, CompanyEmployee.user_id == who.user_id
        )
    ).scalar_one()
