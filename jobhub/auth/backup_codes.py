"""Backup codes for two-step verification: issued ten at a time, shown once, each usable once.

Stored as keyed hashes (HMAC-SHA256 with ``secret_key`` as pepper): the codes are random,
so a slow hash would add nothing but latency.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from jobhub.auth.models import User
from jobhub.settings import get_settings

BACKUP_CODE_COUNT = 10
HALF_LENGTH = 5
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def hash_backup_code(code: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, b"jobhub.mfa.backup:" + code.encode(), hashlib.sha256).hexdigest()


def _new_backup_code() -> str:
    chars = [secrets.choice(_ALPHABET) for _ in range(2 * HALF_LENGTH)]
    return "".join(chars[:HALF_LENGTH]) + "-" + "".join(chars[HALF_LENGTH:])


def issue_backup_codes(user: User) -> list[str]:
    """Replace the user's codes with fresh ones (the old ones stop working); the caller adds ``user``."""
    codes = [_new_backup_code() for _ in range(BACKUP_CODE_COUNT)]
    user.mfa_backup_codes = [hash_backup_code(code) for code in codes]
    return codes


def use_backup_code(user: User, typed: str) -> bool:
    """Strike ``typed`` (already normalised) off the user's codes; ``False`` when it is not one."""
    stored = list(user.mfa_backup_codes or [])
    hashed = hash_backup_code(typed)
    match = next((h for h in stored if hmac.compare_digest(h, hashed)), None)
    if match is None:
        return False
    stored.remove(match)
    user.mfa_backup_codes = stored
    return True
