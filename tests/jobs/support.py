"""Rows the job page, view, report and sitemap tests share, and a browser tab for state tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from reflex.state import State
from sqlmodel import Session

from jobhub.auth.session_tokens import SESSION_COOKIE
from jobhub.jobs.models import Job, JobStatus
from tests.factories import add, make_job


def published_job(db: Session, now: datetime, **values: Any) -> Job:
    """A job published the day before ``now`` (open unless ``values`` say otherwise), flushed."""
    job = make_job(**({"status": JobStatus.PUBLISHED, "published_at": now - timedelta(days=1)} | values))
    add(db, job)
    return job


def router_data(path: str, token: str) -> dict[str, object]:
    """What a browser's websocket event carries for ``path`` (``token``: the session cookie)."""
    return {
        "headers": {"cookie": f"{SESSION_COOKIE}={token}" if token else "", "user-agent": "pytest-browser"},
        "pathname": path,
        "asPath": path,
        "query": {},
        "token": "tab-1",
        "sid": "socket-1",
        "ip": "192.0.2.10",
    }


def browser_tab(path: str, token: str) -> State:
    """The root state of a tab at ``path``, as the event processor builds it."""
    root = State(_reflex_internal_init=True)
    root.router_data = root._update_router_vars(router_data(path, token), {})
    return root
