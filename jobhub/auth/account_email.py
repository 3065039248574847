"""Changing the sign-in address: a signed, single-use, 24-hour link mailed to the new address.

The address changes only when the link is opened; then the old address gets a notice. The
link's nonce hash is kept in ``email_verification_token`` (only active, hence verified,
accounts get here), so a newer request voids older links and opening one clears it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.account import (
    CONTROL_CHARACTERS,
    AccountRefusal,
    RefusalCode,
    signed_in_user,
    verify_current_password,
)
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.login import normalise_email
from jobhub.auth.models import AuditSeverity, User, UserStatus
from jobhub.auth.principal import Principal
from jobhub.platform import mail, signed_links
from jobhub.platform.event_types import USER_EMAIL_CHANGED
from jobhub.platform.events import emit
from jobhub.settings import get_settings

EMAIL_MAX = 255
EMAIL_CHANGE_LIFETIME = timedelta(hours=24)
EMAIL_CHANGE_PURPOSE = signed_links.LinkPurpose.CHANGE_EMAIL


@dataclass(frozen=True)
class EmailChangeRequest:
    """What the route mails after commit: the confirmation link goes to the new address."""

    new_email: str
    first_name: str
    link: str


@dataclass(frozen=True)
class EmailChanged:
    """What the route mails after commit: a notice to the address that was replaced."""

    old_email: str
    new_email: str
    first_name: str


def _address_taken(db: Session, email: str, user_id: uuid.UUID) -> bool:
    """Any other account, deleted or not, holding ``email`` in any letter case."""
    return (
        db.scalar(select(User.id).where(func.lower(User.email) == email.lower(), User.id != user_id).limit(1))
        is not None
    )


def clean_email(value: object) -> str:
    """As registration reads addresses: syntax only, and ``.test`` domains allowed outside production."""
    text = normalise_email(str(value or ""))
    if not text or len(text) > EMAIL_MAX or CONTROL_CHARACTERS.search(text):
        raise AccountRefusal("email", RefusalCode.EMAIL_INVALID)
    try:
        checked = validate_email(
            text, check_deliverability=False, test_environment=get_settings().environment != "production"
        )
    except EmailNotValidError as exc:
        raise AccountRefusal("email", RefusalCode.EMAIL_INVALID) from exc
    return normalise_email(checked.normalized)


def request_email_change(
    db: Session,
    who: Principal | None,
    new_email: str,
    password: str,
    context: RequestContext,
    confirm_path: str,
    *,
    now: datetime | None = None,
) -> EmailChangeRequest:
    """A signed link for the new address; the address itself changes only when it is opened.

    The link's nonce hash is kept in ``email_verification_token`` (only active, hence verified,
    accounts get here), so a newer request voids older links and opening one clears it.
    """
    moment = now or datetime.now(UTC)
    user = signed_in_user(db, who, for_update=True)
    if not str(new_email or "").strip() or not password:
        raise AccountRefusal("email" if not str(new_email or "").strip() else "password", RefusalCode.MISSING)
    address = clean_email(new_email)
    verify_current_password(db, user, password, "password", context, moment)
    if address == user.email:
        raise AccountRefusal("email", RefusalCode.EMAIL_SAME)
    if _address_taken(db, address, user.id):
        raise AccountRefusal("email", RefusalCode.EMAIL_TAKEN)
    issued = signed_links.issue(EMAIL_CHANGE_PURPOSE, user.id, extra={"email": address})
    user.email_verification_token = issued.nonce_hash
    user.email_verification_expires_at = moment + EMAIL_CHANGE_LIFETIME
    db.add(user)
    audit.record(
        db,
        AuditAction.EMAIL_CHANGE_REQUESTED,
        AuditSeverity.INFO,
        context,
        user_id=user.id,
        details={"new_email": address},
    )
    db.flush()
    return EmailChangeRequest(
        new_email=address,
        first_name=user.first_name,
        link=signed_links.public_link(confirm_path, issued.token),
    )


def confirm_email_change(
    db: Session, token: str, context: RequestContext, *, now: datetime | None = None
) -> EmailChanged:
    """Open the mailed link: single use, 24 hours, the address still free, the account still active
    (a suspension after the request must not let the account move to another address)."""
    moment = now or datetime.now(UTC)
    try:
        claim = signed_links.read(token, EMAIL_CHANGE_PURPOSE, EMAIL_CHANGE_LIFETIME, now=moment)
        user_id = uuid.UUID(claim.subject)
    except signed_links.LinkExpired as exc:
        raise AccountRefusal("token", RefusalCode.LINK_EXPIRED) from exc
    except (signed_links.LinkInvalid, ValueError) as exc:
        raise AccountRefusal("token", RefusalCode.LINK_INVALID) from exc
    user = db.scalars(
        select(User)
        .where(User.id == user_id, User.deleted_at.is_(None), User.status == UserStatus.ACTIVE)
        .with_for_update()
    ).one_or_none()
    address = claim.extra.get("email")
    if user is None or not isinstance(address, str) or not claim.matches(user.email_verification_token):
        raise AccountRefusal("token", RefusalCode.LINK_INVALID)
    if _address_taken(db, address, user.id):
        raise AccountRefusal("token", RefusalCode.EMAIL_TAKEN)
    old = user.email
    user.email = address
    user.email_verified = True
    user.email_verification_token = None
    user.email_verification_expires_at = None
    user.updated_at = moment
    db.add(user)
    audit.record(
        db,
        AuditAction.EMAIL_CHANGED,
        AuditSeverity.INFO,
        context,
        user_id=user.id,
        old_values={"email": old},
        details={"email": address},
    )
    emit(db, "auth", "user", user.id, USER_EMAIL_CHANGED, {}, user_id=user.id)
    db.flush()
    return EmailChanged(old_email=old, new_email=address, first_name=user.first_name)


def email_change_mail(db: Session, request: EmailChangeRequest) -> mail.Message:
    return mail.from_template(
        db,
        "email_change",
        request.new_email,
        {"first_name": request.first_name, "confirm_url": request.link},
        fallback_subject="Confirm your new JobHub email address",
        fallback_text=(
            "Hello {first_name},\n\nopen this link within 24 hours to use this address for your "
            "JobHub account:\n\n{confirm_url}\n\nIf you did not ask for this, ignore this mail: "
            "nothing changes."
        ),
    )


def email_changed_notice(db: Session, changed: EmailChanged) -> mail.Message:
    return mail.from_template(
        db,
        "email_changed",
        changed.old_email,
        {"first_name": changed.first_name, "new_email": changed.new_email},
        fallback_subject="Your JobHub email address was changed",
        fallback_text=(
            "Hello {first_name},\n\nyour JobHub account now uses {new_email}; this address will "
            "get no more mail from us.\n\nIf this was not you, contact support at once."
        ),
    )
