"""search ranks by a small vector of the title and skills kept in the search row; promoted matches have an index of their own

Relevance ranked the newest few hundred matches with ``ts_rank_cd`` over the posting's whole
vector: 2.4 kB out of line (the description's words and their positions), so each ranked row
cost a TOAST fetch and a decompression. At a million jobs that was 15-20 ms of every keyword
search's 60-90 (EXPLAIN ANALYZE of the scored join: 393 rows in 20 ms, "engineer -senior"
within 50 miles of London). ``rank_vector`` holds what ranks a job above another, the title
(A) and its skills and company (B), about a hundred bytes kept in the row (``STORAGE MAIN``),
so ranking reads nothing more than the row. A job whose words are only in its description
still matches (the whole vector decides that) and ranks by freshness and promotion alone.

The promoted matches of a span of recent days were meant to come from the promoted jobs'
GIN index, but for common words the planner ANDed the whole index's posting lists (48,000
rows, 45 ms for "marketing strategist") with the promoted B-tree instead. The promoted index
is now on ``search_vector || ''::tsvector`` (the same vector), which only a condition written
that way matches, so the promoted part cannot take the big index any more.

The search rows are written again in publishing order with the new column (the indexes are
built after, as in 0013).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "id, status, deleted_at, expires_at, published_at, search_vector, employment_type, experience_level, "
    "remote_policy, category_id, company_id, location, latitude, longitude, salary_min_yearly, "
    "salary_max_yearly, show_salary, required_skills, preferred_skills, priority_level"
)
OPEN = "status = 'published' AND deleted_at IS NULL"
RANK_VECTOR = (
    "setweight(to_tsvector('english', coalesce({row}.title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce({row}.search_keywords, '')), 'B')"
)
PAY = "(CASE WHEN show_salary THEN COALESCE(salary_max_yearly, salary_min_yearly) END)"
INDEXES = {
    "idx_job_search_rows_vector": "USING gin (search_vector)",
    "idx_job_search_rows_published": "(published_at DESC)",
    "idx_job_search_rows_pay": f"({PAY} DESC NULLS LAST, published_at DESC)",
    "idx_job_search_rows_geo": "USING gist (point(longitude, latitude))",
    "idx_job_search_rows_promoted": "(priority_level DESC, published_at DESC) WHERE priority_level > 0",
}
PROMOTED_VECTOR = "idx_job_search_rows_promoted_vector"
PROMOTED_BEFORE = "USING gin (search_vector) WHERE priority_level > 0"
PROMOTED_AFTER = "USING gin ((search_vector || ''::tsvector)) WHERE priority_level > 0"


def _values(row: str) -> str:
    return ", ".join(f"{row}.{c.strip()}" for c in COLUMNS.split(","))


def _functions(with_rank: bool) -> None:
    """The trigger's and the rebuild's functions, writing ``rank_vector`` or not."""
    columns = f"{COLUMNS}, rank_vector" if with_rank else COLUMNS
    new_values = _values("NEW") + (f", {RANK_VECTOR.format(row='NEW')}" if with_rank else "")
    old_values = _values("j") + (f", {RANK_VECTOR.format(row='j')}" if with_rank else "")
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION jobs.keep_job_search_rows() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                DELETE FROM jobs.job_search_rows WHERE id = OLD.id;
            END IF;
            IF TG_OP <> 'DELETE' AND NEW.{OPEN.replace(" AND ", " AND NEW.")} THEN
                INSERT INTO jobs.job_search_rows ({columns}) VALUES ({new_values});
            END IF;
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION jobs.rebuild_job_search_rows() RETURNS bigint LANGUAGE sql AS $$
            TRUNCATE jobs.job_search_rows;
            INSERT INTO jobs.job_search_rows ({columns})
            SELECT {old_values} FROM jobs.jobs j WHERE j.{OPEN.replace(" AND ", " AND j.")}
            ORDER BY j.published_at;
            SELECT count(*) FROM jobs.job_search_rows;
        $$
        """
    )


def _rewrite(promoted: str) -> None:
    """Write the rows again in publishing order, then build the indexes (faster than keeping them)."""
    for name in [*INDEXES, PROMOTED_VECTOR]:
        op.execute(f"DROP INDEX IF EXISTS jobs.{name}")
    op.execute("SELECT jobs.rebuild_job_search_rows()")
    for name, definition in {**INDEXES, PROMOTED_VECTOR: promoted}.items():
        op.execute(f"CREATE INDEX {name} ON jobs.job_search_rows {definition}")
    op.execute("ANALYZE jobs.job_search_rows")


def upgrade() -> None:
    op.execute("ALTER TABLE jobs.job_search_rows ADD COLUMN rank_vector tsvector")
    # In the row, like the skill arrays: out of line it would cost the fetch it is here to save.
    op.execute("ALTER TABLE jobs.job_search_rows ALTER COLUMN rank_vector SET STORAGE MAIN")
    _functions(with_rank=True)
    _rewrite(PROMOTED_AFTER)


def downgrade() -> None:
    _functions(with_rank=False)
    op.execute("ALTER TABLE jobs.job_search_rows DROP COLUMN rank_vector")
    _rewrite(PROMOTED_BEFORE)
