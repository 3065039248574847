""" "Export my data": every context contributes what it holds about one user, through its own function.

The platform knows the contexts by name only (as ``db.CONTEXT_SCHEMAS`` does) and imports each
``jobhub.<context>.export`` module when an export runs, so no context imports another and a
context that moves to its own database keeps answering for its part.

Each contribution is a dict of JSON-ready lists. ``strip_secrets`` runs over the whole
document as a second line of defence: a hash, secret or token column that a context forgets
to leave out is dropped here by name.
"""

from __future__ import annotations

import importlib
import json
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import inspect
from sqlmodel import Session, SQLModel

FORMAT_VERSION = 1
EXPORTING_CONTEXTS: tuple[str, ...] = (
    "auth",
    "profiles",
    "jobs",
    "companies",
    "messaging",
    "notifications",
    "billing",
)
SECRET_KEYS = frozenset(
    {
        "password_hash",
        "mfa_secret",
        "mfa_backup_codes",
        "token_hash",
        "refresh_token_hash",
        "email_verification_token",
        "password_reset_token",
        "invitation_token",
    }
)

Exporter = Callable[[Session, uuid.UUID], dict[str, Any]]


def exporter_for(context: str) -> Exporter:
    """``jobhub.<context>.export.export_user_data``; a missing one is a bug, not an empty part."""
    module = importlib.import_module(f"jobhub.{context}.export")
    return module.export_user_data


def json_value(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_value(item) for item in value]
    # UUIDs, decimals, and ``inet`` columns (``ipaddress`` objects): their text is what a person reads.
    return str(value)


@cache
def _column_keys(model: type[SQLModel]) -> tuple[str, ...]:
    """The mapped column attributes, once per table (``inspect`` per row was a third of an export)."""
    return tuple(attr.key for attr in inspect(model).column_attrs)


def row_dict(row: SQLModel, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """A table row as JSON-ready values, minus ``exclude`` and every known secret column.

    Reads the mapped columns rather than ``model_dump``: pydantic warns about (and may mangle)
    values whose database type differs from the annotation, such as ``inet`` addresses.
    """
    skip = SECRET_KEYS.union(exclude)
    return {key: json_value(getattr(row, key)) for key in _column_keys(type(row)) if key not in skip}


def rows(items: Iterable[SQLModel], *, exclude: Iterable[str] = ()) -> list[dict[str, Any]]:
    return [row_dict(item, exclude=exclude) for item in items]


def strip_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: strip_secrets(item) for key, item in value.items() if key not in SECRET_KEYS}
    if isinstance(value, list):
        return [strip_secrets(item) for item in value]
    return value


def export_user_data(db: Session, user_id: uuid.UUID, *, now: datetime | None = None) -> dict[str, Any]:
    """The whole document for ``user_id``; the caller has checked that this is the user asking."""
    parts = {context: exporter_for(context)(db, user_id) for context in EXPORTING_CONTEXTS}
    return strip_secrets(
        {
            "format_version": FORMAT_VERSION,
            "exported_at": json_value(now or datetime.now(UTC)),
            "user_id": str(user_id),
            "contexts": parts,
        }
    )


def to_json_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2, default=json_value).encode("utf-8")
