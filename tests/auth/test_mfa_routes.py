"""The sign-in's second step and the MFA settings forms over HTTP, with committed rows.

The routes open their own transactions, so users are committed and removed afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from sqlalchemy import Engine, select
from starlette.testclient import TestClient

from jobhub.api import build_http_api
from jobhub.auth import mfa, mfa_challenge
from jobhub.auth.audit import RequestContext
from jobhub.auth.mfa_challenge import CHALLENGE_COOKIE
from jobhub.auth.models import User
from jobhub.auth.passwords import hash_password
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session
from jobhub.platform import rate_limits
from jobhub.platform.db import session_scope
from tests.auth.support import add_seeker, delete_users, enrol_mfa

PASSWORD = "correct horse battery staple"
FRONTEND = "http://localhost:3000"
ORIGIN = {"origin": FRONTEND}


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    rate_limits.reset_limiter()
    with TestClient(build_http_api(), base_url="http://localhost:8000", follow_redirects=False) as test:
        yield test


@pytest.fixture
def make_account(engine: Engine) -> Iterator[Callable[..., tuple[str, str]]]:
    """Committed users: ``(email, secret)``, with MFA on unless ``mfa_on=False``.

    Enrolment is confirmed with the code of a minute ago, so the current code is still unused.
    """
    created: list[uuid.UUID] = []

    def make(*, mfa_on: bool = True) -> tuple[str, str]:
        email = f"mfa.{uuid.uuid4().hex[:10]}@example.test"
        with session_scope() as db:
            user = add_seeker(db, email, "Mia", "Factor", password=PASSWORD)
            created.append(user.id)
            secret = enrol_mfa(db, user)[0] if mfa_on else ""
        return email, secret

    yield make
    delete_users(engine, created)


def _current_code(secret: str) -> str:
    return pyotp.TOTP(secret).now()


def _cookies(response: object) -> SimpleCookie:
    cookie = SimpleCookie()
    for value in response.headers.get_list("set-cookie"):  # type: ignore[attr-defined]
        cookie.load(value)
    return cookie


def _password_step(client: TestClient, email: str, **extra: str) -> object:
    return client.post("/auth/login", data={"email": email, "password": PASSWORD, **extra}, headers=ORIGIN)


def _verify(client: TestClient, code: str, **headers: str) -> object:
    return client.post("/auth/login/verify", data={"code": code}, headers={**ORIGIN, **headers})


def _user(email: str) -> User:
    with session_scope() as db:
        return db.scalars(select(User).where(User.email == email)).one()


def test_a_password_for_an_mfa_account_asks_for_a_code_and_sets_no_session(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, _ = make_account()

    response = _password_step(client, email, next="/jobs")

    assert response.status_code == 303
    assert response.headers["location"] == f"{FRONTEND}/login/verify?next=%2Fjobs"
    cookies = _cookies(response)
    assert SESSION_COOKIE not in cookies
    challenge = cookies[CHALLENGE_COOKIE]
    assert challenge["httponly"] and challenge["path"] == "/auth/login"
    assert int(challenge["max-age"]) == 300


def test_the_right_code_signs_in_and_goes_to_next(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, secret = make_account()
    _password_step(client, email, next="/jobs")

    response = _verify(client, _current_code(secret))

    assert response.status_code == 303
    assert response.headers["location"] == f"{FRONTEND}/jobs"
    token = _cookies(response)[SESSION_COOKIE].value
    with session_scope() as db:
        assert resolve_principal(db, token) is not None


def test_remember_me_survives_the_second_step(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, secret = make_account()
    _password_step(client, email, remember="on")

    response = _verify(client, _current_code(secret))

    assert int(_cookies(response)[SESSION_COOKIE]["max-age"]) == 14 * 24 * 3600


def test_a_backup_code_signs_in_once(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, secret = make_account()
    with session_scope() as db:
        user = db.get(User, _user(email).id)
        assert user is not None
        codes = mfa.regenerate_backup_codes(
            db, Principal(user_id=user.id, user_type="job_seeker"), _current_code(secret), RequestContext()
        )
    _password_step(client, email)
    assert SESSION_COOKIE in _cookies(_verify(client, codes[0]))

    client.cookies.clear()
    _password_step(client, email)
    again = _verify(client, codes[0])

    assert SESSION_COOKIE not in _cookies(again)
    assert parse_qs(urlsplit(again.headers["location"]).query)["error"] == ["code"]


def test_a_wrong_code_stays_on_the_step_and_counts_toward_the_lockout(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, _ = make_account()
    _password_step(client, email)

    response = _verify(client, "000000")

    assert urlsplit(response.headers["location"]).path == "/login/verify"
    assert SESSION_COOKIE not in _cookies(response)
    assert _user(email).failed_login_attempts == 1


def test_five_wrong_codes_lock_the_account(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, secret = make_account()
    _password_step(client, email)
    for _ in range(4):
        _verify(client, "000000")

    locked = _verify(client, "000000")

    assert parse_qs(urlsplit(locked.headers["location"]).query)["error"] == ["locked"]
    assert _user(email).locked_until is not None
    _password_step(client, email)
    assert SESSION_COOKIE not in _cookies(_verify(client, _current_code(secret)))


def test_an_expired_challenge_sends_back_to_sign_in(
    client: TestClient, make_account: Callable[..., tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    email, secret = make_account()
    _password_step(client, email)
    monkeypatch.setattr(mfa_challenge, "CHALLENGE_LIFETIME", timedelta(seconds=-1))

    response = _verify(client, _current_code(secret))

    assert parse_qs(urlsplit(response.headers["location"]).query)["error"] == ["expired"]
    assert SESSION_COOKIE not in _cookies(response)


def test_a_tampered_challenge_is_refused(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, secret = make_account()
    _password_step(client, email)
    sealed = client.cookies.get(CHALLENGE_COOKIE) or ""
    client.cookies.clear()
    client.cookies.set(CHALLENGE_COOKIE, sealed[:-3] + ("AAA" if not sealed.endswith("AAA") else "BBB"))

    response = _verify(client, _current_code(secret))

    assert parse_qs(urlsplit(response.headers["location"]).query)["error"] == ["expired"]
    assert SESSION_COOKIE not in _cookies(response)


def test_a_challenge_for_one_user_does_not_take_another_users_code(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    victim_email, _ = make_account()
    _, attacker_secret = make_account()
    _password_step(client, victim_email)

    response = _verify(client, _current_code(attacker_secret))

    assert SESSION_COOKIE not in _cookies(response)
    assert _user(victim_email).failed_login_attempts == 1


def test_a_challenge_dies_with_a_password_change(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, secret = make_account()
    _password_step(client, email)
    with session_scope() as db:
        user = db.get(User, _user(email).id)
        assert user is not None
        user.password_hash = hash_password("another long passphrase here")
        db.add(user)

    response = _verify(client, _current_code(secret))

    assert parse_qs(urlsplit(response.headers["location"]).query)["error"] == ["expired"]


def test_the_second_step_refuses_a_foreign_origin(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, secret = make_account()
    _password_step(client, email)

    response = _verify(client, _current_code(secret), origin="https://evil.example")

    assert response.status_code == 403


def test_without_mfa_the_password_alone_signs_in(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, _ = make_account(mfa_on=False)

    response = _password_step(client, email)

    cookies = _cookies(response)
    assert cookies[SESSION_COOKIE].value
    assert CHALLENGE_COOKIE not in cookies or cookies[CHALLENGE_COOKIE].value == ""


def _session_for(email: str) -> str:
    with session_scope() as db:
        return issue_session(db, _user(email).id)


def test_enabling_from_settings_shows_ten_codes_once_with_a_download(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, _ = make_account(mfa_on=False)
    token = _session_for(email)
    with session_scope() as db:
        shown = mfa.begin_enrolment(db, Principal(user_id=_user(email).id, user_type="job_seeker"))
    secret = shown.manual_key.replace(" ", "")
    client.cookies.set(SESSION_COOKIE, token)

    response = client.post("/auth/mfa/enable", data={"code": _current_code(secret)}, headers=ORIGIN)

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert response.text.count("<li><code>") == 10
    assert 'download="jobhub-backup-codes.txt"' in response.text
    assert _user(email).mfa_enabled


def test_a_wrong_code_when_enabling_comes_back_as_a_field_code(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, _ = make_account(mfa_on=False)
    client.cookies.set(SESSION_COOKIE, _session_for(email))
    with session_scope() as db:
        mfa.begin_enrolment(db, Principal(user_id=_user(email).id, user_type="job_seeker"))

    response = client.post("/auth/mfa/enable", data={"code": "12"}, headers=ORIGIN)

    assert response.headers["location"] == f"{FRONTEND}/settings/security?mfa_error=code"
    assert not _user(email).mfa_enabled


def test_disabling_needs_password_and_code_over_http(
    client: TestClient, make_account: Callable[..., tuple[str, str]]
) -> None:
    email, secret = make_account()
    client.cookies.set(SESSION_COOKIE, _session_for(email))

    no_password = client.post("/auth/mfa/disable", data={"code": _current_code(secret)}, headers=ORIGIN)
    done = client.post(
        "/auth/mfa/disable", data={"password": PASSWORD, "code": _current_code(secret)}, headers=ORIGIN
    )

    assert no_password.headers["location"].endswith("mfa_error=password")
    assert done.headers["location"] == f"{FRONTEND}/settings/security?mfa=disabled"
    assert not _user(email).mfa_enabled


def test_settings_forms_without_a_session_go_to_sign_in(client: TestClient) -> None:
    response = client.post("/auth/mfa/disable", data={"password": PASSWORD, "code": "123456"}, headers=ORIGIN)

    assert response.headers["location"] == f"{FRONTEND}/login?next=%2Fsettings%2Fsecurity"
