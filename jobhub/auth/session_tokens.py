"""Issue and revoke browser sessions; only a hash of each token is ever stored.

The raw token leaves this module once, to be put in the ``jobhub_session`` cookie
(``HttpOnly``, ``SameSite=Lax``, ``Secure`` outside development) by a plain HTTP route.

Two lifetimes (``SessionPolicy``): a plain sign-in gets a browser-session cookie and ends
after 12 idle hours (at most a day after sign-in); "remember me" gets a 14-day cookie that
slides with use up to 30 days after sign-in. The server row is what counts: the cookie's
``Max-Age`` only decides whether the browser keeps it across restarts.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session

from jobhub.auth.models import AuthSession
from jobhub.auth.principal import hash_session_token

SESSION_COOKIE = "jobhub_session"


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session lives without use (``idle``) and at most (``absolute``)."""

    idle: timedelta
    absolute: timedelta
    persistent_cookie: bool

    @property
    def cookie_max_age(self) -> int | None:
        """``Max-Age`` of the cookie: ``None`` makes it end with the browser session."""
        return int(self.idle.total_seconds()) if self.persistent_cookie else None


STANDARD_SESSION = SessionPolicy(
    idle=timedelta(hours=12), absolute=timedelta(days=1), persistent_cookie=False
)
REMEMBERED_SESSION = SessionPolicy(
    idle=timedelta(days=14), absolute=timedelta(days=30), persistent_cookie=True
)
DEFAULT_SESSION_LIFETIME = REMEMBERED_SESSION.idle


def policy_for(remember: bool) -> SessionPolicy:
    return REMEMBERED_SESSION if remember else STANDARD_SESSION


def new_session_token() -> str:
    """32 random bytes, URL-safe: unguessable and fit for a cookie value."""
    return secrets.token_urlsafe(32)


def issue_session(
    db: Session,
    user_id: uuid.UUID,
    *,
    policy: SessionPolicy = REMEMBERED_SESSION,
    lifetime: timedelta | None = None,
    ip_address: str | None = None,
    user_agent: str | None = None,
    now: datetime | None = None,
) -> str:
    """Create a session row for ``user_id`` in the caller's transaction; return the raw token.

    The default policy is the remembered one because the callers that do not ask (a password
    change rotating the current session) hand out a 14-day cookie. ``lifetime`` fixes both
    windows to one span (a session that does not slide), for callers that need an exact end.
    """
    moment = now or datetime.now(UTC)
    if lifetime is not None:
        policy = SessionPolicy(idle=lifetime, absolute=lifetime, persistent_cookie=True)
    token = new_session_token()
    db.add(
        AuthSession(
            user_id=user_id,
            token_hash=hash_session_token(token),
            expires_at=moment + policy.idle,
            absolute_expires_at=moment + policy.absolute,
            idle_timeout_seconds=int(policy.idle.total_seconds()),
            is_active=True,
            last_accessed_at=moment,
            ip_address=ip_address,
            user_agent=user_agent,
        )
    )
    db.flush()
    return token


def revoke_session(db: Session, token: str, *, now: datetime | None = None) -> bool:
    """End the session of ``token``; True when an active session was revoked."""
    result = db.execute(
        update(AuthSession)
        .where(
            AuthSession.token_hash == hash_session_token(token),
            AuthSession.revoked_at.is_(None),
        )
        .values(is_active=False, revoked_at=now or datetime.now(UTC))
    )
    return bool(result.rowcount)


def token_from_cookie_header(cookie_header: str | None) -> str | None:
    """The session token in a ``Cookie:`` header, or ``None``.

    Split by hand rather than with ``SimpleCookie``, which silently drops every cookie
    after one it cannot parse (another app on the same host can set such a cookie).
    """
    for part in (cookie_header or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == SESSION_COOKIE and value.strip('"'):
            return value.strip('"')
    return None
