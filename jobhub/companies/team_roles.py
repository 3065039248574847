"""What a team manager may do to a role: the rank order, who grants "owner", the document's flags.

``team_access`` says which *actions* a role allows; this module adds the rules about the
*roles themselves* that team changes and invitations share. Ranks run owner > admin >
recruiter > hiring manager. Only owners give, change or take away the owner role
(``MANAGE_OWNERS``), and nobody removes a member ranked above them.

``is_admin`` and ``is_hiring_manager`` describe rights *held*: :func:`role_flags` gives them
for an active member's ``team_role``, and they are false on invitations and former members.
"""

from __future__ import annotations

from typing import Final

from jobhub.companies.models import TeamRole
from jobhub.companies.team_access import ROLE_LABELS, Membership, TeamAction
from jobhub.platform.errors import Forbidden, Invalid

ROLE_FIELD: Final = "role"
ROLE_RANK: Final[dict[TeamRole, int]] = {
    TeamRole.OWNER: 4,
    TeamRole.ADMIN: 3,
    TeamRole.RECRUITER: 2,
    TeamRole.HIRING_MANAGER: 1,
}
ROLE_CHOICE_MESSAGE: Final = f"Choose a role: {', '.join(label.lower() for label in ROLE_LABELS.values())}."
OWNERS_ONLY_MESSAGE: Final = "Only an owner can make someone an owner or change an owner's role."
_ARTICLE: Final[dict[TeamRole, str]] = {TeamRole.OWNER: "an", TeamRole.ADMIN: "an"}


def role_flags(role: TeamRole | None) -> dict[str, bool]:
    """The ``is_admin``/``is_hiring_manager`` values of a member holding ``role`` (``None``: no rights)."""
    return {
        "is_admin": role in (TeamRole.OWNER, TeamRole.ADMIN),
        "is_hiring_manager": role in (TeamRole.OWNER, TeamRole.RECRUITER, TeamRole.HIRING_MANAGER),
    }


def parse_role(value: object) -> TeamRole:
    """A role from the browser; anything else is a field message, never a crash."""
    try:
        return TeamRole(str(value).strip())
    except ValueError as exc:
        raise Invalid(ROLE_FIELD, ROLE_CHOICE_MESSAGE) from exc


def with_article(role: TeamRole) -> str:
    """ "a recruiter", "an owner": how a sentence names the role."""
    return f"{_ARTICLE.get(role, 'a')} {ROLE_LABELS[role].lower()}"


def may_grant(actor: Membership, role: TeamRole) -> bool:
    """Whether ``actor`` may give (or take away) ``role``."""
    return actor.may(TeamAction.MANAGE_TEAM) and (
        role != TeamRole.OWNER or actor.may(TeamAction.MANAGE_OWNERS)
    )


def require_role_grant(actor: Membership, role: TeamRole) -> None:
    if not may_grant(actor, role):
        raise Forbidden(OWNERS_ONLY_MESSAGE)


def grantable_roles(actor: Membership) -> list[TeamRole]:
    """The roles ``actor`` may give: owners every role, admins every role but owner, others none."""
    return [role for role in TeamRole if may_grant(actor, role)]


def may_remove(actor: Membership, role: TeamRole) -> bool:
    return may_grant(actor, role) and ROLE_RANK[role] <= ROLE_RANK[actor.role]
