"""Plain HTTP routes for the account forms that carry a password, and the data export download.

Each POST is a native browser form (so the password never enters Reflex state), refused when
cross-site by its Origin/Referer, answered with a redirect back to ``/settings/account`` and a
short code (never a message, never the input). The principal comes from the session cookie.
A refused password check is committed before answering (see ``account``), and mail leaves only
after the transaction that caused it has committed.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from jobhub.auth import account, account_email, account_erasure
from jobhub.auth.account import AccountRefusal, RefusalCode
from jobhub.auth.account_routes import new_flash, set_flash_cookie
from jobhub.auth.audit import RequestContext
from jobhub.auth.authorization import SignInRequired
from jobhub.auth.guards import login_url
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.routes import FORM_FIELD_MAX, request_context, request_origin
from jobhub.auth.session_tokens import SESSION_COOKIE
from jobhub.auth.sign_in_response import secure_cookies
from jobhub.platform import data_export, mail
from jobhub.platform.db import session_scope
from jobhub.ui import navigation as nav

log = logging.getLogger(__name__)

PASSWORD_PATH = "/account/password"
EMAIL_PATH = "/account/email"
EXPORT_PATH = "/account/export"
DELETE_PATH = "/account/delete"
EMAIL_CONFIRM_PAGE = "/confirm-email-change"
ACCOUNT_DELETED_PAGE = "/goodbye"
PASSWORD_CHANGED = "changed"
EMAIL_SENT = "sent"
EMAIL_FLASH_FORM = "account_email"

T = TypeVar("T")


def _forbidden() -> Response:
    return PlainTextResponse("Cross-site request refused.", status_code=403)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {key: str(value)[:FORM_FIELD_MAX] for key, value in form.items() if isinstance(value, str)}


def _settings_url(origin: str, **query: str) -> str:
    return f"{origin}{nav.SETTINGS_ACCOUNT}?{urlencode(query)}"


def _committed(token: str | None, action: Callable[[Session, Principal | None], T]) -> T:
    """Run ``action`` with the cookie's principal in one transaction, committed even when refused."""
    refusal: AccountRefusal | None = None
    with session_scope() as db:
        try:
            return action(db, resolve_principal(db, token))
        except AccountRefusal as exc:
            refusal = exc
    assert refusal is not None
    raise refusal


def _send(message: mail.Message) -> bool:
    try:
        mail.send(message)
    except Exception:
        log.exception("account mail to %s could not be sent", message.to)
        return False
    return True


def _refused(origin: str, error_key: str, code: str, keep: dict[str, str] | None) -> Response:
    """Back to settings with the code; ``keep`` (what was typed, never a password) rides in the
    signed flash cookie that the registration forms use, so it stays out of the URL.
    """
    if not keep:
        return RedirectResponse(_settings_url(origin, **{error_key: code}), 303)
    flash = new_flash(EMAIL_FLASH_FORM, keep)
    response = RedirectResponse(_settings_url(origin, **{error_key: code, "f": flash.id}), 303)
    set_flash_cookie(response, flash)
    return response


async def _answer(
    request: Request,
    error_key: str,
    work: Callable[[str | None], Response | str],
    keep: dict[str, str] | None = None,
) -> Response:
    """Origin check, then ``work(token)`` in a thread; refusals become ``?<error_key>=<code>``."""
    origin = request_origin(request)
    if origin is None:
        return _forbidden()
    token = request.cookies.get(SESSION_COOKIE)
    try:
        outcome = await run_in_threadpool(work, token)
    except SignInRequired:
        return RedirectResponse(f"{origin}{login_url(nav.SETTINGS_ACCOUNT)}", 303)
    except AccountRefusal as exc:
        return _refused(origin, error_key, exc.code, keep)
    except Exception:
        log.exception("account form failed unexpectedly")
        return _refused(origin, error_key, RefusalCode.UNAVAILABLE, keep)
    if isinstance(outcome, Response):
        return outcome
    return RedirectResponse(f"{origin}{outcome}", 303)


async def change_password_endpoint(request: Request) -> Response:
    form = await _form(request)
    context = request_context(request)
    origin = request_origin(request) or ""

    def work(token: str | None) -> Response:
        def action(db: Session, who: Principal | None) -> tuple[account.NewSession, mail.Message]:
            changed = account.change_password(
                db,
                who,
                form.get("current_password", ""),
                form.get("new_password", ""),
                form.get("new_password_confirm", ""),
                context,
            )
            return changed, account.password_changed_mail(db, changed)

        changed, message = _committed(token, action)
        _send(message)
        response = RedirectResponse(_settings_url(origin, password=PASSWORD_CHANGED), 303)
        response.set_cookie(
            SESSION_COOKIE,
            changed.token,
            max_age=changed.max_age_seconds,
            path="/",
            httponly=True,
            samesite="lax",
            secure=secure_cookies(),
        )
        return response

    return await _answer(request, "password_error", work)


async def change_email_endpoint(request: Request) -> Response:
    form = await _form(request)
    context = request_context(request)

    def work(token: str | None) -> str:
        def action(db: Session, who: Principal | None) -> mail.Message:
            asked = account_email.request_email_change(
                db, who, form.get("email", ""), form.get("password", ""), context, EMAIL_CONFIRM_PAGE
            )
            return account_email.email_change_mail(db, asked)

        if not _send(_committed(token, action)):
            raise AccountRefusal("email", RefusalCode.UNAVAILABLE)
        return f"{nav.SETTINGS_ACCOUNT}?{urlencode({'email': EMAIL_SENT})}"

    return await _answer(request, "email_error", work, keep={"email": form.get("email", "")})


async def delete_account_endpoint(request: Request) -> Response:
    form = await _form(request)
    context = request_context(request)
    origin = request_origin(request) or ""

    def work(token: str | None) -> Response:
        _committed(
            token,
            lambda db, who: account_erasure.delete_account(
                db, who, form.get("password", ""), form.get("confirm", ""), context
            ),
        )
        response = RedirectResponse(f"{origin}{ACCOUNT_DELETED_PAGE}", 303)
        response.delete_cookie(
            SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure_cookies()
        )
        return response

    return await _answer(request, "delete_error", work)


def _export(token: str | None, context: RequestContext) -> bytes:
    with session_scope() as db:
        document = account_erasure.export_my_data(db, resolve_principal(db, token), context)
    return data_export.to_json_bytes(document)


async def export_endpoint(request: Request) -> Response:
    """A download, so a plain GET; a cross-site fetch (``Sec-Fetch-Site``) is refused anyway."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return _forbidden()
    try:
        body = await run_in_threadpool(_export, request.cookies.get(SESSION_COOKIE), request_context(request))
    except SignInRequired:
        return PlainTextResponse("Sign in to download your data.", status_code=401)
    name = f"jobhub-data-{uuid.uuid4().hex[:8]}.json"
    return Response(
        body,
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


ROUTES = [
    Route(PASSWORD_PATH, change_password_endpoint, methods=["POST"]),
    Route(EMAIL_PATH, change_email_endpoint, methods=["POST"]),
    Route(DELETE_PATH, delete_account_endpoint, methods=["POST"]),
    Route(EXPORT_PATH, export_endpoint, methods=["GET"]),
]
