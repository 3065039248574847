"""The plain HTTP routes that take a code or a password for two-step verification.

Native form posts (the code and the password never enter Reflex state), refused
cross-site by ``request_origin``, answered with a redirect carrying only a short code. The
two answers that must show backup codes are small server-rendered pages sent with
``Cache-Control: no-store``: the codes go from the service to the screen once and are
kept nowhere else.

``POST /auth/login/verify`` is the sign-in's second step: it needs the challenge cookie
set by ``complete_sign_in``; a wrong code counts toward the account's lockout like a
wrong password, and toward the per-IP and per-account rate limits.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from math import ceil
from urllib.parse import quote, urlencode

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from jobhub.auth import mfa
from jobhub.auth.audit import RequestContext
from jobhub.auth.guards import login_url
from jobhub.auth.login import LoginRefused, check_not_locked, record_failure, refusal_for, start_session
from jobhub.auth.mfa_challenge import CHALLENGE_COOKIE, ChallengeInvalid, password_stamp, unseal
from jobhub.auth.models import User
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.routes import FORM_FIELD_MAX, HOME, client_ip, request_context, request_origin, safe_next
from jobhub.auth.session_tokens import SESSION_COOKIE
from jobhub.auth.sign_in_response import clear_challenge_cookie, session_response, verify_page_url
from jobhub.platform import rate_limits
from jobhub.platform.db import session_scope
from jobhub.ui import navigation as nav

log = logging.getLogger(__name__)

VERIFY_PATH = "/auth/login/verify"
ENABLE_PATH = "/auth/mfa/enable"
DISABLE_PATH = "/auth/mfa/disable"
BACKUP_CODES_PATH = "/auth/mfa/backup-codes"
VERIFY_ERROR_CODE = "code"
VERIFY_ERROR_EXPIRED = "expired"
VERIFY_ERROR_LOCKED = "locked"
MFA_DISABLED_NOTICE = "disabled"
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache", "Referrer-Policy": "no-referrer"}


async def _form(request: Request) -> dict[str, str]:
    raw = await request.form()
    return {key: str(value)[:FORM_FIELD_MAX] for key, value in raw.items() if isinstance(value, str)}


def _forbidden() -> Response:
    return PlainTextResponse("Cross-site request refused.", status_code=403)


def _rate_key(user_id: object) -> str:
    """The rate limiter's account key for the second step (the email is not known there)."""
    return f"mfa:{user_id}"


def _redirect_clearing(url: str) -> Response:
    response = RedirectResponse(url, 303)
    clear_challenge_cookie(response)
    return response


def _locked_url(origin: str, next_path: str, minutes: int | None) -> str:
    query = {"error": VERIFY_ERROR_LOCKED, "retry": str(minutes or 1)}
    if next_path != HOME:
        query["next"] = next_path
    return f"{origin}{nav.LOGIN}?{urlencode(query)}"


def second_step(cookie: str | None, code: str, origin: str, context: RequestContext) -> tuple[Response, bool]:
    """The answer and whether it was a refused code (the caller counts it for the rate limit).

    One transaction: a refused code is committed (audit row, lockout count) with the answer.
    """
    try:
        challenge = unseal(cookie)
    except ChallengeInvalid:
        return _redirect_clearing(verify_page_url(origin, HOME, VERIFY_ERROR_EXPIRED)), False
    next_path = safe_next(challenge.next_path)
    moment = datetime.now(UTC)
    with session_scope() as db:
        user = db.get(User, challenge.user_id, with_for_update=True)
        if (
            user is None
            or not user.mfa_enabled
            or refusal_for(user) is not None
            or password_stamp(user.password_hash) != challenge.password_stamp
        ):
            return _redirect_clearing(verify_page_url(origin, next_path, VERIFY_ERROR_EXPIRED)), False
        try:
            check_not_locked(db, user, context, moment)
        except LoginRefused as locked:
            return _redirect_clearing(_locked_url(origin, next_path, locked.retry_minutes)), True
        try:
            kind = mfa.accept_code(db, user, code, context, now=moment)
        except mfa.MfaRefused:
            record_failure(db, user, context, moment, reason="mfa_code")
            try:
                check_not_locked(db, user, context, moment, audit_it=False)
            except LoginRefused as locked:
                return _redirect_clearing(_locked_url(origin, next_path, locked.retry_minutes)), True
            return RedirectResponse(verify_page_url(origin, next_path, VERIFY_ERROR_CODE), 303), True
        result = start_session(
            db, user, context, remember=challenge.remember, method=f"mfa_{kind.value}", now=moment
        )
        return session_response(origin, next_path, result), False


