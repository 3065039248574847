"""The Reflex app: pages from every context, the plain-HTTP routes, background work.

Pages come as ``PageSpec`` tuples from each context's ``pages.py``; the first spec for a
route wins, so the "coming soon" placeholders listed last disappear as contexts ship.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncIterator

import reflex as rx

from jobhub.admin import companies_pages as admin_companies_pages
from jobhub.admin import users_pages as admin_users_pages
from jobhub.api import build_http_api
from jobhub.auth import account_pages, oauth_pages, registration_pages, reset_pages, security_pages
from jobhub.auth import pages as auth_pages
from jobhub.companies import (
    company_editor_pages,
    company_pages,
    directory_pages,
    employer_home_pages,
    invitation_pages,
    team_pages,
)
from jobhub.jobs import (
    alerts_pages,
    apply_pages,
    detail_pages,
    pipeline_pages,
    posting_editor_pages,
    posting_list_pages,
    saved_pages,
    search_caches,
    search_pages,
    tracker_pages,
)
from jobhub.pages import coming_soon, errors, forbidden, landing
from jobhub.pages.registry import add_pages
from jobhub.platform.db import session_scope
from jobhub.profiles import profile_editor_pages, public_profile_pages, resume_pages
from jobhub.settings import get_settings
from jobhub.ui.feedback import toast_for_error

log = logging.getLogger("jobhub")


def _warm_search() -> None:
    try:
        with session_scope() as db:
            search_caches.warm_search_caches(db)
    except Exception:
        log.exception("the search vocabulary could not be read at start; the first search will")


@contextlib.asynccontextmanager
async def warm_search_caches() -> AsyncIterator[None]:
    """Read the city gazetteer and the search vocabulary (a second each at a million jobs) at
    start, not on the first location search or "did you mean"."""
    threading.Thread(target=_warm_search, name="warm-search", daemon=True).start()
    yield


@contextlib.asynccontextmanager
async def in_app_worker() -> AsyncIterator[None]:
    """Run the outbox relay and task worker inside the app when ClickHouse is embedded.

    chDB opens its directory from one process only, so with the embedded store nothing
    else may run the worker; with a ClickHouse server it runs as ``python -m jobhub worker``.
    """
    if not get_settings().worker_in_app:
        yield
        return
    from jobhub.platform import tasks

    worker = await tasks.start_in_app_worker()
    log.info("background worker started inside the app")
    try:
        yield
    finally:
        await tasks.stop_in_app_worker(worker)


app = rx.App(
    stylesheets=["/jobhub.css"],
    html_lang="en",
    toaster=rx.toast.provider(position="top-center", close_button=True),
    backend_exception_handler=toast_for_error,
    api_transformer=build_http_api(),
)
app.app_wraps[(55, "ErrorBoundary")] = errors.error_boundary
app.register_lifespan_task(in_app_worker)
app.register_lifespan_task(warm_search_caches)

add_pages(
    app,
    landing.PAGES,
    auth_pages.PAGES,
    registration_pages.PAGES,
    reset_pages.PAGES,
    account_pages.PAGES,
    oauth_pages.PAGES,
    security_pages.PAGES,
    admin_users_pages.PAGES,
    admin_companies_pages.PAGES,
    employer_home_pages.PAGES,
    errors.PAGES,
    forbidden.PAGES,
    search_pages.PAGES,
    saved_pages.PAGES,
    alerts_pages.PAGES,
    detail_pages.PAGES,
    apply_pages.PAGES,
    tracker_pages.PAGES,
    team_pages.PAGES,
    invitation_pages.PAGES,
    directory_pages.PAGES,
    company_pages.PAGES,
    company_editor_pages.PAGES,
    posting_list_pages.PAGES,
    posting_editor_pages.PAGES,
    resume_pages.PAGES,
    pipeline_pages.PAGES,
    profile_editor_pages.PAGES,
    public_profile_pages.PAGES,
    coming_soon.PAGES,
)
