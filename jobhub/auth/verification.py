"""Email verification: a signed 24-hour link, single use, that turns a pending account active.

The link carries the user id, the address it was sent to and a nonce; the row keeps only the
nonce's SHA-256 (``users.email_verification_token``) and the expiry. Issuing a new link
replaces the hash, so only the latest link works; using it clears the hash. A link for an
address the account no longer has is refused.

Verification never lifts a suspension or a ban: only ``pending_verification`` becomes
``active``. Services return the mail to send; the caller sends it after committing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuditSeverity, User, UserStatus
from jobhub.platform import signed_links
from jobhub.platform.event_types import USER_EMAIL_VERIFIED
from jobhub.platform.events import emit
from jobhub.platform.mail import Message, from_template
from jobhub.platform.signed_links import LinkExpired, LinkInvalid, LinkPurpose
from jobhub.ui import navigation as nav

VERIFICATION_LIFETIME = timedelta(hours=24)

FALLBACK_SUBJECT = "Confirm your e-mail address"
FALLBACK_TEXT = (
    "Hi {first_name},\n\nPlease confirm that this is your e-mail address:\n{verify_url}\n\n"
    "The link expires in {expires_in_hours} hours.\n\n— The JobHub team"
)


class VerificationProblem(StrEnum):
    """Why a link did not verify; the page words each one (the code travels in no URL)."""

    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"


class VerificationFailed(Exception):
    def __init__(self, problem: VerificationProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Verified:
    email: str
    first_name: str


EMAIL_MAX = 255


def lookup_address(email: str) -> str | None:
    """``email`` as addresses are stored, or ``None`` when no stored address could match it.

    Keeps hostile input (NUL and other control characters, which PostgreSQL refuses in a
    parameter, or megabytes of text) away from the query.
    """
    address = email.strip().lower()
    if not address or len(address) > EMAIL_MAX or "@" not in address:
        return None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in address):
        return None
    return address


def _find(db: Session, user_id: str) -> User | None:
    try:
        key = uuid.UUID(user_id)
    except ValueError:
        return None
    return db.scalars(select(User).where(User.id == key).with_for_update()).one_or_none()


def issue_verification_mail(db: Session, user: User, context: RequestContext, *, now: datetime) -> Message:
    """Store a new link's hash on ``user`` (voiding older links) and return the mail with it."""
    issued = signed_links.issue(LinkPurpose.VERIFY_EMAIL, user.id, extra={"email": user.email})
    user.email_verification_token = issued.nonce_hash
    user.email_verification_expires_at = now + VERIFICATION_LIFETIME
    db.add(user)
    audit.record(db, AuditAction.VERIFICATION_SENT, AuditSeverity.INFO, context, user_id=user.id)
    db.flush()
    variables = {
        "first_name": user.first_name,
        "verify_url": signed_links.public_link(nav.VERIFY_EMAIL, issued.token),
        "expires_in_hours": int(VERIFICATION_LIFETIME.total_seconds() // 3600),
    }
    return from_template(
        db,
        "verify_email",
        user.email,
        variables,
        fallback_subject=FALLBACK_SUBJECT,
        fallback_text=FALLBACK_TEXT,
    )


def verify_email(
    db: Session, token: str, context: RequestContext, *, now: datetime | None = None
) -> Verified:
    """Verify the address of the link's account, or raise ``VerificationFailed``."""
    moment = now or datetime.now(UTC)
    try:
        claim = signed_links.read(token, LinkPurpose.VERIFY_EMAIL, VERIFICATION_LIFETIME, now=moment)
    except LinkExpired as exc:
        raise VerificationFailed(VerificationProblem.EXPIRED) from exc
    except LinkInvalid as exc:
        raise VerificationFailed(VerificationProblem.INVALID) from exc
    user = _find(db, claim.subject)
    if user is None or user.deleted_at is not None or claim.extra.get("email") != user.email:
        raise VerificationFailed(VerificationProblem.INVALID)
    if not claim.matches(user.email_verification_token):
        used = user.email_verified and user.email_verification_token is None
        raise VerificationFailed(VerificationProblem.USED if used else VerificationProblem.INVALID)
    if user.email_verification_expires_at is None or user.email_verification_expires_at <= moment:
        raise VerificationFailed(VerificationProblem.EXPIRED)
    old_status = user.status
    user.email_verified = True
    user.email_verification_token = None
    user.email_verification_expires_at = None
    if user.status == UserStatus.PENDING_VERIFICATION:
        user.status = UserStatus.ACTIVE
    db.add(user)
    audit.record(
        db,
        AuditAction.EMAIL_VERIFIED,
        AuditSeverity.INFO,
        context,
        user_id=user.id,
        old_values={"status": old_status, "email_verified": False},
        details={"status": user.status, "email_verified": True},
    )
    emit(
        db,
        "auth",
        "user",
        user.id,
        USER_EMAIL_VERIFIED,
        {"email_domain": user.email.partition("@")[2]},
        user_id=user.id,
        correlation_id=context.correlation_id,
    )
    db.flush()
    return Verified(email=user.email, first_name=user.first_name)


def resend_verification(
    db: Session, email: str, context: RequestContext, *, now: datetime | None = None
) -> Message | None:
    """A fresh link for a pending account at ``email``; ``None`` for any other address.

    The caller answers the same either way, so the form does not reveal which addresses
    have an account waiting.
    """
    address = lookup_address(email)
    if address is None:
        return None
    user = db.scalars(select(User).where(User.email == address).with_for_update()).one_or_none()
    if user is None or user.deleted_at is not None or user.email_verified:
        return None
    if user.status != UserStatus.PENDING_VERIFICATION:
        return None
    return issue_verification_mail(db, user, context, now=now or datetime.now(UTC))
