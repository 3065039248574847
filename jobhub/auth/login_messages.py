"""What a refused sign-in says, keyed by the short code that travels in ``/login?error=``.

The HTTP route redirects with a code (never the message, never the email or password) and
the login page turns it back into words, so a crafted URL can only pick one of these
sentences, not put its own text on our page.
"""

from __future__ import annotations

from enum import StrEnum


class LoginErrorCode(StrEnum):
    CREDENTIALS = "credentials"
    MISSING = "missing"
    LOCKED = "locked"
    SUSPENDED = "suspended"
    BANNED = "banned"
    DELETED = "deleted"
    UNVERIFIED = "unverified"
    UNAVAILABLE = "unavailable"


CREDENTIALS_MESSAGE = "Email or password is incorrect."

_MESSAGES: dict[LoginErrorCode, str] = {
    LoginErrorCode.CREDENTIALS: CREDENTIALS_MESSAGE,
    LoginErrorCode.MISSING: "Enter your email and password.",
    LoginErrorCode.SUSPENDED: "This account is suspended. Contact support to have it restored.",
    LoginErrorCode.BANNED: "This account has been closed for breaking our terms of use.",
    LoginErrorCode.DELETED: "This account has been deleted.",
    LoginErrorCode.UNVERIFIED: "Confirm your email address first: follow the link we sent you.",
    LoginErrorCode.UNAVAILABLE: "We could not sign you in just now. Please try again in a moment.",
}


def locked_message(minutes: int) -> str:
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed attempts. Try again in {minutes} {unit}."


def message_for(code: str | None, retry_minutes: str | int | None = None) -> str:
    """The sentence for ``code``; empty for no code, the generic one for an unknown code."""
    if not code:
        return ""
    try:
        known = LoginErrorCode(code)
    except ValueError:
        return _MESSAGES[LoginErrorCode.UNAVAILABLE]
    if known is LoginErrorCode.LOCKED:
        try:
            minutes = max(1, min(int(retry_minutes or 1), 24 * 60))
        except ValueError:
            minutes = 1
        return locked_message(minutes)
    return _MESSAGES[known]
