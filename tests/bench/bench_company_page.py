"""The company page with 200 open jobs: ``python -m tests.bench.bench_company_page``.

Loads a market into a fresh database (embedded PostgreSQL, or ``--server postgresql://...``):
``--companies`` companies and ``--jobs`` postings spread over them, plus one company with
``--open`` open jobs (three skills each), 40 approved reviews, 12 approved photos and a team.
Then times, each over ``--runs`` runs in its own transaction as a page load is:

* ``company_page`` (the whole view model, first page of 20 jobs), the read the brief asks about;
* ``company_jobs`` for the last page of that company's jobs (the page's own paging);
* ``search_companies`` for the directory unfiltered and for a name;
* a rename through ``update_company``, which refreshes the search fields of all its jobs
  (rolled back after each run, so every run renames the same 200 jobs).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies import profile
from jobhub.companies.company_public import company_jobs, company_page
from jobhub.companies.directory import search_companies
from jobhub.companies.directory_params import DirectoryParams
from jobhub.companies.models import Company
from jobhub.platform.db import build_engine
from jobhub.platform.migrations import upgrade_database
from jobhub.settings import reset_settings
from tests.bench.bench_admin_users import database, percentile

SLUG = "bench-robotics"
OWNER = Principal(
    user_id=uuid.uuid4(),
    user_type="employer",
    permissions=frozenset({"companies:read", "companies:create", "companies:update"}),
)


def load_market(engine: Engine, companies: int, jobs: int, open_jobs: int) -> uuid.UUID:
    """Every row in a few set-based inserts; the benchmarked company's id."""
    with engine.begin() as conn:
        conn.execute(
            text(
                """
                INSERT INTO companies.companies (name, slug, industry, company_size, headquarters_location,
                                                 description, is_verified)
                SELECT 'Company ' || n, 'company-' || n,
                       (ARRAY['Software','Fintech','Health','Logistics','Energy'])[1 + n % 5],
                       (ARRAY['1-10','11-50','51-200','201-500','501-1000'])[1 + n % 5],
                       (ARRAY['Berlin, Germany','Austin, TX','London, UK','Paris, France'])[1 + n % 4],
                       'We make things number ' || n || '.', n % 3 = 0
                FROM generate_series(1, :companies) AS n
                """
            ),
            {"companies": companies},
        )
        company_id = conn.execute(
            text(
                """
                INSERT INTO companies.companies (name, slug, tagline, industry, company_size, founded_year,
                    headquarters_location, latitude, longitude, description, benefits, perks, values,
                    website_url, linkedin_url, is_verified)
                VALUES ('Bench Robotics', :slug, 'Warehouse robots', 'Robotics', '201-500', 2012,
                    'Berlin, Germany', 52.52, 13.405, repeat('We build robots. ', 200),
                    ARRAY['Health insurance','Pension','Bike leasing'], ARRAY['Lunch','Gym'],
                    '[{"name": "Ownership", "description": "We run what we ship"}]'::jsonb,
                    'https://bench.example.com', 'https://www.linkedin.com/company/bench', true)
                RETURNING id
                """
            ),
            {"slug": SLUG},
        ).scalar_one()
        skills = list(conn.execute(text("SELECT id FROM profiles.skills ORDER BY name LIMIT 60")).scalars())
        common = (
            "employer_id, company_id, title, slug, description, employment_type, status, published_at, "
            "location, salary_min, salary_max, salary_currency, salary_period, required_skills"
        )
        conn.execute(
            text(
                f"""
                INSERT INTO jobs.jobs ({common})
                SELECT gen_random_uuid(), c.id, 'Engineer ' || n, 'job-' || n,
                       'Build things, job ' || n || '.', 'full_time',
                       (ARRAY['published','published','published','closed','draft'])[1 + n % 5],
                       now() - make_interval(hours => n % 5000), 'Berlin, Germany',
                       60000, 90000, 'EUR', 'yearly', (CAST(:skills AS uuid[]))[1 + n % 60 : 3 + n % 60]
                FROM generate_series(1, :jobs) AS n
                JOIN companies.companies c ON c.slug = 'company-' || (1 + n % :companies)
                """
            ),
            {"jobs": jobs, "companies": companies, "skills": skills * 2},
        )
        conn.execute(
            text(
                f"""
                INSERT INTO jobs.jobs ({common})
                SELECT :owner, :company, 'Robot Technician ' || n, 'bench-job-' || n, 'Keep robots running.',
                       'full_time', 'published', now() - make_interval(hours => n), 'Berlin, Germany',
                       50000, 70000, 'EUR', 'yearly', (CAST(:skills AS uuid[]))[1 + n % 60 : 3 + n % 60]
                FROM generate_series(1, :open) AS n
                """
            ),
            {"owner": OWNER.user_id, "company": company_id, "open": open_jobs, "skills": skills * 2},
        )
        conn.execute(
            text(
                """
                INSERT INTO companies.company_reviews (company_id, reviewer_id, overall_rating,
                    culture_rating, work_life_balance_rating, title, pros, cons, status, would_recommend)
                SELECT :company, gen_random_uuid(), 1 + n % 5, 1 + n % 4, 2 + n % 4, 'Review ' || n,
                       'Pros', 'Cons', (ARRAY['approved','approved','pending'])[1 + n % 3], n % 2 = 0
                FROM generate_series(1, 60) AS n
                """
            ),
            {"company": company_id},
        )
        conn.execute(
            text(
                """
                INSERT INTO companies.company_photos (company_id, uploaded_by, file_name, file_url, status,
                                                      display_order)
                SELECT :company, gen_random_uuid(), n || '.jpg',
                       '/files/public/photos/' || md5(n::text) || '.jpg', 'approved', n
                FROM generate_series(1, 12) AS n
                """
            ),
            {"company": company_id},
        )
        conn.execute(
            text(
                """
                INSERT INTO companies.company_employees
                    (company_id, user_id, team_role, is_admin, employment_status)
                VALUES (:company, :owner, 'owner', true, 'active')
                """
            ),
            {"company": company_id, "owner": OWNER.user_id},
        )
        for table in ("companies.companies", "jobs.jobs", "companies.company_reviews"):
            conn.execute(text(f"ANALYZE {table}"))
    return company_id


