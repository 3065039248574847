"""Signed, expiring, purpose-bound tokens for links sent by mail (verify, reset, invite, unsubscribe).

A token is ``itsdangerous.URLSafeTimedSerializer`` output keyed by ``settings.secret_key``
with the purpose as salt, so a reset token never passes as a verification token. It carries
the subject (a user id), a random nonce and optional extra claims; it is signed, not
encrypted, so put nothing secret in it.

Single use is the caller's job, with the nonce: store ``issued.nonce_hash`` (SHA-256, so a
leaked table cannot be turned back into links) on the row the link acts on, compare it with
``claim.nonce_hash`` when the link is opened, and clear it on use. Issuing a new link
replaces the stored hash, which also voids every older link of that purpose.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from itsdangerous import BadSignature, URLSafeTimedSerializer

from jobhub.settings import get_settings

TOKEN_MAX_LENGTH = 1000
"""Longer input is refused unread: real tokens are about 150 characters."""


class LinkPurpose(StrEnum):
    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"
    CHANGE_EMAIL = "change_email"
    INVITATION = "invitation"
    UNSUBSCRIBE = "unsubscribe"


class LinkInvalid(Exception):
    """Tampered, truncated, for another purpose, signed with another key, or not a token at all."""


class LinkExpired(LinkInvalid):
    """Correctly signed but older than the purpose allows."""


@dataclass(frozen=True)
class IssuedLink:
    token: str
    nonce_hash: str


@dataclass(frozen=True)
class LinkClaim:
    subject: str
    nonce_hash: str
    issued_at: datetime
    extra: dict[str, Any] = field(default_factory=dict)

    def matches(self, stored_hash: str | None) -> bool:
        """Whether this link is the one whose hash the caller stored (constant time)."""
        return bool(stored_hash) and hmac.compare_digest(self.nonce_hash, stored_hash or "")


def hash_nonce(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def _serializer(purpose: LinkPurpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt=f"jobhub.link.{purpose}")


def issue(purpose: LinkPurpose, subject: object, *, extra: dict[str, Any] | None = None) -> IssuedLink:
    """A token for ``subject`` (stringified) and the nonce hash to store for single use."""
    nonce = secrets.token_urlsafe(24)
    payload = {"sub": str(subject), "n": nonce, "x": extra or {}}
    return IssuedLink(token=str(_serializer(purpose).dumps(payload)), nonce_hash=hash_nonce(nonce))


def read(token: str, purpose: LinkPurpose, max_age: timedelta, *, now: datetime | None = None) -> LinkClaim:
    """The claim in ``token``, or ``LinkInvalid``/``LinkExpired``; never any other exception."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise LinkInvalid("missing or oversized token")
    try:
        payload, signed_at = _serializer(purpose).loads(token, return_timestamp=True)
    except (BadSignature, ValueError, TypeError, UnicodeError) as exc:
        raise LinkInvalid("bad signature") from exc
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("sub"), str)
        or not isinstance(payload.get("n"), str)
    ):
        raise LinkInvalid("malformed payload")
    issued_at = signed_at.astimezone(UTC)
    if (now or datetime.now(UTC)) - issued_at > max_age:
        raise LinkExpired("link expired")
    extra = payload.get("x")
    return LinkClaim(
        subject=payload["sub"],
        nonce_hash=hash_nonce(payload["n"]),
        issued_at=issued_at,
        extra=extra if isinstance(extra, dict) else {},
    )


def public_link(path: str, token: str) -> str:
    """The absolute URL of page ``path`` on the public site with ``?token=``."""
    return f"{get_settings().public_url.rstrip('/')}{path}?{urlencode({'token': token})}"
