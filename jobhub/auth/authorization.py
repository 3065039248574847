"""The one permission check every service makes: ``require(principal, USERS_MANAGE)``.

Permissions come from the principal, which ``resolve_principal`` builds from the user's
active, unexpired role grants and the seeded role-permission table, so a check here never
queries. Ownership ("is this *their* job?") stays in the calling service: a permission says
what kind of thing a user may do, the service's query scope says to which rows.

Anonymous callers get ``SignInRequired`` (a ``Forbidden`` whose message asks them to sign
in), signed-in callers without the permission a ``Forbidden`` naming what they tried.
"""

from __future__ import annotations

from typing import Final

from jobhub.auth import permissions as p
from jobhub.auth.permissions import RoleName
from jobhub.auth.principal import Principal
from jobhub.platform.errors import Forbidden

SIGN_IN_MESSAGE: Final = "Please sign in to continue."

# What each permission lets a person do, as the refusal says it.
_PERMISSION_PHRASES: Final[dict[str, str]] = {
    p.JOBS_READ: "view job listings",
    p.JOBS_APPLY: "apply to jobs",
    p.JOBS_CREATE: "create job postings",
    p.JOBS_UPDATE: "change job postings",
    p.JOBS_DELETE: "delete job postings",
    p.USERS_READ: "view user profiles",
    p.USERS_UPDATE: "change user profiles",
    p.USERS_MANAGE: "manage users",
    p.COMPANIES_READ: "view company pages",
    p.COMPANIES_CREATE: "create company pages",
    p.COMPANIES_UPDATE: "change company pages",
}

_USER_TYPE_NAMES: Final[dict[str, str]] = {
    "job_seeker": "job seekers",
    "employer": "employers",
    "admin": "administrators",
}


class SignInRequired(Forbidden):
    """Nobody is signed in (or the session ended): the answer is "sign in", not "no"."""

    def __init__(self) -> None:
        super().__init__(SIGN_IN_MESSAGE)


def refusal_message(permission: str) -> str:
    phrase = _PERMISSION_PHRASES.get(permission, f"do this ({permission})")
    return f"Your account is not allowed to {phrase}."


def require(principal: Principal | None, permission: str) -> Principal:
    """The principal, when it holds ``permission``; otherwise ``SignInRequired`` or ``Forbidden``."""
    if principal is None:
        raise SignInRequired()
    if not principal.has_permission(permission):
        raise Forbidden(refusal_message(permission))
    return principal


def require_user_type(principal: Principal | None, *user_types: str) -> Principal:
    """For what belongs to a kind of account (a seeker's applications), not to a permission."""
    if principal is None:
        raise SignInRequired()
    if principal.user_type not in user_types:
        names = " or ".join(_USER_TYPE_NAMES.get(kind, kind) for kind in user_types)
        raise Forbidden(f"This is only for {names}.")
    return principal


def holds_admin_role(principal: Principal) -> bool:
    """A live grant of the admin role: ``user_type`` alone decides what the UI shows, not power."""
    return RoleName.ADMIN in principal.roles


def require_admin(principal: Principal | None) -> Principal:
    """For what even ``users:manage`` (which moderators hold) must not reach: granting roles."""
    if principal is None:
        raise SignInRequired()
    if not holds_admin_role(principal):
        raise Forbidden("Only administrators may do this.")
    return principal
