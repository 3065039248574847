"""What the team page's state sends the browser: no invitation link or its hash, no address to a
member who does not manage the team, and a forged id that changes nothing.

The handlers open their own transactions, so the rows here are committed and removed after.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from reflex.state import State
from sqlalchemy import Engine, select, text

from jobhub.auth.models import Role, UserRole
from jobhub.auth.session_tokens import issue_session
from jobhub.companies.invitations import INVITATION_LIFETIME
from jobhub.companies.models import CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.companies.team_roles import role_flags
from jobhub.companies.team_state import TeamState
from jobhub.platform import rate_limits
from jobhub.platform.db import session_scope
from jobhub.platform.signed_links import LinkPurpose, read
from tests.auth.support import delete_users
from tests.auth.test_no_secrets_in_state import _root, _sent, _substate
from tests.factories import make_company, make_user

TEAM_PAGE = "/employer/team"
INVITEE = "new.colleague@example.test"
_CLEANUP = (
    "DELETE FROM companies.company_employees WHERE company_id = :company",
    "DELETE FROM companies.outbox_events WHERE aggregate_id = :company",
    "DELETE FROM companies.domain_events WHERE aggregate_id = :company",
    "DELETE FROM companies.companies WHERE id = :company",
    "DELETE FROM auth.audit_logs WHERE resource_id = :company",
    "DELETE FROM notifications.user_notifications WHERE user_id = ANY(:users)",
    "DELETE FROM auth.user_roles WHERE user_id = ANY(:users)",
)


@dataclass(frozen=True)
class Committed:
    company_id: uuid.UUID
    tokens: dict[TeamRole, str]
    emails: dict[TeamRole, str]
    member_ids: dict[TeamRole, uuid.UUID]


@pytest.fixture
def committed(engine: Engine) -> Iterator[Committed]:
    """A stored company whose owner and recruiter are employer accounts with sessions."""
    rate_limits.reset_limiter()
    roles = (TeamRole.OWNER, TeamRole.RECRUITER)
    with session_scope() as db:
        company = make_company()
        db.add(company)
        db.flush()
        employer_role = db.scalars(select(Role.id).where(Role.name == "employer")).one()
        users = {role: make_user(user_type="employer", first_name=role.value.title()) for role in roles}
        rows = {}
        for role, user in users.items():
            db.add(user)
            db.flush()
            db.add(UserRole(user_id=user.id, role_id=employer_role))
            rows[role] = CompanyEmployee(
                company_id=company.id, user_id=user.id, team_role=role.value, **role_flags(role)
            )
            db.add(rows[role])
        db.flush()
        found = Committed(
            company.id,
            {role: issue_session(db, user.id) for role, user in users.items()},
            {role: user.email for role, user in users.items()},
            {role: row.id for role, row in rows.items()},
        )
        user_ids = [user.id for user in users.values()]
    yield found
    with engine.begin() as conn:
        for statement in _CLEANUP:
            conn.execute(text(statement), {"company": found.company_id, "users": user_ids})
    delete_users(engine, user_ids)
    rate_limits.reset_limiter()


def _page(token: str) -> tuple[State, TeamState]:
    root = _root(token, TEAM_PAGE)
    page = _substate(root, TeamState)
    assert isinstance(page, TeamState)
    list(TeamState.load.fn(page))
    return root, page


def test_an_invitation_keeps_its_link_in_the_backend_only(committed: Committed) -> None:
    root, page = _page(committed.tokens[TeamRole.OWNER])

    list(TeamState.invite.fn(page, {"email": INVITEE, "role": "recruiter"}))

    [message] = page._outgoing
    token = message.text.split("token=")[1].split()[0]
    with session_scope() as db:
        stored = db.scalars(
            select(CompanyEmployee.invitation_token).where(CompanyEmployee.invitation_email == INVITEE)
        ).one()
    assert read(token, LinkPurpose.INVITATION, INVITATION_LIFETIME).matches(stored)
    payload = _sent(root)
    assert INVITEE in payload and [i["email"] for i in page.invitations] == [INVITEE]
    assert token not in payload and str(stored) not in payload


def test_a_member_who_does_not_manage_gets_no_addresses(committed: Committed) -> None:
    root, page = _page(committed.tokens[TeamRole.RECRUITER])

    payload = _sent(root)
    assert [m["role"] for m in page.members] == ["owner", "recruiter"]
    assert committed.emails[TeamRole.OWNER] not in payload
    assert page.role_options == [] and page.invitations == []


def test_a_refused_or_forged_removal_changes_nothing(committed: Committed) -> None:
    _root_state, page = _page(committed.tokens[TeamRole.RECRUITER])

    events = list(TeamState.remove.fn(page, str(committed.member_ids[TeamRole.OWNER])))
    events += list(TeamState.remove.fn(page, "not-an-id"))

    assert sum(1 for event in events if event is not None) == 2
    with session_scope() as db:
        query = select(CompanyEmployee.employment_status).where(
            CompanyEmployee.company_id == committed.company_id
        )
        statuses = db.scalars(query).all()
    assert set(statuses) == {EmploymentStatus.ACTIVE}
