"""The task queue: its schema applies once, the relay is scheduled, the in-app worker relays and stops."""

from __future__ import annotations

import asyncio
import time

import pytest
from clickhouse_connect.driver.client import Client
from sqlalchemy import Engine, text

from jobhub.platform import tasks
from jobhub.settings import reset_settings
from tests.platform.outbox import ch_counts, emit_many, outbox_count


def test_the_queue_schema_is_applied_once(engine: Engine) -> None:
    tasks.apply_task_queue_schema()

    assert tasks.apply_task_queue_schema() is False
    with engine.connect() as conn:
        assert conn.execute(text("SELECT to_regclass('public.procrastinate_jobs')")).scalar() is not None


def test_the_relay_sweep_runs_every_minute_without_piling_up() -> None:
    periodics = tasks.app.periodic_registry.periodic_tasks.values()
    (periodic,) = [p for p in periodics if p.task.name == "relay_outbox"]

    assert periodic.cron == "* * * * *"
    assert periodic.task.queueing_lock == "relay_outbox"


@pytest.mark.usefixtures("clean")
def test_the_relay_sweep_delivers_waiting_events(engine: Engine, analytics: Client) -> None:
    emit_many(engine, 1_200)

    assert tasks.relay_outbox(timestamp=0) == 1_200
    assert ch_counts(analytics) == (1_200, 1_200)


@pytest.mark.usefixtures("clean")
def test_the_in_app_worker_relays_and_stops(
    engine: Engine, analytics: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBHUB_RELAY_POLL_SECONDS", "0.1")
    reset_settings()

    async def scenario() -> tasks.InAppWorker:
        worker = await tasks.start_in_app_worker()
        emit_many(engine, 50)
        deadline = time.monotonic() + 20
        while outbox_count(engine, "processed_at IS NULL") and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        await tasks.stop_in_app_worker(worker)
        return worker

    try:
        worker = asyncio.run(scenario())
    finally:
        monkeypatch.delenv("JOBHUB_RELAY_POLL_SECONDS")
        reset_settings()

    assert outbox_count(engine, "processed_at IS NULL") == 0
    assert ch_counts(analytics) == (50, 50)
    assert worker.queue_task.done()
    assert not worker.relay_thread.is_alive()