def timed(engine: Engine, runs: int, action: Callable[[Session], object]) -> list[float]:
    latencies: list[float] = []
    for _ in range(runs):
        with Session(engine) as db:
            started = time.perf_counter()
            action(db)
            latencies.append((time.perf_counter() - started) * 1000)
            db.rollback()
    return latencies


def report(name: str, latencies: list[float], note: str = "") -> None:
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    print(f"{name:<34} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {note}")


def rename(db: Session, company_id: uuid.UUID) -> None:
    form = profile.stored_form(db.get_one(Company, company_id))
    profile.update_company(
        db, OWNER, company_id, replace(form, name=f"Bench Robotics {uuid.uuid4().hex[:6]}")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--companies", type=int, default=2_000)
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=200)
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
        company_id = load_market(engine, args.companies, args.jobs, args.open)
        print(
            f"loaded {args.companies:,} companies and {args.jobs:,} jobs, plus {args.open} open jobs of "
            f"{SLUG}, in {time.perf_counter() - started:.1f} s"
        )
        last = -(-args.open // 20)
        timed(engine, 3, lambda db: company_page(db, SLUG))
        page = timed(engine, args.runs, lambda db: company_page(db, SLUG))
        report("company_page (view model, 20 jobs)", page, f"({args.runs} runs)")
        report(
            f"company_jobs page {last}",
            timed(engine, args.runs, lambda db: company_jobs(db, company_id, last)),
        )
        report(
            "directory, no filter",
            timed(engine, args.runs, lambda db: search_companies(db, DirectoryParams())),
        )
        report(
            "directory, q=company 12",
            timed(engine, args.runs, lambda db: search_companies(db, DirectoryParams(q="company 12"))),
        )
        renames = max(5, args.runs // 10)
        report(
            f"rename + refresh {args.open} jobs",
            timed(engine, renames, lambda db: rename(db, company_id)),
            f"({renames} runs, rolled back)",
        )
        engine.dispose()
    finally:
        cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
