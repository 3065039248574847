"""Password login latency on embedded PostgreSQL: ``python -m tests.bench.bench_login``.

Starts PostgreSQL (pgserver) in a fresh temporary data directory, migrates, creates one
user, then times N complete logins through the service, each in its own committed
transaction as the HTTP route does it: argon2id verification (OWASP parameters), the
row lock, counters, a new session, the audit row and the outbox event. Also times
logins with a wrong password and an unknown email, which should cost about the same.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from jobhub.auth.login import InvalidCredentials, login
from jobhub.auth.models import User
from jobhub.auth.passwords import hash_password
from jobhub.platform.db import build_engine, embedded_database_url, stop_embedded_server
from jobhub.platform.migrations import upgrade_database
from jobhub.settings import reset_settings

EMAIL = "bench@jobhub.example"
PASSWORD = "jobhub-bench-password"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed_logins(engine: Engine, n: int, email: str, password: str) -> list[float]:
    """Milliseconds per committed attempt; refused attempts are timed the same way."""
    latencies: list[float] = []
    for _ in range(n):
        started = time.perf_counter()
        with Session(engine, expire_on_commit=False) as db:
            with contextlib.suppress(InvalidCredentials):
                login(db, email, password, ip="192.0.2.1", user_agent="bench")
            db.commit()
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def wrong_passwords(engine: Engine, n: int) -> list[float]:
    """Four wrong passwords at a time: a fifth would lock the account (and stop verifying)."""
    latencies: list[float] = []
    while len(latencies) < n:
        latencies += timed_logins(engine, 4, EMAIL, "wrong")
        timed_logins(engine, 1, EMAIL, PASSWORD)  # resets the failure counter
    return latencies[:n]


def report(label: str, latencies: list[float]) -> None:
    print(
        f"{label:<15} p50 {percentile(latencies, 0.5):6.1f} ms  p95 {percentile(latencies, 0.95):6.1f} ms"
        f"  over {len(latencies)} logins"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--logins", type=int, default=50)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="jobhub-bench-"))
    data_dir.chmod(0o755)
    os.environ["JOBHUB_DATA_DIR"] = str(data_dir)
    os.environ.pop("JOBHUB_DATABASE_URL", None)
    reset_settings()
    try:
        url = embedded_database_url(data_dir, "jobhub_bench")
        upgrade_database(url)
        engine = build_engine(url)
        with Session(engine) as db:
            db.add(
                User(
                    email=EMAIL,
                    password_hash=hash_password(PASSWORD),
                    first_name="Bench",
                    last_name="Mark",
                    user_type="job_seeker",
                )
            )
            db.commit()
        runs: list[tuple[str, Callable[[], list[float]]]] = [
            ("success", lambda: timed_logins(engine, args.logins, EMAIL, PASSWORD)),
            ("wrong password", lambda: wrong_passwords(engine, args.logins)),
            ("unknown email", lambda: timed_logins(engine, args.logins, "nobody@jobhub.example", PASSWORD)),
        ]
        timed_logins(engine, 3, EMAIL, PASSWORD)  # warm-up: connections, dummy hash
        for label, run in runs:
            report(label, run())
        engine.dispose()
    finally:
        stop_embedded_server(data_dir)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
