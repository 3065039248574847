"""Admin user search at 100,000 accounts: ``python -m tests.bench.bench_admin_users``.

Loads N users with ``generate_series`` into a fresh database (embedded PostgreSQL, or
``--server postgresql://...`` to create one on a server), then times ``list_users`` (count
plus one page, as the admin page does it) for a rare and a common search term, a filter,
and no search at all, then the detail panel over N x 5 audit rows; the ``pg_trgm`` index on
``user_search_text()`` and the ``audit_logs (resource_id, created_at)`` index come from
migration 0004.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg
from sqlalchemy import Engine, text
from sqlmodel import Session

from jobhub.auth.admin_users import UserFilters, list_users, user_detail
from jobhub.auth.principal import Principal
from jobhub.platform.db import build_engine, embedded_database_url, stop_embedded_server, to_sqlalchemy_url
from jobhub.platform.migrations import upgrade_database
from jobhub.settings import reset_settings

STAFF = Principal(user_id=uuid.uuid4(), user_type="admin", permissions=frozenset({"users:manage"}))
SEARCHES = {
    "rare email part": UserFilters(search="user77777@"),
    "common name": UserFilters(search="grace"),
    "no match": UserFilters(search="zzzqqq"),
    "type + status": UserFilters(user_type="employer", status="suspended"),
    "no filter": UserFilters(),
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def load_users(engine: Engine, count: int) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                """
                INSERT INTO auth.users (email, first_name, last_name, user_type, status, created_at)
                SELECT 'user' || n || '@jobhub.example',
                       (ARRAY['Grace','Alan','Ada','Linus','Barbara','Ken'])[1 + n % 6],
                       'Surname' || (n % 5000),
                       (ARRAY['job_seeker','job_seeker','job_seeker','employer'])[1 + n % 4],
                       (ARRAY['active','active','active','active','suspended','banned'])[1 + (n / 7) % 6],
                       now() - make_interval(mins => n)
                FROM generate_series(1, :count) AS n
                """
            ),
            {"count": count},
        )
        conn.execute(text("ANALYZE auth.users"))


def timed(engine: Engine, filters: UserFilters, runs: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    total = 0
    for _ in range(runs):
        started = time.perf_counter()
        with Session(engine) as db:
            total = list_users(db, STAFF, filters).total
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies, total


def report_all(engine: Engine, runs: int, label: str) -> None:
    print(f"-- {label}")
    for name, filters in SEARCHES.items():
        timed(engine, filters, 2)
        latencies, total = timed(engine, filters, runs)
        print(
            f"{name:<16} p50 {percentile(latencies, 0.5):7.1f} ms  p95 {percentile(latencies, 0.95):7.1f} ms"
            f"  ({total} matches)"
        )


def load_audit_rows(engine: Engine, per_user: int) -> None:
    """``per_user`` sign-in rows for every user, as the login flow writes them."""
    with engine.begin() as conn:
        conn.execute(
            text(
                """
                INSERT INTO auth.audit_logs (user_id, action, resource, resource_id, created_at)
                SELECT u.id, 'login_success', 'user', u.id, now() - make_interval(hours => k)
                FROM auth.users u CROSS JOIN generate_series(1, :per_user) AS k
                """
            ),
            {"per_user": per_user},
        )
        conn.execute(text("ANALYZE auth.audit_logs"))


def report_detail(engine: Engine, runs: int) -> None:
    with Session(engine) as db:
        ids = list(db.scalars(text("SELECT id FROM auth.users ORDER BY random() LIMIT :n"), {"n": runs}))
    latencies: list[float] = []
    for user_id in ids:
        started = time.perf_counter()
        with Session(engine) as db:
            user_detail(db, STAFF, user_id)
        latencies.append((time.perf_counter() - started) * 1000)
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    print(f"{'user detail':<16} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")


def database(server: str | None, data_dir: Path) -> tuple[str, Callable[[], None]]:
    name = f"jobhub_bench_{uuid.uuid4().hex[:8]}"
    if server is None:
        return embedded_database_url(data_dir, name), lambda: stop_embedded_server(data_dir)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return to_sqlalchemy_url(f"{server.rsplit('/', 1)[0]}/{name}"), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--audit-per-user", type=int, default=5)
    parser.add_argument("--server", help="a PostgreSQL maintenance URL; default: embedded")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="jobhub-bench-"))
    data_dir.chmod(0o755)
    os.environ["JOBHUB_DATA_DIR"] = str(data_dir)
    os.environ.pop("JOBHUB_DATABASE_URL", None)
    reset_settings()
    url, cleanup = database(args.server, data_dir)
    try:
        upgrade_database(url)
        engine = build_engine(url)
        started = time.perf_counter()
        load_users(engine, args.users)
        print(f"loaded {args.users} users in {time.perf_counter() - started:.1f} s")
        report_all(engine, args.runs, "as migrated")
        load_audit_rows(engine, args.audit_per_user)
        print(f"-- detail panel with {args.audit_per_user * args.users} audit rows")
        report_detail(engine, args.runs)
        engine.dispose()
    finally:
        cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
