"""What a new password must be: 12 to 128 characters, not a common password, not the email.

NIST SP 800-63B and OWASP ASVS 2.1: length and a breached/common list instead of
composition rules, no truncation (128 is far above anything typed, and bounds argon2's work
on hostile input). Every Unicode character counts as one.

The list (``data/common_passwords.txt``) holds the 10,000 most common passwords and every
one of 10+ characters among the 30,000 of zxcvbn 4.5.0's frequency list (MIT). Most are
shorter than 12 and already fail on length; they still matter with a suffix: a password
that is a listed one plus digits or symbols (``password12345!``) is refused too, which is
the first thing a guessing tool tries.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jobhub.platform.errors import Invalid

MIN_LENGTH = 12
MAX_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "data" / "common_passwords.txt"
SUFFIX_CHARACTERS = "0123456789!@#$%^&*()-_=+.,?~ "
MIN_COMMON_STEM = 4
"""A stem shorter than this (``abc`` + 9 digits) is too short to say the password is common."""

TOO_SHORT = f"Use at least {MIN_LENGTH} characters. A few unrelated words make a strong, memorable password."
TOO_LONG = f"Use at most {MAX_LENGTH} characters."
TOO_COMMON = "This password is too common and would be guessed quickly. Choose something less predictable."
SAME_AS_EMAIL = "Your password must not be your email address."
ONE_CHARACTER = "Use more than one different character."


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_common(password: str) -> bool:
    lowered = password.lower()
    common = common_passwords()
    if lowered in common or lowered.strip() in common:
        return True
    stem = lowered.rstrip(SUFFIX_CHARACTERS)
    return len(stem) >= MIN_COMMON_STEM and stem != lowered and stem in common


def password_problem(password: str, *, email: str = "") -> str | None:
    """Why ``password`` is refused, as a sentence for the form, or ``None`` when it is fine."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    if len(set(password)) == 1:
        return ONE_CHARACTER
    address = email.strip().lower()
    if address and password.strip().lower() in (address, address.partition("@")[0]):
        return SAME_AS_EMAIL
    if is_common(password):
        return TOO_COMMON
    return None


def check_password(password: str, *, email: str = "", field: str = "password") -> None:
    """Raise ``Invalid(field, …)`` when ``password_problem`` finds one."""
    problem = password_problem(password, email=email)
    if problem is not None:
        raise Invalid(field, problem)
