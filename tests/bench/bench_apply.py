"""What applying costs: ``python -m tests.bench.bench_apply [--jobs N] [--applications N] [--server URL]``.

Loads the search benchmark's synthetic market (COPY, bench_search_load) into its own database
``jobhub_bench_apply`` (on ``--server``, else a throwaway embedded PostgreSQL), adds
``--applications`` applications spread over the open jobs with one timeline step each (COPY),
gives the companies under test a four-person team and three screening questions, then times
``--applies`` applications as a seeker's submit does it: ``applications.submit_application``
(open-job check, duplicate check, answers, insert, timeline step, outbox event, job counter,
one notification per team member, the confirmation mail built) *and* its commit, then the
confirmation the browser shows next (``application_detail`` of the new application). The
mail itself is sent after commit by the state and is not timed (SMTP is someone else's server).
Prints p50/p95/p99/max in ms and a ``SELECT 1`` baseline from the same run.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import psycopg
from sqlalchemy import Engine, select, text
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies.models import CompanyEmployee, TeamRole
from jobhub.jobs.application_tracker import application_detail
from jobhub.jobs.applications import submit_application
from jobhub.jobs.models import Job
from jobhub.jobs.service import open_job_filter
from jobhub.platform.db import build_engine
from tests.bench.bench_publish import line, round_trips, server_database
from tests.bench.bench_search import percentile
from tests.bench.bench_search_load import BenchDatabase, open_database, prepare

DATABASE = "jobhub_bench_apply"
SEED = 7
TEAM_COMPANIES = 20
QUESTIONS = [
    {"question": "Are you allowed to work here?", "type": "yes_no", "required": True},
    {"question": "Which office?", "type": "choice", "choices": ["Berlin", "Remote"], "required": False},
    {"question": "What did you ship last?", "type": "text", "required": True},
]
NULL = "\\N"
"""COPY's NULL."""
ANSWERS = {"0": "yes", "1": "Remote", "2": "A payments API used by a million people"}


@dataclass(frozen=True)
class Timing:
    submit_ms: float
    commit_ms: float
    confirm_ms: float

    @property
    def total_ms(self) -> float:
        return self.submit_ms + self.commit_ms


def open_jobs(engine: Engine, count: int) -> list[uuid.UUID]:
    with Session(engine) as db:
        return list(
            db.scalars(
                select(Job.id)
                .where(
                    open_job_filter(datetime.now(UTC)),
                    Job.company_id.is_not(None),
                    Job.external_application_url.is_(None),
                    Job.application_deadline.is_(None),
                )
                .order_by(Job.id)
                .limit(count)
            )
        )


def copy_applications(conninfo: str, jobs: list[uuid.UUID], count: int) -> float:
    """``count`` applications (random seekers, unique per job) and their ``applied`` steps, by COPY."""
    rng = random.Random(SEED)
    now = datetime.now(UTC)
    apps, steps = io.StringIO(), io.StringIO()
    for _ in range(count):
        app_id, applied = uuid.uuid4(), now - timedelta(days=rng.uniform(0, 200))
        status = rng.choice(["applied", "applied", "screening", "interviewing", "rejected"])
        answered = "" if status == "applied" else (applied + timedelta(days=rng.uniform(0, 30))).isoformat()
        row = (app_id, rng.choice(jobs), uuid.uuid4(), status, applied.isoformat(), answered or NULL)
        apps.write("\t".join(map(str, row)) + "\n")
        steps.write(f"{uuid.uuid4()}\t{app_id}\tapplied\tseeker\t{applied.isoformat()}\n")
    started = time.perf_counter()
    with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
        with cur.copy(
            "COPY jobs.job_applications (id, job_id, applicant_id, status, applied_at, first_response_at) "
            "FROM STDIN"
        ) as copy:
            copy.write(apps.getvalue())
        with cur.copy(
            "COPY jobs.application_events (id, application_id, kind, actor_kind, created_at) FROM STDIN"
        ) as copy:
            copy.write(steps.getvalue())
        conn.commit()
        conn.autocommit = True
        cur.execute("VACUUM (ANALYZE) jobs.job_applications")
        cur.execute("VACUUM (ANALYZE) jobs.application_events")
    return time.perf_counter() - started


