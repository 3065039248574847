"""Arbitrary text into every code, password and session-id handler: a refusal, never a crash, no change.

Services are fed inside the rolled-back test transaction; the second sign-in step is fed over
HTTP (with committed rows) because its route is what a browser reaches.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlmodel import Session
from starlette.testclient import TestClient

from jobhub.api import build_http_api
from jobhub.auth import mfa, sessions_service
from jobhub.auth.audit import RequestContext
from jobhub.auth.login import InvalidCredentials, LoginRefused, authenticate
from jobhub.auth.mfa_challenge import CHALLENGE_COOKIE
from jobhub.auth.models import AuthSession, User
from jobhub.auth.passwords import hash_password
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session
from jobhub.platform import rate_limits
from jobhub.platform.db import session_scope
from jobhub.platform.errors import Conflict, NotFound
from tests.auth.support import add_seeker, delete_users, enrol_mfa
from tests.factories import add, make_user

PASSWORD = "correct horse battery staple"
CONTEXT = RequestContext()
FRONTEND = "http://localhost:3000"
AT_ONCE = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Six digits would be a real (if unlikely) TOTP; backup codes are ten letters/digits: anything else.
junk = st.text(max_size=80).filter(lambda s: len(mfa.normalise_code(s)) not in (6, 11))


def _mfa_columns(user: User) -> tuple[object, ...]:
    return (user.mfa_enabled, user.mfa_secret, tuple(user.mfa_backup_codes or ()), user.mfa_last_used_step)


@pytest.fixture
def enrolled(db: Session) -> tuple[User, Principal]:
    user = make_user(password_hash=hash_password(PASSWORD))
    add(db, user)
    enrol_mfa(db, user, CONTEXT)
    return user, Principal(user_id=user.id, user_type=str(user.user_type))


@AT_ONCE
@given(code=junk)
def test_any_code_at_sign_in_is_refused_without_a_change(
    db: Session, enrolled: tuple[User, Principal], code: str
) -> None:
    user, _ = enrolled
    before = _mfa_columns(user)

    with pytest.raises(mfa.MfaRefused):
        mfa.accept_code(db, user, code, CONTEXT)

    assert _mfa_columns(user) == before


@AT_ONCE
@given(password=st.text(max_size=200), code=st.text(max_size=80))
def test_any_password_and_code_leave_mfa_on_unless_both_are_right(
    db: Session, enrolled: tuple[User, Principal], password: str, code: str
) -> None:
    user, who = enrolled
    before = _mfa_columns(user)

    with pytest.raises(mfa.MfaRefused):
        mfa.disable(db, who, password, code, CONTEXT)

    assert _mfa_columns(user) == before


@AT_ONCE
@given(code=junk)
def test_any_code_for_new_backup_codes_is_refused_without_a_change(
    db: Session, enrolled: tuple[User, Principal], code: str
) -> None:
    user, who = enrolled
    before = _mfa_columns(user)

    with pytest.raises(mfa.MfaRefused):
        mfa.regenerate_backup_codes(db, who, code, CONTEXT)

    assert _mfa_columns(user) == before


@AT_ONCE
@given(code=junk)
def test_any_confirmation_code_leaves_mfa_off(db: Session, code: str) -> None:
    user = make_user()
    add(db, user)
    who = Principal(user_id=user.id, user_type=str(user.user_type))
    mfa.begin_enrolment(db, who)

    with pytest.raises(mfa.MfaRefused):
        mfa.confirm_enrolment(db, who, code, CONTEXT)

    assert not user.mfa_enabled and user.mfa_backup_codes is None


@AT_ONCE
@given(session_id=st.one_of(st.text(max_size=100), st.uuids().map(str)))
def test_any_session_id_from_the_browser_is_not_found_and_ends_nothing(
    db: Session, enrolled: tuple[User, Principal], session_id: str
) -> None:
    user, _ = enrolled
    token = issue_session(db, user.id)
    me = resolve_principal(db, token)
    assert me is not None
    live = select(func.count()).select_from(AuthSession).where(AuthSession.revoked_at.is_(None))
    before = db.scalar(live)

    with pytest.raises((NotFound, Conflict)):
        sessions_service.revoke_session(db, me, session_id, CONTEXT)

    assert db.scalar(live) == before


@AT_ONCE
@given(email=st.text(max_size=80), password=st.text(max_size=80))
def test_any_email_and_password_are_refused_without_a_session_or_a_new_hash(
    db: Session, enrolled: tuple[User, Principal], email: str, password: str
) -> None:
    user, _ = enrolled
    stored_hash = user.password_hash
    sessions = select(func.count()).select_from(AuthSession)
    before = db.scalar(sessions)

    with pytest.raises((InvalidCredentials, LoginRefused)):
        authenticate(db, email, password, CONTEXT)

    assert db.scalar(sessions) == before
    assert user.password_hash == stored_hash


@pytest.fixture
def http_account(engine: Engine) -> Iterator[tuple[TestClient, uuid.UUID]]:
    """A committed user with MFA on, and a client holding a session for the settings forms."""
    rate_limits.reset_limiter()
    with session_scope() as db:
        user = add_seeker(
            db, f"prop.{uuid.uuid4().hex[:10]}@example.test", "Pia", "Property", password=PASSWORD
        )
        enrol_mfa(db, user, CONTEXT)
        token = issue_session(db, user.id)
        user_id = user.id
    with TestClient(build_http_api(), base_url="http://localhost:8000", follow_redirects=False) as client:
        client.cookies.set(SESSION_COOKIE, token)
        yield client, user_id
    delete_users(engine, [user_id])


def _stored(user_id: uuid.UUID) -> tuple[object, ...]:
    with session_scope() as db:
        user = db.get(User, user_id)
        assert user is not None
        return _mfa_columns(user)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/auth/mfa/disable", "/auth/mfa/backup-codes", "/auth/mfa/enable"]), code=junk)
def test_the_settings_routes_answer_any_input_with_a_redirect_and_change_nothing(
    http_account: tuple[TestClient, uuid.UUID], path: str, code: str
) -> None:
    client, user_id = http_account
    before = _stored(user_id)

    response = client.post(path, data={"code": code, "password": code}, headers={"origin": FRONTEND})

    assert response.status_code == 303
    assert "mfa_error=" in response.headers["location"]
    assert _stored(user_id) == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.text(max_size=80), challenge=st.text(max_size=300))
def test_the_second_step_answers_any_code_and_cookie_without_a_session(
    http_account: tuple[TestClient, uuid.UUID], code: str, challenge: str
) -> None:
    client, _ = http_account
    client.cookies.delete(CHALLENGE_COOKIE)
    headers = {"origin": FRONTEND}
    printable = "".join(ch for ch in challenge if 0x21 <= ord(ch) < 0x7F and ch not in ';,"\\')
    if printable:
        headers["cookie"] = f"{CHALLENGE_COOKIE}={printable}"

    response = client.post("/auth/login/verify", data={"code": code}, headers=headers)

    assert response.status_code == 303
    assert SESSION_COOKIE not in "".join(response.headers.get_list("set-cookie"))
