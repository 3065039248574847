"""saved-job reminders are sent once

``jobs.saved_jobs.reminded_at`` records when a saved job's reminder became a notification,
so the daily run sends each reminder exactly once (moving the reminder to another day clears
it). ``idx_saved_jobs_reminder_due`` holds only the reminders still to send, which is what
that run reads; rows already reminded drop out of it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 12:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "saved_jobs", sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True), schema="jobs"
    )
    op.create_index(
        "idx_saved_jobs_reminder_due",
        "saved_jobs",
        ["reminder_date"],
        schema="jobs",
        postgresql_where=sa.text("reminder_date IS NOT NULL AND reminded_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("idx_saved_jobs_reminder_due", table_name="saved_jobs", schema="jobs")
    op.drop_column("saved_jobs", "reminded_at", schema="jobs")
