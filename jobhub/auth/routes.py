"""``POST /auth/login`` and ``POST /auth/logout``: the only places the session cookie is set or cleared.

Plain HTTP (mounted through ``api_transformer``) because a websocket cannot set an
``HttpOnly`` cookie. The login page is a plain HTML form posting here, so the password
never enters Reflex state. Both routes refuse a cross-site request (CSRF) by its
``Origin`` (or ``Referer``) and redirect back to the very origin that posted, which is how
the answer reaches the frontend when it runs on another port than the backend.
"""

from __future__ import annotations

import ipaddress
import logging
from math import ceil
from urllib.parse import urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from jobhub.auth.audit import RequestContext
from jobhub.auth.login import InvalidCredentials, LoginRefused, authenticate, logout
from jobhub.auth.login_messages import LoginErrorCode
from jobhub.auth.session_tokens import SESSION_COOKIE
from jobhub.auth.sign_in_response import complete_sign_in
from jobhub.platform import rate_limits
from jobhub.platform.db import session_scope
from jobhub.settings import get_settings

log = logging.getLogger(__name__)

LOGIN_PATH = "/auth/login"
LOGOUT_PATH = "/auth/logout"
LOGIN_PAGE = "/login"
LOGIN_MFA_PAGE = "/login/verify"
HOME = "/"
NEXT_MAX_LENGTH = 2000
FORM_FIELD_MAX = 1000
REMEMBER_VALUES = frozenset({"on", "true", "1", "yes"})


def origin_of(url: str | None) -> str | None:
    """``scheme://host[:port]`` of an absolute http(s) URL, else ``None``."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(request: Request) -> set[str]:
    """The public site, the configured CORS origins, and the backend itself (single-port serving)."""
    settings = get_settings()
    candidates = [settings.public_url, *settings.cors_allowed_origins, str(request.base_url)]
    return {origin for origin in map(origin_of, candidates) if origin}


def request_origin(request: Request) -> str | None:
    """The allowed origin the request came from, or ``None`` for a foreign or unknown one.

    Browsers send ``Origin`` with every form POST; ``Referer`` is the fallback for the
    few that send ``Origin: null`` or none. Without either the request is refused.
    """
    origin = request.headers.get("origin")
    claimed = origin_of(origin) if origin and origin != "null" else origin_of(request.headers.get("referer"))
    return claimed if claimed in allowed_origins(request) else None


def safe_next(value: str | None) -> str:
    """A same-site relative path to go to after login; anything else becomes ``/``.

    Refuses absolute and scheme-relative URLs (``//evil``), backslashes (browsers read
    ``/\\evil`` as ``//evil``), control characters, and the login pages themselves.
    """
    if not value or len(value) > NEXT_MAX_LENGTH:
        return HOME
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return HOME
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return HOME
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path.rstrip("/") in (LOGIN_PAGE, LOGIN_PATH, LOGIN_MFA_PAGE):
        return HOME
    return value


def _forbidden() -> Response:
    return PlainTextResponse("Cross-site request refused.", status_code=403)


def client_ip(request: Request) -> str | None:
    """The peer address when it is one (the columns are ``inet``; test clients say "testclient")."""
    host = request.client.host if request.client else None
    try:
        return str(ipaddress.ip_address(host)) if host else None
    except ValueError:
        return None


def request_context(request: Request) -> RequestContext:
    """Where an HTTP request came from, for the audit rows its route writes."""
    return RequestContext.of(client_ip(request), request.headers.get("user-agent"))


def _field(form: dict[str, str], name: str) -> str:
    return str(form.get(name) or "")[:FORM_FIELD_MAX]


def _login_page(origin: str, error: str, next_path: str, retry_minutes: int | None) -> str:
    query: dict[str, str] = {"error": error}
    if retry_minutes:
        query["retry"] = str(retry_minutes)
    if next_path != HOME:
        query["next"] = next_path
    return f"{origin}{LOGIN_PAGE}?{urlencode(query)}"


def _attempt_login(
    email: str, password: str, remember: bool, origin: str, next_path: str, context: RequestContext
) -> Response:
    """One transaction that commits the recorded failure before the error leaves it.

    A correct password ends in ``complete_sign_in``: the session, or the MFA challenge.
    """
    refusal: InvalidCredentials | LoginRefused | None = None
    with session_scope() as db:
        try:
            user = authenticate(db, email, password, context)
            return complete_sign_in(
                db,
                user,
                origin=origin,
                next_path=next_path,
                remember=remember,
                context=context,
                method="password",
            )
        except (InvalidCredentials, LoginRefused) as exc:
            refusal = exc
    assert refusal is not None
    raise refusal


async def login_endpoint(request: Request) -> Response:
    origin = request_origin(request)
    if origin is None:
        return _forbidden()
    form = {key: str(value) for key, value in (await request.form()).items() if isinstance(value, str)}
    next_path = safe_next(form.get("next"))
    email, password = _field(form, "email").strip(), _field(form, "password")
    if not email or not password:
        return RedirectResponse(_login_page(origin, LoginErrorCode.MISSING, next_path, None), 303)
    wait = await run_in_threadpool(rate_limits.login_wait, client_ip(request), email)
    if wait is not None:
        page = _login_page(origin, LoginErrorCode.LOCKED, next_path, ceil(wait / 60))
        return RedirectResponse(page, 303, headers=rate_limits.retry_after_headers(wait))
    try:
        context = request_context(request)
        remember = form.get("remember") in REMEMBER_VALUES
        response = await run_in_threadpool(
            _attempt_login, email, password, remember, origin, next_path, context
        )
    except (InvalidCredentials, LoginRefused) as exc:
        if isinstance(exc, InvalidCredentials) or exc.code == LoginErrorCode.LOCKED:
            await run_in_threadpool(rate_limits.count_login_failure, client_ip(request), email)
        retry = exc.retry_minutes if isinstance(exc, LoginRefused) else None
        return RedirectResponse(_login_page(origin, exc.code, next_path, retry), 303)
    except Exception:
        log.exception("login failed unexpectedly")
        return RedirectResponse(_login_page(origin, LoginErrorCode.UNAVAILABLE, next_path, None), 303)
    return response


def _revoke(token: str | None, ip: str | None, user_agent: str | None) -> None:
    with session_scope() as db:
        logout(db, token, ip=ip, user_agent=user_agent)


async def logout_endpoint(request: Request) -> Response:
    """Revoke and clear the cookie; the cookie goes even when the database cannot be reached."""
    origin = request_origin(request)
    if origin is None:
        return _forbidden()
    try:
        await run_in_threadpool(
            _revoke,
            request.cookies.get(SESSION_COOKIE),
            client_ip(request),
            request.headers.get("user-agent"),
        )
    except Exception:
        log.exception("logout could not revoke the session")
    response = RedirectResponse(f"{origin}{HOME}", 303)
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=get_settings().environment == "production",
    )
    return response


ROUTES = [
    Route(LOGIN_PATH, login_endpoint, methods=["POST"]),
    Route(LOGOUT_PATH, logout_endpoint, methods=["POST"]),
]
