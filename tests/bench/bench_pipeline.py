"""A job's pipeline with 1,000 applicants: ``python -m tests.bench.bench_pipeline``.

Loads into a fresh database (embedded PostgreSQL, or ``--server postgresql://...``) one company
with a job of ``--applicants`` applicants (accounts, profiles with a headline and three skills,
applications spread over the stages, two team ratings on a third of them) among ``--noise``
applications to other jobs. Then times, each over ``--runs`` runs in its own transaction as a
page load is:

* ``load_board``: every column's count and first 25 cards, the read the brief asks about;
* the board filtered by a skill and by a name, and by a minimum rating;
* ``stage_page`` ("load more" in the applied column) and the list view's page 10 by rating.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine, text

from jobhub.auth.principal import Principal
from jobhub.jobs.pipeline_board import (
    CandidateFilters,
    CandidateSort,
    list_candidates,
    load_board,
    stage_page,
)
from jobhub.platform.db import build_engine
from jobhub.platform.migrations import upgrade_database
from jobhub.settings import reset_settings
from tests.bench.bench_admin_users import database
from tests.bench.bench_company_page import report, timed

OWNER = Principal(
    user_id=uuid.uuid4(),
    user_type="employer",
    permissions=frozenset({"companies:read", "jobs:read", "jobs:update"}),
)


def load_pipeline(engine: Engine, applicants: int, noise: int) -> tuple[uuid.UUID, uuid.UUID]:
    """Every row in a few set-based inserts; the job's id and one required skill's id."""
    with engine.begin() as conn:
        company = conn.execute(
            text(
                "INSERT INTO companies.companies (name, slug)"
                " VALUES ('Bench Pipes', 'bench-pipes') RETURNING id"
            )
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO companies.company_employees"
                " (company_id, user_id, team_role, is_admin, employment_status)"
                " VALUES (:c, :u, 'owner', true, 'active')"
            ),
            {"c": company, "u": OWNER.user_id},
        )
        skills = list(conn.execute(text("SELECT id FROM profiles.skills ORDER BY name LIMIT 12")).scalars())
        job = conn.execute(
            text(
                "INSERT INTO jobs.jobs (employer_id, company_id, title, slug, description, employment_type,"
                " status, required_skills) VALUES (:u, :c, 'Pipeline Engineer', 'bench-pipeline', 'Build.',"
                " 'full_time', 'published', CAST(:skills AS uuid[])) RETURNING id"
            ),
            {"u": OWNER.user_id, "c": company, "skills": skills[:5]},
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO jobs.jobs"
                " (employer_id, company_id, title, slug, description, employment_type, status)"
                " SELECT gen_random_uuid(), :c, 'Other ' || n, 'bench-other-' || n, 'Other.', 'full_time',"
                " 'published' FROM generate_series(1, 50) AS n"
            ),
            {"c": company},
        )
        conn.execute(
            text(
                "INSERT INTO auth.users (email, first_name, last_name, user_type)"
                " SELECT 'seeker' || n || '@bench.test', 'Seeker' || n,"
                " (ARRAY['Hopper','Lovelace','Turing','Noether','Curie'])[1 + n % 5], 'job_seeker'"
                " FROM generate_series(1, :n) AS n"
            ),
            {"n": applicants},
        )
        conn.execute(
            text(
                "INSERT INTO profiles.user_profiles (user_id, headline, profile_visibility)"
                " SELECT id, 'Engineer with ' || (length(email) % 9) || ' years',"
                " (ARRAY['public','public','recruiters_only','private'])[1 + abs(hashtext(email)) % 4]"
                " FROM auth.users WHERE email LIKE '%@bench.test'"
            )
        )
        conn.execute(
            text(
                "INSERT INTO profiles.user_skills (user_id, skill_id)"
                " SELECT u.id, (CAST(:skills AS uuid[]))[1 + (abs(hashtext(u.email)) + k) % 12]"
                " FROM auth.users u CROSS JOIN generate_series(0, 2) AS k WHERE u.email LIKE '%@bench.test'"
                " ON CONFLICT DO NOTHING"
            ),
            {"skills": skills},
        )
        conn.execute(
            text(
                "INSERT INTO jobs.job_applications (job_id, applicant_id, status, applied_at)"
                " SELECT :job, id, (ARRAY['applied','applied','applied','screening','interviewing','offered',"
                " 'hired','rejected','withdrawn'])[1 + abs(hashtext(email)) % 9],"
                " now() - make_interval(hours => abs(hashtext(email)) % 2000)"
                " FROM auth.users WHERE email LIKE '%@bench.test'"
            ),
            {"job": job},
        )
        conn.execute(
            text(
                "INSERT INTO jobs.job_applications (job_id, applicant_id, status)"
                " SELECT j.id, gen_random_uuid(), 'applied' FROM generate_series(1, :n) AS n"
                " JOIN jobs.jobs j ON j.slug = 'bench-other-' || (1 + n % 50)"
            ),
            {"n": noise},
        )
        conn.execute(
            text(
                "INSERT INTO jobs.application_ratings (application_id, rater_id, rating)"
                " SELECT a.id, r.rater, 1 + (abs(hashtext(a.id::text)) + r.k) % 5"
                " FROM jobs.job_applications a"
                " CROSS JOIN (VALUES (gen_random_uuid(), 0), (gen_random_uuid(), 2)) AS r(rater, k)"
                " WHERE a.job_id = :job AND abs(hashtext(a.id::text)) % 3 = 0"
            ),
            {"job": job},
        )
        conn.execute(
            text(
                "UPDATE jobs.job_applications a SET rating = m.mean FROM (SELECT application_id,"
                " round(avg(rating))::int AS mean FROM jobs.application_ratings GROUP BY application_id) m"
                " WHERE m.application_id = a.id"
            )
        )
        for table in (
            "jobs.job_applications",
            "jobs.application_ratings",
            "auth.users",
            "profiles.user_skills",
        ):
            conn.execute(text(f"ANALYZE {table}"))
    return job, skills[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--applicants", type=int, default=1_000)
    parser.add_argument("--noise", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=50)
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
        job, skill = load_pipeline(engine, args.applicants, args.noise)
        print(
            f"loaded a job with {args.applicants:,} applicants among {args.noise:,} other applications "
            f"in {time.perf_counter() - started:.1f} s"
        )
        timed(engine, 3, lambda db: load_board(db, OWNER, job))
        runs = args.runs
        report(
            "load_board (7 counts + first 25s)",
            timed(engine, runs, lambda db: load_board(db, OWNER, job)),
            f"({runs} runs)",
        )
        by_skill = CandidateFilters(skill_id=str(skill))
        report("board, skill filter", timed(engine, runs, lambda db: load_board(db, OWNER, job, by_skill)))
        by_name = CandidateFilters(text="seeker12 hopper")
        report("board, name search", timed(engine, runs, lambda db: load_board(db, OWNER, job, by_name)))
        by_rating = CandidateFilters(min_rating=4)
        report("board, rating 4+", timed(engine, runs, lambda db: load_board(db, OWNER, job, by_rating)))
        report(
            "load more (applied, offset 25)",
            timed(engine, runs, lambda db: stage_page(db, OWNER, job, "applied", offset=25)),
        )
        best = CandidateFilters(sort=CandidateSort.RATING)
        report(
            "list page 10 by rating",
            timed(engine, runs, lambda db: list_candidates(db, OWNER, job, best, page=10)),
        )
        engine.dispose()
    finally:
        cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
