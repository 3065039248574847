"""``python -m jobhub migrate`` on the embedded defaults and on a PostgreSQL server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from jobhub.cli import build_parser, cmd_bench_search, main
from jobhub.platform.migrations import current_revision

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBHUB_")}
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    env.update(extra)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jobhub", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def _local_server_up() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", 5432)) == 0


def test_migrate_with_no_settings_uses_embedded_stores(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    env = _clean_env()
    try:
        result = _run(["migrate"], cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / ".jobhub" / "postgres" / "PG_VERSION").exists()
        assert (tmp_path / ".jobhub" / "clickhouse").is_dir()
        again = _run(["migrate"], cwd=tmp_path, env=env)
        assert again.returncode == 0, again.stderr
    finally:
        stop = _run(["stop"], cwd=tmp_path, env=env)
    assert "stopped" in stop.stdout


@pytest.mark.skipif(not _local_server_up(), reason="no PostgreSQL server on 127.0.0.1:5432")
def test_migrate_against_a_configured_server(tmp_path: Path) -> None:
    name = f"jobhub_cli_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(LOCAL_SERVER, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql://postgres@127.0.0.1:5432/{name}"
    try:
        result = _run(["migrate"], cwd=tmp_path, env=_clean_env(JOBHUB_DATABASE_URL=url))
        assert result.returncode == 0, result.stderr
        assert current_revision(url.replace("postgresql://", "postgresql+psycopg://")) is not None
        assert not (tmp_path / ".jobhub" / "postgres").exists()
    finally:
        with psycopg.connect(LOCAL_SERVER, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_unreachable_server_gives_a_clear_message(tmp_path: Path) -> None:
    env = _clean_env(JOBHUB_DATABASE_URL="postgresql://postgres@127.0.0.1:1/jobhub")
    result = _run(["migrate"], cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "PostgreSQL at" in result.stderr and "unreachable" in result.stderr
    assert "Traceback" not in result.stderr


def test_bench_search_reads_its_options() -> None:
    args = build_parser().parse_args(
        ["bench", "search", "--jobs", "2000", "--server", LOCAL_SERVER, "--queries", "40", "--reuse"]
    )
    assert (args.jobs, args.queries, args.reuse, args.naive_queries) == (2000, 40, True, None)
    assert args.server == LOCAL_SERVER
    assert args.handler is cmd_bench_search


def test_bench_without_the_tests_package_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tests.bench.bench_search", None)
    assert main(["bench", "search", "--jobs", "10"]) == 2
    assert "source checkout" in capsys.readouterr().err
