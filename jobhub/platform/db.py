"""Engine, sessions and the embedded PostgreSQL server.

With no ``JOBHUB_DATABASE_URL`` PostgreSQL runs from the ``pgserver`` package in the data
directory, over a Unix socket. It is left running when the process exits so that the next
start (or another process: the CLI, the worker) reuses it; ``python -m jobhub stop`` ends it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from jobhub.platform.errors import StoreUnavailable
from jobhub.settings import get_settings

log = logging.getLogger(__name__)

CONTEXT_SCHEMAS: tuple[str, ...] = (
    "auth",
    "profiles",
    "jobs",
    "companies",
    "messaging",
    "notifications",
    "billing",
)
EMBEDDED_DATABASE = "jobhub"
START_ATTEMPTS = 4
EXTENSIONS: tuple[str, ...] = ("pg_trgm", "btree_gist")

_engine: Engine | None = None


def to_sqlalchemy_url(url: str) -> str:
    """Accept ``postgres://`` and ``postgresql://`` URLs and pin the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def redacted(url: str) -> str:
    return make_url(to_sqlalchemy_url(url)).render_as_string(hide_password=True)


def embedded_server_dir(data_dir: Path) -> Path:
    return data_dir / "postgres"


def start_embedded_server(data_dir: Path):  # -> pgserver.PostgresServer (imported lazily)
    """Start (or attach to) the embedded server; the import is lazy because servers never need it."""
    from pgserver.postgres_server import PostgresServer

    from jobhub.platform.embedded_tuning import tuned_server_class

    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = embedded_server_dir(data_dir).resolve()
    pgdata.mkdir(exist_ok=True)
    for attempt in range(1, START_ATTEMPTS + 1):
        try:
            return PostgresServer._instances.get(pgdata) or tuned_server_class()(pgdata, cleanup_mode=None)
        except Exception:
            PostgresServer._instances.pop(pgdata, None)
            # pg_ctl gives up after 10 s on a busy machine while PostgreSQL goes on starting;
            # the next attempt attaches to the server once its pid file says it runs.
            if attempt == START_ATTEMPTS:
                raise
            log.warning("embedded PostgreSQL slow to start (attempt %d), retrying", attempt)
            time.sleep(2 * attempt)
    raise AssertionError("unreachable")


def stop_embedded_server(data_dir: Path) -> bool:
    """Stop the embedded server in ``data_dir``, whoever started it; True when one was stopped.

    pgserver only stops a server when the last process holding a handle lets go, and an app
    killed mid-run leaves its handle behind, so this asks ``pg_ctl`` directly.
    """
    pgdata = embedded_server_dir(data_dir).resolve()
    if not (pgdata / "postmaster.pid").exists():
        return False
    from pgserver import _commands

    system_user = "pgserver" if os.geteuid() == 0 else None
    _commands.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=system_user)
    return True


def ensure_database(admin_url: str, name: str) -> None:
    """Create database ``name`` through the maintenance database if it is missing."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def embedded_database_url(data_dir: Path, database: str = EMBEDDED_DATABASE) -> str:
    server = start_embedded_server(data_dir)
    admin_url = server.get_uri("postgres")
    ensure_database(admin_url, database)
    return to_sqlalchemy_url(server.get_uri(database))


def database_url() -> str:
    settings = get_settings()
    if settings.database_url:
        return to_sqlalchemy_url(settings.database_url)
    return embedded_database_url(settings.resolved_data_dir)


def libpq_url(sqlalchemy_url: str) -> str:
    """The same URL for plain psycopg / libpq (procrastinate, ensure_database)."""
    return sqlalchemy_url.replace("postgresql+psycopg://", "postgresql://", 1)


def build_engine(url: str) -> Engine:
    settings = get_settings()
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        connect_args={"connect_timeout": 5},
    )


def get_engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = build_engine(database_url())
    return _engine


def set_engine(engine: Engine | None) -> None:
    """Point the app at another engine (tests); ``None`` forgets it."""
    global _engine
    _engine = engine


def check_database(engine: Engine | None = None) -> None:
    """Raise ``StoreUnavailable`` with a message a person can act on."""
    engine = engine or get_engine()
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        where = redacted(str(engine.url))
        host = urlsplit(where).hostname or "local socket"
        raise StoreUnavailable(
            f"PostgreSQL at {where} ({host}) is unreachable: {exc.orig}. "
            "Check JOBHUB_DATABASE_URL, or unset it to use the embedded server."
        ) from exc


@contextmanager
def session_scope() -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back when it raises."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
