"""Background work on procrastinate: a task queue in the same PostgreSQL, no other server.

The worker runs two things side by side: procrastinate's worker (periodic and deferred
tasks: the relay sweep now, alert digests, mail and resume parsing later) and the relay
loop in a thread, which delivers events within ``relay_poll_seconds``. The periodic
``relay_outbox`` task drains the outboxes every minute as a backstop: it keeps events
moving if the loop is wedged and lets a stock ``procrastinate worker`` relay too. Relays
running side by side are safe (``SKIP LOCKED`` and idempotent inserts).

``python -m jobhub worker`` calls :func:`run_worker`; with the embedded stores the app's
lifespan calls :func:`start_in_app_worker` / :func:`stop_in_app_worker` instead, because
chDB opens its directory from one process only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

import procrastinate
import psycopg
from procrastinate.manager import JobManager
from procrastinate.schema import SchemaManager
from procrastinate.sync_psycopg_connector import SyncPsycopgConnector
from procrastinate.tasks import Task
from psycopg_pool import AsyncConnectionPool
from sqlmodel import Session

from jobhub.platform import relay
from jobhub.platform.analytics_store import get_analytics_client, migrate_analytics
from jobhub.platform.db import get_engine, libpq_url
from jobhub.settings import get_settings

log = logging.getLogger(__name__)

QUEUE_TABLE = "public.procrastinate_jobs"
SWEEP_SECONDS = 50.0
"""The sweep stops draining before the next minute's sweep is due."""
WORKER_CONCURRENCY = 2
"""Sync tasks run in threads; two keep a long sweep from delaying every other task."""
SHUTDOWN_GRACE_SECONDS = 30.0


def conninfo() -> str:
    """The libpq URL of the app's engine, so the queue lives in the same database (tests
    included). Resolved when first needed: for the embedded default, resolving starts
    PostgreSQL, which importing this module must not do."""
    return libpq_url(get_engine().url.render_as_string(hide_password=False))


def _pool(**kwargs: Any) -> AsyncConnectionPool:
    return AsyncConnectionPool(conninfo=conninfo(), **kwargs)


TASK_MODULES = (
    "jobhub.jobs.saved_reminders",
    "jobhub.jobs.alert_digest",
    "jobhub.jobs.posting_expiry",
    "jobhub.profiles.resume_tasks",
)
"""Contexts' modules that define tasks on ``app``; the worker imports them when it starts, so
the platform never imports a context (and the contexts import ``app`` without a cycle)."""

app = procrastinate.App(
    connector=procrastinate.PsycopgConnector(pool_factory=_pool),
    import_paths=TASK_MODULES,
    worker_defaults={
        "concurrency": WORKER_CONCURRENCY,
        "delete_jobs": "successful",
        "shutdown_graceful_timeout": SHUTDOWN_GRACE_SECONDS,
    },
)


@app.periodic(cron="* * * * *")
@app.task(name="relay_outbox", queueing_lock="relay_outbox", pass_context=False)
def relay_outbox(timestamp: int) -> int:
    """Drain every outbox for up to ``SWEEP_SECONDS``; returns how many events were delivered."""
    result = relay.drain(
        get_engine(),
        get_analytics_client(),
        get_settings().relay_batch_size,
        deadline=time.monotonic() + SWEEP_SECONDS,
    )
    return result.delivered


def defer_in_transaction(db: Session, task: Task[..., Any, Any], **task_kwargs: Any) -> int:
    """Queue ``task`` on the caller's own connection, inside its transaction; the job's id.

    The job then exists exactly when the rows it works on do: a rolled-back upload queues
    nothing, and the worker (woken by the queue's NOTIFY at commit) never finds a job whose row
    is not committed yet. The app's connector cannot do this from an event loop (its sync path
    runs the async pool), so a bare sync connector runs the same query on ``db``'s connection.
    """
    job = task.configure().make_new_job(**task_kwargs)
    connection = db.connection().connection.driver_connection
    deferred = JobManager(SyncPsycopgConnector()).defer_job(job, connection=connection)
    assert deferred.id is not None
    return deferred.id


def apply_task_queue_schema() -> bool:
    """Create procrastinate's tables in ``public`` unless they exist (its schema script is
    not idempotent); True when it was applied. Alembic leaves ``public`` alone."""
    with psycopg.connect(conninfo(), autocommit=True) as conn:
        if conn.execute("SELECT to_regclass(%s)", (QUEUE_TABLE,)).fetchone() != (None,):
            return False
        with conn.transaction():
            conn.execute(SchemaManager.get_schema())
    log.info("procrastinate schema applied")
    return True


def prepare_stores() -> None:
    """What the worker needs before it starts: the queue tables and the analytics tables."""
    apply_task_queue_schema()
    migrate_analytics(get_analytics_client())


def _start_relay_thread(stop: threading.Event) -> threading.Thread:
    thread = threading.Thread(target=relay.relay_forever, args=(stop,), name="outbox-relay", daemon=True)
    thread.start()
    return thread


def run_worker() -> None:
    """``python -m jobhub worker``: until SIGINT/SIGTERM, then finish running jobs and stop."""
    prepare_stores()
    stop = threading.Event()
    thread = _start_relay_thread(stop)
    try:
        app.run_worker(name="jobhub-worker")
    finally:
        stop.set()
        thread.join(timeout=SHUTDOWN_GRACE_SECONDS)


@dataclass
class InAppWorker:
    """Handles of a worker running inside the app's event loop."""

    queue_task: asyncio.Task[None]
    relay_thread: threading.Thread
    stop: threading.Event


async def _run_queue() -> None:
    async with app.open_async():
        await app.run_worker_async(name="jobhub-in-app", install_signal_handlers=False)


def _report_end(task: asyncio.Task[None]) -> None:
    """Say at once when the worker dies on its own (say PostgreSQL refused), not at shutdown."""
    if not task.cancelled() and task.exception() is not None:
        log.error("task worker stopped", exc_info=task.exception())


async def start_in_app_worker() -> InAppWorker:
    """Start the relay thread and procrastinate's worker as a task of the running loop.

    The signal handlers stay the app's: the lifespan ends the worker through
    :func:`stop_in_app_worker`. Blocking setup runs in a thread to keep the loop free.
    """
    await asyncio.to_thread(prepare_stores)
    stop = threading.Event()
    thread = _start_relay_thread(stop)
    task = asyncio.create_task(_run_queue(), name="procrastinate-worker")
    task.add_done_callback(_report_end)
    return InAppWorker(queue_task=task, relay_thread=thread, stop=stop)


async def stop_in_app_worker(worker: InAppWorker) -> None:
    """Stop taking jobs, let running ones finish (procrastinate's graceful cancel), end the relay."""
    worker.stop.set()
    worker.queue_task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await worker.queue_task
    await asyncio.to_thread(worker.relay_thread.join, SHUTDOWN_GRACE_SECONDS)
