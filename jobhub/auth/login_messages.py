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
    OAUTH_FAILED = "oauth_failed"
    OAUTH_CANCELLED = "oauth_cancelled"
    OAUTH_UNVERIFIED_EMAIL = "oauth_unverified_email"
    OAUTH_NO_EMAIL = "oauth_no_email"
    OAUTH_TAKEN = "oauth_taken"
    OAUTH_OTHER_ACCOUNT = "oauth_other_account"
    OAUTH_SESSION_ENDED = "oauth_session_ended"


CREDENTIALS_MESSAGE = "Email or password is incorrect."

_MESSAGES: dict[LoginErrorCode, str] = {
    LoginErrorCode.CREDENTIALS: CREDENTIALS_MESSAGE,
    LoginErrorCode.MISSING: "Enter your email and password.",
    LoginErrorCode.SUSPENDED: "This account is suspended. Contact support to have it restored.",
    LoginErrorCode.BANNED: "This account has been closed for breaking our terms of use.",
    LoginErrorCode.DELETED: "This account has been deleted.",
    LoginErrorCode.UNVERIFIED: "Confirm your email address first: follow the link we sent you.",
    LoginErrorCode.UNAVAILABLE: "We could not sign you in just now. Please try again in a moment.",
    LoginErrorCode.OAUTH_FAILED: "Signing in with that provider did not work. Please try again.",
    LoginErrorCode.OAUTH_CANCELLED: "Sign-in was cancelled at the provider. Nothing was changed.",
    LoginErrorCode.OAUTH_UNVERIFIED_EMAIL: (
        "An account with this email exists, but the provider has not verified the address. Sign in "
        "with your password, then connect the provider under Settings → Connected accounts."
    ),
    LoginErrorCode.OAUTH_NO_EMAIL: (
        "The provider did not share a verified email address, so we cannot create your account. "
        "Verify your address there, or register with email and password."
    ),
    LoginErrorCode.OAUTH_TAKEN: "That provider account is already connected to another JobHub account.",
    LoginErrorCode.OAUTH_OTHER_ACCOUNT: (
        "This JobHub account is connected to a different account at that provider: use that one, "
        "or disconnect it under Settings → Connected accounts first."
    ),
    LoginErrorCode.OAUTH_SESSION_ENDED: "Your session ended. Sign in, then connect the account again.",
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
