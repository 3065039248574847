"""Sign in with Google, LinkedIn or GitHub: which providers are offered, and what a proven identity does.

The protocol (redirects, ``state``, ``nonce``, PKCE, the token exchange) lives in
``oauth_routes.py``; this module only sees an ``OAuthIdentity`` the route has already
verified, and decides what it means for our accounts:

* a subject we know signs its user in;
* a "link" started from ``/settings/connections`` by a signed-in user attaches the subject
  to that user (never when the subject already belongs to someone else);
* a subject we do not know, with an email the provider says it verified, signs in the
  account holding that address (the provider proved the address), or creates one;
* an *unverified* provider email that matches an account is refused: anyone can put any
  address on a GitHub or Google profile, so it proves nothing about the account.

Refusals raise ``OAuthRefused`` before anything is written, so a refused callback changes
no row. No Reflex and no Starlette here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.login import normalise_email
from jobhub.auth.login_messages import LoginErrorCode, message_for
from jobhub.auth.models import AuditSeverity, User, UserStatus, UserType
from jobhub.auth.principal import Principal
from jobhub.auth.registration import record_registration
from jobhub.platform.errors import Forbidden
from jobhub.platform.event_types import USER_OAUTH_LINKED, USER_OAUTH_UNLINKED
from jobhub.platform.events import emit
from jobhub.settings import Settings

SUBJECT_MAX = 255
EMAIL_MAX = 255
NAME_MAX = 100
SELF_SERVICE_TYPES = frozenset({UserType.JOB_SEEKER, UserType.EMPLOYER})


class OAuthProvider(StrEnum):
    GOOGLE = "google"
    LINKEDIN = "linkedin"
    GITHUB = "github"


class OAuthIntent(StrEnum):
    LOGIN = "login"
    LINK = "link"


@dataclass(frozen=True)
class ProviderConfig:
    """One configured provider; OIDC providers are described by their discovery document."""

    provider: OAuthProvider
    label: str
    client_id: str
    client_secret: str
    scope: str
    metadata_url: str | None = None
    authorize_url: str | None = None
    token_url: str | None = None
    api_base_url: str | None = None

    @property
    def is_oidc(self) -> bool:
        return self.metadata_url is not None


LABELS: dict[OAuthProvider, str] = {
    OAuthProvider.GOOGLE: "Google",
    OAuthProvider.LINKEDIN: "LinkedIn",
    OAuthProvider.GITHUB: "GitHub",
}


def configured_providers(settings: Settings) -> tuple[ProviderConfig, ...]:
    """The providers whose client id *and* secret are set, in the order the buttons show them."""
    candidates = (
        (
            OAuthProvider.GOOGLE,
            settings.oauth_google_client_id,
            settings.oauth_google_client_secret,
            {"metadata_url": settings.oauth_google_metadata_url, "scope": "openid email profile"},
        ),
        (
            OAuthProvider.LINKEDIN,
            settings.oauth_linkedin_client_id,
            settings.oauth_linkedin_client_secret,
            {"metadata_url": settings.oauth_linkedin_metadata_url, "scope": "openid email profile"},
        ),
        (
            OAuthProvider.GITHUB,
            settings.oauth_github_client_id,
            settings.oauth_github_client_secret,
            {
                "authorize_url": settings.oauth_github_authorize_url,
                "token_url": settings.oauth_github_token_url,
                "api_base_url": settings.oauth_github_api_url,
                "scope": "read:user user:email",
            },
        ),
    )
    return tuple(
        ProviderConfig(provider=provider, label=LABELS[provider], client_id=cid, client_secret=secret, **rest)
        for provider, cid, secret, rest in candidates
        if cid and secret
    )


def provider_config(settings: Settings, name: str) -> ProviderConfig | None:
    return next((config for config in configured_providers(settings) if config.provider == name), None)


@dataclass(frozen=True)
class OAuthIdentity:
    """What the provider proved: a stable subject id, and an email worth only its ``email_verified``."""

    provider: OAuthProvider
    subject: str
    email: str | None = None
    email_verified: bool = False
    first_name: str = ""
    last_name: str = ""


class OAuthRefused(Forbidden):
    """A callback that must not sign anyone in or link anything; ``code`` travels in the redirect."""

    def __init__(self, code: LoginErrorCode) -> None:
        super().__init__(message_for(code))
        self.code = code


@dataclass(frozen=True)
class OAuthOutcome:
    user_id: uuid.UUID
    created: bool = False
    linked: bool = False


@dataclass(frozen=True)
class ConnectionView:
    """One row of ``/settings/connections``: plain values, safe to send to the browser."""

    provider: str
    label: str
    connected: bool
    can_unlink: bool


def subject_column(provider: OAuthProvider) -> InstrumentedAttribute[str | None]:
    columns: dict[OAuthProvider, Any] = {
        OAuthProvider.GOOGLE: User.google_id,
        OAuthProvider.LINKEDIN: User.linkedin_id,
        OAuthProvider.GITHUB: User.github_id,
    }
    return columns[provider]


def _attribute(provider: OAuthProvider) -> str:
    return subject_column(provider).key


def _status_refusal(user: User) -> OAuthRefused | None:
    """Deleted, suspended and banned accounts never sign in, whatever the provider proves."""
    if user.deleted_at is not None:
        return OAuthRefused(LoginErrorCode.DELETED)
    if user.status == UserStatus.SUSPENDED:
        return OAuthRefused(LoginErrorCode.SUSPENDED)
    if user.status == UserStatus.BANNED:
        return OAuthRefused(LoginErrorCode.BANNED)
    return None


def _has_control(value: str) -> bool:
    """PostgreSQL refuses NUL in text, and no real subject, address or name holds a control character."""
    return any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value)


def _clean_subject(identity: OAuthIdentity) -> str:
    subject = identity.subject.strip()
    if not subject or len(subject) > SUBJECT_MAX or _has_control(subject):
        raise OAuthRefused(LoginErrorCode.OAUTH_FAILED)
    return subject


def _user_by_subject(db: Session, provider: OAuthProvider, subject: str) -> User | None:
    return db.scalars(select(User).where(subject_column(provider) == subject).with_for_update()).one_or_none()


def _user_by_email(db: Session, email: str) -> User | None:
    return db.scalars(select(User).where(User.email == email).with_for_update()).one_or_none()


def _verified_email(identity: OAuthIdentity) -> str | None:
    """The provider's address when it vouches for it and it fits our column, else ``None``."""
    if not identity.email or not identity.email_verified:
        return None
    email = normalise_email(identity.email)
    if not email or len(email) > EMAIL_MAX or "@" not in email or _has_control(email):
        return None
    return email


