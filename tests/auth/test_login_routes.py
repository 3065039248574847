"""POST /auth/login and /auth/logout over HTTP: the cookie's flags, where they redirect, CSRF.

The routes open their own committed transactions, so these tests commit a user and
remove it (with its sessions, audit rows and events) afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine, text
from starlette.testclient import TestClient

from jobhub.api import build_http_api
from jobhub.auth.models import User
from jobhub.auth.passwords import hash_password
from jobhub.auth.principal import resolve_principal
from jobhub.auth.routes import safe_next
from jobhub.auth.session_tokens import SESSION_COOKIE
from jobhub.platform.db import session_scope

PASSWORD = "correct horse battery staple"
FRONTEND = "http://localhost:3000"


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(build_http_api(), base_url="http://localhost:8000", follow_redirects=False) as test:
        yield test


@pytest.fixture
def email(engine: Engine) -> Iterator[str]:
    address = f"route.{uuid.uuid4().hex[:10]}@example.test"
    with session_scope() as db:
        user = User(
            email=address,
            password_hash=hash_password(PASSWORD),
            first_name="Rita",
            last_name="Route",
            user_type="employer",
        )
        db.add(user)
        db.flush()
        user_id = user.id
    yield address
    with engine.begin() as conn:
        for statement in (
            "DELETE FROM auth.audit_logs WHERE user_id = :id",
            "DELETE FROM auth.outbox_events WHERE aggregate_id = :id",
            "DELETE FROM auth.domain_events WHERE aggregate_id = :id",
            "DELETE FROM auth.users WHERE id = :id",
        ):
            conn.execute(text(statement), {"id": user_id})


def _post_login(client: TestClient, email: str, password: str, **extra: str) -> object:
    headers = {"origin": extra.pop("origin", FRONTEND)}
    return client.post("/auth/login", data={"email": email, "password": password, **extra}, headers=headers)


def _set_cookie(response: object) -> SimpleCookie:
    cookie = SimpleCookie()
    cookie.load(response.headers["set-cookie"])  # type: ignore[attr-defined]
    return cookie


def test_login_sets_an_httponly_lax_session_cookie_and_redirects_to_next(
    client: TestClient, email: str
) -> None:
    response = _post_login(client, email, PASSWORD, next="/jobs?q=python")

    assert response.status_code == 303
    assert response.headers["location"] == f"{FRONTEND}/jobs?q=python"
    raw = response.headers["set-cookie"].lower()
    assert "httponly" in raw and "samesite=lax" in raw and "path=/" in raw
    assert "secure" not in raw
    morsel = _set_cookie(response)[SESSION_COOKIE]
    assert morsel["max-age"] == ""  # no "remember me": the cookie ends with the browser
    with session_scope() as db:
        principal = resolve_principal(db, morsel.value)
    assert principal is not None and principal.is_employer


def test_the_cookie_is_secure_in_production(
    client: TestClient, email: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobhub.settings import reset_settings

    monkeypatch.setenv("JOBHUB_ENVIRONMENT", "production")
    monkeypatch.setenv("JOBHUB_SECRET_KEY", "a-production-secret-of-at-least-32-characters")
    reset_settings()
    try:
        response = _post_login(client, email, PASSWORD)
    finally:
        monkeypatch.undo()
        reset_settings()

    assert "secure" in response.headers["set-cookie"].lower()


@pytest.mark.parametrize(
    "unsafe",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "jobs", "/login"],
)
def test_an_unsafe_next_is_replaced_by_home(client: TestClient, email: str, unsafe: str) -> None:
    response = _post_login(client, email, PASSWORD, next=unsafe)

    assert response.status_code == 303
    assert response.headers["location"] == f"{FRONTEND}/"


def test_a_wrong_password_redirects_to_the_login_page_with_a_code_only(
    client: TestClient, email: str
) -> None:
    response = _post_login(client, email, "not the password", next="/saved")

    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert (location.scheme + "://" + location.netloc, location.path) == (FRONTEND, "/login")
    assert parse_qs(location.query) == {"error": ["credentials"], "next": ["/saved"]}
    assert "set-cookie" not in response.headers
    assert "not the password" not in response.headers["location"]
    assert email not in response.headers["location"]


def test_an_unknown_email_redirects_exactly_like_a_wrong_password(client: TestClient, email: str) -> None:
    wrong = _post_login(client, email, "not the password")
    unknown = _post_login(client, f"x{email}", PASSWORD)

    assert wrong.headers["location"] == unknown.headers["location"]


def test_the_fifth_failure_says_when_to_try_again(client: TestClient, email: str) -> None:
    for _ in range(4):
        _post_login(client, email, "not the password")

    response = _post_login(client, email, PASSWORD.upper())

    assert parse_qs(urlsplit(response.headers["location"]).query) == {"error": ["locked"], "retry": ["15"]}


def test_missing_fields_redirect_with_their_own_code(client: TestClient) -> None:
    response = _post_login(client, "", "")

    assert parse_qs(urlsplit(response.headers["location"]).query) == {"error": ["missing"]}


@pytest.mark.parametrize("headers", [{"origin": "https://evil.example"}, {"origin": "null"}, {}])
def test_login_from_a_foreign_or_unknown_origin_is_refused(
    client: TestClient, email: str, headers: dict[str, str]
) -> None:
    response = client.post("/auth/login", data={"email": email, "password": PASSWORD}, headers=headers)

    assert response.status_code == 403
    assert "set-cookie" not in response.headers


def test_a_referer_from_the_site_stands_in_for_a_missing_origin(client: TestClient, email: str) -> None:
    response = client.post(
        "/auth/login", data={"email": email, "password": PASSWORD}, headers={"referer": f"{FRONTEND}/login"}
    )

    assert response.status_code == 303


def test_logout_revokes_the_session_and_clears_the_cookie(client: TestClient, email: str) -> None:
    token = _set_cookie(_post_login(client, email, PASSWORD))[SESSION_COOKIE].value

    response = client.post(
        "/auth/logout", headers={"origin": FRONTEND, "cookie": f"{SESSION_COOKIE}={token}"}
    )

    assert response.status_code == 303
    assert response.headers["location"] == f"{FRONTEND}/"
    cleared = _set_cookie(response)[SESSION_COOKIE]
    assert cleared.value == "" and int(cleared["max-age"]) == 0
    assert "httponly" in response.headers["set-cookie"].lower()
    with session_scope() as db:
        assert resolve_principal(db, token) is None


def test_logout_from_a_foreign_origin_is_refused_and_keeps_the_session(
    client: TestClient, email: str
) -> None:
    token = _set_cookie(_post_login(client, email, PASSWORD))[SESSION_COOKIE].value

    response = client.post(
        "/auth/logout", headers={"origin": "https://evil.example", "cookie": f"{SESSION_COOKIE}={token}"}
    )

    assert response.status_code == 403
    with session_scope() as db:
        assert resolve_principal(db, token) is not None


def test_login_is_post_only(client: TestClient) -> None:
    assert client.get("/auth/login").status_code == 405


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/jobs/123?tab=apply#top", "/jobs/123?tab=apply#top"),
        (None, "/"),
        ("", "/"),
        ("/ok\r\nSet-Cookie: x=1", "/"),
        ("https:/evil.example", "/"),
        ("/" + "a" * 3000, "/"),
    ],
)
def test_safe_next_keeps_only_site_relative_paths(value: str | None, expected: str) -> None:
    assert safe_next(value) == expected
