"""Password login and logout: lockout, audit and the new session, with no Reflex in sight.

Unknown email and wrong password are indistinguishable: the same message, and both pay
for one argon2 verification (against a dummy hash when there is no user), so neither the
words nor the timing say whether an address has an account. Account status is checked
only after a correct password for the same reason.

A refused login raises *after* recording the failure (counter, lock, audit row) in the
caller's transaction: the caller must catch the error inside its transaction and commit,
or the failure is forgotten and the lockout never triggers.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from math import ceil
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import audit, passwords
from jobhub.auth.audit import RequestContext
from jobhub.auth.login_messages import CREDENTIALS_MESSAGE, LoginErrorCode, locked_message, message_for
from jobhub.auth.models import AuditSeverity, AuthSession, User, UserStatus
from jobhub.auth.principal import Principal, hash_session_token, resolve_principal
from jobhub.auth.session_tokens import issue_session, policy_for, revoke_session
from jobhub.platform.errors import Forbidden, Invalid
from jobhub.platform.event_types import USER_LOGGED_IN
from jobhub.platform.events import emit

MAX_FAILED_ATTEMPTS = 5
BASE_LOCK = timedelta(minutes=15)
MAX_LOCK = timedelta(hours=24)


class InvalidCredentials(Invalid):
    """Unknown email, wrong password or no password at all: one message for all three."""

    code = LoginErrorCode.CREDENTIALS

    def __init__(self) -> None:
        super().__init__("email", CREDENTIALS_MESSAGE)


class LoginRefused(Forbidden):
    """The password was right (or is not checked while locked) but the account may not sign in."""

    def __init__(self, code: LoginErrorCode, message: str, *, retry_minutes: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.retry_minutes = retry_minutes


@dataclass(frozen=True)
class LoginResult:
    """The raw token goes into the cookie once; nothing else here is secret."""

    token: str
    principal: Principal
    expires_at: datetime
    max_age_seconds: int | None
    """``None``: a cookie that ends with the browser session (no "remember me")."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash of a random password with the current parameters: verified when no user exists."""
    return passwords.hash_password(secrets.token_urlsafe(16))


def lock_duration(failed_attempts: int) -> timedelta:
    """15 minutes for the first lockout, doubling for each one after it, at most a day."""
    lockouts = max(1, failed_attempts // MAX_FAILED_ATTEMPTS)
    # 2**7 lockouts of 15 minutes already pass a day; a bigger power would overflow timedelta.
    return min(BASE_LOCK * 2 ** min(lockouts - 1, 7), MAX_LOCK)


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, ceil((until - now).total_seconds() / 60))


def _find_user_for_update(db: Session, email: str) -> User | None:
    """Row-locked, so two concurrent failures both count towards the lockout.

    Addresses are stored normalised (lower case), so the unique index on ``email`` answers;
    ``lower(email)`` in the query would scan the table on every attempt. A NUL byte (which
    PostgreSQL refuses in text) cannot be in any stored address, so it finds nobody.
    """
    if "\x00" in email:
        return None
    return db.scalars(select(User).where(User.email == email).with_for_update()).one_or_none()


def refusal_for(user: User) -> LoginRefused | None:
    """Why a user with the right password still may not sign in, if anything."""
    if user.deleted_at is not None:
        code = LoginErrorCode.DELETED
    elif user.status == UserStatus.SUSPENDED:
        code = LoginErrorCode.SUSPENDED
    elif user.status == UserStatus.BANNED:
        code = LoginErrorCode.BANNED
    elif user.status == UserStatus.PENDING_VERIFICATION:
        code = LoginErrorCode.UNVERIFIED
    else:
        return None
    return LoginRefused(code, message_for(code))


def _audit_failure(
    db: Session, context: RequestContext, user_id: uuid.UUID | None, details: dict[str, Any]
) -> None:
    """A refused sign-in that does not count toward the lockout (the counting one is ``record_failure``)."""
    audit.record(
        db, audit.AuditAction.LOGIN_FAILURE, AuditSeverity.WARN, context, user_id=user_id, details=details
    )
    db.flush()


def record_failure(db: Session, user: User, context: RequestContext, now: datetime, *, reason: str) -> None:
    """One more failed attempt (a wrong password or a wrong second-step code); locks at every 5th."""
    user.failed_login_attempts += 1
    audit.record(
        db,
        audit.AuditAction.LOGIN_FAILURE,
        AuditSeverity.WARN,
        context,
        user_id=user.id,
        details={"reason": reason, "failed_attempts": user.failed_login_attempts},
    )
    if user.failed_login_attempts % MAX_FAILED_ATTEMPTS == 0:
        user.locked_until = now + lock_duration(user.failed_login_attempts)
        audit.record(
            db,
            audit.AuditAction.LOCKOUT,
            AuditSeverity.ERROR,
            context,
            user_id=user.id,
            details={"locked_until": user.locked_until.isoformat()},
        )
    db.add(user)
    db.flush()