def _record(
    db: Session,
    action: str,
    user: User,
    provider: OAuthProvider,
    context: RequestContext,
    *,
    principal: Principal | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    audit.record(
        db,
        action,
        AuditSeverity.INFO,
        context,
        user_id=user.id,
        session_id=principal.session_id if principal else None,
        details={"provider": provider.value, **(extra or {})},
    )


def _link(
    db: Session,
    user: User,
    identity: OAuthIdentity,
    subject: str,
    context: RequestContext,
    *,
    principal: Principal | None = None,
    how: str,
) -> None:
    setattr(user, _attribute(identity.provider), subject)
    db.add(user)
    db.flush()
    _record(
        db,
        AuditAction.OAUTH_LINKED,
        user,
        identity.provider,
        context,
        principal=principal,
        extra={"via": how},
    )
    emit(
        db,
        "auth",
        "user",
        user.id,
        USER_OAUTH_LINKED,
        {"provider": identity.provider.value, "via": how},
        user_id=user.id,
        correlation_id=context.correlation_id,
    )


def _link_to_signed_in(
    db: Session, identity: OAuthIdentity, subject: str, principal: Principal | None, context: RequestContext
) -> OAuthOutcome:
    if principal is None:
        raise OAuthRefused(LoginErrorCode.OAUTH_SESSION_ENDED)
    owner = _user_by_subject(db, identity.provider, subject)
    if owner is not None and owner.id != principal.user_id:
        raise OAuthRefused(LoginErrorCode.OAUTH_TAKEN)
    if owner is not None:
        return OAuthOutcome(owner.id)
    me = db.scalars(select(User).where(User.id == principal.user_id).with_for_update()).one_or_none()
    if me is None or _status_refusal(me) is not None:
        raise OAuthRefused(LoginErrorCode.OAUTH_SESSION_ENDED)
    if getattr(me, _attribute(identity.provider)):
        raise OAuthRefused(LoginErrorCode.OAUTH_OTHER_ACCOUNT)
    _link(db, me, identity, subject, context, principal=principal, how="settings")
    return OAuthOutcome(me.id, linked=True)


def _name(value: str) -> str:
    return "".join(ch for ch in value if not _has_control(ch)).strip()[:NAME_MAX]


def _create(
    db: Session, identity: OAuthIdentity, subject: str, email: str, user_type: str, context: RequestContext
) -> User:
    kind = user_type if user_type in SELF_SERVICE_TYPES else UserType.JOB_SEEKER
    user = User(
        email=email,
        password_hash=None,
        first_name=_name(identity.first_name),
        last_name=_name(identity.last_name),
        user_type=str(kind),
        status=UserStatus.ACTIVE,
        email_verified=True,
    )
    setattr(user, _attribute(identity.provider), subject)
    db.add(user)
    db.flush()
    details = {"method": "oauth", "provider": identity.provider.value, "user_type": str(kind)}
    record_registration(db, user, context, details)
    db.flush()
    return user


def _sign_in_or_create(
    db: Session, identity: OAuthIdentity, subject: str, user_type: str, context: RequestContext
) -> OAuthOutcome:
    known = _user_by_subject(db, identity.provider, subject)
    if known is not None:
        refusal = _status_refusal(known)
        if refusal is not None:
            raise refusal
        if known.status == UserStatus.PENDING_VERIFICATION:
            raise OAuthRefused(LoginErrorCode.UNVERIFIED)
        _record(db, AuditAction.OAUTH_LOGIN, known, identity.provider, context)
        return OAuthOutcome(known.id)
    email = _verified_email(identity)
    claimed = normalise_email(identity.email or "")
    if email is None:
        if claimed and not _has_control(claimed) and _user_by_email(db, claimed) is not None:
            raise OAuthRefused(LoginErrorCode.OAUTH_UNVERIFIED_EMAIL)
        raise OAuthRefused(LoginErrorCode.OAUTH_NO_EMAIL)
    existing = _user_by_email(db, email)
    if existing is None:
        user = _create(db, identity, subject, email, user_type, context)
        _record(db, AuditAction.OAUTH_LOGIN, user, identity.provider, context)
        return OAuthOutcome(user.id, created=True, linked=True)
    refusal = _status_refusal(existing)
    if refusal is not None:
        raise refusal
    if getattr(existing, _attribute(identity.provider)):
        raise OAuthRefused(LoginErrorCode.OAUTH_OTHER_ACCOUNT)
    if existing.status == UserStatus.PENDING_VERIFICATION or not existing.email_verified:
        existing.status, existing.email_verified = UserStatus.ACTIVE, True
    _link(db, existing, identity, subject, context, how="verified_email")
    _record(db, AuditAction.OAUTH_LOGIN, existing, identity.provider, context)
    return OAuthOutcome(existing.id, linked=True)


def sign_in_with(
    db: Session,
    identity: OAuthIdentity,
    *,
    intent: OAuthIntent = OAuthIntent.LOGIN,
    user_type: str = UserType.JOB_SEEKER,
    principal: Principal | None = None,
    context: RequestContext | None = None,
) -> OAuthOutcome:
    """Apply the rules of the module docstring; the caller signs ``user_id`` in (login intent only).

    ``user_type`` only matters when an account is created, and can never make an admin.
    """
    ctx = context or RequestContext()
    subject = _clean_subject(identity)
    if intent == OAuthIntent.LINK:
        return _link_to_signed_in(db, identity, subject, principal, ctx)
    return _sign_in_or_create(db, identity, subject, user_type, ctx)


def _ways_to_sign_in(user: User) -> int:
    return int(bool(user.password_hash)) + sum(bool(getattr(user, _attribute(p))) for p in OAuthProvider)


def connections(db: Session, principal: Principal, settings: Settings) -> list[ConnectionView]:
    """Every configured provider, plus any the user is linked to that is no longer offered."""
    user = db.get(User, principal.user_id)
    if user is None:
        raise Forbidden("Please sign in to continue.")
    offered = {config.provider for config in configured_providers(settings)}
    ways = _ways_to_sign_in(user)
    views = []
    for provider in OAuthProvider:
        connected = bool(getattr(user, _attribute(provider)))
        if provider in offered or connected:
            views.append(ConnectionView(provider.value, LABELS[provider], connected, connected and ways > 1))
    return views


def unlink(db: Session, principal: Principal, provider: str, context: RequestContext | None = None) -> None:
    """Forget the provider's subject, unless that would leave the account with no way to sign in."""
    try:
        known = OAuthProvider(provider)
    except ValueError:
        raise Forbidden("Unknown sign-in provider.") from None
    user = db.scalars(select(User).where(User.id == principal.user_id).with_for_update()).one_or_none()
    if user is None or not getattr(user, _attribute(known)):
        raise Forbidden(f"{LABELS[known]} is not connected to your account.")
    if _ways_to_sign_in(user) <= 1:
        raise Forbidden(
            f"{LABELS[known]} is your only way to sign in. Set a password or connect another account first."
        )
    ctx = context or RequestContext()
    setattr(user, _attribute(known), None)
    db.add(user)
    db.flush()
    _record(db, AuditAction.OAUTH_UNLINKED, user, known, ctx, principal=principal)
    emit(
        db,
        "auth",
        "user",
        user.id,
        USER_OAUTH_UNLINKED,
        {"provider": known.value},
        user_id=user.id,
        correlation_id=ctx.correlation_id,
    )
    db.flush()
