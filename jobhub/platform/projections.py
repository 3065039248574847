"""Relayed events into ClickHouse, exactly once per table.

Every event lands in ``analytics.domain_events``; the event types listed in
``PROJECTIONS`` also become rows of the document's analytics tables when their payload
carries what those tables need (a job view without a ``job_id`` has nothing to count).
Each projected row takes the event's id, so each table can be asked which ids of a batch
it already holds: a relay that died after inserting and before marking its outbox rows
inserts nothing twice when the next relay delivers the same events.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from clickhouse_connect.driver.client import Client

from jobhub.platform import event_types as et
from jobhub.platform.event_types import RelayedEvent, optional_uuid

Row = dict[str, Any]

JOB_ACTIONS: dict[str, str] = {
    et.JOB_VIEWED: "view",
    et.JOB_APPLIED: "apply",
    et.JOB_SAVED: "save",
    et.JOB_SHARED: "share",
    et.JOB_CLICKED: "click",
    et.APPLICATION_INTERVIEW_SCHEDULED: "interview",
    et.APPLICATION_OFFER_MADE: "offer",
    et.APPLICATION_OFFER_ACCEPTED: "hire",
    et.APPLICATION_REJECTED: "reject",
    et.APPLICATION_WITHDRAWN: "withdraw",
    et.APPLICATION_OFFER_DECLINED: "withdraw",
}
"""Event type -> the ``event_type`` / ``metric_type`` value of job_analytics and job_metrics."""

MOVE_ACTIONS: dict[str, str] = {
    "interviewing": "interview",
    "offered": "offer",
    "hired": "hire",
    "rejected": "reject",
    "withdrawn": "withdraw",
}
"""A plain pipeline move counts in the funnel by the stage it reaches (to screening: not a step)."""

APPLICATION_EVENTS = frozenset(
    {
        et.APPLICATION_SUBMITTED,
        et.APPLICATION_MOVED,
        *(t for t in JOB_ACTIONS if t.startswith("application.")),
    }
)
"""Events of an application: their job_analytics ``user_id`` is the applicant, not whoever acted,
so ``uniq(user_id)`` per action charts views -> applies -> interviews -> offers -> hires by person."""

USER_EVENT_COLUMNS = (
    "session_id",
    "page_url",
    "referrer",
    "user_agent",
    "ip_address",
    "country",
    "city",
    "device_type",
    "browser",
    "os",
)


def _text(payload: dict[str, Any], key: str) -> str | None:
    value = payload.get(key)
    return None if value is None else str(value)


def _int(payload: dict[str, Any], key: str, default: int | None) -> int | None:
    value = payload.get(key)
    return default if value is None else int(value)


def _string_map(value: object) -> dict[str, str]:
    """ClickHouse ``Map(String, String)``: nested values are kept as JSON text."""
    if not isinstance(value, dict):
        return {}
    return {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in value.items() if v is not None}


def job_action(event: RelayedEvent) -> str | None:
    """The funnel action of an event, or ``None`` when it is not a step of the funnel."""
    if event.event_type == et.APPLICATION_MOVED:
        return MOVE_ACTIONS.get(str(event.payload.get("to_status")))
    return JOB_ACTIONS.get(event.event_type)


def _subject(event: RelayedEvent) -> Any:
    if event.event_type in APPLICATION_EVENTS:
        return optional_uuid(event.payload.get("applicant_id")) or event.user_id
    return event.user_id


def _job_ids(event: RelayedEvent) -> tuple[Any, Any] | None:
    if job_action(event) is None:
        return None
    job_id = optional_uuid(event.payload.get("job_id"))
    employer_id = optional_uuid(event.payload.get("employer_id"))
    return None if job_id is None or employer_id is None else (job_id, employer_id)


def job_analytics_row(event: RelayedEvent) -> Row | None:
    ids = _job_ids(event)
    if ids is None:
        return None
    p = event.payload
    return {
        "id": event.event_id,
        "job_id": ids[0],
        "employer_id": ids[1],
        "company_id": optional_uuid(p.get("company_id")),
        "event_type": job_action(event),
        "user_id": _subject(event),
        "session_id": _text(p, "session_id") or "",
        "source": _text(p, "source") or "direct",
        "search_query": _text(p, "search_query"),
        "filters": _string_map(p.get("filters")),
        "position_in_results": _int(p, "position_in_results", None),
        "timestamp": event.occurred_at,
    }


def job_metrics_row(event: RelayedEvent) -> Row | None:
    ids = _job_ids(event)
    if ids is None:
        return None
    return {
        "id": event.event_id,
        "job_id": ids[0],
        "employer_id": ids[1],
        "company_id": optional_uuid(event.payload.get("company_id")),
        "metric_type": job_action(event),
        "value": 1,
        "source": _text(event.payload, "source") or "direct",
        "user_id": _subject(event),
        "timestamp": event.occurred_at,
    }


def search_analytics_row(event: RelayedEvent) -> Row | None:
    p = event.payload
    if "query" not in p:
        return None
    results_count = _int(p, "results_count", 0) or 0
    return {
        "id": event.event_id,
        "user_id": event.user_id,
        "session_id": _text(p, "session_id") or "",
        "query": _text(p, "query") or "",
        "filters": _string_map(p.get("filters")),
        "results_count": results_count,
        "clicked_job_ids": [optional_uuid(v) for v in p.get("clicked_job_ids") or ()],
        "no_results": results_count == 0,
        "search_duration_ms": _int(p, "search_duration_ms", 0),
        "timestamp": event.occurred_at,
    }


def user_events_row(event: RelayedEvent) -> Row | None:
    p = event.payload
    if event.user_id is None and not p.get("session_id"):
        return None
    skip = {*USER_EVENT_COLUMNS, "user_id", "aggregate_type"}
    scalars = {k: v for k, v in p.items() if k not in skip and not isinstance(v, dict | list)}
    return {
        "id": event.event_id,
        "user_id": event.user_id,
        "event_type": event.event_type.split(".", 1)[0],
        "event_name": event.event_type,
        "properties": _string_map(scalars),
        "timestamp": event.occurred_at,
        **{column: _text(p, column) for column in USER_EVENT_COLUMNS},
        "session_id": _text(p, "session_id") or "",
    }


@dataclass(frozen=True)
class Projection:
    table: str
    build: Callable[[RelayedEvent], Row | None]


JOB_ANALYTICS = Projection("job_analytics", job_analytics_row)
JOB_METRICS = Projection("job_metrics", job_metrics_row)
SEARCH_ANALYTICS = Projection("search_analytics", search_analytics_row)
USER_EVENTS = Projection("user_events", user_events_row)

PROJECTIONS: dict[str, tuple[Projection, ...]] = {
    **{event_type: (JOB_ANALYTICS, JOB_METRICS, USER_EVENTS) for event_type in JOB_ACTIONS},
    et.APPLICATION_MOVED: (JOB_ANALYTICS, JOB_METRICS, USER_EVENTS),
    et.SEARCH_PERFORMED: (SEARCH_ANALYTICS, USER_EVENTS),
    et.PAGE_VIEWED: (USER_EVENTS,),
    et.USER_REGISTERED: (USER_EVENTS,),
    et.USER_LOGGED_IN: (USER_EVENTS,),
}

# table -> (id column, time column): the id says "already delivered", the time bounds the scan.
KEYS: dict[str, tuple[str, str]] = {
    "domain_events": ("event_id", "occurred_at"),
    **{p.table: ("id", "timestamp") for p in (JOB_ANALYTICS, JOB_METRICS, SEARCH_ANALYTICS, USER_EVENTS)},
}


def log_row(event: RelayedEvent) -> Row:
    return {
        "event_id": event.event_id,
        "schema": event.schema,
        "aggregate_type": event.aggregate_type,
        "aggregate_id": event.aggregate_id,
        "event_type": event.event_type,
        "user_id": event.user_id,
        "correlation_id": event.correlation_id,
        "payload": json.dumps(event.payload, default=str, sort_keys=True),
        "occurred_at": event.occurred_at,
    }


def rows_by_table(events: Sequence[RelayedEvent]) -> dict[str, list[Row]]:
    """Every row the events produce; a malformed payload raises here, before any insert."""
    tables: dict[str, list[Row]] = {"domain_events": [log_row(event) for event in events]}
    for event in events:
        for projection in PROJECTIONS.get(event.event_type, ()):
            row = projection.build(event)
            if row is not None:
                tables.setdefault(projection.table, []).append(row)
    return tables


def _present_ids(client: Client, table: str, rows: Sequence[Row]) -> set[Any]:
    id_column, time_column = KEYS[table]
    millis = [int(row[time_column].timestamp() * 1000) for row in rows]
    result = client.query(
        f"SELECT {id_column} FROM analytics.{table} "
        f"WHERE {time_column} >= fromUnixTimestamp64Milli({{lo:Int64}}) "
        f"AND {time_column} <= fromUnixTimestamp64Milli({{hi:Int64}}) "
        f"AND {id_column} IN {{ids:Array(UUID)}}",
        parameters={"lo": min(millis) - 1, "hi": max(millis) + 1, "ids": [row[id_column] for row in rows]},
    )
    return {row[0] for row in result.result_rows}


def deliver(client: Client, events: Sequence[RelayedEvent]) -> int:
    """Insert into each table the rows it does not hold yet; returns new ``domain_events`` rows."""
    new_log_rows = 0
    for table, rows in rows_by_table(events).items():
        id_column = KEYS[table][0]
        present = _present_ids(client, table, rows)
        missing = [row for row in rows if row[id_column] not in present]
        if missing:
            columns = list(missing[0])
            client.insert(
                f"analytics.{table}",
                [[row[c] for c in columns] for row in missing],
                column_names=columns,
            )
        if table == "domain_events":
            new_log_rows = len(missing)
    return new_log_rows
