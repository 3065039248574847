"""search reads a narrow copy of the published jobs, in publishing order

At a million jobs the slow searches were bound by heap pages: a posting's row is 4-5 kB (the
description, requirements and benefits, and a 2.6 kB vector kept in the row by 0008), one to
an 8 kB page, so a search that read the 15,000 jobs matching "backend engineer" with two
filters read 15,000 pages, and walking the date index for the newest matches read one page
per job walked. ``jobs.job_search_rows`` holds one row per published job with only what search
filters, counts and ranks by (the columns of ``job_search_sample``): the vector out of line (the
GIN index answers words without reading it; only the ranked window of a few hundred rows and
the phrase check do), everything else in the row (``STORAGE MAIN``: with the row target at 128
bytes the toaster would move the skill arrays out too, ten page reads a filtered row), about 20
rows to a page, written in publishing order so the newest matches of a search lie on a few
neighbouring pages.

The skills have no index of their own here: their ids are tokens of the vector, and the
planner, given both, ANDed an 80,000-row bitmap of one skill to the vector's (12-18 ms).

A second, partial GIN index holds the promoted jobs only (one in twenty): relevance ranks the
promoted matches beside the newest ones, and finding them in the whole index cost 12-18 ms of
posting lists for "backend engineer" (measured).

One sampled job in ten (one published job in a thousand) carries ``sample:thin`` in the
sample's copy of its vector: facets of a search matching hundreds of thousands of jobs are
counted over those (500+ rows are plenty for two significant figures), so the GIN index hands
over a tenth of the rows and a phrase is checked in a tenth of the vectors ("engineer" counted
5,000 sampled rows in 10 ms; a common phrase checked 8,500 in 20 ms).

A row trigger on ``jobs.jobs`` keeps the table (COPY included); its ``WHEN`` skips updates that
leave every copied column alone, so counting a view does not rewrite the search row.
``jobs.rebuild_job_search_rows()`` writes the whole table again in publishing order: this
migration, and the benchmark after a bulk load with the trigger disabled. Emptying ``jobs.jobs``
(``TRUNCATE``, which fires no row trigger) empties both search copies. The search indexes of
``jobs.jobs`` that only search used move here. A later migration that rewrites
``jobs.search_vector`` (as 0010 and 0012 did) must copy it here too, and keep the sample's thin
token.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "id, status, deleted_at, expires_at, published_at, search_vector, employment_type, experience_level, "
    "remote_policy, category_id, company_id, location, latitude, longitude, salary_min_yearly, "
    "salary_max_yearly, show_salary, required_skills, preferred_skills, priority_level"
)
INLINE = (
    "status",
    "employment_type",
    "experience_level",
    "remote_policy",
    "location",
    "required_skills",
    "preferred_skills",
)
OPEN = "status = 'published' AND deleted_at IS NULL"
PAY = "(CASE WHEN show_salary THEN COALESCE(salary_max_yearly, salary_min_yearly) END)"
INDEXES = {
    "idx_job_search_rows_vector": "USING gin (search_vector)",
    "idx_job_search_rows_published": "(published_at DESC)",
    "idx_job_search_rows_pay": f"({PAY} DESC NULLS LAST, published_at DESC)",
    "idx_job_search_rows_geo": "USING gist (point(longitude, latitude))",
    "idx_job_search_rows_promoted": "(priority_level DESC, published_at DESC) WHERE priority_level > 0",
    "idx_job_search_rows_promoted_vector": "USING gin (search_vector) WHERE priority_level > 0",
}
MOVED_INDEXES = {
    "idx_jobs_search": "USING gin (search_vector) WHERE deleted_at IS NULL",
    "idx_jobs_open_pay": f"({PAY} DESC NULLS LAST, published_at DESC) WHERE {OPEN}",
    "idx_jobs_geo": f"USING gist (point(longitude, latitude)) WHERE {OPEN}",
    "idx_jobs_promoted": f"(priority_level DESC, published_at DESC) WHERE {OPEN} AND priority_level > 0",
}


THIN_TOKEN = "sample:thin"
IN_SAMPLE = "abs(hashtext({id}::text)) % 100 = 0"
IN_THIN = "abs(hashtext({id}::text)) % 1000 = 0"


def _sample_function(vector: str) -> str:
    """The sample's trigger function (0008's) writing ``vector`` as the row's vector."""
    values = _values("NEW").replace("NEW.search_vector", vector)
    return f"""
        CREATE OR REPLACE FUNCTION jobs.keep_job_search_sample() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                DELETE FROM jobs.job_search_sample WHERE id = OLD.id;
            END IF;
            IF TG_OP <> 'DELETE' AND NEW.status = 'published' AND NEW.deleted_at IS NULL
               AND {IN_SAMPLE.format(id="NEW.id")} THEN
                INSERT INTO jobs.job_search_sample ({COLUMNS}) VALUES ({values});
            END IF;
            RETURN NULL;
        END
        $$
        """


