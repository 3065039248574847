"""argon2id hashing with OWASP parameters."""

from __future__ import annotations

from passlib.context import CryptContext

from jobhub.auth.passwords import hash_password, needs_rehash, verify_password


def test_hash_is_argon2id_with_owasp_parameters_and_verifies() -> None:
    hashed = hash_password("correct horse battery staple")
    assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert verify_password("correct horse battery staple", hashed)
    assert not verify_password("correct horse battery stapl", hashed)


def test_accounts_without_password_never_verify() -> None:
    assert not verify_password("anything at all", None)


def test_weaker_old_hashes_are_flagged_for_rehash() -> None:
    weaker = CryptContext(schemes=["argon2"], argon2__memory_cost=8_192, argon2__time_cost=1)
    old = weaker.hash("pw-123456789")
    assert needs_rehash(old)
    assert not needs_rehash(hash_password("pw-123456789"))
