"""Commit events to the outboxes and count where they ended up, for the relay and task tests."""

from __future__ import annotations

import uuid
from typing import Any

from clickhouse_connect.driver.client import Client
from sqlalchemy import Engine, text
from sqlmodel import Session

from jobhub.platform.db import CONTEXT_SCHEMAS
from jobhub.platform.events import emit


def emit_many(
    engine: Engine,
    n: int,
    schemas: tuple[str, ...] = CONTEXT_SCHEMAS,
    event_type: str = "test.happened",
    payload: dict[str, Any] | None = None,
) -> list[uuid.UUID]:
    ids: list[uuid.UUID] = []
    with Session(engine) as session:
        for i in range(n):
            data = {"n": i, **(payload or {})}
            ids.append(emit(session, schemas[i % len(schemas)], "thing", uuid.uuid4(), event_type, data).id)
            if i % 1000 == 999:
                session.commit()
        session.commit()
    return ids


def scalar(engine: Engine, sql: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def outbox_count(engine: Engine, where: str) -> int:
    union = " UNION ALL ".join(f"SELECT * FROM {s}.outbox_events" for s in CONTEXT_SCHEMAS)
    return scalar(engine, f"SELECT count(*) FROM ({union}) o WHERE {where}")


def ch_counts(client: Client, table: str = "domain_events") -> tuple[int, int]:
    """Raw rows (no FINAL: a duplicate ever inserted shows) and distinct ids."""
    key = "event_id" if table == "domain_events" else "id"
    return tuple(client.query(f"SELECT count(), uniqExact({key}) FROM analytics.{table}").result_rows[0])
