"""Two-step verification: TOTP enrolment, codes at sign-in, backup codes, turning it off.

The TOTP secret is kept server-side, encrypted with a key derived from ``secret_key``
(Fernet), so a leaked users table does not hand out second factors. It reaches the browser
once, as the QR image and the manual key shown while enrolling; ``mfa_enabled`` turns on
only after a code from the app proves the secret was copied. Backup codes live in
``backup_codes``.

A TOTP step is accepted once (``mfa_last_used_step``): a code read over a shoulder or from
a proxy log is useless after its owner has used it. Every refused code is audited as
``mfa_failure`` and counts toward the password lockout (see ``login.record_failure``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import pyotp
import qrcode
import qrcode.image.svg
from cryptography.fernet import Fernet, InvalidToken
from sqlmodel import Session

from jobhub.auth import audit, passwords
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.backup_codes import HALF_LENGTH, issue_backup_codes, use_backup_code
from jobhub.auth.models import AuditSeverity, User
from jobhub.auth.principal import Principal
from jobhub.platform.digits import plain_digits
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.platform.event_types import (
    USER_MFA_BACKUP_CODES_REGENERATED,
    USER_MFA_DISABLED,
    USER_MFA_ENABLED,
    USER_MFA_FAILED,
)
from jobhub.platform.events import emit
from jobhub.settings import get_settings

ISSUER = "JobHub"
CODE_INPUT_MAX = 64
TOTP_DIGITS = 6
TOTP_INTERVAL_SECONDS = 30


class CodeKind(StrEnum):
    TOTP = "totp"
    BACKUP = "backup"


class MfaFieldCode(StrEnum):
    """The short codes the routes put in ``?mfa_error=``; the page turns them into words."""

    CODE = "code"
    PASSWORD = "password"
    NOT_ENROLLING = "not_enrolling"
    ALREADY_ON = "already_on"
    NOT_ON = "not_on"
    UNAVAILABLE = "unavailable"


MESSAGES: dict[str, str] = {
    MfaFieldCode.CODE: "That code is not valid. Enter the current 6-digit code or a backup code.",
    MfaFieldCode.PASSWORD: "Your password is incorrect.",
    MfaFieldCode.NOT_ENROLLING: "Start the set-up again: the QR code has expired.",
    MfaFieldCode.ALREADY_ON: "Two-step verification is already on.",
    MfaFieldCode.NOT_ON: "Two-step verification is off.",
    MfaFieldCode.UNAVAILABLE: "That did not work just now. Please try again in a moment.",
}


class MfaRefused(Invalid):
    """A refused code, password or step; ``code`` is what the route sends back to the page."""

    def __init__(self, field: str, code: MfaFieldCode) -> None:
        super().__init__(field, MESSAGES[code])
        self.code = code


@dataclass(frozen=True)
class Enrolment:
    """What the set-up card shows once: never stored in the browser after enrolment."""

    manual_key: str
    qr_data_uri: str


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"jobhub.mfa.secret:" + get_settings().secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal_secret(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def open_secret(stored: str | None) -> str | None:
    """The plain TOTP secret, or ``None`` when absent or sealed with another key."""
    if not stored:
        return None
    try:
        return _fernet().decrypt(stored.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def normalise_code(code: str) -> str:
    """Digits for a TOTP; ``xxxxx-xxxxx`` for a backup code, whatever spaces or case were typed."""
    compact = re.sub(r"[\s-]", "", (code or "")[:CODE_INPUT_MAX]).lower()
    if len(compact) == 2 * HALF_LENGTH:
        return compact[:HALF_LENGTH] + "-" + compact[HALF_LENGTH:]
    return compact


def qr_data_uri(uri: str) -> str:
    """An SVG QR code as a data URI (drawn server-side; SVG needs no image library)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _enrolment_view(user: User, secret: str) -> Enrolment:
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return Enrolment(manual_key=grouped, qr_data_uri=qr_data_uri(uri))


