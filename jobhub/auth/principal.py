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
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
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

SLIDE_EVERY = timedelta(minutes=5)


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


def _slide(db: Session, auth_session: AuthSession, now: datetime) -> None:
    """Move the session's idle expiry to ``now + idle_timeout`` and never past its absolute cap.

    The ``last_accessed_at`` guard in the WHERE makes concurrent tabs write once, not once each.
    """
    idle = auth_session.idle_timeout_seconds
    if not idle or now - auth_session.last_accessed_at < SLIDE_EVERY:
        return
    new_expiry = now + timedelta(seconds=idle)
    if auth_session.absolute_expires_at is not None:
        new_expiry = min(new_expiry, auth_session.absolute_expires_at)
    db.execute(
        update(AuthSession)
        .where(AuthSession.id == auth_session.id, AuthSession.last_accessed_at <= now - SLIDE_EVERY)
        .values(last_accessed_at=now, expires_at=max(new_expiry, auth_session.expires_at))
        .execution_options(synchronize_session=False)
    )


def resolve_principal(db: Session, token: str | None, *, now: datetime | None = None) -> Principal | None:
    """The principal of an active, unexpired, unrevoked session of an active user, else ``None``.

    Anything wrong with the token (unknown, expired, revoked, suspended or deleted user) looks the
    same to the caller: anonymous. A session in use slides (``_slide``), at most one UPDATE
    every ``SLIDE_EVERY`` because this runs on every event.
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
    _slide(db, auth_session, moment)
    roles, permissions = _roles_and_permissions(db, user.id, moment)
    return Principal(
        user_id=user.id,
        user_type=str(user.user_type),
        session_id=auth_session.id,
        roles=roles,
        permissions=permissions,
        display_name=display_name_of(user),
    )
