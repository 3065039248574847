"""The outbox relay: committed events from every schema's outbox to ClickHouse and subscribers.

Per schema, one PostgreSQL transaction locks a batch (``FOR UPDATE SKIP LOCKED``, so
any number of relays can run side by side), delivers it to ClickHouse (which inserts
only ids it lacks, see ``projections.deliver``), runs the in-process subscribers with
the same session, and marks the rows processed. A relay killed after the insert and
before the commit leaves the rows unmarked; the next one finds them already in
ClickHouse and inserts nothing twice. Subscribers' database writes commit with the mark,
so they happen once; anything else they do must tolerate a repeat.

When a batch fails, its events are retried one at a time so one bad event cannot hold
back the others; a failed event waits an exponential, jittered backoff and is dead
lettered (kept, with its error, for inspection) after ``max_retries`` attempts.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from clickhouse_connect.driver.client import Client
from sqlalchemy import Engine, Row, Table, func, select, update
from sqlmodel import Session

from jobhub import models as all_models
from jobhub.platform.analytics_store import get_analytics_client
from jobhub.platform.db import get_engine
from jobhub.platform.event_tables import REGISTRY
from jobhub.platform.event_types import RelayedEvent
from jobhub.platform.projections import deliver
from jobhub.settings import get_settings

log = logging.getLogger(__name__)

RELAYED_MODELS = all_models.ALL_MODEL_MODULES
"""Importing every context's models is what fills ``REGISTRY`` with the outboxes to drain."""

Handler = Callable[[Session, RelayedEvent], None]

BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 600.0
FALLBACK_GIVE_UP = 3
"""Consecutive single-event failures after which the rest of a batch is not tried (an outage)."""
MAX_ERROR_LENGTH = 2000

_handlers: dict[str, list[Handler]] = defaultdict(list)


def subscribe(event_type: str, handler: Handler) -> Callable[[], None]:
    """Call ``handler(session, event)`` for each relayed ``event_type``; returns an unsubscribe."""
    _handlers[event_type].append(handler)

    def unsubscribe() -> None:
        if handler in _handlers[event_type]:
            _handlers[event_type].remove(handler)

    return unsubscribe


def backoff_seconds(retry_count: int) -> float:
    """2, 4, 8 ... seconds up to a cap, halved at random ("equal jitter") so that events
    failing together (a ClickHouse outage) do not all come back in the same instant."""
    delay = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(retry_count - 1, 0))
    return delay / 2 + random.uniform(0, delay / 2)


@dataclass
class RelayResult:
    """Per schema: rows taken from the outbox, delivered, failed and dead lettered."""

    counts: dict[str, int] = field(default_factory=dict)
    picked: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)
    dead_lettered: dict[str, int] = field(default_factory=dict)

    @property
    def delivered(self) -> int:
        return sum(self.counts.values())

    def full_batch(self, batch_size: int) -> bool:
        """A schema filled its batch, so more rows may be waiting right now."""
        return any(n >= batch_size for n in self.picked.values())

    def merge(self, other: RelayResult) -> None:
        for mine, theirs in (
            (self.counts, other.counts),
            (self.picked, other.picked),
            (self.failed, other.failed),
            (self.dead_lettered, other.dead_lettered),
        ):
            for schema, n in theirs.items():
                mine[schema] = mine.get(schema, 0) + n


def _to_event(schema: str, row: Row[Any]) -> RelayedEvent:
    return RelayedEvent(
        event_id=row.id,
        schema=schema,
        aggregate_type=row.aggregate_type,
        aggregate_id=row.aggregate_id,
        event_type=row.event_type,
        payload=dict(row.event_data),
        correlation_id=row.correlation_id,
        occurred_at=row.created_at,
    )


def _run_handlers(session: Session, event: RelayedEvent) -> None:
    for handler in list(_handlers.get(event.event_type, ())):
        handler(session, event)


def _deliver_batch(session: Session, client: Client, events: Sequence[RelayedEvent]) -> None:
    """All or nothing: the savepoint undoes every subscriber's writes if one of them fails."""
    deliver(client, events)
    with session.begin_nested():
        for event in events:
            _run_handlers(session, event)


def _deliver_singly(
    session: Session, client: Client, events: Sequence[RelayedEvent], batch_error: Exception
) -> tuple[list[RelayedEvent], list[tuple[RelayedEvent, Exception]]]:
    delivered: list[RelayedEvent] = []
    failures: list[tuple[RelayedEvent, Exception]] = []
    consecutive = 0
    for index, event in enumerate(events):
        if consecutive >= FALLBACK_GIVE_UP:
            failures.extend((rest, batch_error) for rest in events[index:])
            break
        try:
            _deliver_batch(session, client, [event])
        except Exception as exc:
            failures.append((event, exc))
            consecutive += 1
        else:
            delivered.append(event)
            consecutive = 0
    return delivered, failures


