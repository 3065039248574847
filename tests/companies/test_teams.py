"""The team list and its changes: what each viewer sees, the last owner, ranks, flags, audit and events."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.audit import AuditAction
from jobhub.auth.models import AuditLog
from jobhub.companies import teams
from jobhub.companies.invitations import invite_member
from jobhub.companies.models import CompanyEmployee, EmploymentStatus, OutboxEvent, TeamRole
from jobhub.companies.team_access import membership_in
from jobhub.companies.team_roles import role_flags
from jobhub.platform.errors import Conflict, Forbidden, Invalid, NotFound
from jobhub.platform.event_types import (
    COMPANY_MEMBER_LEFT,
    COMPANY_MEMBER_REMOVED,
    COMPANY_MEMBER_ROLE_CHANGED,
)
from tests.companies.team_support import employee, member_id, named_team
from tests.factories import Team


@pytest.fixture
def team(db: Session) -> Team:
    return named_team(db)


def _events(db: Session, team: Team, event_type: str) -> list[dict[str, object]]:
    return list(
        db.scalars(
            select(OutboxEvent.event_data).where(
                OutboxEvent.aggregate_id == team.company.id, OutboxEvent.event_type == event_type
            )
        )
    )


def _audit(db: Session, team: Team, action: str) -> list[AuditLog]:
    return list(
        db.scalars(select(AuditLog).where(AuditLog.resource_id == team.company.id, AuditLog.action == action))
    )


# the list


def test_members_are_listed_by_rank_with_names_and_join_dates(db: Session, team: Team) -> None:
    view = teams.list_team(db, team.recruiter, team.company.id)

    assert [m.role for m in view.members] == ["owner", "admin", "recruiter", "hiring_manager"]
    assert view.members[0].name == f"Olive {team.company.name}"
    assert all(m.joined_on for m in view.members)
    assert [m.is_you for m in view.members] == [False, False, True, False]
    assert view.company_name == team.company.name and view.your_role == "Recruiter"


@pytest.mark.parametrize("role", [TeamRole.RECRUITER, TeamRole.HIRING_MANAGER])
def test_members_who_do_not_manage_see_no_addresses_invitations_or_controls(
    db: Session, team: Team, role: TeamRole
) -> None:
    invite_member(db, team.owner, team.company.id, "new@example.test", "recruiter")

    view = teams.list_team(db, team.members[role], team.company.id)

    assert not view.can_manage and view.grantable_roles == [] and view.invitations == []
    assert all(m.email == "" and not m.can_change_role and not m.can_remove for m in view.members)


def test_managers_see_addresses_and_pending_invitations(db: Session, team: Team) -> None:
    invite_member(db, team.owner, team.company.id, "new@example.test", "hiring_manager")

    view = teams.list_team(db, team.admin, team.company.id)

    assert all("@" in m.email for m in view.members)
    [invitation] = view.invitations
    assert (invitation.email, invitation.role_label) == ("new@example.test", "Hiring manager")
    assert invitation.invited_by == f"Olive {team.company.name}" and invitation.expires_on
    assert invitation.can_manage and not invitation.is_expired


def test_the_roles_on_offer_are_those_the_viewer_may_grant(db: Session, team: Team) -> None:
    owner_roles = [r.value for r in teams.list_team(db, team.owner, team.company.id).grantable_roles]
    admin_roles = [r.value for r in teams.list_team(db, team.admin, team.company.id).grantable_roles]

    assert owner_roles == ["owner", "admin", "recruiter", "hiring_manager"]
    assert admin_roles == ["admin", "recruiter", "hiring_manager"]


def test_an_admin_sees_no_controls_on_the_owner(db: Session, team: Team) -> None:
    members = {m.role: m for m in teams.list_team(db, team.admin, team.company.id).members}

    assert not members["owner"].can_change_role and not members["owner"].can_remove
    assert members["admin"].can_change_role and not members["admin"].can_remove  # that is the admin
    assert members["recruiter"].can_remove


def test_the_last_owner_is_marked_and_offers_no_controls(db: Session, team: Team) -> None:
    [owner] = [m for m in teams.list_team(db, team.owner, team.company.id).members if m.role == "owner"]

    assert owner.is_last_owner and not owner.can_change_role and not owner.can_remove


# the last owner


def test_the_last_owner_cannot_be_demoted(db: Session, team: Team) -> None:
    with pytest.raises(Conflict, match="needs at least one owner"):
        teams.change_role(db, team.owner, team.company.id, member_id(db, team, team.owner), "admin")
    assert employee(db, member_id(db, team, team.owner)).team_role == TeamRole.OWNER


def test_the_last_owner_cannot_leave_and_is_told_what_to_do(db: Session, team: Team) -> None:
    with pytest.raises(Conflict, match="Make someone else owner first"):
        teams.leave_company(db, team.owner, team.company.id)
    assert membership_in(db, team.owner.user_id, team.company.id) is not None


def test_the_last_owner_cannot_be_removed_by_an_admin_or_by_themselves(db: Session, team: Team) -> None:
    owner_row = member_id(db, team, team.owner)

    with pytest.raises(Forbidden):
        teams.remove_member(db, team.admin, team.company.id, owner_row)
    with pytest.raises(Conflict, match="Leave the company"):
        teams.remove_member(db, team.owner, team.company.id, owner_row)
    assert employee(db, owner_row).employment_status == EmploymentStatus.ACTIVE


def test_with_a_second_owner_the_first_may_step_down_and_then_leave(db: Session, team: Team) -> None:
    teams.change_role(db, team.owner, team.company.id, member_id(db, team, team.admin), "owner")

    teams.change_role(db, team.owner, team.company.id, member_id(db, team, team.owner), "admin")
    teams.leave_company(db, team.owner, team.company.id)

    assert membership_in(db, team.owner.user_id, team.company.id) is None
    assert membership_in(db, team.admin.user_id, team.company.id).role == TeamRole.OWNER  # type: ignore[union-attr]


def test_an_owner_may_remove_another_owner(db: Session, team: Team) -> None:
    admin_row = member_id(db, team, team.admin)
    teams.change_role(db, team.owner, team.company.id, admin_row, "owner")

    teams.remove_member(db, team.owner, team.company.id, admin_row)

    assert membership_in(db, team.admin.user_id, team.company.id) is None


# ranks, flags, audit and events


def test_an_admin_may_change_and_remove_another_admin_of_the_same_rank(db: Session, team: Team) -> None:
    recruiter_row = member_id(db, team, team.recruiter)
    teams.change_role(db, team.owner, team.company.id, recruiter_row, "admin")

    teams.remove_member(db, team.admin, team.company.id, recruiter_row)

    assert employee(db, recruiter_row).employment_status == EmploymentStatus.INACTIVE


def test_an_unknown_role_is_a_field_message(db: Session, team: Team) -> None:
    with pytest.raises(Invalid) as refused:
        teams.change_role(db, team.owner, team.company.id, member_id(db, team, team.recruiter), "boss")
    assert refused.value.field == "role"


@pytest.mark.parametrize("role", list(TeamRole))
def test_the_documents_flags_follow_the_role(db: Session, team: Team, role: TeamRole) -> None:
    row_id = member_id(db, team, team.hiring_manager)

    teams.change_role(db, team.owner, team.company.id, row_id, role.value)

    row = employee(db, row_id)
    assert (row.team_role, {"is_admin": row.is_admin, "is_hiring_manager": row.is_hiring_manager}) == (
        role,
        role_flags(role),
    )


def test_a_role_change_is_audited_and_emitted(db: Session, team: Team) -> None:
    row_id = member_id(db, team, team.recruiter)

    view = teams.change_role(db, team.admin, team.company.id, row_id, "hiring_manager")

    assert view.role_label == "Hiring manager"
    [entry] = _audit(db, team, AuditAction.COMPANY_MEMBER_ROLE_CHANGED)
    assert (entry.user_id, entry.resource) == (team.admin.user_id, "company")
    assert entry.old_values == {"member_id": str(row_id), "team_role": "recruiter"}
    assert entry.new_values["team_role"] == "hiring_manager"  # type: ignore[index]
    [event] = _events(db, team, COMPANY_MEMBER_ROLE_CHANGED)
    assert (event["old_role"], event["role"]) == ("recruiter", "hiring_manager")
    assert event["member_id"] == str(row_id)


def test_giving_the_same_role_again_changes_nothing(db: Session, team: Team) -> None:
    teams.change_role(db, team.owner, team.company.id, member_id(db, team, team.recruiter), "recruiter")

    assert _audit(db, team, AuditAction.COMPANY_MEMBER_ROLE_CHANGED) == []
    assert _events(db, team, COMPANY_MEMBER_ROLE_CHANGED) == []


def test_a_removal_ends_access_keeps_the_row_and_is_audited(db: Session, team: Team) -> None:
    row_id = member_id(db, team, team.recruiter)

    teams.remove_member(db, team.owner, team.company.id, row_id)

    row = employee(db, row_id)
    assert (row.employment_status, row.team_role, row.is_admin, row.is_hiring_manager) == (
        EmploymentStatus.INACTIVE,
        None,
        False,
        False,
    )
    assert row.end_date is not None and membership_in(db, team.recruiter.user_id, team.company.id) is None
    [entry] = _audit(db, team, AuditAction.COMPANY_MEMBER_REMOVED)
    assert entry.old_values == {"member_id": str(row_id), "team_role": "recruiter"}
    [event] = _events(db, team, COMPANY_MEMBER_REMOVED)
    assert event["member_user_id"] == str(team.recruiter.user_id)


def test_leaving_is_emitted_and_the_rest_of_the_team_stays(db: Session, team: Team) -> None:
    teams.leave_company(db, team.hiring_manager, team.company.id)

    assert [e["role"] for e in _events(db, team, COMPANY_MEMBER_LEFT)] == ["hiring_manager"]
    assert len(teams.list_team(db, team.owner, team.company.id).members) == 3


def test_a_removed_member_can_do_nothing_more(db: Session, team: Team) -> None:
    teams.remove_member(db, team.owner, team.company.id, member_id(db, team, team.admin))

    with pytest.raises(NotFound):
        teams.list_team(db, team.admin, team.company.id)


def test_an_unknown_member_id_is_not_found(db: Session, team: Team) -> None:
    with pytest.raises(NotFound):
        teams.remove_member(db, team.owner, team.company.id, uuid.uuid4())
    rows = db.scalars(select(CompanyEmployee).where(CompanyEmployee.company_id == team.company.id))
    assert all(row.employment_status == EmploymentStatus.ACTIVE for row in rows)