def authenticate(
    db: Session,
    email: str,
    password: str,
    context: RequestContext,
    *,
    now: datetime | None = None,
) -> User:
    """The user whose password this is and who may sign in; no session yet (MFA may follow).

    Raises ``InvalidCredentials`` or ``LoginRefused`` after recording the attempt (see the
    module docstring: commit before answering).
    """
    moment = now or datetime.now(UTC)
    user = _find_user_for_update(db, normalise_email(email))
    if user is None or not user.password_hash:
        passwords.verify_password(password, _dummy_hash())
        _audit_failure(
            db,
            context,
            user.id if user else None,
            {"reason": "unknown_email" if user is None else "no_password"},
        )
        raise InvalidCredentials()
    check_not_locked(db, user, context, moment, password=password)
    if not passwords.verify_password(password, user.password_hash):
        record_failure(db, user, context, moment, reason="wrong_password")
        check_not_locked(db, user, context, moment, audit_it=False)
        raise InvalidCredentials()
    refusal = refusal_for(user)
    if refusal is not None:
        _audit_failure(db, context, user.id, {"reason": refusal.code.value})
        raise refusal
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
        db.add(user)
    return user


def check_not_locked(
    db: Session,
    user: User,
    context: RequestContext,
    now: datetime,
    *,
    password: str | None = None,
    audit_it: bool = True,
) -> None:
    """``LoginRefused(LOCKED)`` while the account is locked; a given password is still hashed once.

    The MFA step calls this too, so a locked account cannot keep guessing codes.
    """
    if user.locked_until is None or user.locked_until <= now:
        return
    if password is not None:
        passwords.verify_password(password, _dummy_hash())
    if audit_it:
        _audit_failure(db, context, user.id, {"reason": "locked"})
    minutes = _minutes_left(user.locked_until, now)
    raise LoginRefused(LoginErrorCode.LOCKED, locked_message(minutes), retry_minutes=minutes)


def login(
    db: Session,
    email: str,
    password: str,
    *,
    remember: bool = False,
    ip: str | None = None,
    user_agent: str | None = None,
    correlation_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> LoginResult:
    """Password sign-in without a second step: check, then a new session and its raw token.

    Raises ``InvalidCredentials`` or ``LoginRefused`` after recording the attempt (see the
    module docstring: commit before answering). The HTTP route goes through
    ``sign_in_response.complete_sign_in`` instead, which asks for a code when MFA is on.
    """
    moment = now or datetime.now(UTC)
    context = RequestContext.of(ip, user_agent, correlation_id)
    user = authenticate(db, email, password, context, now=moment)
    return start_session(db, user, context, remember=remember, method="password", now=moment)


def start_session(
    db: Session,
    user: User,
    context: RequestContext,
    *,
    remember: bool,
    method: str | None = None,
    now: datetime | None = None,
) -> LoginResult:
    """Every factor has passed: a new session (never a reused one), audited and evented."""
    moment = now or datetime.now(UTC)
    policy = policy_for(remember)
    user.failed_login_attempts = 0
    user.locked_until = None
    user.last_login_at = moment
    user.last_login_ip = context.ip
    db.add(user)
    token = issue_session(
        db, user.id, policy=policy, ip_address=context.ip, user_agent=context.user_agent, now=moment
    )
    principal = resolve_principal(db, token, now=moment)
    if principal is None:  # the checks above mirror resolve_principal's; this is a bug, not a user error
        raise RuntimeError("a session issued at login did not resolve")
    audit.record(
        db,
        audit.AuditAction.LOGIN_SUCCESS,
        AuditSeverity.INFO,
        context,
        user_id=user.id,
        session_id=principal.session_id,
        details={"remember": remember, **({"method": method} if method else {})},
    )
    emit(
        db,
        "auth",
        "user",
        user.id,
        USER_LOGGED_IN,
        {"user_type": user.user_type, "session_id": str(principal.session_id), "method": method or ""},
        user_id=user.id,
        correlation_id=context.correlation_id,
    )
    db.flush()
    return LoginResult(
        token=token,
        principal=principal,
        expires_at=moment + policy.idle,
        max_age_seconds=policy.cookie_max_age,
    )


def logout(
    db: Session,
    token: str | None,
    *,
    ip: str | None = None,
    user_agent: str | None = None,
    correlation_id: uuid.UUID | None = None,
) -> bool:
    """Revoke the session of ``token`` and audit it; False when there was nothing to revoke."""
    if not token:
        return False
    session_row = db.scalars(
        select(AuthSession).where(
            AuthSession.token_hash == hash_session_token(token), AuthSession.revoked_at.is_(None)
        )
    ).one_or_none()
    if session_row is None or not revoke_session(db, token):
        return False
    context = RequestContext.of(ip, user_agent, correlation_id)
    audit.record(
        db,
        audit.AuditAction.LOGOUT,
        AuditSeverity.INFO,
        context,
        user_id=session_row.user_id,
        session_id=session_row.id,
    )
    db.flush()
    return True
