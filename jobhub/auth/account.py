"""Account settings as plain services: profile basics and password, and what the others share.

The email change lives in ``account_email``, export and erasure in ``account_erasure``.

Every refusal is an ``AccountRefusal`` (an ``Invalid``) with a short ``code``: the HTTP routes
put only that code in the redirect (``?password_error=current``) and the page turns it back
into one of our sentences, so a crafted URL cannot put its own text on the page.

Refused password checks are recorded (counter, lock, audit row) before the error is raised,
like login: the caller must commit before answering or the failure is forgotten.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import available_timezones

from sqlalchemy import select, update
from sqlmodel import Session

from jobhub.auth import audit, password_policy, passwords
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.authorization import SignInRequired
from jobhub.auth.login import MAX_FAILED_ATTEMPTS, lock_duration
from jobhub.auth.models import AuditSeverity, AuthSession, User
from jobhub.auth.principal import Principal
from jobhub.auth.session_tokens import DEFAULT_SESSION_LIFETIME, issue_session
from jobhub.platform import mail
from jobhub.platform.errors import Invalid
from jobhub.platform.event_types import USER_PASSWORD_CHANGED, USER_PROFILE_UPDATED
from jobhub.platform.events import emit

NAME_MAX = 100
AVATAR_URL_MAX = 500
LOCATION_MAX = 255
PHONE_DIGITS_MIN = 7
PHONE_DIGITS_MAX = 15
PASSWORD_MAX = password_policy.MAX_LENGTH
DELETE_WORD = "DELETE"
PASSWORD_CHANGED_REASON = "password_changed"

LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "fr": "Français",
    "it": "Italiano",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
}
PROFILE_FIELDS = ("first_name", "last_name", "avatar_url", "phone", "location", "timezone", "language")

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_PHONE_SHAPE = re.compile(r"\+?[0-9 ()./-]+")


class RefusalCode:
    """The codes the routes put in redirects and the page turns back into words."""

    MISSING = "missing"
    CURRENT = "current"
    LOCKED = "locked"
    NO_PASSWORD = "no_password"
    MISMATCH = "mismatch"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    COMMON = "common"
    ONE_CHARACTER = "one_character"
    SAME_AS_EMAIL = "same_as_email"
    SAME = "same"
    EMAIL_INVALID = "email_invalid"
    EMAIL_SAME = "email_same"
    EMAIL_TAKEN = "email_taken"
    LINK_INVALID = "link_invalid"
    LINK_EXPIRED = "link_expired"
    CONFIRM_WORD = "confirm_word"
    UNAVAILABLE = "unavailable"


MESSAGES: dict[str, str] = {
    RefusalCode.MISSING: "Fill in every field.",
    RefusalCode.CURRENT: "Your current password is not correct.",
    RefusalCode.LOCKED: "Too many wrong passwords. Try again later.",
    RefusalCode.NO_PASSWORD: (
        "Your account has no password yet: use “Forgot password” on the sign-in page to set one."
    ),
    RefusalCode.MISMATCH: "The two new passwords do not match.",
    RefusalCode.TOO_SHORT: password_policy.TOO_SHORT,
    RefusalCode.TOO_LONG: password_policy.TOO_LONG,
    RefusalCode.COMMON: password_policy.TOO_COMMON,
    RefusalCode.ONE_CHARACTER: password_policy.ONE_CHARACTER,
    RefusalCode.SAME_AS_EMAIL: password_policy.SAME_AS_EMAIL,
    RefusalCode.SAME: "The new password must differ from the current one.",
    RefusalCode.EMAIL_INVALID: "Enter a valid email address.",
    RefusalCode.EMAIL_SAME: "This is already your email address.",
    RefusalCode.EMAIL_TAKEN: "This email address belongs to another account.",
    RefusalCode.LINK_INVALID: "This link is not valid or has already been used.",
    RefusalCode.LINK_EXPIRED: "This link has expired. Ask for a new one from your account settings.",
    RefusalCode.CONFIRM_WORD: f"Type {DELETE_WORD} to confirm.",
    RefusalCode.UNAVAILABLE: "That did not work just now. Please try again in a moment.",
}


_POLICY_CODES: dict[str, str] = {
    password_policy.TOO_SHORT: RefusalCode.TOO_SHORT,
    password_policy.TOO_LONG: RefusalCode.TOO_LONG,
    password_policy.TOO_COMMON: RefusalCode.COMMON,
    password_policy.ONE_CHARACTER: RefusalCode.ONE_CHARACTER,
    password_policy.SAME_AS_EMAIL: RefusalCode.SAME_AS_EMAIL,
}


def message_for(code: str | None) -> str:
    """The sentence for a code from a URL; unknown codes say nothing."""
    return MESSAGES.get(code or "", "")


class AccountRefusal(Invalid):
    """A refused account action: ``field`` to mark, ``code`` for the redirect."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(field, MESSAGES[code])
        self.code = code


