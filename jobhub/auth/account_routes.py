"""Form posts for registration, verification mail and password reset: plain HTTP, like login.

Passwords reach these routes straight from the browser's native form and never pass
through Reflex state. Each route refuses a cross-site post (``request_origin``), applies
its rate limits, runs one transaction, then redirects back to its page.

What a refused form needs to show again (the non-secret values and a message per field)
travels in a short-lived signed cookie, the *flash*, not in the URL: email addresses and
names stay out of browser history, server logs and ``Referer`` headers, and the messages
cannot be forged because the cookie is signed. The redirect carries only a random id
(``?f=``) that the page matches against the cookie, so an old flash never reappears on a
fresh visit. The cookie is ``HttpOnly`` and read by the page state from the websocket's
request headers, exactly like the session cookie.

Mail goes out in a background task after the response, and for the forms that must not
tell whether an address has an account (register, resend, forgot) so does all the work
after the fields are checked: the answer takes as long either way. A failure there is
logged; the visitor, told to check their inbox, can ask again.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import TypeVar
from urllib.parse import urlencode

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from jobhub.auth.audit import RequestContext
from jobhub.auth.password_reset import request_reset, reset_password
from jobhub.auth.registration import RegistrationForm, RegistrationInvalid, register, validate
from jobhub.auth.routes import FORM_FIELD_MAX, _forbidden, client_ip, request_context, request_origin
from jobhub.auth.sign_in_response import secure_cookies
from jobhub.auth.verification import resend_verification
from jobhub.platform import mail, rate_limits
from jobhub.platform.db import session_scope
from jobhub.platform.errors import Invalid
from jobhub.platform.mail import MailError, Message
from jobhub.platform.rate_limits import Scope
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

log = logging.getLogger(__name__)

REGISTER_PATH = "/auth/register"
RESEND_VERIFICATION_PATH = "/auth/verify-email/resend"
FORGOT_PASSWORD_PATH = "/auth/forgot-password"
RESET_PASSWORD_PATH = "/auth/reset-password"

FLASH_COOKIE = "jobhub_flash"
FLASH_MAX_AGE_SECONDS = 300
FLASH_VALUE_MAX = 300
FORM_ERROR = "form"
UNAVAILABLE = "Something went wrong on our side. Please try again in a moment."

T = TypeVar("T")


@dataclass(frozen=True)
class Flash:
    """What one refused (or answered) form shows on its next page load."""

    form: str
    id: str
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _flash_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt="jobhub.flash")


def encode_flash(flash: Flash) -> str:
    values = {key: value[:FLASH_VALUE_MAX] for key, value in flash.values.items()}
    payload = {"form": flash.form, "id": flash.id, "values": values, "errors": flash.errors}
    return str(_flash_serializer().dumps(payload))


def read_flash(cookie_header: str | None, form: str, flash_id: str | None) -> Flash | None:
    """The flash of ``form`` with id ``flash_id`` from a ``Cookie:`` header, else ``None``."""
    if not flash_id:
        return None
    for part in (cookie_header or "").split(";"):
        name, _, raw = part.strip().partition("=")
        if name != FLASH_COOKIE or not raw:
            continue
        try:
            payload = _flash_serializer().loads(raw.strip('"'), max_age=FLASH_MAX_AGE_SECONDS)
        except (BadSignature, ValueError, TypeError):
            return None
        if not isinstance(payload, dict) or payload.get("form") != form or payload.get("id") != flash_id:
            return None
        values, errors = payload.get("values"), payload.get("errors")
        return Flash(
            form=form,
            id=flash_id,
            values={str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {},
            errors={str(k): str(v) for k, v in errors.items()} if isinstance(errors, dict) else {},
        )
    return None


def _redirect(
    origin: str,
    page: str,
    query: dict[str, str] | None = None,
    *,
    flash: Flash | None = None,
    retry_after: int | None = None,
    mails: list[Message] | None = None,
    after: Callable[[], None] | None = None,
) -> Response:
    """A 303 to ``page``; ``mails`` are sent, or ``after`` runs, once the response is out."""
    url = f"{origin}{page}"
    params = dict(query or {})
    if flash is not None:
        params["f"] = flash.id
    if params:
        url = f"{url}?{urlencode(params)}"
    headers = rate_limits.retry_after_headers(retry_after) if retry_after else None
    if after is None and mails:
        after = partial(send_all, list(mails))
    background = BackgroundTask(after) if after else None
    response = RedirectResponse(url, 303, headers=headers, background=background)
    if flash is not None:
        set_flash_cookie(response, flash)
    return response


def set_flash_cookie(response: Response, flash: Flash) -> None:
    """The signed cookie that carries ``flash`` to the page the redirect opens."""
    response.set_cookie(
        FLASH_COOKIE,
        encode_flash(flash),
        max_age=FLASH_MAX_AGE_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(),
    )


def send_all(messages: list[Message]) -> None:
    """Send after the response; a failure is logged (the user can ask again), never raised."""
    for message in messages:
        try:
            mail.send(message)
        except (MailError, ValueError):
            log.exception("could not send %r to %s", message.subject, message.to)


def issue_and_send(work: Callable[[Session], Message | None], what: str) -> None:
    """Run ``work`` in its own transaction after the response, then send the mail it returns.

    For the forms whose answer must not depend on the address: all the work for a known
    address (token, row update, audit, mail) happens here, so the response takes as long
    for an unknown one.
    """
    try:
        message = _in_transaction(work)
    except Exception:
        log.exception("%s failed", what)
        return
    if message is not None:
        send_all([message])


def new_flash(form: str, values: dict[str, str] | None = None, errors: dict[str, str] | None = None) -> Flash:
    return Flash(form=form, id=secrets.token_urlsafe(8), values=values or {}, errors=errors or {})


async def _form(request: Request) -> dict[str, str]:
    data = await request.form()
    return {key: str(value)[:FORM_FIELD_MAX] for key, value in data.items() if isinstance(value, str)}


def _ip_key(request: Request) -> str:
    return client_ip(request) or "unknown"


def _in_transaction(work: Callable[[Session], T]) -> T:
    with session_scope() as db:
        return work(db)


async def register_endpoint(request: Request) -> Response:
    origin = request_origin(request)
    if origin is None:
        return _forbidden()
    form = await _form(request)
    values = {name: form.get(name, "") for name in ("user_type", "email", "first_name", "last_name")}
    wait = await run_in_threadpool(rate_limits.hit, Scope.REGISTER_IP, _ip_key(request))
    if wait is not None:
        flash = new_flash("register", values, {FORM_ERROR: rate_limits.wait_message(wait)})
        return _redirect(origin, nav.REGISTER, flash=flash, retry_after=wait)
    submitted = RegistrationForm(password=form.get("password", ""), **values)
    try:
        clean = validate(submitted)
    except RegistrationInvalid as exc:
        return _redirect(origin, nav.REGISTER, flash=new_flash("register", values, exc.errors))
    context = request_context(request)
    after = partial(issue_and_send, lambda db: register(db, submitted, context).mail, "a registration")
    sent = new_flash("register", {"email": clean.email})
    return _redirect(origin, nav.REGISTER, {"sent": "1"}, flash=sent, after=after)


async def _send_link_endpoint(
    request: Request,
    form_name: str,
    page: str,
    missing: str,
    scopes: tuple[Scope, Scope],
    work: Callable[[Session, str, RequestContext], Message | None],
    what: str,
) -> Response:
    """The forms that mail a link to an address: the answer never says whether it is known.

    ``scopes`` limits by client IP, then by address; the work and mail happen after the response.
    """
    origin = request_origin(request)
    if origin is None:
        return _forbidden()
    email = (await _form(request)).get("email", "").strip()
    if not email:
        return _redirect(origin, page, flash=new_flash(form_name, errors={"email": missing}))
    ip_scope, account_scope = scopes
    wait = rate_limits.first_limited(
        await run_in_threadpool(rate_limits.hit, ip_scope, _ip_key(request)),
        await run_in_threadpool(rate_limits.hit, account_scope, email.lower()),
    )
    if wait is not None:
        flash = new_flash(form_name, {"email": email}, {FORM_ERROR: rate_limits.wait_message(wait)})
        return _redirect(origin, page, flash=flash, retry_after=wait)
    context = request_context(request)
    after = partial(issue_and_send, lambda db: work(db, email, context), what)
    flash = new_flash(form_name, {"email": email})
    return _redirect(origin, page, {"sent": "1"}, flash=flash, after=after)


async def resend_verification_endpoint(request: Request) -> Response:
    """Always the same answer for any well-formed address (see ``verification.resend_verification``)."""
    return await _send_link_endpoint(
        request,
        "verify",
        nav.VERIFY_EMAIL,
        "Enter the email address you registered with.",
        (Scope.VERIFY_MAIL_IP, Scope.VERIFY_MAIL_ACCOUNT),
        resend_verification,
        "resending a link",
    )


async def forgot_password_endpoint(request: Request) -> Response:
    """Always "if an account exists, we sent a link", whatever the address."""
    return await _send_link_endpoint(
        request,
        "forgot",
        nav.FORGOT_PASSWORD,
        "Enter the email address of your account.",
        (Scope.RESET_IP, Scope.RESET_ACCOUNT),
        request_reset,
        "a password reset request",
    )


async def reset_password_endpoint(request: Request) -> Response:
    origin = request_origin(request)
    if origin is None:
        return _forbidden()
    form = await _form(request)
    token = form.get("token", "")
    back = {"token": token} if token else {}
    wait = await run_in_threadpool(rate_limits.hit, Scope.RESET_IP, _ip_key(request))
    if wait is not None:
        flash = new_flash("reset", errors={FORM_ERROR: rate_limits.wait_message(wait)})
        return _redirect(origin, nav.RESET_PASSWORD, back, flash=flash, retry_after=wait)
    context = request_context(request)
    password, confirmation = form.get("password", ""), form.get("password_confirm", "")
    now = datetime.now(UTC)
    try:
        _done, message = await run_in_threadpool(
            _in_transaction, lambda db: reset_password(db, token, password, confirmation, context, now=now)
        )
    except Invalid as exc:
        return _redirect(
            origin, nav.RESET_PASSWORD, back, flash=new_flash("reset", errors={exc.field: exc.message})
        )
    except Exception:
        log.exception("a password reset failed unexpectedly")
        return _redirect(
            origin, nav.RESET_PASSWORD, back, flash=new_flash("reset", errors={FORM_ERROR: UNAVAILABLE})
        )
    return _redirect(origin, nav.RESET_PASSWORD, {"done": "1"}, mails=[message])


ROUTES = [
    Route(REGISTER_PATH, register_endpoint, methods=["POST"]),
    Route(RESEND_VERIFICATION_PATH, resend_verification_endpoint, methods=["POST"]),
    Route(FORGOT_PASSWORD_PATH, forgot_password_endpoint, methods=["POST"]),
    Route(RESET_PASSWORD_PATH, reset_password_endpoint, methods=["POST"]),
]
