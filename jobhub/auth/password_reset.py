"""Forgotten passwords: a signed one-hour single-use link by mail, then a new password.

``request_reset`` returns a mail only for an account that may reset (not deleted, suspended
or banned); the caller answers the same in every case, so the form tells nobody which
addresses have accounts. The row keeps the link nonce's SHA-256 and the expiry; a new
request voids older links and a used link is cleared.

A successful reset sets the new hash, clears the failed attempts and the lock, ends every
session of the account (whoever had the old password is signed out everywhere), and mails
the owner that the password changed. Following the mailed link also proves the address,
so a pending account becomes verified and active.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlmodel import Session

from jobhub.auth import audit, passwords
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuditSeverity, AuthSession, User, UserStatus
from jobhub.auth.password_policy import check_password
from jobhub.auth.verification import lookup_address
from jobhub.platform import signed_links
from jobhub.platform.errors import Invalid
from jobhub.platform.event_types import USER_PASSWORD_RESET
from jobhub.platform.events import emit
from jobhub.platform.mail import Message, from_template
from jobhub.platform.signed_links import LinkExpired, LinkInvalid, LinkPurpose
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

RESET_LIFETIME = timedelta(hours=1)
REVOKE_REASON = "password_reset"
RESETTABLE = (UserStatus.ACTIVE, UserStatus.PENDING_VERIFICATION)

LINK_PROBLEM = "This reset link is not valid. It may have been used already: ask for a new one."
LINK_EXPIRED = "This reset link has expired. Ask for a new one: links work for one hour."
MISMATCH = "The two passwords are not the same."

FALLBACK_SUBJECT = "Reset your JobHub password"
FALLBACK_TEXT = (
    "Hi {first_name},\n\nChoose a new password here:\n{reset_url}\n\n"
    "The link expires in {expires_in_minutes} minutes and works once.\n\n— The JobHub team"
)
CHANGED_SUBJECT = "Your JobHub password was changed"
CHANGED_TEXT = (
    "Hi {first_name},\n\nThe password of your JobHub account was just changed, and every "
    "device that was signed in has been signed out.\n\nIf you did this, there is nothing else "
    "to do. If you did not, reset it now at {forgot_url} and contact support.\n\n— The JobHub team"
)


@dataclass(frozen=True)
class ResetDone:
    email: str
    sessions_revoked: int


def request_reset(
    db: Session, email: str, context: RequestContext, *, now: datetime | None = None
) -> Message | None:
    """The reset mail for the account at ``email``, or ``None`` when there is none to reset."""
    moment = now or datetime.now(UTC)
    address = lookup_address(email)
    if address is None:
        return None
    user = db.scalars(select(User).where(User.email == address).with_for_update()).one_or_none()
    if user is None or user.deleted_at is not None or user.status not in RESETTABLE:
        return None
    issued = signed_links.issue(LinkPurpose.RESET_PASSWORD, user.id)
    user.password_reset_token = issued.nonce_hash
    user.password_reset_expires_at = moment + RESET_LIFETIME
    db.add(user)
    audit.record(db, AuditAction.PASSWORD_RESET_REQUESTED, AuditSeverity.INFO, context, user_id=user.id)
    db.flush()
    variables = {
        "first_name": user.first_name,
        "reset_url": signed_links.public_link(nav.RESET_PASSWORD, issued.token),
        "expires_in_minutes": int(RESET_LIFETIME.total_seconds() // 60),
    }
    return from_template(
        db,
        "password_reset",
        user.email,
        variables,
        fallback_subject=FALLBACK_SUBJECT,
        fallback_text=FALLBACK_TEXT,
    )


def _user_for_token(db: Session, token: str, moment: datetime) -> User:
    """The account whose current, unexpired reset link ``token`` is; ``Invalid("token", …)`` else."""
    try:
        claim = signed_links.read(token, LinkPurpose.RESET_PASSWORD, RESET_LIFETIME, now=moment)
    except LinkExpired as exc:
        raise Invalid("token", LINK_EXPIRED) from exc
    except LinkInvalid as exc:
        raise Invalid("token", LINK_PROBLEM) from exc
    try:
        user_id = uuid.UUID(claim.subject)
    except ValueError as exc:
        raise Invalid("token", LINK_PROBLEM) from exc
    user = db.scalars(select(User).where(User.id == user_id).with_for_update()).one_or_none()
    if user is None or user.deleted_at is not None or user.status not in RESETTABLE:
        raise Invalid("token", LINK_PROBLEM)
    if not claim.matches(user.password_reset_token):
        raise Invalid("token", LINK_PROBLEM)
    if user.password_reset_expires_at is None or user.password_reset_expires_at <= moment:
        raise Invalid("token", LINK_EXPIRED)
    return user


def check_reset_link(db: Session, token: str, *, now: datetime | None = None) -> str:
    """The address a valid link resets (shown on the form), or ``Invalid("token", …)``."""
    return _user_for_token(db, token, now or datetime.now(UTC)).email


def _revoke_all_sessions(db: Session, user_id: uuid.UUID, moment: datetime) -> int:
    result = db.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(is_active=False, revoked_at=moment, revoke_reason=REVOKE_REASON)
    )
    return int(result.rowcount or 0)


def reset_password(
    db: Session,
    token: str,
    password: str,
    confirmation: str,
    context: RequestContext,
    *,
    now: datetime | None = None,
) -> tuple[ResetDone, Message]:
    """Set the new password; the result and the "password changed" mail to send after commit."""
    moment = now or datetime.now(UTC)
    user = _user_for_token(db, token, moment)
    check_password(password, email=user.email)
    if password != confirmation:
        raise Invalid("password_confirm", MISMATCH)
    old = {
        "status": user.status,
        "email_verified": user.email_verified,
        "locked": user.locked_until is not None,
    }
    user.password_hash = passwords.hash_password(password)
    user.password_reset_token = None
    user.password_reset_expires_at = None
    user.failed_login_attempts = 0
    user.locked_until = None
    if user.status == UserStatus.PENDING_VERIFICATION:
        user.status = UserStatus.ACTIVE
        user.email_verified = True
        user.email_verification_token = None
        user.email_verification_expires_at = None
    db.add(user)
    revoked = _revoke_all_sessions(db, user.id, moment)
    audit.record(
        db,
        AuditAction.PASSWORD_RESET,
        AuditSeverity.WARN,
        context,
        user_id=user.id,
        old_values=old,
        details={"status": user.status, "email_verified": user.email_verified, "sessions_revoked": revoked},
    )
    emit(
        db,
        "auth",
        "user",
        user.id,
        USER_PASSWORD_RESET,
        {"sessions_revoked": revoked},
        user_id=user.id,
        correlation_id=context.correlation_id,
    )
    db.flush()
    forgot_url = f"{get_settings().public_url.rstrip('/')}{nav.FORGOT_PASSWORD}"
    mail = Message(
        to=user.email,
        subject=CHANGED_SUBJECT,
        text=CHANGED_TEXT.format(first_name=user.first_name, forgot_url=forgot_url),
    )
    return ResetDone(email=user.email, sessions_revoked=revoked), mail
