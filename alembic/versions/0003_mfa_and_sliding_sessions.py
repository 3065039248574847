"""mfa replay guard and sliding sessions

``auth.users.mfa_last_used_step`` remembers the last TOTP time step accepted, so a code
cannot be used twice. ``auth.sessions.idle_timeout_seconds`` and ``absolute_expires_at``
let a session's expiry slide with use ("remember me" for 14 days idle) but never past a
cap fixed at sign-in; rows from before this revision have neither and simply expire.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 10:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("users", sa.Column("mfa_last_used_step", sa.BigInteger(), nullable=True), schema="auth")
    op.add_column("sessions", sa.Column("idle_timeout_seconds", sa.Integer(), nullable=True), schema="auth")
    op.add_column(
        "sessions", sa.Column("absolute_expires_at", sa.DateTime(timezone=True), nullable=True), schema="auth"
    )


def downgrade() -> None:
    op.drop_column("sessions", "absolute_expires_at", schema="auth")
    op.drop_column("sessions", "idle_timeout_seconds", schema="auth")
    op.drop_column("users", "mfa_last_used_step", schema="auth")
