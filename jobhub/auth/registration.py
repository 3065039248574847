"""Self-service registration with email and password, without telling strangers who has an account.

Every field is checked before anything is looked up, and all problems are reported at once
(``RegistrationInvalid.errors``). A valid form for an address that already has an account
changes nothing and mails that address instead ("you already have an account", with a
fresh verification link if it never confirmed); the visitor sees the same "check your
inbox" page either way, and both paths pay for one argon2 hash so the answer time does not
tell them apart either.

A new account starts ``pending_verification`` with the role of its kind, a ``register``
audit row, a ``user.registered`` event and a verification mail. Services return the mails;
the caller sends them after committing (a mail cannot be rolled back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from jobhub.auth import audit, passwords
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuditSeverity, Role, User, UserRole, UserStatus, UserType
from jobhub.auth.password_policy import MAX_LENGTH, password_problem
from jobhub.auth.verification import issue_verification_mail
from jobhub.platform.errors import Invalid
from jobhub.platform.event_types import USER_REGISTERED
from jobhub.platform.events import emit
from jobhub.platform.mail import Message
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

SELF_SERVICE_TYPES = (UserType.JOB_SEEKER, UserType.EMPLOYER)
NAME_MAX = 100
EMAIL_MAX = 255
FIELDS = ("user_type", "email", "password", "first_name", "last_name")

EXISTING_SUBJECT = "You already have a JobHub account"
EXISTING_TEXT = (
    "Hi {first_name},\n\nSomeone (hopefully you) tried to create a JobHub account with this "
    "address. You already have one: sign in at {login_url}\n\nForgot your password? Choose a new "
    "one at {reset_url}\n\nIf this was not you, you can ignore this message: nothing was changed.\n\n"
    "— The JobHub team"
)


class RegistrationInvalid(Invalid):
    """One or more fields broke a rule; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        field, message = next(iter(errors.items()))
        super().__init__(field, message)
        self.errors = errors


@dataclass(frozen=True)
class RegistrationForm:
    """What the browser posted; nothing here is trusted yet."""

    user_type: str
    email: str
    password: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class Registered:
    """The address as stored (for "check your inbox") and the mail to send, if any."""

    email: str
    mail: Message | None


@dataclass(frozen=True)
class CleanRegistration:
    user_type: UserType
    email: str
    password: str
    first_name: str
    last_name: str


def _has_control(value: str) -> bool:
    return any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in value)


def clean_name(value: str, label: str) -> str:
    """Trimmed, 1-100 characters, no control characters (they end up in mail headers)."""
    name = value.strip()
    if not name:
        raise Invalid("", f"Enter your {label}.")
    if len(name) > NAME_MAX:
        raise Invalid("", f"Your {label} can be at most {NAME_MAX} characters.")
    if _has_control(name):
        raise Invalid("", f"Your {label} contains characters we cannot use.")
    return name


def clean_email(value: str) -> str:
    """Syntax only (no DNS lookup), normalised and lower-cased as every stored address is."""
    address = value.strip()
    if not address:
        raise Invalid("email", "Enter your email address.")
    if len(address) > EMAIL_MAX:
        raise Invalid("email", f"Your email address can be at most {EMAIL_MAX} characters.")
    try:
        checked = validate_email(
            address,
            check_deliverability=False,
            test_environment=get_settings().environment != "production",
        )
    except EmailNotValidError as exc:
        raise Invalid("email", f"Enter a valid email address: {exc}") from exc
    normalised = checked.normalized.lower()
    if len(normalised) > EMAIL_MAX:
        raise Invalid("email", f"Your email address can be at most {EMAIL_MAX} characters.")
    return normalised


