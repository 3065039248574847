"""The benchmark's database: create or reuse ``jobhub_bench``, and bulk-load it with COPY.

Loading a million jobs row by row through the ORM would take an hour; COPY in two parallel
streams (one per core) into ``jobs.jobs`` with its secondary indexes dropped, then building
the indexes from the model metadata, takes minutes. The stored ``search_vector`` is a
generated column, so PostgreSQL computes it during COPY, as it would for a real insert.
A marker table records a finished load, so ``--reuse`` never measures a half-loaded table.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from sqlalchemy import Index, create_engine, pool

from jobhub.jobs.models import Job, JobSearchRow
from jobhub.platform.db import embedded_database_url, stop_embedded_server, to_sqlalchemy_url
from jobhub.platform.migrations import upgrade_database
from jobhub.settings import get_settings
from tests.bench.bench_search_corpus import (
    COMPANY_COLUMNS,
    CORPUS,
    JOB_COLUMNS,
    REVIEW_COLUMNS,
    Catalog,
    JobWriter,
    company_count,
    company_rows,
    review_rows,
)

DATABASE = "jobhub_bench"
STREAMS = 2
PROGRESS_EVERY = 100_000
MARKER = "public.jobhub_bench_load"
SKILLS_FILE = Path(__file__).resolve().parents[2] / "alembic" / "reference_data" / "skills.json"


@dataclass(frozen=True)
class BenchDatabase:
    url: str  # SQLAlchemy (psycopg 3 driver)
    conninfo: str  # plain libpq URL for psycopg
    cleanup: Callable[[], None]
    """Lets go of what the run holds: stops an embedded server, drops what is not kept."""


@dataclass(frozen=True)
class LoadReport:
    jobs: int
    companies: int
    reviews: int
    copy_seconds: float
    index_seconds: float
    analyze_seconds: float
    reused: bool

    @property
    def rows_per_second(self) -> float:
        return self.jobs / self.copy_seconds if self.copy_seconds else 0.0

    def describe(self) -> str:
        if self.reused:
            return f"reused {self.jobs:,} loaded jobs ({self.companies:,} companies): no load this run"
        return (
            f"COPY {self.jobs:,} jobs in {self.copy_seconds:.1f} s = {self.rows_per_second:,.0f} rows/s "
            f"({STREAMS} streams, secondary indexes dropped; {self.companies:,} companies, "
            f"{self.reviews:,} reviews); search rows and index build {self.index_seconds:.1f} s; "
            f"VACUUM ANALYZE {self.analyze_seconds:.1f} s"
        )


BENCH_DATA_DIR = "bench"
"""Under JobHub's data directory: the embedded server that ``--reuse`` keeps between runs."""


def open_database(server: str | None, reuse: bool, jobs: int) -> BenchDatabase:
    """``jobhub_bench`` on ``server``, else on an embedded server (JobHub's default, with its
    memory settings): a throwaway one, or with ``reuse`` one kept in the data directory and left
    running afterwards, as the app leaves its own, so the next run finds its buffers warm.

    With ``reuse`` the database is kept afterwards, and kept from before when it holds a
    finished load of ``jobs`` jobs; anything else there (another size, a load cut short) is
    dropped, so the figures always come from a complete load.
    """
    if server is None:
        data_dir = get_settings().resolved_data_dir / BENCH_DATA_DIR if reuse else None
        if data_dir is None:
            data_dir = Path(tempfile.mkdtemp(prefix="jobhub-bench-"))
            data_dir.chmod(0o755)
        data_dir.mkdir(parents=True, exist_ok=True)
        admin = embedded_database_url(data_dir, "postgres").replace("postgresql+psycopg://", "postgresql://")
        conninfo = _fresh_or_reused(admin, reuse, jobs)

        def stop() -> None:
            if reuse:
                print("-- the embedded server stays up, buffers warm, as the app's: python -m jobhub stop")
                return
            stop_embedded_server(data_dir)
            shutil.rmtree(data_dir, ignore_errors=True)

        return BenchDatabase(to_sqlalchemy_url(conninfo), conninfo, stop)
    conninfo = _fresh_or_reused(server, reuse, jobs)

    def drop() -> None:
        if reuse:
            return
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')

    return BenchDatabase(to_sqlalchemy_url(conninfo), conninfo, drop)


