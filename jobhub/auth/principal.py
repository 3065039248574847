"""Who is acting: the ``Principal`` resolved server-side from an opaque session token.

The browser only ever holds the raw token; the database only its SHA-256 hash, so a
leaked ``auth.sessions`` table cannot be replayed. Every event handler resolves the
principal again (a logout in one tab must stop actions in another), which is one
indexed lookup on ``token_hash``.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlmodel import Session

from jobhub.auth.models import (
    AuthSession,
    Permission,
    Role,
    RolePermission,
    User,
    UserRole,
    UserStatus,
    UserType,
)
from jobhub.auth.permissions import RoleName


@dataclass(frozen=True)
class Principal:
    """The acting user as services need it; never sent to the browser."""

    user_id: uuid.UUID
    user_type: str
    session_id: uuid.UUID | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    permissions: frozenset[str] = field(default_factory=frozenset)
    display_name: str = ""

    @property
    def is_admin(self) -> bool:
        return self.user_type == UserType.ADMIN or RoleName.ADMIN in self.roles

    @property
    def is_employer(self) -> bool:
        return self.user_type == UserType.EMPLOYER

    @property
    def is_job_seeker(self) -> bool:
        return self.user_type == UserType.JOB_SEEKER

    def has_permission(self, permission: str) -> bool:
        return permission in self.permissions


def hash_session_token(token: str) -> str:
    """The hex SHA-256 of a raw token: what ``auth.sessions.token_hash`` stores."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def display_name_of(user: User) -> str:
    full = f"{user.first_name or ''} {user.last_name or ''}".strip()
    return full or user.email


def _roles_and_permissions(
    db: Session, user_id: uuid.UUID, now: datetime
) -> tuple[frozenset[str], frozenset[str]]:
    """The names of the user's active, unexpired roles and of the permissions they grant."""
    rows = db.execute(
        select(Role.name, Permission.name)
        .select_from(UserRole)
        .join(Role, Role.id == UserRole.role_id)
        .outerjoin(RolePermission, RolePermission.role_id == Role.id)
        .outerjoin(Permission, Permission.id == RolePermission.permission_id)
        .where(
            UserRole.user_id == user_id,
            UserRole.is_active.is_(True),
            or_(UserRole.expires_at.is_(None), UserRole.expires_at > now),
        )
    ).all()
    roles = frozenset(role for role, _ in rows)
    permissions = frozenset(permission for _, permission in rows if permission)
    return roles, permissions


def resolve_principal(db: Session, token: str | None, *, now: datetime | None = None) -> Principal | None:
    """The principal of an active, unexpired, unrevoked session of an active user, else ``None``.

    Anything wrong with the token (unknown, expired, revoked, suspended or deleted user) looks the
    same to the caller: anonymous. ``last_accessed_at`` is not touched here because this
    runs on every event; touching it is the login flow's business.
    """
    if not token:
        return None
    moment = now or datetime.now(UTC)
    row = db.execute(
        select(AuthSession, User)
        .join(User, User.id == AuthSession.user_id)
        .where(
            AuthSession.token_hash == hash_session_token(token),
            AuthSession.is_active.is_(True),
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > moment,
            User.status == UserStatus.ACTIVE,
            User.deleted_at.is_(None),
        )
    ).first()
    if row is None:
        return None
    auth_session, user = row
    roles, permissions = _roles_and_permissions(db, user.id, moment)
    return Principal(
        user_id=user.id,
        user_type=str(user.user_type),
        session_id=auth_session.id,
        roles=roles,
        permissions=permissions,
        display_name=display_name_of(user),
    )
