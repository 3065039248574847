"""Domain events written in the caller's transaction (the transactional outbox).

``emit`` adds a ``domain_events`` row (history) and an ``outbox_events`` row (to be relayed)
to the session it is given; nothing leaves the process until that transaction commits,
and a rolled-back transaction emits nothing. The relay (``platform/relay.py``) delivers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from jobhub.platform.event_tables import REGISTRY


@dataclass(frozen=True)
class EmittedEvent:
    id: uuid.UUID
    schema: str
    event_type: str


def emit(
    session: Session,
    schema: str,
    aggregate_type: str,
    aggregate_id: uuid.UUID,
    event_type: str,
    data: dict[str, Any],
    *,
    user_id: uuid.UUID | None = None,
    correlation_id: uuid.UUID | None = None,
    causation_id: uuid.UUID | None = None,
    version: int = 1,
) -> EmittedEvent:
    """Record ``event_type`` for the aggregate in ``schema``; the outbox row shares its id."""
    try:
        domain_table, outbox_table = REGISTRY[schema]
    except KeyError as exc:
        raise ValueError(f"no event tables for schema {schema!r}; import its models first") from exc
    event_id = uuid.uuid4()
    payload = {**data, "aggregate_type": aggregate_type}
    if user_id is not None:
        payload.setdefault("user_id", str(user_id))
    session.add(
        domain_table(
            id=event_id,
            aggregate_id=aggregate_id,
            aggregate_type=aggregate_type,
            event_type=event_type,
            event_data=data,
            event_version=version,
            correlation_id=correlation_id,
            causation_id=causation_id,
            user_id=user_id,
        )
    )
    session.add(
        outbox_table(
            id=event_id,
            aggregate_id=aggregate_id,
            aggregate_type=aggregate_type,
            event_type=event_type,
            event_data=payload,
            correlation_id=correlation_id,
        )
    )
    return EmittedEvent(id=event_id, schema=schema, event_type=event_type)