async def verify_endpoint(request: Request) -> Response:
    origin = request_origin(request)
    if origin is None:
        return _forbidden()
    form = await _form(request)
    cookie = request.cookies.get(CHALLENGE_COOKIE)
    ip = client_ip(request)
    try:
        claimed = unseal(cookie)
    except ChallengeInvalid:
        claimed = None
    if claimed is not None:
        wait = await run_in_threadpool(rate_limits.login_wait, ip, _rate_key(claimed.user_id))
        if wait is not None:
            url = _locked_url(origin, safe_next(claimed.next_path), ceil(wait / 60))
            return RedirectResponse(url, 303, headers=rate_limits.retry_after_headers(wait))
    try:
        response, refused = await run_in_threadpool(
            second_step, cookie, form.get("code", ""), origin, request_context(request)
        )
    except Exception:
        log.exception("the second sign-in step failed unexpectedly")
        return RedirectResponse(f"{origin}{nav.LOGIN}?error=unavailable", 303)
    if refused and claimed is not None:
        await run_in_threadpool(rate_limits.count_login_failure, ip, _rate_key(claimed.user_id))
    return response


def _security_url(origin: str, **query: str) -> str:
    return f"{origin}{nav.SETTINGS_SECURITY}" + (f"?{urlencode(query)}" if query else "")


def _as_signed_in(token: str | None, action: Callable[[Session, Principal], object]) -> object:
    """Resolve the session and run ``action`` in one transaction; refusals are committed too."""
    refusal: mfa.MfaRefused | None = None
    with session_scope() as db:
        principal = resolve_principal(db, token)
        if principal is None:
            raise PermissionError("signed out")
        try:
            return action(db, principal)
        except mfa.MfaRefused as exc:
            refusal = exc
    raise refusal


async def _settings_answer(
    request: Request, action: Callable[[Session, Principal, dict[str, str]], object]
) -> Response:
    """Origin check, the action, then: a codes page, a redirect, or ``?mfa_error=<code>``."""
    origin = request_origin(request)
    if origin is None:
        return _forbidden()
    form = await _form(request)
    token = request.cookies.get(SESSION_COOKIE)
    try:
        outcome = await run_in_threadpool(_as_signed_in, token, lambda db, who: action(db, who, form))
    except PermissionError:
        return RedirectResponse(f"{origin}{login_url(nav.SETTINGS_SECURITY)}", 303)
    except mfa.MfaRefused as refusal:
        return RedirectResponse(_security_url(origin, mfa_error=refusal.code.value), 303)
    except Exception:
        log.exception("an MFA settings form failed unexpectedly")
        return RedirectResponse(_security_url(origin, mfa_error=mfa.MfaFieldCode.UNAVAILABLE.value), 303)
    if isinstance(outcome, list):
        return backup_codes_page(origin, outcome)
    return RedirectResponse(_security_url(origin, mfa=MFA_DISABLED_NOTICE), 303)


async def enable_endpoint(request: Request) -> Response:
    context = request_context(request)
    return await _settings_answer(
        request, lambda db, who, form: mfa.confirm_enrolment(db, who, form.get("code", ""), context)
    )


async def disable_endpoint(request: Request) -> Response:
    context = request_context(request)

    def action(db: Session, who: Principal, form: dict[str, str]) -> None:
        mfa.disable(db, who, form.get("password", ""), form.get("code", ""), context)

    return await _settings_answer(request, action)


async def backup_codes_endpoint(request: Request) -> Response:
    context = request_context(request)
    return await _settings_answer(
        request, lambda db, who, form: mfa.regenerate_backup_codes(db, who, form.get("code", ""), context)
    )


_PAGE_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5}"
    "ol{font-family:ui-monospace,monospace;font-size:1.15rem;columns:2}"
    "a.button{display:inline-block;padding:.6rem 1rem;border-radius:.4rem;background:#2f6fed;color:#fff;"
    "text-decoration:none;margin:.25rem .5rem .25rem 0}a.secondary{background:#e8ecf4;color:#1c2433}"
    "a:focus-visible{outline:3px solid #1c2433;outline-offset:2px}"
)


def backup_codes_page(origin: str, codes: list[str]) -> Response:
    """The one time the codes are shown: a list, a text download, and the way back."""
    items = "".join(f"<li><code>{html.escape(code)}</code></li>" for code in codes)
    text = "JobHub backup codes (each works once)\n\n" + "\n".join(codes) + "\n"
    download = html.escape("data:text/plain;charset=utf-8," + quote(text), quote=True)
    back = html.escape(_security_url(origin, mfa="codes_saved"), quote=True)
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Your backup codes · JobHub</title><style>{_PAGE_STYLE}</style></head><body><main>"
        "<h1>Save your backup codes</h1>"
        "<p>Two-step verification is on. If you lose your phone, each of these codes signs you in once. "
        "This is the only time they are shown: download or print them now and keep them somewhere safe.</p>"
        f'<ol id="backup-codes" aria-label="Backup codes">{items}</ol>'
        f'<p><a class="button secondary" download="jobhub-backup-codes.txt" href="{download}">'
        "Download as text</a>"
        f'<a class="button" id="codes-saved" href="{back}">I have saved them</a></p>'
        "</main></body></html>"
    )
    return HTMLResponse(body, headers=NO_STORE)


ROUTES = [
    Route(VERIFY_PATH, verify_endpoint, methods=["POST"]),
    Route(ENABLE_PATH, enable_endpoint, methods=["POST"]),
    Route(DISABLE_PATH, disable_endpoint, methods=["POST"]),
    Route(BACKUP_CODES_PATH, backup_codes_endpoint, methods=["POST"]),
]
