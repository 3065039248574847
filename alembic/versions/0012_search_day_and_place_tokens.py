"""search filters by date and place as tokens of the postings' search vector

Measured on the benchmark's million jobs: four of the five slowest searches filtered by the
publishing date, and a rare word within 50 km of Manhattan read 51,000 heap pages to find 30
jobs, because the GIN index that answers words and the other filters (revision 0010) could not
see the date or the place, so the planner read everything the rest matched. Each posting's
vector now also holds its UTC publishing day (``day:<days since 2000-01-01>``) and its map
cells at half a degree and two degrees (``geo05:<row>:<col>``, ``geo20:``); "posted within 3
days" and "within 50 km" become a few OR-ed tokens the index intersects with the rest, and the
columns still decide at the edges (``jobhub/jobs/filter_tokens.py``). The column is generated,
so it is dropped and added again as in 0010 (a table rewrite, then ``VACUUM FULL`` so the
vectors stay in the row).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 23:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The expressions as they are at this revision (the models may move on; a migration must not).
SEARCH_TEXT = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(search_keywords, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(description, '')), 'C')"
)
DAY_AND_PLACE = (
    "'day:' || ((published_at AT TIME ZONE 'UTC')::date - DATE '2000-01-01')::text, "
    "'geo05:' || floor(latitude / 0.5)::integer::text || ':' || floor(longitude / 0.5)::integer::text, "
    "'geo20:' || floor(latitude / 2.0)::integer::text || ':' || floor(longitude / 2.0)::integer::text"
)
FILTER_TOKENS = (
    "array_to_tsvector(array_remove(ARRAY['type:' || employment_type, 'level:' || experience_level, "
    "'remote:' || remote_policy, category_id::text, company_id::text, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 10000 THEN 'pay:10000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 20000 THEN 'pay:20000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 30000 THEN 'pay:30000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 40000 THEN 'pay:40000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 50000 THEN 'pay:50000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 60000 THEN 'pay:60000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 70000 THEN 'pay:70000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 80000 THEN 'pay:80000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 90000 THEN 'pay:90000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 100000 THEN 'pay:100000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 110000 THEN 'pay:110000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 120000 THEN 'pay:120000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 130000 THEN 'pay:130000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 140000 THEN 'pay:140000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 150000 THEN 'pay:150000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 160000 THEN 'pay:160000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 170000 THEN 'pay:170000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 180000 THEN 'pay:180000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 190000 THEN 'pay:190000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 200000 THEN 'pay:200000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 250000 THEN 'pay:250000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 300000 THEN 'pay:300000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 400000 THEN 'pay:400000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, "
    "salary_min_yearly) >= 500000 THEN 'pay:500000' END, "
    "'day:' || ((published_at AT TIME ZONE 'UTC')::date - DATE '2000-01-01')::text, "
    "'geo05:' || floor(latitude / 0.5)::integer::text || ':' || floor(longitude / 0.5)::integer::text"
    ", 'geo20:' || floor(latitude / 2.0)::integer::text || ':' || floor(longitude / 2.0)::integer::te"
    "xt]::text[], NULL) || COALESCE(required_skills::text[], "
    "'{}') || COALESCE(preferred_skills::text[], '{}'))"
)
OLD_FILTER_TOKENS = FILTER_TOKENS.replace(", " + DAY_AND_PLACE, "")


def _replace_vector(tokens: str) -> None:
    op.execute("ALTER TABLE jobs.jobs DROP COLUMN search_vector")
    op.execute(
        "ALTER TABLE jobs.jobs ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({SEARCH_TEXT} || {tokens}) STORED"
    )
    op.execute("ALTER TABLE jobs.jobs ALTER COLUMN search_vector SET STORAGE MAIN")
    op.execute(
        """
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'
                       AND 'lz4' = ANY(enumvals)) THEN
                ALTER TABLE jobs.jobs ALTER COLUMN search_vector SET COMPRESSION lz4;
            END IF;
        END
        $$
        """
    )
    op.execute("CREATE INDEX idx_jobs_search ON jobs.jobs USING gin (search_vector) WHERE deleted_at IS NULL")
    op.execute(
        "UPDATE jobs.job_search_sample s SET search_vector = j.search_vector FROM jobs.jobs j WHERE j.id = s.id"
    )
    with op.get_context().autocommit_block():
        op.execute("VACUUM FULL jobs.jobs")
    op.execute("ANALYZE jobs.jobs")


def upgrade() -> None:
    _replace_vector(FILTER_TOKENS)


def downgrade() -> None:
    _replace_vector(OLD_FILTER_TOKENS)
