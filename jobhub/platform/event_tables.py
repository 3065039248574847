"""``domain_events`` and ``outbox_events``: the same two tables in every context's schema.

Each context calls :func:`event_tables` from its ``models.py`` so that an event is written
in the same schema, hence the same transaction, as the change it describes.
"""

from __future__ import annotations

import types
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from jobhub.platform.columns import created_at, timestamp, uuid_pk

DEFAULT_MAX_RETRIES = 3


class DomainEventColumns(SQLModel):
    """The document's event log row: the history of an aggregate, kept for audit and replay."""

    id: uuid.UUID = uuid_pk()
    aggregate_id: uuid.UUID = Field(sa_type=Uuid, nullable=False)
    aggregate_type: str = Field(sa_type=String(100), nullable=False)
    event_type: str = Field(sa_type=String(100), nullable=False)
    event_data: dict[str, Any] = Field(sa_type=JSONB, nullable=False)
    event_version: int = Field(default=1, sa_type=Integer, nullable=False)
    correlation_id: uuid.UUID | None = Field(default=None, sa_type=Uuid)
    causation_id: uuid.UUID | None = Field(default=None, sa_type=Uuid)
    user_id: uuid.UUID | None = Field(default=None, sa_type=Uuid)
    occurred_at: datetime = created_at()
    processed_at: datetime | None = timestamp()


class OutboxEventColumns(SQLModel):
    """A message waiting to leave the context; the relay marks it processed or dead."""

    id: uuid.UUID = uuid_pk()
    aggregate_id: uuid.UUID = Field(sa_type=Uuid, nullable=False)
    aggregate_type: str = Field(
        default="", sa_type=String(100), nullable=False, sa_column_kwargs={"server_default": ""}
    )
    event_type: str = Field(sa_type=String(100), nullable=False)
    event_data: dict[str, Any] = Field(sa_type=JSONB, nullable=False)
    correlation_id: uuid.UUID | None = Field(default=None, sa_type=Uuid)
    created_at: datetime = created_at()
    processed_at: datetime | None = timestamp()
    retry_count: int = Field(default=0, nullable=False, sa_column_kwargs={"server_default": "0"})
    max_retries: int = Field(
        default=DEFAULT_MAX_RETRIES,
        nullable=False,
        sa_column_kwargs={"server_default": str(DEFAULT_MAX_RETRIES)},
    )
    next_retry_at: datetime | None = timestamp()
    last_error: str | None = Field(default=None)
    dead_lettered_at: datetime | None = timestamp()


REGISTRY: dict[str, tuple[type[DomainEventColumns], type[OutboxEventColumns]]] = {}
"""schema -> (domain event table, outbox table), filled as each context's models load."""


def _table_class(name: str, base: type[SQLModel], tablename: str, args: tuple[Any, ...]) -> type[SQLModel]:
    namespace = {"__tablename__": tablename, "__table_args__": args, "__module__": base.__module__}
    return types.new_class(name, (base,), {"table": True}, lambda ns: ns.update(namespace))


def event_tables(schema: str) -> tuple[type[DomainEventColumns], type[OutboxEventColumns]]:
    """Define this schema's two event tables with the document's indexes."""
    prefix = schema.title().replace("_", "")
    domain = _table_class(
        f"{prefix}DomainEvent",
        DomainEventColumns,
        "domain_events",
        (
            Index("idx_domain_events_aggregate", "aggregate_id", "aggregate_type"),
            Index("idx_domain_events_type", "event_type"),
            Index("idx_domain_events_occurred_at", "occurred_at"),
            Index("idx_domain_events_correlation_id", "correlation_id"),
            {"schema": schema},
        ),
    )
    outbox = _table_class(
        f"{prefix}OutboxEvent",
        OutboxEventColumns,
        "outbox_events",
        (
            Index("idx_outbox_events_processed", "processed_at"),
            Index(
                "idx_outbox_events_retry",
                "next_retry_at",
                postgresql_where=text("processed_at IS NULL"),
            ),
            {"schema": schema},
        ),
    )
    REGISTRY[schema] = (domain, outbox)  # type: ignore[assignment]
    return domain, outbox  # type: ignore[return-value]
