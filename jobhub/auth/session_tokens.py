"""Issue and revoke browser sessions; only a hash of each token is ever stored.

The raw token leaves this module once, to be put in the ``jobhub_session`` cookie
(``HttpOnly``, ``SameSite=Lax``, ``Secure`` outside development) by a plain HTTP route.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session

from jobhub.auth.models import AuthSession
from jobhub.auth.principal import hash_session_token

SESSION_COOKIE = "jobhub_session"
DEFAULT_SESSION_LIFETIME = timedelta(days=14)


def new_session_token() -> str:
    """32 random bytes, URL-safe: unguessable and fit for a cookie value."""
    return secrets.token_urlsafe(32)


def issue_session(
    db: Session,
    user_id: uuid.UUID,
    *,
    lifetime: timedelta = DEFAULT_SESSION_LIFETIME,
    ip_address: str | None = None,
    user_agent: str | None = None,
    now: datetime | None = None,
) -> str:
    """Create a session row for ``user_id`` in the caller's transaction; return the raw token."""
    moment = now or datetime.now(UTC)
    token = new_session_token()
    db.add(
        AuthSession(
            user_id=user_id,
            token_hash=hash_session_token(token),
            expires_at=moment + lifetime,
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
