"""Tables of the `auth` schema: accounts, roles and permissions, sessions, the audit log.

Only a hash of each session token is stored (``sessions.token_hash``), so a leaked table cannot
be replayed. Booleans, counters and statuses are NOT NULL with a database default: the
document's nullable ``BOOLEAN DEFAULT FALSE`` would let three-valued logic into every filter.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    ColumnElement,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
    literal_column,
    text,
)
from sqlalchemy.dialects.postgresql import INET, JSONB
from sqlmodel import Field, SQLModel

from jobhub.platform.columns import (
    check_in,
    counter,
    created_at,
    enum_default,
    flag,
    text_default,
    timestamp,
    updated_at,
    url_column,
    uuid_pk,
)
from jobhub.platform.event_tables import event_tables

SCHEMA = "auth"

DomainEvent, OutboxEvent = event_tables(SCHEMA)


class UserType(StrEnum):
    JOB_SEEKER = "job_seeker"
    EMPLOYER = "employer"
    ADMIN = "admin"


class UserStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    BANNED = "banned"
    PENDING_VERIFICATION = "pending_verification"


class AuditSeverity(StrEnum):
    DEBUG = "DEBUG"
    INFO = "INFO"
    WARN = "WARN"
    ERROR = "ERROR"
    CRITICAL = "CRITICAL"


NOT_DELETED = "deleted_at IS NULL"


def _user_ref(*, ondelete: str | None = None, nullable: bool = False) -> Any:
    """A foreign key to ``auth.users``: allowed here because it stays inside the schema."""
    return Field(
        default=None if nullable else ...,
        foreign_key=f"{SCHEMA}.users.id",
        ondelete=ondelete,
        nullable=nullable,
    )


class User(SQLModel, table=True):
    """An account, soft-deleted; a NULL ``password_hash`` means it signs in through OAuth only.

    ``email`` stays unique across deleted accounts too, as the document has it, so an address
    cannot be taken over by re-registering after an erasure that kept the row.
    """

    __tablename__ = "users"
    __table_args__ = (
        check_in("user_type", UserType),
        check_in("status", UserStatus),
        Index("idx_users_email", "email", postgresql_where=text(NOT_DELETED)),
        Index("idx_users_user_type", "user_type", postgresql_where=text(NOT_DELETED)),
        Index("idx_users_status", "status"),
        Index("idx_users_created_at", "created_at"),
        Index("idx_users_last_login", "last_login_at"),
        Index(
            "idx_users_active",
            "id",
            postgresql_where=text(f"status = '{UserStatus.ACTIVE}' AND {NOT_DELETED}"),
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    email: str = Field(sa_type=String(255), unique=True)
    password_hash: str | None = Field(default=None, sa_type=String(255))
    first_name: str = Field(sa_type=String(100))
    last_name: str = Field(sa_type=String(100))
    user_type: str = Field(sa_type=String(20))
    status: str = enum_default(UserStatus.ACTIVE)
    email_verified: bool = flag(False)
    email_verification_token: str | None = Field(default=None, sa_type=String(255))
    email_verification_expires_at: datetime | None = timestamp()
    mfa_enabled: bool = flag(False)
    mfa_secret: str | None = Field(default=None, sa_type=String(255))
    mfa_backup_codes: list[str] | None = Field(default=None, sa_type=ARRAY(Text))
    # The last TOTP time step accepted, so a code seen once (shoulder, proxy log) cannot be replayed.
    mfa_last_used_step: int | None = Field(default=None, sa_type=BigInteger)
    google_id: str | None = Field(default=None, sa_type=String(255), unique=True)
    linkedin_id: str | None = Field(default=None, sa_type=String(255), unique=True)
    github_id: str | None = Field(default=None, sa_type=String(255), unique=True)
    avatar_url: str | None = url_column()
    phone: str | None = Field(default=None, sa_type=String(20))
    phone_verified: bool = flag(False)
    location: str | None = Field(default=None, sa_type=String(255))
    timezone: str = text_default("UTC", 50)
    language: str = text_default("en", 10)
    last_login_at: datetime | None = timestamp()
    last_login_ip: str | None = Field(default=None, sa_type=INET)
    failed_login_attempts: int = counter()
    locked_until: datetime | None = timestamp()
    password_reset_token: str | None = Field(default=None, sa_type=String(255))
    password_reset_expires_at: datetime | None = timestamp()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()
    deleted_at: datetime | None = timestamp()


def user_search_text() -> ColumnElement[str]:
    """Email and name in one lower-case string: what admin search matches and its index holds.

    ``||`` with a literal separator (not ``concat_ws``, not a bound parameter) so the
    expression is immutable and identical in the index and in every query, which is what
    lets the planner use the trigram index for ``LIKE '%term%'``.
    """
    space = literal_column("' '")
    joined = User.email.op("||")(space).op("||")(User.first_name).op("||")(space).op("||")(User.last_name)
    return func.lower(joined)


Index(
    "idx_users_search_trgm",
    user_search_text().label("search_text"),
    postgresql_using="gin",
    postgresql_ops={"search_text": "gin_trgm_ops"},
)


class Role(SQLModel, table=True):
    """A named bundle of permissions; system roles are the ones the code relies on."""

    __tablename__ = "roles"
    __table_args__ = ({"schema": SCHEMA},)

    id: uuid.UUID = uuid_pk()
    name: str = Field(sa_type=String(50), unique=True)
    description: str | None = Field(default=None, sa_type=Text)
    is_system_role: bool = flag(False)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class UserRole(SQLModel, table=True):
    """A grant of a role; ``expires_at`` makes it temporary, ``is_active`` suspends it."""

    __tablename__ = "user_roles"
    __table_args__ = (
        UniqueConstraint("user_id", "role_id"),
        Index("idx_user_roles_user_id", "user_id"),
        Index("idx_user_roles_role_id", "role_id"),
        Index("idx_user_roles_active", "user_id", "role_id", postgresql_where=text("is_active = true")),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = _user_ref(ondelete="CASCADE")
    role_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.roles.id", ondelete="CASCADE")
    assigned_at: datetime = created_at()
    assigned_by: uuid.UUID | None = _user_ref(nullable=True)
    expires_at: datetime | None = timestamp()
    is_active: bool = flag(True)


class Permission(SQLModel, table=True):
    """``resource:action``; ``conditions`` narrows it (e.g. own records only) where a service reads it."""

    __tablename__ = "permissions"
    __table_args__ = ({"schema": SCHEMA},)

    id: uuid.UUID = uuid_pk()
    name: str = Field(sa_type=String(100), unique=True)
    description: str | None = Field(default=None, sa_type=Text)
    resource: str = Field(sa_type=String(100))
    action: str = Field(sa_type=String(50))
    conditions: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    created_at: datetime = created_at()


class RolePermission(SQLModel, table=True):
    __tablename__ = "role_permissions"
    __table_args__ = (
        UniqueConstraint("role_id", "permission_id"),
        Index("idx_role_permissions_role_id", "role_id"),
        Index("idx_role_permissions_permission_id", "permission_id"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    role_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.roles.id", ondelete="CASCADE")
    permission_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.permissions.id", ondelete="CASCADE")
    created_at: datetime = created_at()


class AuthSession(SQLModel, table=True):
    """A signed-in browser; the raw token lives only in its cookie, the row keeps its hash."""

    __tablename__ = "sessions"
    __table_args__ = (
        Index("idx_sessions_user_id", "user_id"),
        Index("idx_sessions_token_hash", "token_hash"),
        Index("idx_sessions_active", "user_id", postgresql_where=text("is_active = true")),
        Index("idx_sessions_expires_at", "expires_at"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = _user_ref(ondelete="CASCADE")
    token_hash: str = Field(sa_type=String(255), unique=True)
    refresh_token_hash: str | None = Field(default=None, sa_type=String(255), unique=True)
    device_info: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    ip_address: str | None = Field(default=None, sa_type=INET)
    user_agent: str | None = Field(default=None, sa_type=Text)
    location: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    is_active: bool = flag(True)
    expires_at: datetime = timestamp(nullable=False)
    last_accessed_at: datetime = created_at()
    created_at: datetime = created_at()
    revoked_at: datetime | None = timestamp()
    revoked_by: uuid.UUID | None = _user_ref(nullable=True)
    revoke_reason: str | None = Field(default=None, sa_type=String(100))
    # Sliding expiry: each use moves ``expires_at`` to now + this window, never past the cap.
    idle_timeout_seconds: int | None = None
    absolute_expires_at: datetime | None = timestamp()


class AuditLog(SQLModel, table=True):
    """Who did what to which record, kept for security review and GDPR accountability.

    ``session_id`` is set to NULL when its session is purged (the document has a plain
    reference, which would make purging expired sessions fail once they are audited); the
    entry itself, with its user, stays.
    """

    __tablename__ = "audit_logs"
    __table_args__ = (
        check_in("severity", AuditSeverity),
        Index("idx_audit_logs_user_id", "user_id"),
        Index("idx_audit_logs_action", "action"),
        Index("idx_audit_logs_created_at", "created_at"),
        Index("idx_audit_logs_correlation_id", "correlation_id"),
        Index("idx_audit_logs_severity", "severity"),
        Index("idx_audit_logs_resource_id_created_at", "resource_id", "created_at"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID | None = _user_ref(nullable=True)
    session_id: uuid.UUID | None = Field(
        default=None, foreign_key=f"{SCHEMA}.sessions.id", ondelete="SET NULL", nullable=True
    )
    action: str = Field(sa_type=String(100))
    resource: str | None = Field(default=None, sa_type=String(100))
    resource_id: uuid.UUID | None = None
    old_values: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    new_values: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    ip_address: str | None = Field(default=None, sa_type=INET)
    user_agent: str | None = Field(default=None, sa_type=Text)
    correlation_id: uuid.UUID | None = None
    severity: str = enum_default(AuditSeverity.INFO)
    created_at: datetime = created_at()