def _user(db: Session, principal: Principal) -> User:
    user = db.get(User, principal.user_id, with_for_update=True)
    if user is None or user.deleted_at is not None:
        raise NotFound("This account no longer exists.")
    return user


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step (valid_window=1: previous, current or next) whose code is ``code``."""
    if len(code) != TOTP_DIGITS or not plain_digits(code):
        return None
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // TOTP_INTERVAL_SECONDS
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.at(step * TOTP_INTERVAL_SECONDS), code):
            return step
    return None


def _record(
    db: Session,
    user: User,
    context: RequestContext,
    action: AuditAction,
    severity: AuditSeverity,
    event_type: str,
    *,
    session_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> None:
    """Every MFA change and failure is both an audit row and a ``user`` event, in one flush."""
    details = {"reason": reason} if reason else None
    audit.record(db, action, severity, context, user_id=user.id, session_id=session_id, details=details)
    emit(
        db,
        "auth",
        "user",
        user.id,
        event_type,
        details or {},
        user_id=user.id,
        correlation_id=context.correlation_id,
    )
    db.flush()


_CHANGES: dict[AuditAction, tuple[AuditSeverity, str]] = {
    AuditAction.MFA_ENABLED: (AuditSeverity.INFO, USER_MFA_ENABLED),
    AuditAction.MFA_DISABLED: (AuditSeverity.WARN, USER_MFA_DISABLED),
    AuditAction.MFA_BACKUP_CODES_REGENERATED: (AuditSeverity.INFO, USER_MFA_BACKUP_CODES_REGENERATED),
}


def _save_change(
    db: Session,
    user: User,
    principal: Principal,
    context: RequestContext,
    moment: datetime,
    action: AuditAction,
) -> None:
    """Store a change the user made to their own MFA, recorded against the session that made it."""
    user.updated_at = moment
    db.add(user)
    severity, event_type = _CHANGES[action]
    _record(db, user, context, action, severity, event_type, session_id=principal.session_id)


def _audit_failure(db: Session, user: User, context: RequestContext, reason: str) -> None:
    """Audited and evented: a run of failures on one account is what security dashboards look for."""
    _record(db, user, context, AuditAction.MFA_FAILURE, AuditSeverity.WARN, USER_MFA_FAILED, reason=reason)


def accept_code(
    db: Session, user: User, code: str, context: RequestContext, *, now: datetime | None = None
) -> CodeKind:
    """Check ``code`` against an enabled user's TOTP (once per step) or backup codes (once each).

    Records the use on success. On failure audits ``mfa_failure`` and raises ``MfaRefused``;
    the caller decides whether the failure also counts toward the lockout.
    """
    moment = now or datetime.now(UTC)
    secret = open_secret(user.mfa_secret)
    if not user.mfa_enabled or secret is None:
        _audit_failure(db, user, context, "not_enabled")
        raise MfaRefused("code", MfaFieldCode.NOT_ON)
    typed = normalise_code(code)
    step = _matching_step(secret, typed, moment)
    if step is not None:
        if user.mfa_last_used_step is not None and step <= user.mfa_last_used_step:
            _audit_failure(db, user, context, "replayed")
            raise MfaRefused("code", MfaFieldCode.CODE)
        user.mfa_last_used_step = step
        db.add(user)
        db.flush()
        return CodeKind.TOTP
    if not use_backup_code(user, typed):
        _audit_failure(db, user, context, "wrong_code")
        raise MfaRefused("code", MfaFieldCode.CODE)
    db.add(user)
    db.flush()
    return CodeKind.BACKUP


def begin_enrolment(db: Session, principal: Principal) -> Enrolment:
    """A new pending secret (replacing any earlier one) and what to show for it."""
    user = _user(db, principal)
    if user.mfa_enabled:
        raise Conflict(MESSAGES[MfaFieldCode.ALREADY_ON])
    secret = pyotp.random_base32()
    user.mfa_secret = seal_secret(secret)
    user.mfa_last_used_step = None
    db.add(user)
    db.flush()
    return _enrolment_view(user, secret)


def pending_enrolment(db: Session, principal: Principal) -> Enrolment | None:
    """The set-up in progress (after a mistyped code the page shows the same QR again)."""
    user = db.get(User, principal.user_id)
    if user is None or user.mfa_enabled:
        return None
    secret = open_secret(user.mfa_secret)
    return _enrolment_view(user, secret) if secret else None


def cancel_enrolment(db: Session, principal: Principal) -> None:
    user = _user(db, principal)
    if not user.mfa_enabled:
        user.mfa_secret = None
        db.add(user)
        db.flush()


def confirm_enrolment(
    db: Session, principal: Principal, code: str, context: RequestContext, *, now: datetime | None = None
) -> list[str]:
    """Turn MFA on once ``code`` matches the pending secret; return the backup codes, shown once."""
    moment = now or datetime.now(UTC)
    user = _user(db, principal)
    if user.mfa_enabled:
        raise MfaRefused("code", MfaFieldCode.ALREADY_ON)
    secret = open_secret(user.mfa_secret)
    if secret is None:
        raise MfaRefused("code", MfaFieldCode.NOT_ENROLLING)
    step = _matching_step(secret, normalise_code(code), moment)
    if step is None:
        _audit_failure(db, user, context, "enrolment_code")
        raise MfaRefused("code", MfaFieldCode.CODE)
    user.mfa_enabled = True
    user.mfa_last_used_step = step
    codes = issue_backup_codes(user)
    _save_change(db, user, principal, context, moment, AuditAction.MFA_ENABLED)
    return codes


def disable(
    db: Session,
    principal: Principal,
    password: str,
    code: str,
    context: RequestContext,
    *,
    now: datetime | None = None,
) -> None:
    """Turn MFA off: needs the password (when the account has one) and a current code."""
    moment = now or datetime.now(UTC)
    user = _user(db, principal)
    if not user.mfa_enabled:
        raise MfaRefused("code", MfaFieldCode.NOT_ON)
    if user.password_hash and not passwords.verify_password(password or "", user.password_hash):
        _audit_failure(db, user, context, "disable_password")
        raise MfaRefused("password", MfaFieldCode.PASSWORD)
    accept_code(db, user, code, context, now=moment)
    user.mfa_enabled = False
    user.mfa_secret = None
    user.mfa_backup_codes = None
    user.mfa_last_used_step = None
    _save_change(db, user, principal, context, moment, AuditAction.MFA_DISABLED)


def regenerate_backup_codes(
    db: Session, principal: Principal, code: str, context: RequestContext, *, now: datetime | None = None
) -> list[str]:
    """Ten fresh backup codes (the old ones stop working), after a current code."""
    moment = now or datetime.now(UTC)
    user = _user(db, principal)
    if not user.mfa_enabled:
        raise MfaRefused("code", MfaFieldCode.NOT_ON)
    accept_code(db, user, code, context, now=moment)
    codes = issue_backup_codes(user)
    _save_change(db, user, principal, context, moment, AuditAction.MFA_BACKUP_CODES_REGENERATED)
    return codes


@dataclass(frozen=True)
class MfaOverview:
    """What the security page shows about sign-in: no secret, only whether and how many."""

    enabled: bool
    has_password: bool
    backup_codes_left: int
    pending: Enrolment | None


def overview(db: Session, principal: Principal) -> MfaOverview:
    """The signed-in user's two-step state, and the set-up in progress if there is one."""
    user = db.get(User, principal.user_id)
    if user is None:
        return MfaOverview(enabled=False, has_password=False, backup_codes_left=0, pending=None)
    return MfaOverview(
        enabled=user.mfa_enabled,
        has_password=bool(user.password_hash),
        backup_codes_left=len(user.mfa_backup_codes or []) if user.mfa_enabled else 0,
        pending=pending_enrolment(db, principal),
    )
