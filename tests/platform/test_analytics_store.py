"""The analytics store: one client per process, idempotent tables, an actionable health check."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from clickhouse_connect.driver.client import Client

from jobhub.platform.analytics_store import (
    TABLES,
    check_analytics,
    get_analytics_client,
    migrate_analytics,
    redacted_url,
    reset_analytics_client,
)
from jobhub.platform.errors import StoreUnavailable
from jobhub.settings import reset_settings


@pytest.fixture
def analytics(test_data_dir: Path) -> Client:
    client = get_analytics_client()
    migrate_analytics(client)
    return client


@pytest.fixture
def fresh_client() -> Iterator[None]:
    """Whatever a test does to the settings, the next test gets the embedded client back."""
    reset_analytics_client()
    yield
    reset_settings()
    reset_analytics_client()


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_embedded_store_lives_in_the_data_dir(analytics: Client, test_data_dir: Path) -> None:
    assert (test_data_dir / "clickhouse").is_dir()
    assert get_analytics_client() is analytics


def test_migration_creates_every_table_and_can_run_again(analytics: Client) -> None:
    migrate_analytics(analytics)

    engines = dict(
        analytics.query("SELECT name, engine FROM system.tables WHERE database = 'analytics'").result_rows
    )
    assert set(TABLES) <= set(engines)
    assert engines["domain_events"] == "ReplacingMergeTree"
    assert {engines[t] for t in ("job_analytics", "search_analytics", "user_events", "job_metrics")} == {
        "MergeTree"
    }


def test_the_event_log_collapses_a_duplicate_row(analytics: Client) -> None:
    analytics.command("TRUNCATE TABLE analytics.domain_events")
    insert = (
        "INSERT INTO analytics.domain_events (event_id, schema, aggregate_type, aggregate_id, event_type, "
        "payload, occurred_at) VALUES ('00000000-0000-0000-0000-000000000001', 'jobs', 'job', "
        "generateUUIDv4(), 'job.viewed', '{}', now64(3))"
    )
    analytics.command(insert)
    analytics.command(insert)

    assert analytics.command("SELECT count() FROM analytics.domain_events FINAL") == 1
    analytics.command("TRUNCATE TABLE analytics.domain_events")


def test_a_reset_client_reopens_the_same_data(analytics: Client) -> None:
    analytics.command("CREATE TABLE IF NOT EXISTS analytics.reopen_probe (x UInt8) ENGINE = Memory")
    reset_analytics_client()

    reopened = get_analytics_client()

    assert reopened is not analytics
    assert reopened.command("EXISTS TABLE analytics.reopen_probe") == 1
    reopened.command("DROP TABLE analytics.reopen_probe")


def test_check_passes_on_the_embedded_store(analytics: Client) -> None:
    check_analytics()


def test_an_unreachable_server_is_reported_without_its_password(
    monkeypatch: pytest.MonkeyPatch, fresh_client: None
) -> None:
    url = f"http://jobhub:secret-password@127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("JOBHUB_CLICKHOUSE_URL", url)
    reset_settings()

    with pytest.raises(StoreUnavailable) as raised:
        check_analytics()

    message = str(raised.value)
    assert "127.0.0.1" in message
    assert "JOBHUB_CLICKHOUSE_URL" in message
    assert "secret-password" not in message


def test_redacted_url_hides_only_the_password() -> None:
    assert redacted_url("https://u:pw@ch.example:8443/db") == "https://u:***@ch.example:8443/db"
    assert redacted_url("chdb:///srv/jobhub/clickhouse") == "chdb:///srv/jobhub/clickhouse"
