"""How every sign-in ends, whatever proved the first factor (a password, an OAuth provider).

``complete_sign_in`` either asks for the second step (MFA on: a five-minute signed
challenge cookie and a redirect to ``/login/verify``) or starts the session (a new token,
the ``HttpOnly`` cookie, a redirect to ``next``). Keeping it in one place means no route can
forget the second step or set the cookie with other flags.
"""

from __future__ import annotations

from urllib.parse import urlencode

from sqlmodel import Session
from starlette.responses import RedirectResponse, Response

from jobhub.auth.audit import RequestContext
from jobhub.auth.login import LoginResult, start_session
from jobhub.auth.mfa_challenge import CHALLENGE_COOKIE, CHALLENGE_LIFETIME, Challenge, password_stamp, seal
from jobhub.auth.models import User
from jobhub.auth.session_tokens import SESSION_COOKIE
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

CHALLENGE_COOKIE_PATH = "/auth/login"
HOME = "/"


def secure_cookies() -> bool:
    return get_settings().environment == "production"


def set_session_cookie(response: Response, result: LoginResult) -> None:
    """``Max-Age`` only for "remember me"; otherwise the cookie ends with the browser session."""
    response.set_cookie(
        SESSION_COOKIE,
        result.token,
        max_age=result.max_age_seconds,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(),
    )


def clear_challenge_cookie(response: Response) -> None:
    response.delete_cookie(
        CHALLENGE_COOKIE, path=CHALLENGE_COOKIE_PATH, httponly=True, samesite="lax", secure=secure_cookies()
    )


def verify_page_url(origin: str, next_path: str, error: str | None = None) -> str:
    query: dict[str, str] = {}
    if next_path != HOME:
        query["next"] = next_path
    if error:
        query["error"] = error
    return f"{origin}{nav.LOGIN_MFA}" + (f"?{urlencode(query)}" if query else "")


def session_response(origin: str, next_path: str, result: LoginResult) -> Response:
    response = RedirectResponse(f"{origin}{next_path}", 303)
    set_session_cookie(response, result)
    clear_challenge_cookie(response)
    return response


def complete_sign_in(
    db: Session,
    user: User,
    *,
    origin: str,
    next_path: str,
    remember: bool,
    context: RequestContext,
    method: str | None = None,
) -> Response:
    """The answer to a passed first factor, in the caller's transaction (commit before sending).

    ``next_path`` must already be safe (``routes.safe_next``); ``origin`` an allowed origin.
    """
    if user.mfa_enabled:
        challenge = Challenge(
            user_id=user.id,
            next_path=next_path,
            remember=remember,
            password_stamp=password_stamp(user.password_hash),
        )
        response = RedirectResponse(verify_page_url(origin, next_path), 303)
        response.set_cookie(
            CHALLENGE_COOKIE,
            seal(challenge),
            max_age=int(CHALLENGE_LIFETIME.total_seconds()),
            path=CHALLENGE_COOKIE_PATH,
            httponly=True,
            samesite="lax",
            secure=secure_cookies(),
        )
        return response
    result = start_session(db, user, context, remember=remember, method=method)
    return session_response(origin, next_path, result)
