"""The outbox relay delivers every committed event to ClickHouse exactly once.

These tests commit for real (the relay reads the outboxes over its own connections), so
the ``clean`` fixture (conftest.py) empties every outbox and analytics table before and
after each test.
"""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from clickhouse_connect.driver.client import Client
from clickhouse_connect.driver.exceptions import OperationalError
from sqlalchemy import Engine, text
from sqlmodel import Session

from jobhub.platform import event_types as et
from jobhub.platform import relay
from jobhub.platform.db import CONTEXT_SCHEMAS
from jobhub.platform.event_tables import DEFAULT_MAX_RETRIES
from jobhub.platform.event_types import RelayedEvent
from jobhub.platform.events import emit
from tests.platform.outbox import ch_counts, emit_many, outbox_count, scalar


class SimulatedCrash(BaseException):
    """Stands for the process dying: no ``except Exception`` in the relay may catch it."""


class FaultyClient:
    """The real client, except that the numbered ``insert`` calls raise: those in ``before``
    never reach ClickHouse, those in ``after`` do and then lose their answer."""

    def __init__(self, client: Client, before: set[int] = frozenset(), after: set[int] = frozenset()) -> None:
        self._client = client
        self.before, self.after = before, after
        self.inserts = 0

    def insert(self, table: str, data: Any, **kwargs: Any) -> Any:
        self.inserts += 1
        if self.inserts in self.before:
            raise OperationalError(f"injected: insert {self.inserts} refused")
        summary = self._client.insert(table, data, **kwargs)
        if self.inserts in self.after:
            raise OperationalError(f"injected: insert {self.inserts} lost its answer")
        return summary

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


pytestmark = pytest.mark.usefixtures("clean")


def settle(engine: Engine, client: Any, batch_size: int, rounds: int = 30) -> int:
    """Relay until nothing is pending, letting backoff time pass instantly; returns the rounds used."""
    for round_ in range(1, rounds + 1):
        relay.drain(engine, client, batch_size)
        if outbox_count(engine, "processed_at IS NULL AND dead_lettered_at IS NULL") == 0:
            return round_
        with engine.begin() as conn:
            for schema in CONTEXT_SCHEMAS:
                conn.execute(text(f"UPDATE {schema}.outbox_events SET next_retry_at = now()"))
    raise AssertionError("the outboxes never settled")


def test_ten_thousand_events_from_every_schema_arrive_exactly_once(engine: Engine, analytics: Client) -> None:
    emit_many(engine, 8_000)
    job = {"job_id": str(uuid.uuid4()), "employer_id": str(uuid.uuid4()), "user_id": str(uuid.uuid4())}
    emit_many(engine, 1_000, ("jobs",), et.JOB_VIEWED, job)
    emit_many(engine, 1_000, ("jobs",), et.SEARCH_PERFORMED, {"query": "python", "results_count": 0})

    result = relay.drain(engine, analytics, 500)

    assert result.delivered == 10_000
    assert set(result.counts) == set(CONTEXT_SCHEMAS)
    assert ch_counts(analytics) == (10_000, 10_000)
    assert outbox_count(engine, "processed_at IS NULL") == 0
    assert ch_counts(analytics, "job_analytics") == (1_000, 1_000)
    assert ch_counts(analytics, "job_metrics") == (1_000, 1_000)
    assert ch_counts(analytics, "search_analytics") == (1_000, 1_000)
    assert analytics.command("SELECT countIf(no_results) FROM analytics.search_analytics") == 1_000
    assert ch_counts(analytics, "user_events") == (1_000, 1_000)  # searches carry no user or session
    unmarked = " UNION ALL ".join(
        f"SELECT id FROM {s}.domain_events WHERE processed_at IS NULL" for s in CONTEXT_SCHEMAS
    )
    assert scalar(engine, f"SELECT count(*) FROM ({unmarked}) d") == 0


def test_clickhouse_failing_for_a_while_still_delivers_exactly_once(
    engine: Engine, analytics: Client
) -> None:
    ids = emit_many(engine, 2_000)
    faulty = FaultyClient(analytics, before={3, 5, 7, 9, 11}, after={4, 6, 8, 10, 12})

    settle(engine, faulty, 100)

    assert faulty.inserts > 12
    assert ch_counts(analytics) == (2_000, 2_000)
    assert outbox_count(engine, "processed_at IS NULL") == 0
    assert outbox_count(engine, "retry_count > 0") > 0, "the injected failures were never seen"
    assert outbox_count(engine, "dead_lettered_at IS NOT NULL") == 0
    stored = {row[0] for row in analytics.query("SELECT event_id FROM analytics.domain_events").result_rows}
    assert stored == set(ids)


