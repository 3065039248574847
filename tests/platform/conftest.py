"""The analytics store and a clean slate for the tests that commit events for real.

The relay reads the outboxes over its own connections, so these tests cannot hide in the
rolled-back ``db`` transaction: ``clean`` empties every outbox and analytics table before
and after each test that asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from clickhouse_connect.driver.client import Client
from sqlalchemy import Engine, text

from jobhub.platform.analytics_store import (
    TABLES,
    get_analytics_client,
    migrate_analytics,
    reset_analytics_client,
)
from jobhub.platform.db import CONTEXT_SCHEMAS


@pytest.fixture(scope="module")
def analytics(test_data_dir: Any) -> Client:
    reset_analytics_client()
    client = get_analytics_client()
    migrate_analytics(client)
    return client


def _empty_everything(engine: Engine, client: Client) -> None:
    with engine.begin() as conn:
        for schema in CONTEXT_SCHEMAS:
            conn.execute(text(f"DELETE FROM {schema}.outbox_events"))
            conn.execute(text(f"DELETE FROM {schema}.domain_events"))
    for table in TABLES:
        client.command(f"TRUNCATE TABLE analytics.{table}")


@pytest.fixture
def clean(engine: Engine, analytics: Client) -> Iterator[None]:
    _empty_everything(engine, analytics)
    yield
    _empty_everything(engine, analytics)
