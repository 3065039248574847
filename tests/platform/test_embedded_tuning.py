"""The embedded server's memory settings: sized to the machine, written where PostgreSQL reads them."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from jobhub.platform.embedded_tuning import (
    INCLUDE_LINE,
    MIB,
    SETTINGS_FILE,
    machine_memory_bytes,
    memory_settings,
    write_settings,
)

GIB = 1024 * MIB


def test_a_quarter_of_memory_goes_to_shared_buffers_within_bounds() -> None:
    assert memory_settings(24 * GIB) == {"shared_buffers": "6144MB", "effective_cache_size": "12288MB"}
    assert memory_settings(256 * MIB)["shared_buffers"] == "128MB"
    assert memory_settings(256 * GIB)["shared_buffers"] == "8192MB"
    assert memory_settings(256 * MIB)["effective_cache_size"] == "128MB"


def test_settings_are_rewritten_on_each_start_and_included_once(tmp_path: Path) -> None:
    (tmp_path / "postgresql.conf").write_text("max_connections = 100\n")
    write_settings(tmp_path, {"shared_buffers": "512MB"})
    write_settings(tmp_path, {"shared_buffers": "1024MB"})
    assert "shared_buffers = '1024MB'" in (tmp_path / SETTINGS_FILE).read_text()
    assert "512MB" not in (tmp_path / SETTINGS_FILE).read_text()
    assert (tmp_path / "postgresql.conf").read_text().count(INCLUDE_LINE) == 1


def test_the_running_embedded_server_took_them(database_url: str) -> None:
    """Only for the embedded server the tests start: a server from the environment has its own."""
    if "host=" not in database_url:
        pytest.skip("the tests run on a server from JOBHUB_TEST_DATABASE_URL")
    conninfo = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as conn:
        row = conn.execute("SHOW shared_buffers").fetchone()
    assert row == (memory_settings(machine_memory_bytes())["shared_buffers"],)
