"""``/alerts/unsubscribe``: the one-click unsubscribe link of every job alert digest.

Plain HTTP because the mail client is the caller: RFC 8058 has it ``POST`` the
``List-Unsubscribe`` URL with the body ``List-Unsubscribe=One-Click`` and no cookie, so the
signed token in the URL is the whole authority (it names one alert and its owner). A person
who clicks the link in the mail gets ``GET``: a page that says which alert it stops and asks
to confirm, because link scanners and previews fetch every URL in a mail and must not
unsubscribe anyone. The confirm button posts back to the same URL.

Both answer with a small self-contained page; a bad, expired or orphaned link changes
nothing and says so. There is no ``Origin`` check: a cross-site post needs the token, and
with it the poster may do no more than the link already allows.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from jobhub.jobs.alerts import UNSUBSCRIBE_PATH, Unsubscribed, alert_of_unsubscribe_link, unsubscribe
from jobhub.platform.db import session_scope
from jobhub.platform.errors import Invalid
from jobhub.platform.signed_links import TOKEN_MAX_LENGTH
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

PAGE_STYLE = (
    "font-family:system-ui,sans-serif;line-height:1.5;max-width:32rem;margin:4rem auto;padding:0 1rem"
)
BUTTON_STYLE = "font:inherit;padding:.5rem 1rem;border-radius:6px;border:0;background:#3e63dd;color:#fff"


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    alerts_url = html.escape(f"{get_settings().public_url.rstrip('/')}{nav.ALERTS}")
    document = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} · JobHub</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex"></head>'
        f'<body style="{PAGE_STYLE}"><main><h1>{html.escape(title)}</h1>{body}'
        f'<p><a href="{alerts_url}">Manage your job alerts</a></p></main></body></html>'
    )
    return HTMLResponse(document, status_code=status, headers={"Cache-Control": "no-store"})


def _refused(problem: Invalid) -> HTMLResponse:
    return _page("This link does not work", f"<p>{html.escape(problem.message)}</p>", status=400)


async def _token(request: Request) -> str:
    """From the URL (RFC 8058 posts to the link itself), else from the confirm form's field."""
    token = request.query_params.get("token")
    if not token and request.method == "POST":
        form = await request.form()
        token = str(form.get("token") or "")
    return (token or "")[: TOKEN_MAX_LENGTH + 1]


def _in_transaction(action: Callable[[Session, str], Unsubscribed], token: str) -> Unsubscribed:
    with session_scope() as db:
        return action(db, token)


async def _link_target(
    request: Request, action: Callable[[Session, str], Unsubscribed]
) -> tuple[str, Unsubscribed]:
    """The request's token and what ``action`` (look up, or unsubscribe) made of it; ``Invalid`` if bad."""
    token = await _token(request)
    return token, await run_in_threadpool(_in_transaction, action, token)


async def confirm_page(request: Request) -> Response:
    try:
        token, target = await _link_target(request, alert_of_unsubscribe_link)
    except Invalid as problem:
        return _refused(problem)
    name = html.escape(target.name)
    body = (
        f"<p>Stop mailing new jobs for your alert <strong>{name}</strong>? You can turn it back on "
        "from your alerts page at any time.</p>"
        f'<form method="post" action="{UNSUBSCRIBE_PATH}">'
        f'<input type="hidden" name="token" value="{html.escape(token)}">'
        f'<button type="submit" style="{BUTTON_STYLE}">Unsubscribe</button></form>'
    )
    return _page("Unsubscribe from this job alert", body)


async def unsubscribe_now(request: Request) -> Response:
    try:
        _, done = await _link_target(request, unsubscribe)
    except Invalid as problem:
        return _refused(problem)
    name = html.escape(done.name)
    return _page(
        "You are unsubscribed", f"<p>Your alert <strong>{name}</strong> will mail you no more jobs.</p>"
    )


ROUTES = [
    Route(UNSUBSCRIBE_PATH, confirm_page, methods=["GET"]),
    Route(UNSUBSCRIBE_PATH, unsubscribe_now, methods=["POST"]),
]
