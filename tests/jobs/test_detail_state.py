"""The job page's state: the job it acts on is the one the server loaded, never one the browser names.

Rows are committed (the handlers open their own transactions) and removed after each test.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from reflex.state import State
from reflex_base.utils import format
from sqlalchemy import Engine, func, select, text

from jobhub.auth.session_tokens import issue_session
from jobhub.jobs.detail_state import JobDetailState
from jobhub.jobs.models import DomainEvent, Job, JobStatus
from jobhub.platform.db import session_scope
from jobhub.platform.event_types import JOB_VIEWED
from tests.auth.support import add_seeker, delete_users
from tests.factories import make_job
from tests.jobs.support import router_data


@pytest.fixture
def committed_jobs(engine: Engine) -> Iterator[dict[str, Job]]:
    """An open job and a closed one, committed; they and their views and events go afterwards."""
    now = datetime.now(UTC)
    with session_scope() as db:
        jobs = {
            "open": make_job(status=JobStatus.PUBLISHED, published_at=now - timedelta(days=1)),
            "closed": make_job(status=JobStatus.CLOSED, published_at=now - timedelta(days=3)),
        }
        db.add_all(jobs.values())
    yield jobs
    ids = [job.id for job in jobs.values()]
    with engine.begin() as conn:
        for table in ("jobs.outbox_events", "jobs.domain_events"):
            conn.execute(text(f"DELETE FROM {table} WHERE aggregate_id = ANY(:ids)"), {"ids": ids})
        conn.execute(text("DELETE FROM jobs.jobs WHERE id = ANY(:ids)"), {"ids": ids})


@pytest.fixture
def seeker_token(engine: Engine) -> Iterator[str]:
    with session_scope() as db:
        user = add_seeker(db, f"page.{uuid.uuid4().hex[:10]}@example.test", "Sam", "Page")
        token = issue_session(db, user.id)
        user_id = user.id
    yield token
    delete_users(engine, [user_id])


def _navigate(root: State, path: str, token: str = "") -> JobDetailState:
    """Point the browser tab at ``path``; the page's state (kept between pages, as in Reflex)."""
    root.router_data = root._update_router_vars(router_data(path, token), {})
    return root.get_substate(JobDetailState.get_full_name().split("."))  # type: ignore[return-value]


def _page(path: str, token: str = "") -> JobDetailState:
    return _navigate(State(_reflex_internal_init=True), path, token)


def _load(page: JobDetailState) -> None:
    list(JobDetailState.load.fn(page))


def _view_count(job_id: uuid.UUID) -> int:
    with session_scope() as db:
        found = db.get(Job, job_id)
        assert found is not None
        return found.view_count


def test_an_open_job_loads_counts_one_view_and_sends_no_internal_id(committed_jobs: dict[str, Job]) -> None:
    job = committed_jobs["open"]
    page = _page(f"/jobs/{job.slug}")

    _load(page)
    _load(page)

    assert (page.loading, page.not_found, page.title) == (False, False, job.title)
    assert page.json_ld.startswith('{"@context":"https://schema.org/"')
    assert _view_count(job.id) == 1
    sent = format.json_dumps(page.dict())
    assert str(job.employer_id) not in sent and "_job_id" not in sent


def test_a_closed_job_is_not_found_and_forgets_the_job_shown_before(
    committed_jobs: dict[str, Job], seeker_token: str
) -> None:
    root = State(_reflex_internal_init=True)
    _load(_navigate(root, f"/jobs/{committed_jobs['open'].slug}", seeker_token))

    page = _navigate(root, f"/jobs/{committed_jobs['closed'].slug}", seeker_token)
    _load(page)
    list(JobDetailState.toggle_save.fn(page))
    list(JobDetailState.report.fn(page, {"reason": "spam", "details": ""}))

    assert page.not_found and page.title == "" and page.json_ld == ""
    assert (page.is_saved, page.reported) == (False, False)
    with session_scope() as db:
        acted = db.execute(
            select(func.count()).where(
                DomainEvent.aggregate_id.in_([job.id for job in committed_jobs.values()]),
                DomainEvent.event_type != JOB_VIEWED,
            )
        ).scalar_one()
    assert acted == 0