def _mark_processed(session: Session, outbox: Table, domain: Table, ids: list[Any]) -> None:
    if not ids:
        return
    session.execute(update(outbox).where(outbox.c.id.in_(ids)).values(processed_at=func.now()))
    session.execute(update(domain).where(domain.c.id.in_(ids)).values(processed_at=func.now()))


def _record_failures(
    session: Session, outbox: Table, rows: dict[Any, Row[Any]], failures: list[tuple[RelayedEvent, Exception]]
) -> int:
    """Count the attempt, schedule the next one, or dead-letter; returns how many were dead lettered."""
    dead = 0
    for event, exc in failures:
        row = rows[event.event_id]
        attempts = row.retry_count + 1
        values: dict[str, Any] = {
            "retry_count": attempts,
            "last_error": f"{type(exc).__name__}: {exc}"[:MAX_ERROR_LENGTH],
        }
        if attempts >= row.max_retries:
            values.update(dead_lettered_at=func.now(), next_retry_at=None)
            dead += 1
            log.error("outbox %s event %s dead lettered: %s", event.schema, event.event_id, exc)
        else:
            values["next_retry_at"] = func.now() + timedelta(seconds=backoff_seconds(attempts))
        session.execute(update(outbox).where(outbox.c.id == event.event_id).values(**values))
    return dead


def relay_batch(engine: Engine, client: Client, schema: str, batch_size: int) -> RelayResult:
    """One batch of one schema's outbox, in one transaction (public so it can be timed alone)."""
    domain_model, outbox_model = REGISTRY[schema]
    outbox: Table = outbox_model.__table__  # type: ignore[attr-defined]
    domain: Table = domain_model.__table__  # type: ignore[attr-defined]
    due = select(outbox).where(
        outbox.c.processed_at.is_(None),
        outbox.c.dead_lettered_at.is_(None),
        (outbox.c.next_retry_at.is_(None)) | (outbox.c.next_retry_at <= func.now()),
    )
    query = due.order_by(outbox.c.created_at).limit(batch_size).with_for_update(skip_locked=True)
    with Session(engine) as session, session.begin():
        rows = {row.id: row for row in session.execute(query)}
        if not rows:
            return RelayResult()
        events = [_to_event(schema, row) for row in rows.values()]
        try:
            _deliver_batch(session, client, events)
            delivered, failures = events, []
        except Exception as exc:
            log.warning("outbox %s: batch of %d failed (%s); delivering one by one", schema, len(events), exc)
            delivered, failures = _deliver_singly(session, client, events, exc)
        _mark_processed(session, outbox, domain, [event.event_id for event in delivered])
        dead = _record_failures(session, outbox, rows, failures)
    return RelayResult(
        counts={schema: len(delivered)},
        picked={schema: len(events)},
        failed={schema: len(failures)},
        dead_lettered={schema: dead},
    )


def relay_once(engine: Engine, client: Client, batch_size: int) -> RelayResult:
    """One batch from each schema's outbox; PostgreSQL errors propagate (nothing is marked)."""
    result = RelayResult()
    for schema in list(REGISTRY):
        result.merge(relay_batch(engine, client, schema, batch_size))
    return result


def drain(
    engine: Engine,
    client: Client,
    batch_size: int,
    *,
    stop_event: threading.Event | None = None,
    deadline: float | None = None,
) -> RelayResult:
    """Relay batches while some schema still fills one, until stopped or ``time.monotonic()``
    passes ``deadline``; rows waiting for a retry do not keep it busy."""
    total = RelayResult()
    while True:
        result = relay_once(engine, client, batch_size)
        total.merge(result)
        stopped = stop_event is not None and stop_event.is_set()
        late = deadline is not None and time.monotonic() >= deadline
        if stopped or late or not result.full_batch(batch_size):
            return total


def relay_forever(
    stop_event: threading.Event,
    *,
    engine: Engine | None = None,
    client: Client | None = None,
    batch_size: int | None = None,
    poll_seconds: float | None = None,
) -> None:
    """The worker's relay loop: drain, wait ``relay_poll_seconds`` (or until stopped), repeat.

    Any failure is logged and retried on the next poll, so an outage of either store
    delays events and never ends the loop. Stores are resolved lazily for the same reason.
    """
    settings = get_settings()
    size = batch_size or settings.relay_batch_size
    poll = settings.relay_poll_seconds if poll_seconds is None else poll_seconds
    while not stop_event.is_set():
        try:
            store = client or get_analytics_client()
            result = drain(engine or get_engine(), store, size, stop_event=stop_event)
            if result.delivered or result.failed:
                log.info(
                    "relayed %d events (%d failed, %d dead lettered)",
                    result.delivered,
                    sum(result.failed.values()),
                    sum(result.dead_lettered.values()),
                )
        except Exception:
            log.exception("outbox relay failed; retrying in %.1f s", poll)
        stop_event.wait(poll)
