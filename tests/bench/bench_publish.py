"""What publishing a posting costs: ``python -m tests.bench.bench_publish --jobs 100000 --server URL``.

Loads the search benchmark's synthetic market (COPY, bench_search_load) into its own database
``jobhub_bench_publish``, gives one of its companies a team, writes ``--publishes`` drafts
through ``postings.create_draft`` (committed, not timed) and then times each publish as a
user's click does it: ``posting_lifecycle.publish`` (row lock, rules, duplicate check against
the company's open jobs, search fields, event) *and* its commit, which is where PostgreSQL
updates the GIN, trigram and partial indexes and the search sample's trigger fires. After
each publish a search for the title's unique word must find the job in the same moment, so
the figure is the price of "published and in search". Prints p50/p95/p99/max in ms, split
into the service call and the commit, the search that proved it visible, and a baseline from
the same run: one ``SELECT 1`` round trip, which says how loaded a shared machine was.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from sqlalchemy import Engine, select
from sqlmodel import Session

from jobhub.auth import permissions as p
from jobhub.auth.principal import Principal
from jobhub.companies.models import Company, CompanyEmployee, TeamRole
from jobhub.jobs import posting_lifecycle, postings
from jobhub.jobs.posting_form import F
from jobhub.jobs.search import search
from jobhub.jobs.search_params import SearchParams
from jobhub.platform.db import build_engine, to_sqlalchemy_url
from tests.bench.bench_search import percentile
from tests.bench.bench_search_corpus import COMMON_WORDS, DOMAINS, ROLES
from tests.bench.bench_search_load import BenchDatabase, open_database, prepare

DATABASE = "jobhub_bench_publish"
SEED = 6
DESCRIPTION_WORDS = 60


@dataclass(frozen=True)
class Timing:
    service_ms: float
    commit_ms: float
    search_ms: float

    @property
    def total_ms(self) -> float:
        return self.service_ms + self.commit_ms


def server_database(server: str, name: str = DATABASE) -> BenchDatabase:
    """Our own database ``name`` on ``server``, so the search benchmark's ``jobhub_bench`` is left alone."""
    conninfo = f"{server.rsplit('/', 1)[0]}/{name}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return BenchDatabase(to_sqlalchemy_url(conninfo), conninfo, drop)


def team_member(engine: Engine) -> tuple[Principal, uuid.UUID]:
    """The owner of the loaded market's biggest company, as an employer principal."""
    who = Principal(
        user_id=uuid.uuid4(),
        user_type="employer",
        permissions=frozenset({p.JOBS_CREATE, p.JOBS_UPDATE, p.COMPANIES_READ}),
    )
    with Session(engine) as db:
        company_id = db.scalars(select(Company.id).order_by(Company.id).limit(1)).one()
        db.add(CompanyEmployee(company_id=company_id, user_id=who.user_id, team_role=TeamRole.OWNER))
        db.commit()
    return who, company_id


def draft_forms(count: int) -> list[dict[str, str]]:
    """Distinct titles and descriptions (no duplicate warning stops a publish), with pay."""
    rng = random.Random(SEED)
    forms = []
    for n in range(count):
        title = f"{rng.choice(DOMAINS)} {rng.choice(ROLES)} {n} {uuid.uuid4().hex[:6]}"
        words = " ".join(rng.choice(COMMON_WORDS) for _ in range(DESCRIPTION_WORDS))
        low = rng.randrange(40, 150) * 1000
        forms.append(
            {
                F.TITLE: title,
                F.DESCRIPTION: f"{title}: {words} {uuid.uuid4().hex}",
                F.LOCATION: rng.choice(["Berlin, Germany", "Austin, TX", "Lisbon", "Toronto"]),
                F.SALARY_MIN: str(low),
                F.SALARY_MAX: str(low + 20_000),
                F.PERIOD: "yearly",
                F.CURRENCY: "EUR",
            }
        )
    return forms


def write_drafts(
    engine: Engine, who: Principal, company_id: uuid.UUID, count: int
) -> list[tuple[uuid.UUID, str]]:
    drafts = []
    with Session(engine) as db:
        for form in draft_forms(count):
            view = postings.create_draft(db, who, company_id, form)
            drafts.append((uuid.UUID(view.id), form[F.TITLE]))
        db.commit()
    return drafts


def publish_one(engine: Engine, who: Principal, job_id: uuid.UUID, title: str) -> Timing:
    with Session(engine) as db:
        started = time.perf_counter()
        posting_lifecycle.publish(db, who, job_id)
        published = time.perf_counter()
        db.commit()
        committed = time.perf_counter()
    with Session(engine) as db:
        result = search(db, SearchParams(q=title.split()[-1]), with_facets=False)
        searched = time.perf_counter()
    if str(job_id) not in {hit.id for hit in result.hits}:
        raise AssertionError(f"published job {job_id} was not found by search at once")
    return Timing((published - started) * 1000, (committed - published) * 1000, (searched - committed) * 1000)


def round_trips(engine: Engine, count: int) -> list[float]:
    """The same run's baseline: one ``SELECT 1`` through a session, what any query costs at least."""
    timings = []
    with Session(engine) as db:
        for _ in range(count):
            started = time.perf_counter()
            db.execute(select(1)).scalar_one()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def line(label: str, values: list[float]) -> str:
    return (
        f"  {label:<22} p50 {percentile(values, 0.5):7.1f}  p95 {percentile(values, 0.95):7.1f}  "
        f"p99 {percentile(values, 0.99):7.1f}  max {max(values):7.1f}  mean {statistics.mean(values):7.1f} ms"
    )


def run(jobs: int, server: str | None, publishes: int) -> int:
    db = server_database(server) if server else open_database(None, False, jobs)
    try:
        load = prepare(db, jobs)
        print(f"-- load: {load.describe()}", flush=True)
        engine = build_engine(db.url)
        who, company_id = team_member(engine)
        drafts = write_drafts(engine, who, company_id, publishes)
        with psycopg.connect(db.conninfo, autocommit=True) as conn:
            conn.execute("VACUUM (ANALYZE) jobs.jobs")
            total = conn.execute("SELECT count(*) FROM jobs.jobs").fetchone()
        print(f"-- {publishes} drafts written; jobs.jobs holds {total[0] if total else 0:,} rows", flush=True)
        timings = [publish_one(engine, who, job_id, title) for job_id, title in drafts]
        baseline = round_trips(engine, publishes)
        engine.dispose()
        print(f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {len(timings)} publishes, each found by search")
        print(line("publish + commit", [t.total_ms for t in timings]))
        print(line("  service call", [t.service_ms for t in timings]))
        print(line("  commit (indexes)", [t.commit_ms for t in timings]))
        print(line("search that found it", [t.search_ms for t in timings]))
        print(line("baseline: SELECT 1", baseline))
        ratio = percentile([t.total_ms for t in timings], 0.5) / percentile(baseline, 0.5)
        print(f"  publish + commit / SELECT 1 at the median: {ratio:.0f}x")
    finally:
        db.cleanup()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=100_000, help="jobs in the table before publishing")
    parser.add_argument("--publishes", type=int, default=200, help="publishes to time")
    parser.add_argument("--server", help="PostgreSQL URL; the benchmark uses its own database " + DATABASE)
    args = parser.parse_args()
    return run(args.jobs, args.server, args.publishes)


if __name__ == "__main__":
    raise SystemExit(main())
