"""Who an account is, for contexts that hold only user ids: names, addresses and kinds of account.

The companies context lists its team by name and matches an invitation's address to the
account that opens it; it asks here rather than reading ``auth.users``. Deleted accounts
are absent (their address is a tombstone). Suspended ones are present: they are still
somebody's colleague, they just cannot sign in, which ``resolve_principal`` already stops.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Row, select
from sqlmodel import Session

from jobhub.auth.models import User
from jobhub.auth.verification import lookup_address


@dataclass(frozen=True)
class Person:
    user_id: uuid.UUID
    email: str
    first_name: str
    last_name: str
    user_type: str

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email


_COLUMNS = (User.id, User.email, User.first_name, User.last_name, User.user_type)


def _person(row: Row[tuple[uuid.UUID, str, str | None, str | None, str]]) -> Person:
    user_id, email, first_name, last_name, user_type = row
    return Person(user_id, email, first_name or "", last_name or "", str(user_type))


def people_by_id(db: Session, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Person]:
    """The accounts among ``user_ids`` that still exist, by id."""
    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return {}
    rows = db.execute(select(*_COLUMNS).where(User.id.in_(ids), User.deleted_at.is_(None)))
    return {row[0]: _person(row) for row in rows}


def person_by_email(db: Session, email: str) -> Person | None:
    """The account whose address is ``email`` (compared as addresses are stored: lower case)."""
    address = lookup_address(email)
    if address is None:
        return None
    row = db.execute(select(*_COLUMNS).where(User.email == address, User.deleted_at.is_(None))).one_or_none()
    return _person(row) if row else None
