"""Who may do what to a team: every (actor, action) cell, and ids of another company's rows.

Actors are the four team roles, another company's owner, a job seeker, a platform admin and
nobody. Outsiders get ``NotFound`` (ids cannot be probed), a role that may not act gets
``Forbidden``, and nobody signed in is asked to sign in. An allowed cell also checks that
the change happened; a refused one that nothing did.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.companies import invitations, teams
from jobhub.companies.models import CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.platform import rate_limits
from jobhub.platform.errors import Conflict, Forbidden, NotFound
from tests.companies.team_support import employee, member_id, named_team
from tests.factories import Team, principal_with_role

OK = "ok"
ACTORS = (
    "owner",
    "admin",
    "recruiter",
    "hiring_manager",
    "other_owner",
    "seeker",
    "platform_admin",
    "anonymous",
)
ACTIONS = (
    "list",
    "invite",
    "invite_owner",
    "resend",
    "revoke",
    "change_role",
    "make_owner",
    "remove",
    "leave",
)
OUTSIDER = dict.fromkeys(ACTIONS, NotFound)
MEMBER = dict.fromkeys(ACTIONS, Forbidden) | {"list": OK, "leave": OK}
EXPECTED: dict[str, dict[str, Any]] = {
    "owner": dict.fromkeys(ACTIONS, OK) | {"leave": Conflict},
    "admin": dict.fromkeys(ACTIONS, OK) | {"invite_owner": Forbidden, "make_owner": Forbidden},
    "recruiter": MEMBER,
    "hiring_manager": MEMBER,
    "other_owner": OUTSIDER,
    "seeker": OUTSIDER,
    "platform_admin": OUTSIDER,
    "anonymous": dict.fromkeys(ACTIONS, SignInRequired),
}


@pytest.fixture
def team(db: Session) -> Team:
    return named_team(db)


@pytest.fixture
def other_team(db: Session) -> Team:
    return named_team(db)


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    rate_limits.reset_limiter()
    yield
    rate_limits.reset_limiter()


def _actor(name: str, team: Team, other_team: Team) -> Principal | None:
    return {
        "owner": team.owner,
        "admin": team.admin,
        "recruiter": team.recruiter,
        "hiring_manager": team.hiring_manager,
        "other_owner": other_team.owner,
        "seeker": principal_with_role("job_seeker"),
        "platform_admin": principal_with_role("admin"),
        "anonymous": None,
    }[name]


def _pending(db: Session, team: Team) -> uuid.UUID:
    address = f"new.{uuid.uuid4().hex[:8]}@example.test"
    sent = invitations.invite_member(db, team.owner, team.company.id, address, "recruiter")
    return uuid.UUID(sent.invitation.id)


def _role(db: Session, team: Team, who: Principal) -> str | None:
    return employee(db, member_id(db, team, who)).team_role


def _token(db: Session, row_id: uuid.UUID) -> str | None:
    return employee(db, row_id).invitation_token


def _status_of(db: Session, row_id: uuid.UUID) -> str:
    return employee(db, row_id).employment_status


def _invitations_to(db: Session, team: Team) -> int:
    rows = db.scalars(
        select(CompanyEmployee.id).where(
            CompanyEmployee.company_id == team.company.id,
            CompanyEmployee.employment_status == EmploymentStatus.PENDING,
        )
    )
    return len(list(rows))


Check = Callable[[bool], None]


def _cell(db: Session, action: str, who: Principal | None, team: Team) -> tuple[Callable[[], object], Check]:
    """Arrange the action's target; the call, and what holds after it whether it was allowed or not."""
    company = team.company.id
    if action == "list":
        return (lambda: teams.list_team(db, who, company)), lambda allowed: None
    if action in ("invite", "invite_owner"):
        role = "owner" if action == "invite_owner" else "recruiter"
        before = _invitations_to(db, team)
        return (
            lambda: invitations.invite_member(db, who, company, "someone@example.test", role),
            lambda allowed: _assert(_invitations_to(db, team) == before + allowed),
        )
    if action in ("resend", "revoke"):
        invitation = _pending(db, team)
        token_before = employee(db, invitation).invitation_token
        if action == "resend":
            return (
                lambda: invitations.resend_invitation(db, who, company, invitation),
                lambda allowed: _assert((_token(db, invitation) != token_before) is allowed),
            )
        return (
            lambda: invitations.revoke_invitation(db, who, company, invitation),
            lambda allowed: _assert((_status_of(db, invitation) == EmploymentStatus.INACTIVE) == allowed),
        )
    if action in ("change_role", "make_owner"):
        target, new = (team.hiring_manager, "recruiter")
        if action == "make_owner":
            target, new = team.recruiter, "owner"
        before = _role(db, team, target)
        target_id = member_id(db, team, target)
        return (
            lambda: teams.change_role(db, who, company, target_id, new),
            lambda allowed: _assert(_role(db, team, target) == (new if allowed else before)),
        )
    if action == "remove":
        target_id = member_id(db, team, team.hiring_manager)
        return (
            lambda: teams.remove_member(db, who, company, target_id),
            lambda allowed: _assert((_status_of(db, target_id) == EmploymentStatus.INACTIVE) == allowed),
        )
    assert action == "leave"
    members = {name: member_id(db, team, p) for name, p in team.members.items()}
    return (
        lambda: teams.leave_company(db, who, company),
        lambda allowed: _assert(
            sum(_status_of(db, row) == EmploymentStatus.INACTIVE for row in members.values()) == allowed
        ),
    )


