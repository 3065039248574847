"""Password hashing: argon2id with OWASP's parameters, through passlib's CryptContext.

``needs_update`` lets login rehash old hashes when the parameters change.
"""

from __future__ import annotations

from passlib.context import CryptContext

# OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1.
password_context = CryptContext(
    schemes=["argon2"],
    argon2__type="ID",
    argon2__memory_cost=19_456,
    argon2__time_cost=2,
    argon2__parallelism=1,
)


def hash_password(password: str) -> str:
    return password_context.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """False for accounts without a password (OAuth-only), never an exception."""
    if not password_hash:
        return False
    return password_context.verify(password, password_hash)


def needs_rehash(password_hash: str) -> bool:
    return password_context.needs_update(password_hash)
