"""job alert deliveries, and an unsubscribe link in the job alert digest mail

``jobs.job_alert_deliveries`` holds one row per job an alert has mailed; its primary key
``(alert_id, job_id)`` is what keeps a job out of every later mail of that alert, so the
digest may look back past its watermark (for jobs whose publishing committed late) without
mailing anything twice. Both keys cascade: a deleted alert or a purged job takes its rows.

The ``job_alert_digest.email`` template gains ``{unsubscribe_url}`` (the signed one-click
link every digest carries) and names the count of new jobs on its "see all" line; the
downgrade puts the 0002 wording back.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 12:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEMPLATE = "job_alert_digest.email"
OLD_BODY = (
    'Hi {first_name},\n\nThese jobs matching "{alert_name}" were posted since your last alert:\n\n'
    "{jobs_summary}\n\nSee all of them: {alert_url}\n\n— The JobHub team\n\n"
    "You can change which e-mails you get at {preferences_url}."
)
OLD_VARIABLES = ["alert_name", "alert_url", "first_name", "job_count", "jobs_summary", "preferences_url"]
NEW_BODY = (
    'Hi {first_name},\n\nThese jobs matching "{alert_name}" were posted since your last alert:\n\n'
    "{jobs_summary}\n\nSee all {job_count} new jobs: {alert_url}\n\n— The JobHub team\n\n"
    "Stop this alert with one click: {unsubscribe_url}\n"
    "You can change which e-mails you get at {preferences_url}."
)
NEW_VARIABLES = sorted([*OLD_VARIABLES, "unsubscribe_url"])

templates = sa.table(
    "notification_templates",
    sa.column("name", sa.String),
    sa.column("body_template", sa.Text),
    sa.column("variables", postgresql.JSONB),
    schema="notifications",
)


def _set_template(body: str, variables: list[str]) -> None:
    op.execute(
        templates.update().where(templates.c.name == TEMPLATE).values(body_template=body, variables=variables)
    )


def upgrade() -> None:
    op.create_table(
        "job_alert_deliveries",
        sa.Column("alert_id", sa.Uuid(), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["jobs.job_search_alerts.id"],
            name=op.f("fk_job_alert_deliveries_alert_id_job_search_alerts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.jobs.id"], name=op.f("fk_job_alert_deliveries_job_id_jobs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("alert_id", "job_id", name=op.f("pk_job_alert_deliveries")),
        schema="jobs",
    )
    op.create_index(
        "idx_job_alert_deliveries_job_id", "job_alert_deliveries", ["job_id"], unique=False, schema="jobs"
    )
    _set_template(NEW_BODY, NEW_VARIABLES)


def downgrade() -> None:
    _set_template(OLD_BODY, OLD_VARIABLES)
    op.drop_index("idx_job_alert_deliveries_job_id", table_name="job_alert_deliveries", schema="jobs")
    op.drop_table("job_alert_deliveries", schema="jobs")