def describe_server(conninfo: str) -> str:
    """The server's version and memory settings: the figures depend on them."""
    with psycopg.connect(conninfo) as conn:
        version = conn.execute("SHOW server_version").fetchone()
        buffers = conn.execute("SHOW shared_buffers").fetchone()
    return f"PostgreSQL {version[0] if version else '?'}, shared_buffers {buffers[0] if buffers else '?'}"


def _fresh_or_reused(admin: str, reuse: bool, jobs: int) -> str:
    """Create ``jobhub_bench`` through the ``admin`` URL, or keep it with ``reuse`` when it holds
    a finished load of ``jobs``; its URL."""
    parts = urlsplit(admin)
    conninfo = urlunsplit(parts._replace(path=f"/{DATABASE}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and not (reuse and loaded_jobs(conninfo) == jobs):
            conn.execute(f'DROP DATABASE "{DATABASE}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    return conninfo


def migrate(db: BenchDatabase) -> None:
    upgrade_database(db.url)
    with psycopg.connect(db.conninfo, autocommit=True) as conn:
        conn.execute(f"CREATE TABLE IF NOT EXISTS {MARKER} (jobs int, corpus text, loaded_at timestamptz)")


def loaded_jobs(conninfo: str) -> int | None:
    """The size of a finished earlier load still intact, else None."""
    with psycopg.connect(conninfo) as conn:
        if conn.execute("SELECT to_regclass(%s)", [MARKER]).fetchone() == (None,):
            return None
        marker = conn.execute(f"SELECT jobs FROM {MARKER} WHERE corpus = %s", [CORPUS]).fetchone()
        if marker is None:
            return None
        count = conn.execute("SELECT count(*) FROM jobs.jobs").fetchone()
    return int(marker[0]) if count and count[0] == marker[0] else None


def skill_popularity() -> dict[str, tuple[int, int]]:
    """A rank per seeded skill name: the categories' first skills first, round robin, in file order.

    The reference file lists each category's common skills first, so this spreads popularity
    over programming, sales, nursing and the rest instead of favouring one field.
    """
    seen: dict[str, int] = {}
    ranks: dict[str, tuple[int, int]] = {}
    for position, skill in enumerate(json.loads(SKILLS_FILE.read_text())):
        category = skill.get("category") or ""
        ranks[skill["name"]] = (seen.get(category, 0), position)
        seen[category] = seen.get(category, 0) + 1
    return ranks


def read_catalog(conninfo: str) -> Catalog:
    """The real skill taxonomy (most popular first) and the child categories seeded by migrations."""
    with psycopg.connect(conninfo) as conn:
        skills = conn.execute("SELECT id, name FROM profiles.skills").fetchall()
        categories = conn.execute(
            "SELECT id, slug FROM jobs.job_categories WHERE parent_id IS NOT NULL AND is_active ORDER BY slug"
        ).fetchall()
    ranks = skill_popularity()
    ordered = sorted(skills, key=lambda s: (*ranks.get(s[1], (10**6, 0)), s[1]))
    return Catalog(skills=tuple(map(tuple, ordered)), categories=tuple(map(tuple, categories)))


def copy_rows(conn: psycopg.Connection[Any], table: str, columns: Sequence[str], rows: Any) -> int:
    count = 0
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def copy_job_stream(conninfo: str, catalog: Catalog, jobs: int, stream: int, now: datetime) -> int:
    """One COPY stream in its own process: rows ``stream, stream + STREAMS, ...``."""
    writer = JobWriter(catalog, jobs, stream, now)
    started = time.perf_counter()

    def rows() -> Any:
        for done, n in enumerate(range(stream, jobs, STREAMS), start=1):
            yield writer.row(n)
            if done % PROGRESS_EVERY == 0:
                spent = time.perf_counter() - started
                print(f"    stream {stream}: {done:>9,} rows  {spent:6.1f} s", flush=True)

    with psycopg.connect(conninfo) as conn:
        conn.execute("SET synchronous_commit = off")
        return copy_rows(conn, "jobs.jobs", JOB_COLUMNS, rows())


SEARCH_ROWS_TRIGGERS = ("keep_job_search_rows", "keep_job_search_rows_on_update")


def job_indexes() -> list[Index]:
    """The secondary indexes of the postings and of their search rows, dropped for the load."""
    tables = (Job.__table__, JobSearchRow.__table__)
    return sorted((i for t in tables for i in t.indexes), key=lambda index: str(index.name))


def set_search_rows_triggers(conn: Any, enabled: bool) -> None:
    """Off for the COPY: the search rows are then written once, in publishing order, by
    ``jobs.rebuild_job_search_rows()`` (migration 0013), not one row per copied job."""
    for trigger in SEARCH_ROWS_TRIGGERS:
        conn.exec_driver_sql(f"ALTER TABLE jobs.jobs {'ENABLE' if enabled else 'DISABLE'} TRIGGER {trigger}")


def load(db: BenchDatabase, jobs: int) -> LoadReport:
    """Companies and reviews in one stream, then jobs in STREAMS parallel COPY streams, then indexes."""
    catalog = read_catalog(db.conninfo)
    now = datetime.now(UTC)
    companies = company_count(jobs)
    with psycopg.connect(db.conninfo) as conn:
        n_companies = copy_rows(conn, "companies.companies", COMPANY_COLUMNS, company_rows(companies))
        n_reviews = copy_rows(conn, "companies.company_reviews", REVIEW_COLUMNS, review_rows(companies, now))
    engine = create_engine(db.url, poolclass=pool.NullPool)
    indexes = job_indexes()
    with engine.begin() as conn:
        for index in indexes:
            index.drop(conn, checkfirst=True)
        set_search_rows_triggers(conn, enabled=False)
    print(f"  dropped {len(indexes)} secondary indexes; COPY in {STREAMS} streams", flush=True)
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(STREAMS) as workers:
        copied = sum(
            workers.starmap(copy_job_stream, [(db.conninfo, catalog, jobs, s, now) for s in range(STREAMS)])
        )
    copy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with engine.begin() as conn:
        rows_started = time.perf_counter()
        conn.exec_driver_sql("SELECT jobs.rebuild_job_search_rows()")
        set_search_rows_triggers(conn, enabled=True)
        print(f"    search rows in publishing order  {time.perf_counter() - rows_started:7.1f} s", flush=True)
        conn.exec_driver_sql("SET maintenance_work_mem = '512MB'")
        for index in indexes:
            index_started = time.perf_counter()
            index.create(conn)
            print(f"    {index.name:<32}{time.perf_counter() - index_started:7.1f} s", flush=True)
    index_seconds = time.perf_counter() - started
    engine.dispose()
    started = time.perf_counter()
    with psycopg.connect(db.conninfo, autocommit=True) as conn:
        tables = ("jobs.jobs", "jobs.job_search_rows", "companies.companies", "companies.company_reviews")
        for table in tables:
            conn.execute(f"VACUUM (ANALYZE) {table}")
        conn.execute(f"DELETE FROM {MARKER}")
        conn.execute(f"INSERT INTO {MARKER} VALUES (%s, %s, now())", [copied, CORPUS])
    return LoadReport(
        jobs=copied,
        companies=n_companies,
        reviews=n_reviews,
        copy_seconds=copy_seconds,
        index_seconds=index_seconds,
        analyze_seconds=time.perf_counter() - started,
        reused=False,
    )


def prepare(db: BenchDatabase, jobs: int) -> LoadReport:
    """Migrate to head, then load ``jobs`` jobs unless a finished load of that size is there."""
    migrate(db)
    if loaded_jobs(db.conninfo) == jobs:
        return LoadReport(jobs, company_count(jobs), 0, 0.0, 0.0, 0.0, reused=True)
    return load(db, jobs)