def prepare_targets(engine: Engine, jobs: list[uuid.UUID]) -> None:
    """Screening questions on the jobs under test and a four-person team on each of their companies."""
    with Session(engine) as db:
        db.execute(
            text("UPDATE jobs.jobs SET screening_questions = CAST(:q AS jsonb) WHERE id = ANY(:ids)"),
            {"q": json.dumps(QUESTIONS), "ids": jobs},
        )
        companies = set(db.scalars(select(Job.company_id).where(Job.id.in_(jobs))))
        for company in companies:
            for role in TeamRole:
                db.add(CompanyEmployee(company_id=company, user_id=uuid.uuid4(), team_role=role.value))
        db.commit()


def apply_once(engine: Engine, job_id: uuid.UUID) -> Timing:
    who = Principal(user_id=uuid.uuid4(), user_type="job_seeker", display_name="Bench Seeker")
    with Session(engine) as db:
        started = time.perf_counter()
        submitted = submit_application(
            db, who, job_id, resume_id=None, cover_letter="I would like to join.", answers=ANSWERS
        )
        done = time.perf_counter()
        db.commit()
        committed = time.perf_counter()
    with Session(engine) as db:
        detail = application_detail(db, who, submitted.application_id)
        confirmed = time.perf_counter()
    if detail.timeline[0].title != "You applied":
        raise AssertionError("the confirmation did not show the new application")
    return Timing((done - started) * 1000, (committed - done) * 1000, (confirmed - committed) * 1000)


def run(jobs: int, applications: int, applies: int, server: str | None) -> int:
    db: BenchDatabase = server_database(server, DATABASE) if server else open_database(None, False, jobs)
    try:
        load = prepare(db, jobs)
        print(f"-- load: {load.describe()}", flush=True)
        engine = build_engine(db.url)
        pool = open_jobs(engine, 5_000)
        seconds = copy_applications(db.conninfo, pool, applications)
        print(f"-- {applications:,} applications and their first steps copied in {seconds:.1f} s", flush=True)
        with Session(engine) as session:
            companies = list(
                session.scalars(
                    select(Job.company_id)
                    .where(Job.id.in_(pool))
                    .distinct()
                    .order_by(Job.company_id)
                    .limit(TEAM_COMPANIES)
                )
            )
            targets = list(
                session.scalars(select(Job.id).where(Job.id.in_(pool), Job.company_id.in_(companies)))
            )
        prepare_targets(engine, targets)
        rng = random.Random(SEED)
        timings = [apply_once(engine, rng.choice(targets)) for _ in range(applies)]
        baseline = round_trips(engine, applies)
        engine.dispose()
        print(f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {len(timings)} applications to {len(targets)} jobs")
        print(line("submit + commit", [t.total_ms for t in timings]))
        print(line("  service call", [t.submit_ms for t in timings]))
        print(line("  commit", [t.commit_ms for t in timings]))
        print(line("confirmation read", [t.confirm_ms for t in timings]))
        print(line("baseline: SELECT 1", baseline))
        ratio = percentile([t.total_ms for t in timings], 0.5) / percentile(baseline, 0.5)
        print(f"  submit + commit / SELECT 1 at the median: {ratio:.0f}x")
    finally:
        db.cleanup()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=100_000, help="jobs in the table")
    parser.add_argument("--applications", type=int, default=300_000, help="applications already stored")
    parser.add_argument("--applies", type=int, default=200, help="applications to time")
    parser.add_argument("--server", help="PostgreSQL URL; the benchmark uses its own database " + DATABASE)
    args = parser.parse_args()
    return run(args.jobs, args.applications, args.applies, args.server)


if __name__ == "__main__":
    raise SystemExit(main())
