"""Page guards: anonymous visitors go to login with a safe, encoded return path; others to 403."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest

from jobhub.auth.guards import (
    _GUARDED_ROUTES,
    SIGNED_IN,
    PageGuardState,
    current_path_and_query,
    guarded_page,
    login_url,
    needs_permission,
    only_for,
    redirect_for,
)
from jobhub.auth.permissions import USERS_MANAGE
from jobhub.auth.principal import Principal
from jobhub.ui import navigation as nav


def _principal(*permissions: str, user_type: str = "job_seeker") -> Principal:
    return Principal(user_id=uuid.uuid4(), user_type=user_type, permissions=frozenset(permissions))


def test_anonymous_goes_to_login_with_the_path_encoded() -> None:
    assert redirect_for(None, SIGNED_IN, "/admin/users") == "/login?next=%2Fadmin%2Fusers"


def test_the_query_travels_with_the_path() -> None:
    target = redirect_for(None, SIGNED_IN, current_path_and_query("/admin/users", "q=ada&page=2"))

    assert target is not None
    parts = urlsplit(target)
    assert parts.path == nav.LOGIN
    assert parse_qs(parts.query) == {"next": ["/admin/users?q=ada&page=2"]}


@pytest.mark.parametrize(
    "unsafe",
    ["//evil.example/x", "/\\evil.example", "https://evil.example/", "/login?next=/x", "", "/a\nb"],
)
def test_an_unsafe_return_path_is_dropped(unsafe: str) -> None:
    assert login_url(unsafe) == nav.LOGIN


def test_a_signed_in_visitor_without_the_permission_gets_the_403_page() -> None:
    assert redirect_for(_principal(), needs_permission(USERS_MANAGE), "/admin/users") == nav.FORBIDDEN


def test_a_signed_in_visitor_of_another_type_gets_the_403_page() -> None:
    assert redirect_for(_principal(), only_for("employer"), "/employer") == nav.FORBIDDEN


@pytest.mark.parametrize(
    ("access", "principal"),
    [
        (SIGNED_IN, _principal()),
        (only_for("employer", "admin"), _principal(user_type="employer")),
        (needs_permission(USERS_MANAGE), _principal(USERS_MANAGE, user_type="admin")),
    ],
)
def test_a_qualifying_visitor_is_let_in(access: object, principal: Principal) -> None:
    assert redirect_for(principal, access, "/somewhere") is None  # type: ignore[arg-type]


def test_a_guarded_page_loads_through_the_guard_and_remembers_its_own_load() -> None:
    spec = guarded_page("/test/guarded/", lambda: None, "Guarded", SIGNED_IN, on_load="follow-up")  # type: ignore[arg-type,return-value]

    assert spec.on_load == PageGuardState.enforce
    assert _GUARDED_ROUTES["/test/guarded"].on_load == "follow-up"
    del _GUARDED_ROUTES["/test/guarded"]
