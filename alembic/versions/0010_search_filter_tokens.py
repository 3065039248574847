"""search filters as tokens of the postings' search vector, and statistics on their skills

Measured on the benchmark's million jobs: a search of common words with filters read every
row the words matched (half a million for "python developer") to test its type, level, pay
and skills, seconds per query. ``jobs.jobs.search_vector`` now also holds one lexeme per
filter value of the posting (``jobhub/jobs/filter_tokens.py``), so the GIN index answers
words and filters in one scan and only matches are read. The column is generated, so it is
dropped and added again (PostgreSQL before 17 cannot change a generated expression); that
rewrites the table, and a ``VACUUM FULL`` once more so the vectors are kept in the row. Its GIN
index, in-row storage and lz4 compression come back with it, and the search sample's copies of
the vector are refreshed.

``jobs.jobs_skills`` gives the planner statistics on the skills array the skills filter
tests: without them it guessed 4,500 matches for a skill held by 480,000 jobs (the partial
GIN index's own statistics are not used for estimates) and walked the wrong index.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 20:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The expressions as they were at this revision (the models may move on; a migration must not).
SEARCH_TEXT = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(search_keywords, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(description, '')), 'C')"
)
FILTER_TOKENS = (
    "array_to_tsvector(array_remove(ARRAY['type:' || employment_type, 'level:' || experience_level, "
    "'remote:' || remote_policy, category_id::text, company_id::text, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 10000 THEN 'pay:10000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 20000 THEN 'pay:20000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 30000 THEN 'pay:30000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 40000 THEN 'pay:40000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 50000 THEN 'pay:50000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 60000 THEN 'pay:60000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 70000 THEN 'pay:70000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 80000 THEN 'pay:80000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 90000 THEN 'pay:90000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 100000 THEN 'pay:100000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 110000 THEN 'pay:110000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 120000 THEN 'pay:120000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 130000 THEN 'pay:130000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 140000 THEN 'pay:140000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 150000 THEN 'pay:150000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 160000 THEN 'pay:160000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 170000 THEN 'pay:170000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 180000 THEN 'pay:180000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 190000 THEN 'pay:190000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 200000 THEN 'pay:200000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 250000 THEN 'pay:250000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 300000 THEN 'pay:300000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 400000 THEN 'pay:400000' END, "
    "CASE WHEN show_salary AND COALESCE(salary_max_yearly, salary_min_yearly) >= 500000 THEN 'pay:500000' END"
    "]::text[], NULL) || COALESCE(required_skills::text[], '{}') || COALESCE(preferred_skills::text[], '{}'))"
)
SEARCH_VECTOR = f"{SEARCH_TEXT} || {FILTER_TOKENS}"
JOB_SKILLS = "(COALESCE(required_skills, '{}'::uuid[]) || COALESCE(preferred_skills, '{}'::uuid[]))"


def _replace_vector(expression: str) -> None:
    op.execute("ALTER TABLE jobs.jobs DROP COLUMN search_vector")
    op.execute(
        f"ALTER TABLE jobs.jobs ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED"
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
    # ADD COLUMN wrote every vector before SET STORAGE MAIN could apply, so out of line (a
    # TOAST fetch per row read); VACUUM FULL writes each row again under the column's storage.
    with op.get_context().autocommit_block():
        op.execute("VACUUM FULL jobs.jobs")


def upgrade() -> None:
    _replace_vector(SEARCH_VECTOR)
    op.execute(f"CREATE STATISTICS jobs.jobs_skills ON ({JOB_SKILLS}) FROM jobs.jobs")
    op.execute("ANALYZE jobs.jobs")


def downgrade() -> None:
    op.execute("DROP STATISTICS jobs.jobs_skills")
    _replace_vector(SEARCH_TEXT)
