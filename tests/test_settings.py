"""Embedded defaults, and servers chosen by environment variables alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobhub.platform.db import redacted, to_sqlalchemy_url
from jobhub.settings import Settings


def test_defaults_are_embedded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("JOBHUB_DATA_DIR", "JOBHUB_DATABASE_URL", "JOBHUB_CLICKHOUSE_URL", "JOBHUB_SMTP_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.embedded_database
    assert settings.resolved_data_dir == tmp_path / ".jobhub"
    assert settings.resolved_clickhouse_url == f"chdb://{tmp_path / '.jobhub' / 'clickhouse'}"
    assert settings.worker_in_app


def test_servers_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBHUB_DATABASE_URL", "postgresql://u:secret@db:5432/jobhub")
    monkeypatch.setenv("JOBHUB_CLICKHOUSE_URL", "http://ch:8123")
    settings = Settings()
    assert not settings.embedded_database
    assert settings.resolved_clickhouse_url == "http://ch:8123"
    assert not settings.worker_in_app


def test_database_urls_use_psycopg3_and_hide_passwords() -> None:
    assert to_sqlalchemy_url("postgres://u:p@h/d") == "postgresql+psycopg://u:p@h/d"
    assert "secret" not in redacted("postgresql://u:secret@db:5432/jobhub")
