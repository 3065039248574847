"""a fixed 1-in-100 sample of published jobs for estimated facet counts; a 2-D index for radius search

Counting facets over hundreds of thousands of matches means visiting every matching row
of the wide ``jobs.jobs`` table: seconds at a million jobs. Past a threshold the search
counts the same predicates over this narrow copy of every hundredth published job (chosen by
a hash of its id, so a job is in or out for life) and multiplies by 100. A row trigger keeps
it right on insert, update, close and delete, COPY included. Its vectors stay TOASTed out
of line, so the GIN index finds matches and the bitmap scan reads only the narrow rows
(7 ms for 10,000 matches of 18,000 sampled rows, against 105-250 ms for a scan that
detoasts every vector).

The posting's own ``search_vector`` moves to ``STORAGE MAIN`` (compressed in the row, lz4
where the server has it, instead of out of line): a search that filters or ranks rows it has
read (the newest-matches window, a radius search) then decompresses the vector in place
rather than fetching it from the TOAST table, about half the time per row (95 against 171-251
ms for 30,000 rows); the description is what moves out of line instead. It applies to rows
written from now on.

``idx_jobs_geo`` (GiST over the point) answers "inside this box" in both dimensions at once;
the B-tree on (latitude, longitude) can only range over latitude, so a radius search read a
whole band of the globe before filtering longitude.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 12:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "id, status, deleted_at, expires_at, published_at, search_vector, employment_type, experience_level, "
    "remote_policy, category_id, company_id, location, latitude, longitude, salary_min_yearly, "
    "salary_max_yearly, show_salary, required_skills, preferred_skills, priority_level"
)
IN_SAMPLE = "abs(hashtext({id}::text)) % 100 = 0"


def upgrade() -> None:
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
    op.create_table(
        "job_search_sample",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("status", sa.String(length=50), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("search_vector", postgresql.TSVECTOR(), nullable=True),
        sa.Column("employment_type", sa.String(length=50), nullable=False),
        sa.Column("experience_level", sa.String(length=50), nullable=True),
        sa.Column("remote_policy", sa.String(length=50), nullable=True),
        sa.Column("category_id", sa.Uuid(), nullable=True),
        sa.Column("company_id", sa.Uuid(), nullable=True),
        sa.Column("location", sa.String(length=255), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("salary_min_yearly", sa.Integer(), nullable=True),
        sa.Column("salary_max_yearly", sa.Integer(), nullable=True),
        sa.Column("show_salary", sa.Boolean(), nullable=False),
        sa.Column("required_skills", sa.ARRAY(sa.Uuid()), nullable=True),
        sa.Column("preferred_skills", sa.ARRAY(sa.Uuid()), nullable=True),
        sa.Column("priority_level", sa.Integer(), nullable=False),
        schema="jobs",
    )
    op.create_index(
        "idx_job_search_sample_vector",
        "job_search_sample",
        ["search_vector"],
        schema="jobs",
        postgresql_using="gin",
    )
    op.execute(
        "CREATE INDEX idx_jobs_geo ON jobs.jobs USING gist (point(longitude, latitude)) "
        "WHERE status = 'published' AND deleted_at IS NULL"
    )
    new_columns = ", ".join(f"NEW.{c.strip()}" for c in COLUMNS.split(","))
    op.execute(
        f"""
        CREATE FUNCTION jobs.keep_job_search_sample() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                DELETE FROM jobs.job_search_sample WHERE id = OLD.id;
            END IF;
            IF TG_OP <> 'DELETE' AND NEW.status = 'published' AND NEW.deleted_at IS NULL
               AND {IN_SAMPLE.format(id="NEW.id")} THEN
                INSERT INTO jobs.job_search_sample ({COLUMNS}) VALUES ({new_columns});
            END IF;
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER keep_job_search_sample AFTER INSERT OR UPDATE OR DELETE ON jobs.jobs "
        "FOR EACH ROW EXECUTE FUNCTION jobs.keep_job_search_sample()"
    )
    op.execute(
        f"INSERT INTO jobs.job_search_sample ({COLUMNS}) SELECT {COLUMNS} FROM jobs.jobs "
        f"WHERE status = 'published' AND deleted_at IS NULL AND {IN_SAMPLE.format(id='id')}"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE jobs.jobs ALTER COLUMN search_vector SET STORAGE EXTENDED")
    op.execute("ALTER TABLE jobs.jobs ALTER COLUMN search_vector SET COMPRESSION DEFAULT")
    op.execute("DROP INDEX jobs.idx_jobs_geo")
    op.execute("DROP TRIGGER keep_job_search_sample ON jobs.jobs")
    op.execute("DROP FUNCTION jobs.keep_job_search_sample()")
    op.drop_table("job_search_sample", schema="jobs")
