"""hiring pipeline: the application's timeline, the team's notes, ratings and interviews, offer
answers and response times, and the profile's handle, place, wishes and ordered sections

``jobs.application_events`` is what the seeker's tracker and the candidate panel show as a
timeline; ``application_notes`` and ``application_ratings`` are per team member and private;
``application_interviews`` carries the time and the ``.ics`` sequence. ``job_applications``
gains the offer's answer, the withdrawal reason, when the team first viewed and first answered
(the 21-day "no response" rule and the company's response time). ``user_profiles`` gains the
``/u/{handle}`` address, a place, desired roles and open-to-work; a fourth visibility
(recruiters only); experience, education and certifications gain a position for reordering.
Autogenerate does not see CHECK constraints on existing tables, so those are written here.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 22:08:53.726732
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "application_events",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=True),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_kind", sa.String(length=20), server_default="system", nullable=False),
        sa.Column("visible_to_seeker", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("details", postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "actor_kind IN ('seeker', 'employer', 'system')", name=op.f("ck_application_events_actor_kind")
        ),
        sa.CheckConstraint(
            "kind IN ('applied', 'viewed', 'moved', 'interview_scheduled', 'interview_cancelled', 'offer_made', 'offer_accepted', 'offer_declined', 'rejected', 'withdrawn')",
            name=op.f("ck_application_events_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["jobs.job_applications.id"],
            name=op.f("fk_application_events_application_id_job_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_events")),
        schema="jobs",
    )
    op.create_index(
        "idx_application_events_application",
        "application_events",
        ["application_id", "created_at"],
        unique=False,
        schema="jobs",
    )
    op.create_table(
        "application_interviews",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("scheduled_by", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("location", sa.String(length=255), nullable=True),
        sa.Column("meeting_url", sa.String(length=500), nullable=True),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), server_default="scheduled", nullable=False),
        sa.Column("ics_sequence", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('scheduled', 'cancelled', 'completed')", name=op.f("ck_application_interviews_status")
        ),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_application_interviews_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["jobs.job_applications.id"],
            name=op.f("fk_application_interviews_application_id_job_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_interviews")),
        schema="jobs",
    )
    op.create_index(
        "idx_application_interviews_application",
        "application_interviews",
        ["application_id", "starts_at"],
        unique=False,
        schema="jobs",
    )
    op.create_index(
        "idx_application_interviews_upcoming",
        "application_interviews",
        ["starts_at"],
        unique=False,
        schema="jobs",
        postgresql_where=sa.text("status = 'scheduled'"),
    )
    op.create_table(
        "application_notes",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("length(body) BETWEEN 1 AND 5000", name=op.f("ck_application_notes_body_length")),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["jobs.job_applications.id"],
            name=op.f("fk_application_notes_application_id_job_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_notes")),
        schema="jobs",
    )
    op.create_index(
        "idx_application_notes_application",
        "application_notes",
        ["application_id", "created_at"],
        unique=False,
        schema="jobs",
    )
    op.create_table(
        "application_ratings",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("rater_id", sa.Uuid(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_application_ratings_rating_range")),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["jobs.job_applications.id"],
            name=op.f("fk_application_ratings_application_id_job_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_ratings")),
        sa.UniqueConstraint(
            "application_id", "rater_id", name=op.f("uq_application_ratings_application_id_rater_id")
        ),
        schema="jobs",
    )
    op.add_column(
        "job_applications", sa.Column("offer_status", sa.String(length=20), nullable=True), schema="jobs"
    )
    op.add_column(
        "job_applications",
        sa.Column("offer_responded_at", sa.DateTime(timezone=True), nullable=True),
        schema="jobs",
    )
    op.add_column(
        "job_applications",
        sa.Column("withdrawal_reason", sa.String(length=500), nullable=True),
        schema="jobs",
    )
    op.add_column(
        "job_applications", sa.Column("viewed_at", sa.DateTime(timezone=True), nullable=True), schema="jobs"
    )
    op.add_column(
        "job_applications",
        sa.Column("first_response_at", sa.DateTime(timezone=True), nullable=True),
        schema="jobs",
    )
    op.create_index(
        "idx_job_applications_awaiting_response",
        "job_applications",
        ["applied_at"],
        unique=False,
        schema="jobs",
        postgresql_where=sa.text("first_response_at IS NULL AND status = 'applied'"),
    )
    op.add_column(
        "certifications",
        sa.Column("position", sa.Integer(), server_default=sa.text("0"), nullable=False),
        schema="profiles",
    )
    op.add_column(
        "education",
        sa.Column("position", sa.Integer(), server_default=sa.text("0"), nullable=False),
        schema="profiles",
    )
    op.add_column(
        "experience",
        sa.Column("position", sa.Integer(), server_default=sa.text("0"), nullable=False),
        schema="profiles",
    )
    op.add_column(
        "user_profiles", sa.Column("handle", sa.String(length=40), nullable=True), schema="profiles"
    )
    op.add_column(
        "user_profiles", sa.Column("location", sa.String(length=255), nullable=True), schema="profiles"
    )
    op.add_column(
        "user_profiles", sa.Column("desired_roles", sa.ARRAY(sa.Text()), nullable=True), schema="profiles"
    )
    op.add_column(
        "user_profiles",
        sa.Column("open_to_work", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        schema="profiles",
    )
    op.create_index(
        "idx_user_profiles_handle",
        "user_profiles",
        [sa.literal_column("lower(handle)")],
        unique=True,
        schema="profiles",
    )
    op.create_index(
        "idx_user_profiles_open_to_work",
        "user_profiles",
        ["user_id"],
        unique=False,
        schema="profiles",
        postgresql_where=sa.text("open_to_work = true"),
    )
    op.create_check_constraint(
        op.f("ck_user_profiles_handle_format"),
        "user_profiles",
        "handle ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'",
        schema="profiles",
    )
    op.create_check_constraint(
        op.f("ck_job_applications_offer_status"),
        "job_applications",
        "offer_status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')",
        schema="jobs",
    )
    _visibility(VISIBILITIES)


VISIBILITIES = ("public", "private", "connections_only", "recruiters_only")


def _visibility(values: tuple[str, ...]) -> None:
    name = op.f("ck_user_profiles_profile_visibility")
    op.drop_constraint(name, "user_profiles", schema="profiles", type_="check")
    quoted = ", ".join(f"'{v}'" for v in values)
    op.create_check_constraint(name, "user_profiles", f"profile_visibility IN ({quoted})", schema="profiles")


def downgrade() -> None:
    op.execute(
        "UPDATE profiles.user_profiles SET profile_visibility = 'private' WHERE profile_visibility = 'recruiters_only'"
    )
    _visibility(VISIBILITIES[:3])
    op.drop_constraint(
        op.f("ck_job_applications_offer_status"), "job_applications", schema="jobs", type_="check"
    )
    op.drop_constraint(
        op.f("ck_user_profiles_handle_format"), "user_profiles", schema="profiles", type_="check"
    )
    op.drop_index(
        "idx_user_profiles_open_to_work",
        table_name="user_profiles",
        schema="profiles",
        postgresql_where=sa.text("open_to_work = true"),
    )
    op.drop_index("idx_user_profiles_handle", table_name="user_profiles", schema="profiles")
    op.drop_column("user_profiles", "open_to_work", schema="profiles")
    op.drop_column("user_profiles", "desired_roles", schema="profiles")
    op.drop_column("user_profiles", "location", schema="profiles")
    op.drop_column("user_profiles", "handle", schema="profiles")
    op.drop_column("experience", "position", schema="profiles")
    op.drop_column("education", "position", schema="profiles")
    op.drop_column("certifications", "position", schema="profiles")
    op.drop_index(
        "idx_job_applications_awaiting_response",
        table_name="job_applications",
        schema="jobs",
        postgresql_where=sa.text("first_response_at IS NULL AND status = 'applied'"),
    )
    op.drop_column("job_applications", "first_response_at", schema="jobs")
    op.drop_column("job_applications", "viewed_at", schema="jobs")
    op.drop_column("job_applications", "withdrawal_reason", schema="jobs")
    op.drop_column("job_applications", "offer_responded_at", schema="jobs")
    op.drop_column("job_applications", "offer_status", schema="jobs")
    op.drop_table("application_ratings", schema="jobs")
    op.drop_index("idx_application_notes_application", table_name="application_notes", schema="jobs")
    op.drop_table("application_notes", schema="jobs")
    op.drop_index(
        "idx_application_interviews_upcoming",
        table_name="application_interviews",
        schema="jobs",
        postgresql_where=sa.text("status = 'scheduled'"),
    )
    op.drop_index(
        "idx_application_interviews_application", table_name="application_interviews", schema="jobs"
    )
    op.drop_table("application_interviews", schema="jobs")
    op.drop_index("idx_application_events_application", table_name="application_events", schema="jobs")
    op.drop_table("application_events", schema="jobs")