def validate(form: RegistrationForm) -> CleanRegistration:
    """Every field checked; raises ``RegistrationInvalid`` with a message per bad field."""
    errors: dict[str, str] = {}
    kind: UserType | None = None
    if form.user_type in SELF_SERVICE_TYPES:
        kind = UserType(form.user_type)
    else:
        errors["user_type"] = "Choose whether you are looking for work or hiring."
    email = ""
    try:
        email = clean_email(form.email)
    except Invalid as exc:
        errors["email"] = exc.message
    problem = password_problem(form.password, email=email or form.email)
    if problem:
        errors["password"] = problem
    names: dict[str, str] = {}
    for field, label in (("first_name", "first name"), ("last_name", "last name")):
        try:
            names[field] = clean_name(getattr(form, field), label)
        except Invalid as exc:
            errors[field] = exc.message
    if errors or kind is None:
        raise RegistrationInvalid(errors)
    return CleanRegistration(kind, email, form.password, names["first_name"], names["last_name"])


def _existing_account_mail(db: Session, user: User, context: RequestContext, now: datetime) -> Message | None:
    """A fresh verification link if it never confirmed, a reminder otherwise; nothing for a deleted one."""
    if user.deleted_at is not None:
        return None
    if not user.email_verified and user.status == UserStatus.PENDING_VERIFICATION:
        return issue_verification_mail(db, user, context, now=now)
    settings = get_settings()
    base = settings.public_url.rstrip("/")
    text = EXISTING_TEXT.format(
        first_name=user.first_name, login_url=f"{base}{nav.LOGIN}", reset_url=f"{base}{nav.FORGOT_PASSWORD}"
    )
    return Message(to=user.email, subject=EXISTING_SUBJECT, text=text)


def record_registration(db: Session, user: User, context: RequestContext, details: dict[str, str]) -> None:
    """What every new account gets, by password or by OAuth: the role of its user type, an
    audit row and a ``user.registered`` event. ``details`` says how it registered.
    """
    role_id = db.scalars(select(Role.id).where(Role.name == user.user_type)).one_or_none()
    if role_id is None:
        raise RuntimeError(f"role {user.user_type!r} is missing: run the migrations (reference data)")
    db.add(UserRole(user_id=user.id, role_id=role_id))
    audit.record(db, AuditAction.REGISTER, AuditSeverity.INFO, context, user_id=user.id, details=details)
    emit(
        db,
        "auth",
        "user",
        user.id,
        USER_REGISTERED,
        details,
        user_id=user.id,
        correlation_id=context.correlation_id,
    )


def _create(db: Session, clean: CleanRegistration, password_hash: str) -> User | None:
    """The new row, or ``None`` when the address was taken meanwhile (a concurrent registration)."""
    user = User(
        email=clean.email,
        password_hash=password_hash,
        first_name=clean.first_name,
        last_name=clean.last_name,
        user_type=clean.user_type.value,
        status=UserStatus.PENDING_VERIFICATION,
        email_verified=False,
    )
    try:
        with db.begin_nested():
            db.add(user)
            db.flush()
    except IntegrityError:
        return None
    return user


def register(
    db: Session, form: RegistrationForm, context: RequestContext, *, now: datetime | None = None
) -> Registered:
    """Create the account (or not, see the module docstring); send ``mail`` after commit."""
    moment = now or datetime.now(UTC)
    clean = validate(form)
    password_hash = passwords.hash_password(clean.password[:MAX_LENGTH])
    existing = db.scalars(select(User).where(User.email == clean.email).with_for_update()).one_or_none()
    user = None if existing else _create(db, clean, password_hash)
    if user is None:
        existing = existing or db.scalars(select(User).where(User.email == clean.email)).one()
        audit.record(
            db,
            AuditAction.REGISTER_EXISTING_EMAIL,
            AuditSeverity.WARN,
            context,
            subject_id=existing.id,
            details={"user_type": clean.user_type.value},
        )
        db.flush()
        return Registered(clean.email, _existing_account_mail(db, existing, context, moment))
    record_registration(db, user, context, {"method": "password", "user_type": clean.user_type.value})
    db.flush()
    return Registered(clean.email, issue_verification_mail(db, user, context, now=moment))
