"""What the team page and the invitation page show: plain frozen values, safe for Reflex state.

The views carry what the *viewer* may do to each row (``can_change_role``, ``can_remove``,
``can_manage``), computed from the same rules the services enforce, so the page hides the
controls a click would be refused for. The services still decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from jobhub.companies.models import CompanyEmployee, TeamRole
from jobhub.companies.team_access import ROLE_LABELS, Membership, TeamAction
from jobhub.companies.team_roles import may_grant, may_remove

DELETED_ACCOUNT: Final = "Deleted account"


@dataclass(frozen=True)
class RoleChoice:
    value: str
    label: str


@dataclass(frozen=True)
class MemberView:
    """One active member; ``email`` is empty unless the viewer manages the team."""

    id: str
    name: str
    email: str
    role: str
    role_label: str
    joined_on: str
    is_you: bool
    is_last_owner: bool
    can_change_role: bool
    can_remove: bool


@dataclass(frozen=True)
class InvitationView:
    """A pending invitation as the company's managers see it."""

    id: str
    email: str
    role: str
    role_label: str
    invited_by: str
    expires_on: str
    is_expired: bool
    can_manage: bool


@dataclass(frozen=True)
class TeamView:
    """The team page: members for everyone on the team, invitations and controls for managers."""

    company_id: str
    company_name: str
    your_role: str
    can_manage: bool
    grantable_roles: list[RoleChoice]
    members: list[MemberView]
    invitations: list[InvitationView]


def day_label(moment: datetime | date) -> str:
    """``3 Dec 2026``: a date people read the same everywhere."""
    return f"{moment.day} {moment:%b %Y}"


def role_choices(roles: list[TeamRole]) -> list[RoleChoice]:
    return [RoleChoice(role.value, ROLE_LABELS[role]) for role in roles]


def member_view(row: CompanyEmployee, name: str, email: str, viewer: Membership, owners: int) -> MemberView:
    """``owners`` is the company's count of active owners: the last one can be neither changed nor removed."""
    role = TeamRole(str(row.team_role))
    last_owner = role == TeamRole.OWNER and owners <= 1
    is_you = row.id == viewer.employee_id
    may_change = may_grant(viewer, role) and not last_owner
    return MemberView(
        id=str(row.id),
        name=name,
        email=email if viewer.may(TeamAction.MANAGE_TEAM) else "",
        role=role.value,
        role_label=ROLE_LABELS[role],
        joined_on=day_label(row.joined_at or row.created_at),
        is_you=is_you,
        is_last_owner=last_owner,
        can_change_role=may_change,
        can_remove=may_change and not is_you and may_remove(viewer, role),
    )


def invitation_view(row: CompanyEmployee, inviter: str, viewer: Membership, now: datetime) -> InvitationView:
    role = TeamRole(str(row.team_role))
    expires = row.invitation_expires_at
    return InvitationView(
        id=str(row.id),
        email=row.invitation_email or "",
        role=role.value,
        role_label=ROLE_LABELS[role],
        invited_by=inviter,
        expires_on=day_label(expires) if expires else "",
        is_expired=expires is None or expires <= now,
        can_manage=may_grant(viewer, role),
    )
