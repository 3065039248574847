"""One migration history for every context schema; the version table stays in ``public``."""

from __future__ import annotations

from alembic import context
from alembic.operations import ops
from sqlalchemy import create_engine, pool
from sqlmodel import SQLModel

import jobhub.models  # noqa: F401  (fills the metadata)
from jobhub.platform.db import CONTEXT_SCHEMAS, EXTENSIONS, database_url

config = context.config
target_metadata = SQLModel.metadata


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Only our schemas: procrastinate and anything else in ``public`` is not ours to diff."""
    if type_ == "schema":
        return name in CONTEXT_SCHEMAS
    return True


def prepend_schemas(context_, revision, directives) -> None:
    """The first revision creates extensions and schemas before any table (and drops them last)."""
    script = directives[0]
    if context_.get_current_revision() is not None:
        return
    setup = [ops.ExecuteSQLOp(f"CREATE EXTENSION IF NOT EXISTS {ext}") for ext in EXTENSIONS]
    setup += [ops.ExecuteSQLOp(f"CREATE SCHEMA IF NOT EXISTS {s}") for s in CONTEXT_SCHEMAS]
    teardown = [ops.ExecuteSQLOp(f"DROP SCHEMA IF EXISTS {s} CASCADE") for s in CONTEXT_SCHEMAS]
    script.upgrade_ops.ops[:0] = setup
    script.downgrade_ops.ops.extend(teardown)


def run_migrations() -> None:
    url = config.attributes.get("url") or database_url()
    connectable = config.attributes.get("connection")
    engine = None
    if connectable is None:
        engine = create_engine(url, poolclass=pool.NullPool)
        connectable = engine.connect()
    try:
        context.configure(
            connection=connectable,
            target_metadata=target_metadata,
            include_schemas=True,
            include_name=include_name,
            version_table_schema="public",
            compare_type=True,
            process_revision_directives=prepend_schemas,
        )
        with context.begin_transaction():
            context.run_migrations()
        connectable.commit()
    finally:
        if engine is not None:
            connectable.close()
            engine.dispose()


run_migrations()