def test_a_relay_killed_between_insert_and_commit_duplicates_nothing(
    engine: Engine, analytics: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = {"job_id": str(uuid.uuid4()), "employer_id": str(uuid.uuid4())}
    emit_many(engine, 300, ("jobs",), et.JOB_APPLIED, job)

    def crash(*args: Any) -> None:
        raise SimulatedCrash

    with monkeypatch.context() as patch:
        patch.setattr(relay, "_mark_processed", crash)
        with pytest.raises(SimulatedCrash):
            relay.relay_once(engine, analytics, 500)

    assert ch_counts(analytics) == (300, 300)
    assert outbox_count(engine, "processed_at IS NULL AND retry_count = 0") == 300

    result = relay.relay_once(engine, analytics, 500)

    assert result.delivered == 300
    assert ch_counts(analytics) == (300, 300)
    assert ch_counts(analytics, "job_analytics") == (300, 300)
    assert ch_counts(analytics, "job_metrics") == (300, 300)
    assert outbox_count(engine, "processed_at IS NULL") == 0


def test_an_event_that_always_fails_is_dead_lettered_with_its_error(
    engine: Engine, analytics: Client
) -> None:
    good = emit_many(engine, 20, ("jobs",))
    (poison,) = emit_many(
        engine, 1, ("jobs",), et.JOB_VIEWED, {"job_id": "not-a-uuid", "employer_id": str(uuid.uuid4())}
    )

    # The database's clock on both sides: a loaded machine may take seconds between the
    # relay's now() and this test's, which must not read as a wrong backoff.
    before = scalar(engine, "SELECT now()")
    first = relay.relay_once(engine, analytics, 100)
    after = scalar(engine, "SELECT now()")

    assert first.counts["jobs"] == 20
    assert first.failed["jobs"] == 1
    retry_at = scalar(engine, f"SELECT next_retry_at FROM jobs.outbox_events WHERE id = '{poison}'")
    assert before + timedelta(seconds=0.5) < retry_at <= after + timedelta(seconds=2.5), (
        "first retry waits base 2 s with jitter"
    )

    settle(engine, analytics, 100)

    with engine.connect() as conn:
        row = conn.execute(text(f"SELECT * FROM jobs.outbox_events WHERE id = '{poison}'")).one()
    assert row.dead_lettered_at is not None
    assert row.processed_at is None
    assert row.retry_count == row.max_retries == DEFAULT_MAX_RETRIES
    assert "badly formed hexadecimal UUID string" in row.last_error
    assert ch_counts(analytics) == (20, 20)
    stored = {r[0] for r in analytics.query("SELECT event_id FROM analytics.domain_events").result_rows}
    assert stored == set(good)
    assert relay.relay_once(engine, analytics, 100).picked == {}


def test_a_rolled_back_transaction_emits_nothing(engine: Engine, analytics: Client) -> None:
    with Session(engine) as session:
        emit(session, "jobs", "job", uuid.uuid4(), et.JOB_VIEWED, {"n": 1})
        session.flush()
        session.rollback()

    result = relay.relay_once(engine, analytics, 100)

    assert result.delivered == 0
    assert outbox_count(engine, "true") == 0
    assert ch_counts(analytics) == (0, 0)


def test_two_relays_over_the_same_rows_duplicate_nothing(engine: Engine, analytics: Client) -> None:
    emit_many(engine, 3_000)
    start = threading.Barrier(2)
    results: list[relay.RelayResult] = []

    def run() -> None:
        start.wait()
        results.append(relay.drain(engine, analytics, 50))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(r.delivered for r in results) == 3_000
    assert ch_counts(analytics) == (3_000, 3_000)
    assert relay.relay_once(engine, analytics, 50).delivered == 0
    assert ch_counts(analytics) == (3_000, 3_000)


def test_subscribers_write_once_per_event_even_when_a_neighbour_fails(
    engine: Engine, analytics: Client
) -> None:
    def notify(session: Session, event: RelayedEvent) -> None:
        emit(
            session,
            "notifications",
            "notification",
            uuid.uuid4(),
            "test.notified",
            {"about": str(event.event_id)},
        )

    def explode(session: Session, event: RelayedEvent) -> None:
        raise RuntimeError("subscriber refused")

    unsubscribe = [relay.subscribe("test.ping", notify), relay.subscribe("test.boom", explode)]
    try:
        pings = emit_many(engine, 40, ("jobs",), "test.ping")
        emit_many(engine, 1, ("jobs",), "test.boom")
        relay.relay_once(engine, analytics, 100)
    finally:
        for undo in unsubscribe:
            undo()

    notified = outbox_count(engine, "event_type = 'test.notified'")
    assert notified == 40, "each ping notified exactly once despite the batch being retried one by one"
    assert outbox_count(engine, "event_type = 'test.ping' AND processed_at IS NOT NULL") == len(pings)
    assert outbox_count(engine, "event_type = 'test.boom' AND last_error LIKE '%subscriber refused%'") == 1


def test_backoff_doubles_from_two_seconds_with_jitter_and_a_cap() -> None:
    for attempt, ceiling in ((1, 2.0), (2, 4.0), (3, 8.0), (30, relay.BACKOFF_CAP_SECONDS)):
        delays = [relay.backoff_seconds(attempt) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1