class ProfileInvalid(Invalid):
    """Every field that broke a rule, so the form can mark them all at once."""

    def __init__(self, errors: dict[str, str]) -> None:
        field, message = next(iter(errors.items()))
        super().__init__(field, message)
        self.errors = errors


@dataclass(frozen=True)
class ProfileView:
    first_name: str
    last_name: str
    email: str
    avatar_url: str
    phone: str
    location: str
    timezone: str
    language: str
    has_password: bool


@dataclass(frozen=True)
class NewSession:
    """The replacement session after a password change: the raw token goes into the cookie once."""

    token: str
    max_age_seconds: int
    email: str
    first_name: str


@lru_cache(maxsize=1)
def timezones() -> tuple[str, ...]:
    """IANA zone names, sorted; ``localtime`` and ``Factory`` are not zones a person lives in."""
    return tuple(sorted(zone for zone in available_timezones() if zone not in {"localtime", "Factory"}))


def signed_in_user(db: Session, who: Principal | None, *, for_update: bool = False) -> User:
    """The live account behind ``who``; ``SignInRequired`` for anonymous or deleted users."""
    if who is None:
        raise SignInRequired()
    query = select(User).where(User.id == who.user_id, User.deleted_at.is_(None))
    user = db.scalars(query.with_for_update() if for_update else query).one_or_none()
    if user is None:
        raise SignInRequired()
    return user


def profile_of(db: Session, who: Principal | None) -> ProfileView:
    user = signed_in_user(db, who)
    return ProfileView(
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        avatar_url=user.avatar_url or "",
        phone=user.phone or "",
        location=user.location or "",
        timezone=user.timezone,
        language=user.language,
        has_password=bool(user.password_hash),
    )


# profile basics


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def _name(value: object, label: str, errors: dict[str, str], field: str) -> str:
    text = _text(value)
    if not text:
        errors[field] = f"Enter your {label}."
    elif len(text) > NAME_MAX:
        errors[field] = f"Keep your {label} under {NAME_MAX + 1} characters."
    elif CONTROL_CHARACTERS.search(text):
        errors[field] = f"Your {label} contains characters we cannot store."
    return text


def clean_avatar_url(value: object) -> str | None:
    """An absolute http(s) URL or nothing; raises ``ValueError`` with the reason."""
    text = str(value or "").strip()
    if not text:
        return None
    if len(text) > AVATAR_URL_MAX:
        raise ValueError(f"Keep the link under {AVATAR_URL_MAX + 1} characters.")
    if CONTROL_CHARACTERS.search(text) or " " in text:
        raise ValueError("A link cannot contain spaces.")
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise ValueError("Enter a link starting with https://.") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("Enter a link starting with https://.")
    return text


def clean_phone(value: object) -> str | None:
    """``+`` and digits only (``+49 30 1234-567`` becomes ``+49301234567``), 7 to 15 digits."""
    text = str(value or "").strip()
    if not text:
        return None
    if not _PHONE_SHAPE.fullmatch(text) or "+" in text[1:]:
        raise ValueError("Use digits, spaces and dashes, with an optional + and country code.")
    digits = re.sub(r"\D", "", text)
    if not PHONE_DIGITS_MIN <= len(digits) <= PHONE_DIGITS_MAX:
        raise ValueError(f"A phone number has {PHONE_DIGITS_MIN} to {PHONE_DIGITS_MAX} digits.")
    return ("+" if text.startswith("+") else "") + digits


def clean_profile(form: Mapping[str, object]) -> dict[str, str | None]:
    """The stored values for ``form``, or ``ProfileInvalid`` naming every field that broke a rule."""
    errors: dict[str, str] = {}
    values: dict[str, str | None] = {
        "first_name": _name(form.get("first_name"), "first name", errors, "first_name"),
        "last_name": _name(form.get("last_name"), "last name", errors, "last_name"),
    }
    for field, cleaner in (("avatar_url", clean_avatar_url), ("phone", clean_phone)):
        try:
            values[field] = cleaner(form.get(field))
        except ValueError as exc:
            errors[field] = str(exc)
    location = _text(form.get("location"))
    if len(location) > LOCATION_MAX:
        errors["location"] = f"Keep the location under {LOCATION_MAX + 1} characters."
    elif CONTROL_CHARACTERS.search(location):
        errors["location"] = "The location contains characters we cannot store."
    values["location"] = location or None
    zone = str(form.get("timezone") or "").strip()
    if zone not in timezones():
        errors["timezone"] = "Choose a time zone from the list."
    values["timezone"] = zone
    language = str(form.get("language") or "").strip()
    if language not in LANGUAGES:
        errors["language"] = "Choose a language from the list."
    values["language"] = language
    if errors:
        raise ProfileInvalid(errors)
    return values


