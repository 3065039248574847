"""The five-minute cookie that carries a half-finished sign-in to ``/login/verify``.

After a correct password (or an OAuth callback) for an account with MFA, no session exists
yet: the browser holds only this signed, ``HttpOnly`` cookie naming the user, where to go
next and whether to remember the device. It proves that the first factor passed recently;
it is signed, not encrypted, so it carries no secret. Several backend workers share
nothing, so the state lives in the cookie rather than in one process's memory.

The challenge is bound to the user's password hash (a fingerprint of it, not the hash), so
changing the password voids every pending challenge.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer

from jobhub.settings import get_settings

CHALLENGE_COOKIE = "jobhub_mfa"
CHALLENGE_LIFETIME = timedelta(minutes=5)
CHALLENGE_MAX_LENGTH = 1000
_SALT = "jobhub.mfa_challenge"


class ChallengeInvalid(Exception):
    """Missing, tampered, expired or malformed: the user must sign in again."""


@dataclass(frozen=True)
class Challenge:
    user_id: uuid.UUID
    next_path: str
    remember: bool
    password_stamp: str


def password_stamp(password_hash: str | None) -> str:
    """A short keyed fingerprint of the password hash: changes when the password does."""
    key = get_settings().secret_key.encode()
    return hmac.new(key, (password_hash or "").encode(), hashlib.sha256).hexdigest()[:16]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt=_SALT)


def seal(challenge: Challenge) -> str:
    payload = {
        "u": str(challenge.user_id),
        "n": challenge.next_path,
        "r": challenge.remember,
        "p": challenge.password_stamp,
    }
    return str(_serializer().dumps(payload))


def unseal(value: str | None, *, now: datetime | None = None) -> Challenge:
    """The challenge in ``value``, or ``ChallengeInvalid``; never any other exception."""
    if not value or len(value) > CHALLENGE_MAX_LENGTH:
        raise ChallengeInvalid("no challenge")
    try:
        payload, signed_at = _serializer().loads(value.strip('"'), return_timestamp=True)
    except (BadSignature, ValueError, TypeError, UnicodeError) as exc:
        raise ChallengeInvalid("bad signature") from exc
    if (now or datetime.now(UTC)) - signed_at.astimezone(UTC) > CHALLENGE_LIFETIME:
        raise ChallengeInvalid("expired")
    if not isinstance(payload, dict):
        raise ChallengeInvalid("malformed")
    user, next_path, remember, stamp = (payload.get(key) for key in ("u", "n", "r", "p"))
    if not (isinstance(user, str) and isinstance(next_path, str) and isinstance(stamp, str)):
        raise ChallengeInvalid("malformed")
    try:
        user_id = uuid.UUID(user)
    except ValueError as exc:
        raise ChallengeInvalid("malformed") from exc
    return Challenge(user_id=user_id, next_path=next_path, remember=remember is True, password_stamp=stamp)
