"""``require``: anonymous callers are asked to sign in, the rest need the permission itself."""

from __future__ import annotations

import uuid

import pytest

from jobhub.auth.authorization import (
    SIGN_IN_MESSAGE,
    SignInRequired,
    require,
    require_admin,
    require_user_type,
)
from jobhub.auth.permissions import ALL_PERMISSIONS, JOBS_CREATE, USERS_MANAGE, RoleName
from jobhub.auth.principal import Principal
from jobhub.platform.errors import Forbidden


def _principal(*permissions: str, user_type: str = "job_seeker", roles: tuple[str, ...] = ()) -> Principal:
    return Principal(
        user_id=uuid.uuid4(),
        user_type=user_type,
        roles=frozenset(roles),
        permissions=frozenset(permissions),
    )


@pytest.mark.parametrize("permission", ALL_PERMISSIONS)
def test_anonymous_is_asked_to_sign_in_for_every_permission(permission: str) -> None:
    with pytest.raises(SignInRequired) as refused:
        require(None, permission)

    assert refused.value.message == SIGN_IN_MESSAGE
    assert isinstance(refused.value, Forbidden)


def test_a_held_permission_returns_the_principal() -> None:
    principal = _principal(JOBS_CREATE)

    assert require(principal, JOBS_CREATE) is principal


def test_a_missing_permission_is_forbidden_with_what_was_tried() -> None:
    with pytest.raises(Forbidden) as refused:
        require(_principal(JOBS_CREATE), USERS_MANAGE)

    assert not isinstance(refused.value, SignInRequired)
    assert refused.value.message == "Your account is not allowed to manage users."


def test_an_unknown_permission_is_refused_and_named() -> None:
    with pytest.raises(Forbidden, match="reports:export"):
        require(_principal(*ALL_PERMISSIONS), "reports:export")


def test_the_user_type_check_names_who_may() -> None:
    employer = _principal(user_type="employer")

    assert require_user_type(employer, "employer") is employer
    with pytest.raises(Forbidden, match="only for job seekers"):
        require_user_type(employer, "job_seeker")
    with pytest.raises(SignInRequired):
        require_user_type(None, "employer")


def test_admin_means_a_live_admin_role_not_the_user_type() -> None:
    role_holder = _principal(*ALL_PERMISSIONS, roles=(RoleName.ADMIN,))
    type_only = _principal(user_type="admin")
    moderator = _principal(USERS_MANAGE, roles=(RoleName.MODERATOR,))

    assert require_admin(role_holder) is role_holder
    for refused in (type_only, moderator):
        with pytest.raises(Forbidden, match="Only administrators"):
            require_admin(refused)
    with pytest.raises(SignInRequired):
        require_admin(None)
