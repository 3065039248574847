"""The ClickHouse ``analytics`` database: one client per process, and its tables.

The client comes from ``JOBHUB_CLICKHOUSE_URL``: ``chdb://<dir>`` (the embedded default,
chDB inside this process) or ``http(s)://...`` (a server or cluster); the same DDL and
queries serve both. chDB opens a data directory from one process only and refuses a
second path in the same process, so every caller shares the single cached client (its
backend serialises calls, so threads may share it too).
"""

from __future__ import annotations

import logging
import threading
from urllib.parse import urlsplit, urlunsplit

import clickhouse_connect
from clickhouse_connect.driver.client import Client

from jobhub.platform.errors import StoreUnavailable
from jobhub.settings import get_settings

log = logging.getLogger(__name__)

DATABASE = "analytics"

TABLES: dict[str, str] = {
    # The raw relayed event log. ReplacingMergeTree keyed by event_id collapses any duplicate
    # at merge time; the relay also skips ids already present, so plain counts stay exact.
    "domain_events": """
        CREATE TABLE IF NOT EXISTS analytics.domain_events (
            event_id UUID,
            schema LowCardinality(String),
            aggregate_type LowCardinality(String),
            aggregate_id UUID,
            event_type LowCardinality(String),
            user_id Nullable(UUID),
            correlation_id Nullable(UUID),
            payload String,
            occurred_at DateTime64(3, 'UTC'),
            relayed_at DateTime64(3, 'UTC') DEFAULT now64(3)
        ) ENGINE = ReplacingMergeTree
        PARTITION BY toYYYYMM(occurred_at)
        ORDER BY event_id
    """,
    "job_analytics": """
        CREATE TABLE IF NOT EXISTS analytics.job_analytics (
            id UUID,
            job_id UUID,
            employer_id UUID,
            company_id Nullable(UUID),
            event_type String,
            user_id Nullable(UUID),
            session_id String,
            source String,
            search_query Nullable(String),
            filters Map(String, String),
            position_in_results Nullable(Int32),
            timestamp DateTime64(3),
            created_at DateTime DEFAULT now()
        ) ENGINE = MergeTree()
        PARTITION BY toYYYYMM(timestamp)
        ORDER BY (timestamp, job_id, event_type)
    """,
    "search_analytics": """
        CREATE TABLE IF NOT EXISTS analytics.search_analytics (
            id UUID,
            user_id Nullable(UUID),
            session_id String,
            query String,
            filters Map(String, String),
            results_count Int32,
            clicked_job_ids Array(UUID),
            no_results Boolean,
            search_duration_ms Int32,
            timestamp DateTime64(3),
            created_at DateTime DEFAULT now()
        ) ENGINE = MergeTree()
        PARTITION BY toYYYYMM(timestamp)
        ORDER BY (timestamp, query)
    """,
    # Recovered from the overlaid text of the design document (DATA-MODEL.md). A nullable
    # column in the sorting key needs allow_nullable_key.
    "user_events": """
        CREATE TABLE IF NOT EXISTS analytics.user_events (
            id UUID DEFAULT generateUUIDv4(),
            user_id Nullable(UUID),
            session_id String,
            event_type String,
            event_name String,
            properties Map(String, String),
            page_url Nullable(String),
            referrer Nullable(String),
            user_agent Nullable(String),
            ip_address Nullable(String),
            country Nullable(String),
            city Nullable(String),
            device_type Nullable(String),
            browser Nullable(String),
            os Nullable(String),
            timestamp DateTime64(3) DEFAULT now64(),
            created_at DateTime DEFAULT now()
        ) ENGINE = MergeTree()
        PARTITION BY toYYYYMM(timestamp)
        ORDER BY (event_type, timestamp, user_id)
        SETTINGS allow_nullable_key = 1
    """,
    "job_metrics": """
        CREATE TABLE IF NOT EXISTS analytics.job_metrics (
            id UUID,
            job_id UUID,
            employer_id UUID,
            company_id Nullable(UUID),
            metric_type String,
            value UInt32 DEFAULT 1,
            source String,
            user_id Nullable(UUID),
            timestamp DateTime64(3)
        ) ENGINE = MergeTree()
        PARTITION BY toYYYYMM(timestamp)
        ORDER BY (job_id, metric_type, timestamp)
    """,
}

_client: Client | None = None
_client_lock = threading.Lock()


def redacted_url(url: str) -> str:
    """The URL without its password, safe for logs and health messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _unavailable(url: str, exc: Exception) -> StoreUnavailable:
    where = redacted_url(url)
    if url.startswith("chdb:"):
        return StoreUnavailable(
            f"embedded ClickHouse at {where} cannot be opened: {exc}. chDB opens a data directory "
            "from one process only: stop the other process using it (run CLI commands before the "
            "app starts) or set JOBHUB_CLICKHOUSE_URL to a ClickHouse server."
        )
    return StoreUnavailable(
        f"ClickHouse at {where} is unreachable: {exc}. Check JOBHUB_CLICKHOUSE_URL, "
        "or unset it to use embedded chDB."
    )


def get_analytics_client() -> Client:
    """The process's one client, created on first use from the current settings."""
    global _client
    with _client_lock:
        if _client is None:
            url = get_settings().resolved_clickhouse_url
            try:
                _client = clickhouse_connect.get_client(dsn=url)
            except Exception as exc:
                raise _unavailable(url, exc) from exc
            log.info("ClickHouse client for %s", redacted_url(url))
        return _client


def reset_analytics_client() -> None:
    """Close and forget the client, so tests (or a changed URL) get a fresh one."""
    global _client
    with _client_lock:
        if _client is not None:
            _client.close()
        _client = None


def migrate_analytics(client: Client) -> None:
    """Create the database and every table; safe to run on each start."""
    client.command(f"CREATE DATABASE IF NOT EXISTS {DATABASE}")
    for ddl in TABLES.values():
        client.command(ddl)


def check_analytics() -> None:
    """Raise ``StoreUnavailable`` with a message a person can act on."""
    url = get_settings().resolved_clickhouse_url
    client = get_analytics_client()
    try:
        client.command("SELECT 1")
    except Exception as exc:
        raise _unavailable(url, exc) from exc
