"""The team rule every employer action goes through: role by action, outsiders, and ended memberships."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.companies.models import CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.companies.team_access import (
    ROLES_ALLOWED,
    TeamAction,
    company_ids_for,
    memberships_of,
    require_team,
)
from jobhub.platform.errors import Forbidden, NotFound
from tests.factories import Team, add, make_employee, principal_with_role

EXPECTED: dict[TeamAction, set[TeamRole]] = {
    TeamAction.VIEW_EMPLOYER: set(TeamRole),
    TeamAction.VIEW_TEAM: set(TeamRole),
    TeamAction.EDIT_COMPANY: {TeamRole.OWNER, TeamRole.ADMIN},
    TeamAction.VERIFY_COMPANY: {TeamRole.OWNER, TeamRole.ADMIN},
    TeamAction.MANAGE_TEAM: {TeamRole.OWNER, TeamRole.ADMIN},
    TeamAction.MANAGE_OWNERS: {TeamRole.OWNER},
    TeamAction.POST_JOBS: {TeamRole.OWNER, TeamRole.ADMIN, TeamRole.RECRUITER},
    TeamAction.VIEW_APPLICANTS: set(TeamRole),
    TeamAction.REVIEW_CANDIDATES: set(TeamRole),
    TeamAction.MOVE_CANDIDATES: set(TeamRole),
    TeamAction.MAKE_OFFERS: {TeamRole.OWNER, TeamRole.ADMIN, TeamRole.RECRUITER},
}


def test_the_table_is_the_documented_one() -> None:
    assert {action: set(roles) for action, roles in ROLES_ALLOWED.items()} == EXPECTED


@pytest.mark.parametrize("action", list(TeamAction))
@pytest.mark.parametrize("role", list(TeamRole))
def test_each_role_may_do_exactly_its_actions(
    db: Session, team: Team, role: TeamRole, action: TeamAction
) -> None:
    who = team.members[role]
    if role in EXPECTED[action]:
        member = require_team(db, who, team.company.id, action)
        assert (member.company_id, member.role) == (team.company.id, role)
    else:
        with pytest.raises(Forbidden):
            require_team(db, who, team.company.id, action)


@pytest.mark.parametrize("action", list(TeamAction))
def test_another_companys_owner_gets_not_found(
    db: Session, team: Team, other_team: Team, action: TeamAction
) -> None:
    with pytest.raises(NotFound):
        require_team(db, other_team.owner, team.company.id, action)


@pytest.mark.parametrize(
    "who",
    [principal_with_role("admin"), principal_with_role("job_seeker"), principal_with_role("moderator")],
    ids=["platform-admin", "seeker", "moderator"],
)
def test_accounts_outside_the_team_get_not_found(db: Session, team: Team, who: Principal) -> None:
    with pytest.raises(NotFound):
        require_team(db, who, team.company.id, TeamAction.VIEW_EMPLOYER)


def test_anonymous_is_asked_to_sign_in(db: Session, team: Team) -> None:
    with pytest.raises(SignInRequired):
        require_team(db, None, team.company.id, TeamAction.VIEW_EMPLOYER)


def test_an_owner_without_the_permission_is_refused(db: Session, team: Team) -> None:
    stripped = Principal(user_id=team.owner.user_id, user_type="employer", permissions=frozenset())
    with pytest.raises(Forbidden):
        require_team(db, stripped, team.company.id, TeamAction.EDIT_COMPANY)


@pytest.mark.parametrize("status", [EmploymentStatus.INACTIVE, EmploymentStatus.PENDING])
def test_a_membership_that_is_not_active_gives_nothing(
    db: Session, team: Team, status: EmploymentStatus
) -> None:
    who = principal_with_role("employer")
    add(
        db,
        make_employee(team.company, user_id=who.user_id, team_role=TeamRole.OWNER, employment_status=status),
    )
    with pytest.raises(NotFound):
        require_team(db, who, team.company.id, TeamAction.VIEW_EMPLOYER)
    assert memberships_of(db, who.user_id) == []


def test_a_listed_employee_without_a_team_role_has_no_rights(db: Session, team: Team) -> None:
    who = principal_with_role("employer")
    add(db, CompanyEmployee(company_id=team.company.id, user_id=who.user_id, role="Engineer"))
    with pytest.raises(NotFound):
        require_team(db, who, team.company.id, TeamAction.VIEW_EMPLOYER)


def test_a_deleted_company_has_no_team(db: Session, team: Team) -> None:
    from datetime import UTC, datetime

    team.company.deleted_at = datetime.now(UTC)
    db.flush()
    with pytest.raises(NotFound):
        require_team(db, team.owner, team.company.id, TeamAction.VIEW_EMPLOYER)


def test_company_ids_for_lists_only_where_the_role_allows(db: Session, team: Team, other_team: Team) -> None:
    who = team.recruiter
    add(
        db,
        make_employee(other_team.company, user_id=who.user_id, team_role=TeamRole.HIRING_MANAGER),
    )
    assert company_ids_for(db, who, TeamAction.POST_JOBS) == [team.company.id]
    assert set(company_ids_for(db, who, TeamAction.VIEW_EMPLOYER)) == {team.company.id, other_team.company.id}
    assert company_ids_for(db, None, TeamAction.VIEW_EMPLOYER) == []
    assert [m.company_id for m in memberships_of(db, who.user_id)] == sorted(
        [team.company.id, other_team.company.id],
        key=lambda cid: next(t.company.name for t in (team, other_team) if t.company.id == cid),
    )