def _assert(condition: bool) -> None:
    assert condition


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", ACTORS)
def test_every_cell_of_the_team_permission_table(
    db: Session, team: Team, other_team: Team, actor: str, action: str
) -> None:
    who = _actor(actor, team, other_team)
    act, check = _cell(db, action, who, team)
    expected = EXPECTED[actor][action]

    if expected == OK:
        act()
        check(True)
    else:
        with pytest.raises(expected):
            act()
        check(False)


def test_the_table_covers_every_actor_and_action() -> None:
    assert set(EXPECTED) == set(ACTORS)
    assert all(set(row) == set(ACTIONS) for row in EXPECTED.values())


# ids of another company's rows


@pytest.mark.parametrize("through", ["own company", "their company"])
def test_another_companys_member_cannot_be_changed_or_removed(
    db: Session, team: Team, other_team: Team, through: str
) -> None:
    victim = member_id(db, other_team, other_team.admin)
    company = team.company.id if through == "own company" else other_team.company.id

    with pytest.raises(NotFound):
        teams.change_role(db, team.owner, company, victim, "hiring_manager")
    with pytest.raises(NotFound):
        teams.change_role(db, team.owner, company, victim, "owner")
    with pytest.raises(NotFound):
        teams.remove_member(db, team.owner, company, victim)

    row = employee(db, victim)
    assert (row.team_role, row.employment_status) == (TeamRole.ADMIN, EmploymentStatus.ACTIVE)


@pytest.mark.parametrize("through", ["own company", "their company"])
def test_another_companys_invitation_cannot_be_resent_or_revoked(
    db: Session, team: Team, other_team: Team, through: str
) -> None:
    theirs = _pending(db, other_team)
    token = employee(db, theirs).invitation_token
    company = team.company.id if through == "own company" else other_team.company.id

    with pytest.raises(NotFound):
        invitations.resend_invitation(db, team.owner, company, theirs)
    with pytest.raises(NotFound):
        invitations.revoke_invitation(db, team.owner, company, theirs)

    row = employee(db, theirs)
    assert (row.employment_status, row.invitation_token) == (EmploymentStatus.PENDING, token)


def test_another_companys_team_is_not_listed_or_invited_to(db: Session, team: Team, other_team: Team) -> None:
    with pytest.raises(NotFound):
        teams.list_team(db, team.admin, other_team.company.id)
    with pytest.raises(NotFound):
        invitations.invite_member(db, team.owner, other_team.company.id, "x@example.test", "recruiter")


def test_a_member_id_used_as_an_invitation_id_is_not_found(db: Session, team: Team) -> None:
    recruiter = member_id(db, team, team.recruiter)

    with pytest.raises(NotFound):
        invitations.revoke_invitation(db, team.owner, team.company.id, recruiter)
    assert _status_of(db, recruiter) == EmploymentStatus.ACTIVE


def test_an_invitation_id_used_as_a_member_id_is_not_found(db: Session, team: Team) -> None:
    invitation = _pending(db, team)

    with pytest.raises(NotFound):
        teams.change_role(db, team.owner, team.company.id, invitation, "admin")
    with pytest.raises(NotFound):
        teams.remove_member(db, team.owner, team.company.id, invitation)
    assert _status_of(db, invitation) == EmploymentStatus.PENDING