def update_profile(
    db: Session, who: Principal | None, form: Mapping[str, object], context: RequestContext
) -> ProfileView:
    """Store the cleaned values; the audit row and event name the changed fields, never their values."""
    user = signed_in_user(db, who, for_update=True)
    values = clean_profile(form)
    changed = [field for field in PROFILE_FIELDS if getattr(user, field) != values[field]]
    if changed:
        for field in changed:
            setattr(user, field, values[field])
        user.updated_at = datetime.now(UTC)
        db.add(user)
        audit.record(
            db,
            AuditAction.PROFILE_UPDATED,
            AuditSeverity.INFO,
            context,
            user_id=user.id,
            session_id=who.session_id if who else None,
            details={"fields": changed},
        )
        emit(db, "auth", "user", user.id, USER_PROFILE_UPDATED, {"fields": changed}, user_id=user.id)
        db.flush()
    return profile_of(db, who)


# password checks shared by the password, email and deletion forms


def check_new_password(password: str, *, email: str = "") -> None:
    """The registration policy (``password_policy``), its sentence turned into a redirect code."""
    problem = password_policy.password_problem(password, email=email)
    if problem is not None:
        raise AccountRefusal("new_password", _POLICY_CODES.get(problem, RefusalCode.COMMON))


def verify_current_password(
    db: Session, user: User, password: str, field: str, context: RequestContext, now: datetime
) -> None:
    """Check the password the form carries, counting a wrong one towards the login lockout.

    A locked account is refused without verifying, so this form cannot serve to guess the
    password while sign-in is locked.
    """
    if not user.password_hash:
        raise AccountRefusal(field, RefusalCode.NO_PASSWORD)
    if user.locked_until is not None and user.locked_until > now:
        raise AccountRefusal(field, RefusalCode.LOCKED)
    if len(password) <= PASSWORD_MAX and passwords.verify_password(password, user.password_hash):
        return
    user.failed_login_attempts += 1
    audit.record(
        db,
        AuditAction.PASSWORD_CHECK_FAILED,
        AuditSeverity.WARN,
        context,
        user_id=user.id,
        details={"form": field, "failed_attempts": user.failed_login_attempts},
    )
    locked = user.failed_login_attempts % MAX_FAILED_ATTEMPTS == 0
    if locked:
        user.locked_until = now + lock_duration(user.failed_login_attempts)
        audit.record(
            db,
            AuditAction.LOCKOUT,
            AuditSeverity.ERROR,
            context,
            user_id=user.id,
            details={"locked_until": user.locked_until.isoformat()},
        )
    db.add(user)
    db.flush()
    raise AccountRefusal(field, RefusalCode.LOCKED if locked else RefusalCode.CURRENT)


def revoke_sessions(db: Session, user_id: uuid.UUID, reason: str, now: datetime) -> int:
    """End every live session of the user; how many were ended."""
    result = db.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(is_active=False, revoked_at=now, revoked_by=user_id, revoke_reason=reason)
    )
    return int(result.rowcount or 0)


def change_password(
    db: Session,
    who: Principal | None,
    current: str,
    new: str,
    confirm: str,
    context: RequestContext,
    *,
    now: datetime | None = None,
) -> NewSession:
    """New hash, every session ended (this one too) and a fresh session for this browser."""
    moment = now or datetime.now(UTC)
    user = signed_in_user(db, who, for_update=True)
    if not current or not new or not confirm:
        raise AccountRefusal("current_password" if not current else "new_password", RefusalCode.MISSING)
    verify_current_password(db, user, current, "current_password", context, moment)
    if new != confirm:
        raise AccountRefusal("new_password_confirm", RefusalCode.MISMATCH)
    check_new_password(new, email=user.email)
    if new == current:
        raise AccountRefusal("new_password", RefusalCode.SAME)
    user.password_hash = passwords.hash_password(new)
    user.password_reset_token = None
    user.password_reset_expires_at = None
    user.failed_login_attempts = 0
    user.updated_at = moment
    db.add(user)
    revoked = revoke_sessions(db, user.id, PASSWORD_CHANGED_REASON, moment)
    token = issue_session(db, user.id, ip_address=context.ip, user_agent=context.user_agent, now=moment)
    audit.record(
        db,
        AuditAction.PASSWORD_CHANGED,
        AuditSeverity.INFO,
        context,
        user_id=user.id,
        details={"sessions_revoked": revoked},
    )
    emit(db, "auth", "user", user.id, USER_PASSWORD_CHANGED, {"sessions_revoked": revoked}, user_id=user.id)
    db.flush()
    return NewSession(
        token=token,
        max_age_seconds=int(DEFAULT_SESSION_LIFETIME.total_seconds()),
        email=user.email,
        first_name=user.first_name,
    )


def password_changed_mail(db: Session, changed: NewSession) -> mail.Message:
    return mail.from_template(
        db,
        "password_changed",
        changed.email,
        {"first_name": changed.first_name},
        fallback_subject="Your JobHub password was changed",
        fallback_text=(
            "Hello {first_name},\n\nthe password of your JobHub account was just changed and every "
            "other device was signed out.\n\nIf this was not you, reset your password at once and "
            "contact support."
        ),
    )
