"""indexes that serve the job search's filters, sorts and candidate windows

* ``idx_jobs_skills_any``: GIN over a job's required and preferred skills together, for the
  ``skills`` filter (``@>``) and recommendations (``&&``);
* ``idx_jobs_open_pay``: the stated yearly top of the pay range of open jobs, for "salary,
  highest first" and the salary floor filter without reading every open job;
* ``idx_jobs_promoted``: the few promoted open jobs, so relevance can always consider them
  even when a common word's candidate window holds only the newest matches.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 12:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "status = 'published' AND deleted_at IS NULL"


def upgrade() -> None:
    op.execute(
        "CREATE INDEX idx_jobs_skills_any ON jobs.jobs USING gin "
        "((COALESCE(required_skills, '{}'::uuid[]) || COALESCE(preferred_skills, '{}'::uuid[]))) "
        f"WHERE {OPEN}"
    )
    op.execute(
        "CREATE INDEX idx_jobs_open_pay ON jobs.jobs "
        "((CASE WHEN show_salary THEN COALESCE(salary_max_yearly, salary_min_yearly) END) DESC NULLS LAST, "
        f"published_at DESC) WHERE {OPEN}"
    )
    op.execute(
        "CREATE INDEX idx_jobs_promoted ON jobs.jobs (priority_level DESC, published_at DESC) "
        f"WHERE {OPEN} AND priority_level > 0"
    )


def downgrade() -> None:
    for name in ("idx_jobs_promoted", "idx_jobs_open_pay", "idx_jobs_skills_any"):
        op.execute(f"DROP INDEX jobs.{name}")
