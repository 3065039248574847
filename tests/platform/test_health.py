"""GET /health answers 200 with both stores reachable and 503, with the reason, when one is not."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from jobhub.api import build_http_api
from jobhub.platform import db as platform_db
from jobhub.platform.errors import StoreUnavailable
from jobhub.platform.health import health_report


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(build_http_api()) as test_client:
        yield test_client


def _closed_port() -> int:
    """A port nothing listens on: bound, read, released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_health_is_ok_when_postgres_and_clickhouse_answer(
    client: TestClient, engine: Engine, test_data_dir: Path
) -> None:
    response = client.get("/health")

    assert response.status_code == 200, response.text
    assert response.json() == {
        "status": "ok",
        "postgres": {"ok": True, "error": None},
        "clickhouse": {"ok": True, "error": None},
    }
    assert response.headers["cache-control"] == "no-store"


def test_health_is_503_when_postgres_is_unreachable(
    client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreachable = platform_db.build_engine(
        f"postgresql+psycopg://jobhub:secret-password@127.0.0.1:{_closed_port()}/jobhub"
    )
    monkeypatch.setattr(platform_db, "_engine", unreachable)
    try:
        response = client.get("/health")
    finally:
        unreachable.dispose()

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["postgres"]["ok"] is False
    assert "unreachable" in body["postgres"]["error"]
    assert "secret-password" not in response.text


def test_one_store_down_does_not_hide_the_other() -> None:
    def down() -> None:
        raise StoreUnavailable("ClickHouse at http://analytics:8123 is unreachable")

    report = health_report({"postgres": lambda: None, "clickhouse": down})

    assert report.status_code == 503
    assert report.as_json() == {
        "status": "degraded",
        "postgres": {"ok": True, "error": None},
        "clickhouse": {"ok": False, "error": "ClickHouse at http://analytics:8123 is unreachable"},
    }


def test_an_unexpected_failure_is_reported_by_type_without_its_message() -> None:
    def broken() -> None:
        raise RuntimeError("password=hunter2 in a driver message")

    report = health_report({"postgres": broken})

    assert report.as_json()["postgres"] == {"ok": False, "error": "postgres check failed (RuntimeError)"}
