"""employers: company verification requests, a trigram index for the company directory, and
the posting lifecycle's closing and expiry-warning times

``companies.company_verification_requests`` holds what a company claimed to earn the verified
badge and the admin's decision (at most one pending per company). ``idx_companies_name_trgm``
serves the directory's name search as the user types. ``jobs.jobs.closed_at`` is when a posting
last stopped taking applications (for "days open"), ``expiry_warned_at`` when its poster was
told it expires soon, so the expiry worker tells them once.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "company_verification_requests",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("company_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by", sa.Uuid(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("email_domain", sa.String(length=255), nullable=True),
        sa.Column("website_domain", sa.String(length=255), nullable=True),
        sa.Column("document_key", sa.String(length=255), nullable=True),
        sa.Column("document_name", sa.String(length=255), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), server_default="pending", nullable=False),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("reviewed_by", sa.Uuid(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "method IN ('email_domain', 'documents')", name=op.f("ck_company_verification_requests_method")
        ),
        sa.CheckConstraint(
            "status <> 'refused' OR decision_reason IS NOT NULL",
            name=op.f("ck_company_verification_requests_refusal_reason"),
        ),
        sa.CheckConstraint(
            "status = 'pending' OR (reviewed_by IS NOT NULL AND reviewed_at IS NOT NULL)",
            name=op.f("ck_company_verification_requests_decided"),
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'refused')",
            name=op.f("ck_company_verification_requests_status"),
        ),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.companies.id"],
            name=op.f("fk_company_verification_requests_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_verification_requests")),
        schema="companies",
    )
    op.create_index(
        "idx_company_verification_company",
        "company_verification_requests",
        ["company_id", "created_at"],
        unique=False,
        schema="companies",
    )
    op.create_index(
        "idx_company_verification_one_pending",
        "company_verification_requests",
        ["company_id"],
        unique=True,
        schema="companies",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "idx_company_verification_queue",
        "company_verification_requests",
        ["created_at"],
        unique=False,
        schema="companies",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "idx_companies_name_trgm",
        "companies",
        ["name"],
        unique=False,
        schema="companies",
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.add_column("jobs", sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True), schema="jobs")
    op.add_column(
        "jobs", sa.Column("expiry_warned_at", sa.DateTime(timezone=True), nullable=True), schema="jobs"
    )


def downgrade() -> None:
    op.drop_column("jobs", "expiry_warned_at", schema="jobs")
    op.drop_column("jobs", "closed_at", schema="jobs")
    op.drop_index(
        "idx_companies_name_trgm",
        table_name="companies",
        schema="companies",
        postgresql_using="gin",
        postgresql_ops={"name": "gin_trgm_ops"},
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index(
        "idx_company_verification_queue",
        table_name="company_verification_requests",
        schema="companies",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_index(
        "idx_company_verification_one_pending",
        table_name="company_verification_requests",
        schema="companies",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_index(
        "idx_company_verification_company", table_name="company_verification_requests", schema="companies"
    )
    op.drop_table("company_verification_requests", schema="companies")