THIN_VECTOR = (
    f"CASE WHEN {IN_THIN.format(id='NEW.id')} THEN NEW.search_vector || "
    f"array_to_tsvector(ARRAY['{THIN_TOKEN}']) ELSE NEW.search_vector END"
)


def _values(row: str) -> str:
    """The copied columns of ``row`` (NEW, or a table alias)."""
    return ", ".join(f"{row}.{c.strip()}" for c in COLUMNS.split(","))


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE jobs.job_search_rows (
            id uuid PRIMARY KEY,
            status varchar(50) NOT NULL,
            deleted_at timestamptz,
            expires_at timestamptz,
            published_at timestamptz,
            search_vector tsvector,
            employment_type varchar(50) NOT NULL,
            experience_level varchar(50),
            remote_policy varchar(50),
            category_id uuid,
            company_id uuid,
            location varchar(255),
            latitude double precision,
            longitude double precision,
            salary_min_yearly integer,
            salary_max_yearly integer,
            show_salary boolean NOT NULL,
            required_skills uuid[],
            preferred_skills uuid[],
            priority_level integer NOT NULL
        ) WITH (toast_tuple_target = 128, fillfactor = 100)
        """
    )
    # Only the vector may leave the row: with the target at 128 bytes the toaster would move the
    # skill arrays and the place out of line too, and every filtered row cost ten page reads.
    for column in INLINE:
        op.execute(f"ALTER TABLE jobs.job_search_rows ALTER COLUMN {column} SET STORAGE MAIN")
    op.execute(
        f"""
        CREATE FUNCTION jobs.keep_job_search_rows() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                DELETE FROM jobs.job_search_rows WHERE id = OLD.id;
            END IF;
            IF TG_OP <> 'DELETE' AND NEW.{OPEN.replace(" AND ", " AND NEW.")} THEN
                INSERT INTO jobs.job_search_rows ({COLUMNS}) VALUES ({_values("NEW")});
            END IF;
            RETURN NULL;
        END
        $$
        """
    )
    changed = " OR ".join(
        f"OLD.{c.strip()} IS DISTINCT FROM NEW.{c.strip()}" for c in COLUMNS.split(",") if c.strip() != "id"
    )
    op.execute(
        "CREATE TRIGGER keep_job_search_rows AFTER INSERT OR DELETE ON jobs.jobs "
        "FOR EACH ROW EXECUTE FUNCTION jobs.keep_job_search_rows()"
    )
    op.execute(
        "CREATE TRIGGER keep_job_search_rows_on_update AFTER UPDATE ON jobs.jobs "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION jobs.keep_job_search_rows()"
    )
    op.execute(
        """
        CREATE FUNCTION jobs.empty_job_search_copies() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE jobs.job_search_rows, jobs.job_search_sample;
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER empty_job_search_copies AFTER TRUNCATE ON jobs.jobs "
        "FOR EACH STATEMENT EXECUTE FUNCTION jobs.empty_job_search_copies()"
    )
    op.execute(
        f"""
        CREATE FUNCTION jobs.rebuild_job_search_rows() RETURNS bigint LANGUAGE sql AS $$
            TRUNCATE jobs.job_search_rows;
            INSERT INTO jobs.job_search_rows ({COLUMNS})
            SELECT {_values("j")} FROM jobs.jobs j WHERE j.{OPEN.replace(" AND ", " AND j.")}
            ORDER BY j.published_at;
            SELECT count(*) FROM jobs.job_search_rows;
        $$
        """
    )
    op.execute(_sample_function(THIN_VECTOR))
    op.execute(
        f"UPDATE jobs.job_search_sample SET search_vector = search_vector || "
        f"array_to_tsvector(ARRAY['{THIN_TOKEN}']) WHERE {IN_THIN.format(id='id')}"
    )
    op.execute("SELECT jobs.rebuild_job_search_rows()")
    for name, definition in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON jobs.job_search_rows {definition}")
    op.execute("ANALYZE jobs.job_search_rows")
    for name in MOVED_INDEXES:
        op.execute(f"DROP INDEX jobs.{name}")


def downgrade() -> None:
    op.execute(_sample_function("NEW.search_vector"))
    op.execute(f"UPDATE jobs.job_search_sample SET search_vector = ts_delete(search_vector, '{THIN_TOKEN}')")
    for name, definition in MOVED_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON jobs.jobs {definition}")
    op.execute("DROP TRIGGER empty_job_search_copies ON jobs.jobs")
    op.execute("DROP FUNCTION jobs.empty_job_search_copies()")
    op.execute("DROP TRIGGER keep_job_search_rows_on_update ON jobs.jobs")
    op.execute("DROP TRIGGER keep_job_search_rows ON jobs.jobs")
    op.execute("DROP FUNCTION jobs.rebuild_job_search_rows()")
    op.execute("DROP FUNCTION jobs.keep_job_search_rows()")
    op.execute("DROP TABLE jobs.job_search_rows")
