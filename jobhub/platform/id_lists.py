"""``column = ANY(:ids)`` for lists of ids: one array parameter instead of one per id.

``IN`` renders a parameter per id, so the statement text changes with the number of ids and
SQLAlchemy and psycopg compile and parse it again each time (1-2 ms a lookup of a search
page's twenty companies, measured); with one array the text is the same for any list.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, Uuid, any_, bindparam


def any_id(column: Any, name: str, ids: Iterable[uuid.UUID]) -> ColumnElement[bool]:
    return column == any_(bindparam(name, list(ids), type_=ARRAY(Uuid)))
