"""Column conventions every table shares, so models say only what is special about them.

Importing this module also fixes the constraint naming convention on SQLModel's metadata,
which keeps Alembic's names stable; every ``models.py`` imports from here first.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, String, Uuid, func, text
from sqlmodel import Field, SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def uuid_pk() -> Any:
    """A UUID primary key known before flush (Python default) with the database's default too."""
    return Field(
        default_factory=uuid.uuid4,
        primary_key=True,
        sa_type=Uuid,
        sa_column_kwargs={"server_default": text("gen_random_uuid()")},
    )


def created_at() -> Any:
    return Field(
        default_factory=utcnow,
        sa_type=DateTime(timezone=True),
        sa_column_kwargs={"server_default": func.now(), "nullable": False},
    )


def updated_at() -> Any:
    """Maintained by SQLAlchemy on every ORM update."""
    return Field(
        default_factory=utcnow,
        sa_type=DateTime(timezone=True),
        sa_column_kwargs={"server_default": func.now(), "onupdate": utcnow, "nullable": False},
    )


def flag(default: bool) -> Any:
    """A boolean, NOT NULL with a database default.

    The default is in SQL as well as in Python so that rows inserted outside the ORM (migrations,
    seeds, psql) get it too; NOT NULL keeps three-valued logic out of every filter.
    """
    return Field(default=default, sa_column_kwargs={"server_default": text(str(default).lower())})


def counter() -> Any:
    """An integer starting at zero (a denormalised count, a sort order), NOT NULL.

    The zero is a database default too, so rows inserted outside the ORM start at it as well.
    """
    return Field(default=0, sa_column_kwargs={"server_default": text("0")})


def text_default(value: str, length: int) -> Any:
    """A ``VARCHAR(length)`` defaulting to ``value``, NOT NULL with the same database default.

    The database default means rows inserted outside the ORM get ``value`` too.
    """
    return Field(default=value, sa_type=String(length), sa_column_kwargs={"server_default": value})


def enum_default(default: StrEnum, length: int = 20) -> Any:
    """A status, kind or role stored as its enum value, defaulting to ``default`` in Python and SQL.

    Pair it with :func:`check_in` in ``__table_args__`` to limit the column to the enum's values.
    """
    return text_default(default.value, length)


def currency_code() -> Any:
    """An ISO 4217 code, ``USD`` unless given, in Python and in the database alike."""
    return text_default("USD", 3)


def url_column() -> Any:
    """An optional link, up to 500 characters (the length every URL column shares)."""
    return Field(default=None, sa_type=String(500))


def timestamp(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=DateTime(timezone=True), nullable=nullable, index=index)


def check_in(column: str, values: Iterable[str] | type[StrEnum], name: str | None = None) -> CheckConstraint:
    """``CHECK (column IN (...))`` from an enum or list, named after the column."""
    items = [v.value if isinstance(v, StrEnum) else str(v) for v in values]
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in items)
    return CheckConstraint(f"{column} IN ({quoted})", name=name or column)


def check_rating(column: str) -> CheckConstraint:
    """A 1-5 star rating; NULL means not rated."""
    return CheckConstraint(f"{column} >= 1 AND {column} <= 5", name=f"{column}_range")


def enum_values(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]
