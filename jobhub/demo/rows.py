"""Deterministic ids and conflict-free bulk inserts: what makes the demo loader idempotent.

Every demo row's id is a UUIDv5 of its kind and ordinal, and rows are inserted with
``ON CONFLICT DO NOTHING``, so a second run inserts nothing and a larger run adds only the
extra rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, SQLModel

DEMO_NAMESPACE = uuid.UUID("6a0b3c1e-52f4-4d0e-9a57-1d2f0c7e8b90")


def demo_id(kind: str, ordinal: int | str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{ordinal}")


def insert_rows(session: Session, model: type[SQLModel], rows: Sequence[dict[str, Any]]) -> int:
    """Insert with SQLAlchemy's batched "insertmanyvalues"; returns how many rows were new.

    Every row of one call must carry the same keys (one statement serves them all).
    """
    if not rows:
        return 0
    table = model.__table__  # type: ignore[attr-defined]
    statement = insert(table).on_conflict_do_nothing().returning(table.c.id)
    return len(session.execute(statement, list(rows)).all())
