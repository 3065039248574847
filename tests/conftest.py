"""Session-wide real PostgreSQL: migrated once, a rolled-back transaction per test.

With ``JOBHUB_TEST_DATABASE_URL`` (a server's maintenance URL) each test process creates its
own database there; otherwise each test process starts its own embedded PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from sqlalchemy import Engine, create_engine
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.platform import db as platform_db
from jobhub.platform.migrations import alembic_config
from jobhub.settings import reset_settings
from tests.factories import Team, make_team, principal_with_role


def _server_database(admin_url: str, name: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    base = admin_url.rsplit("/", 1)[0]
    return platform_db.to_sqlalchemy_url(f"{base}/{name}")


@pytest.fixture(scope="session")
def test_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private data dir (files, chDB, embedded PostgreSQL) for this test process."""
    path = Path(tmp_path_factory.mktemp("jobhub-data"))
    path.chmod(0o755)
    os.environ["JOBHUB_DATA_DIR"] = str(path)
    os.environ.setdefault("JOBHUB_ENVIRONMENT", "test")
    reset_settings()
    return path


@pytest.fixture(scope="session")
def empty_database_url(test_data_dir: Path) -> Iterator[str]:
    """A fresh, unmigrated database for this test process (its embedded server stops after)."""
    name = f"jobhub_test_{uuid.uuid4().hex[:8]}"
    admin_url = os.environ.get("JOBHUB_TEST_DATABASE_URL")
    if admin_url:
        yield _server_database(admin_url, name)
        return
    yield platform_db.embedded_database_url(test_data_dir, name)
    platform_db.stop_embedded_server(test_data_dir)


@pytest.fixture(scope="session")
def database_url(empty_database_url: str) -> str:
    command.upgrade(alembic_config(empty_database_url), "head")
    return empty_database_url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url, pool_pre_ping=True)
    platform_db.set_engine(engine)
    yield engine
    platform_db.set_engine(None)
    engine.dispose()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session whose every commit is a savepoint inside one transaction rolled back at the end."""
    connection = engine.connect()
    transaction = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        transaction.rollback()
        connection.close()


@pytest.fixture
def team(db: Session) -> Team:
    """A company with an owner, an admin, a recruiter and a hiring manager."""
    return make_team(db)


@pytest.fixture
def other_team(db: Session) -> Team:
    """Another company, whose rows ``team``'s members must never reach."""
    return make_team(db)


@pytest.fixture
def platform_admin() -> Principal:
    return principal_with_role("admin")


@pytest.fixture
def employer_seeker() -> Principal:
    """A job seeker with the seeker role's permissions: never on a team."""
    return principal_with_role("job_seeker")
