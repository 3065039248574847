"""Password login and logout through the service, on real PostgreSQL."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from passlib.context import CryptContext
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.login import (
    InvalidCredentials,
    LoginRefused,
    lock_duration,
    login,
    logout,
)
from jobhub.auth.login_messages import CREDENTIALS_MESSAGE, LoginErrorCode
from jobhub.auth.models import AuditLog, AuthSession, OutboxEvent, User
from jobhub.auth.passwords import hash_password, password_context, verify_password
from jobhub.auth.principal import resolve_principal
from jobhub.platform.event_types import USER_LOGGED_IN

PASSWORD = "correct horse battery staple"
IP = "192.0.2.10"
AGENT = "pytest-browser/1.0"
# Computed once: every argon2 hash costs tens of milliseconds.
PASSWORD_HASH = hash_password(PASSWORD)


def _user(
    db: Session, *, status: str = "active", deleted: bool = False, password_hash: str | None = None
) -> User:
    user = User(
        email=f"ada.{uuid.uuid4().hex[:10]}@example.test",
        password_hash=password_hash or PASSWORD_HASH,
        first_name="Ada",
        last_name="Lovelace",
        user_type="job_seeker",
        status=status,
        deleted_at=datetime.now(UTC) if deleted else None,
    )
    db.add(user)
    db.flush()
    return user


def _audit_actions(db: Session, user_id: uuid.UUID | None) -> list[str]:
    rows = db.scalars(select(AuditLog).where(AuditLog.user_id == user_id).order_by(AuditLog.created_at))
    return [row.action for row in rows]


def _fail(db: Session, email: str, times: int, *, now: datetime | None = None) -> None:
    for _ in range(times):
        with pytest.raises((InvalidCredentials, LoginRefused)):
            login(db, email, "wrong password", ip=IP, user_agent=AGENT, now=now)


def test_a_correct_password_issues_a_session_whose_hash_alone_is_stored(db: Session) -> None:
    user = _user(db)

    result = login(db, user.email, PASSWORD, ip=IP, user_agent=AGENT)

    stored = db.scalars(select(AuthSession).where(AuthSession.user_id == user.id)).one()
    assert stored.token_hash == hashlib.sha256(result.token.encode()).hexdigest()
    assert stored.token_hash != result.token
    assert (str(stored.ip_address), stored.user_agent) == (IP, AGENT)
    assert result.principal.user_id == user.id
    assert result.principal.session_id == stored.id
    assert result.max_age_seconds is None  # no "remember me": the cookie ends with the browser


def test_the_email_is_matched_whatever_its_case_and_surrounding_spaces(db: Session) -> None:
    user = _user(db)

    result = login(db, f"  {user.email.upper()} ", PASSWORD)

    assert result.principal.user_id == user.id


def test_every_login_gets_a_new_token(db: Session) -> None:
    user = _user(db)

    first = login(db, user.email, PASSWORD)
    second = login(db, user.email, PASSWORD)

    assert first.token != second.token
    assert resolve_principal(db, first.token) is not None
    assert resolve_principal(db, second.token) is not None


def test_success_records_the_login_and_resets_the_failure_counter(db: Session) -> None:
    user = _user(db)
    _fail(db, user.email, 3)

    login(db, user.email, PASSWORD, ip=IP)

    db.refresh(user)
    assert user.failed_login_attempts == 0
    assert user.locked_until is None
    assert str(user.last_login_ip) == IP
    assert user.last_login_at is not None
    assert datetime.now(UTC) - user.last_login_at < timedelta(minutes=1)


def test_wrong_password_and_unknown_email_give_the_same_message(db: Session) -> None:
    user = _user(db)

    with pytest.raises(InvalidCredentials) as wrong_password:
        login(db, user.email, "not the password")
    with pytest.raises(InvalidCredentials) as unknown_email:
        login(db, f"nobody.{uuid.uuid4().hex}@example.test", PASSWORD)

    assert wrong_password.value.message == unknown_email.value.message == CREDENTIALS_MESSAGE
    assert wrong_password.value.field == unknown_email.value.field


def test_an_account_without_a_password_gives_the_same_message(db: Session) -> None:
    user = _user(db)
    user.password_hash = None
    db.add(user)
    db.flush()

    with pytest.raises(InvalidCredentials):
        login(db, user.email, PASSWORD)


def test_five_failures_lock_the_account_for_fifteen_minutes(db: Session) -> None:
    user = _user(db)
    _fail(db, user.email, 4)

    with pytest.raises(LoginRefused) as fifth:
        login(db, user.email, "wrong password")

    assert fifth.value.code == LoginErrorCode.LOCKED
    assert fifth.value.message == "Too many failed attempts. Try again in 15 minutes."
    db.refresh(user)
    assert user.failed_login_attempts == 5
    assert user.locked_until is not None
    assert timedelta(minutes=14) < user.locked_until - datetime.now(UTC) <= timedelta(minutes=15)


def test_the_right_password_is_refused_while_locked(db: Session) -> None:
    user = _user(db)
    _fail(db, user.email, 5)

    with pytest.raises(LoginRefused) as refused:
        login(db, user.email, PASSWORD, now=datetime.now(UTC) + timedelta(minutes=5))

    assert refused.value.message == "Too many failed attempts. Try again in 10 minutes."
    assert refused.value.retry_minutes == 10
    assert db.scalars(select(AuthSession).where(AuthSession.user_id == user.id)).first() is None


def test_the_lock_expires(db: Session) -> None:
    user = _user(db)
    _fail(db, user.email, 5)

    result = login(db, user.email, PASSWORD, now=datetime.now(UTC) + timedelta(minutes=16))

    assert result.principal.user_id == user.id


def test_the_next_lockout_lasts_twice_as_long_up_to_a_day() -> None:
    assert [lock_duration(n) for n in (5, 10, 15)] == [timedelta(minutes=m) for m in (15, 30, 60)]
    assert lock_duration(5 * 50) == timedelta(hours=24)


@pytest.mark.parametrize(
    ("status", "deleted", "code"),
    [
        ("suspended", False, LoginErrorCode.SUSPENDED),
        ("banned", False, LoginErrorCode.BANNED),
        ("pending_verification", False, LoginErrorCode.UNVERIFIED),
        ("active", True, LoginErrorCode.DELETED),
    ],
)
def test_an_account_that_may_not_sign_in_is_refused_with_its_reason(
    db: Session, status: str, deleted: bool, code: LoginErrorCode
) -> None:
    user = _user(db, status=status, deleted=deleted)

    with pytest.raises(LoginRefused) as refused:
        login(db, user.email, PASSWORD)

    assert refused.value.code == code
    assert refused.value.message
    assert db.scalars(select(AuthSession).where(AuthSession.user_id == user.id)).first() is None


def test_a_suspended_account_with_a_wrong_password_gets_the_ordinary_message(db: Session) -> None:
    user = _user(db, status="suspended")

    with pytest.raises(InvalidCredentials):
        login(db, user.email, "wrong password")


def test_a_hash_with_weaker_parameters_is_replaced_on_login(db: Session) -> None:
    weak = CryptContext(schemes=["argon2"], argon2__type="ID", argon2__memory_cost=8192, argon2__time_cost=1)
    user = _user(db, password_hash=weak.hash(PASSWORD))
    old_hash = user.password_hash

    login(db, user.email, PASSWORD)

    db.refresh(user)
    assert user.password_hash != old_hash
    assert not password_context.needs_update(user.password_hash)
    assert verify_password(PASSWORD, user.password_hash)


def test_a_current_hash_is_kept(db: Session) -> None:
    user = _user(db)

    login(db, user.email, PASSWORD)

    db.refresh(user)
    assert user.password_hash == PASSWORD_HASH


def test_success_failure_and_lockout_are_audited_with_context(db: Session) -> None:
    user = _user(db)
    _fail(db, user.email, 5)
    login(db, user.email, PASSWORD, ip=IP, user_agent=AGENT, now=datetime.now(UTC) + timedelta(minutes=16))

    assert _audit_actions(db, user.id) == ["login_failure"] * 5 + ["lockout", "login_success"]
    rows = db.scalars(select(AuditLog).where(AuditLog.user_id == user.id)).all()
    by_action = {row.action: row for row in rows}
    assert by_action["lockout"].severity == "ERROR"
    assert by_action["login_failure"].severity == "WARN"
    success = by_action["login_success"]
    assert (success.severity, str(success.ip_address), success.user_agent) == ("INFO", IP, AGENT)
    assert success.session_id is not None and success.correlation_id is not None


def test_an_unknown_email_is_audited_without_a_user(db: Session) -> None:
    before = len(_audit_actions(db, None))

    with pytest.raises(InvalidCredentials):
        login(db, f"ghost.{uuid.uuid4().hex}@example.test", PASSWORD, ip=IP)

    assert len(_audit_actions(db, None)) == before + 1


def test_success_emits_user_logged_in(db: Session) -> None:
    user = _user(db)

    result = login(db, user.email, PASSWORD)

    event = db.scalars(
        select(OutboxEvent).where(
            OutboxEvent.aggregate_id == user.id, OutboxEvent.event_type == USER_LOGGED_IN
        )
    ).one()
    assert event.event_data["user_id"] == str(user.id)
    assert event.event_data["session_id"] == str(result.principal.session_id)
    assert result.token not in str(event.event_data)


def test_logout_revokes_the_session_and_audits_it(db: Session) -> None:
    user = _user(db)
    result = login(db, user.email, PASSWORD)

    assert logout(db, result.token, ip=IP) is True

    assert resolve_principal(db, result.token) is None
    assert _audit_actions(db, user.id)[-1] == "logout"
    assert logout(db, result.token) is False


@pytest.mark.parametrize("token", [None, "", "never-issued"])
def test_logout_without_a_live_session_does_nothing(db: Session, token: str | None) -> None:
    assert logout(db, token) is False
