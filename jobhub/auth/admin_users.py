"""User management for staff, the read side: find accounts and look at one.

``users:manage`` (admins and moderators) may list and inspect accounts; the changes
(status, roles) live in ``admin_user_actions``. Ids of missing or deleted accounts are
``NotFound``, whoever asks. Views returned here carry only what an administrator may see:
never a password hash, MFA secret, backup code or token.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from math import ceil

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from jobhub.auth.authorization import require
from jobhub.auth.models import (
    AuditLog,
    AuthSession,
    Role,
    User,
    UserRole,
    UserStatus,
    UserType,
    user_search_text,
)
from jobhub.auth.permissions import USERS_MANAGE
from jobhub.auth.principal import Principal, display_name_of
from jobhub.platform.errors import Invalid, NotFound

PAGE_SIZE = 25
SEARCH_MAX = 200
AUDIT_ROWS = 20
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class UserFilters:
    """``""`` means "any" for the type and status filters."""

    search: str = ""
    user_type: str = ""
    status: str = ""


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    email: str
    name: str
    user_type: str
    status: str
    created_at: datetime
    last_login_at: datetime | None


@dataclass(frozen=True)
class UserPage:
    rows: list[UserRow]
    total: int
    page: int
    page_count: int


@dataclass(frozen=True)
class RoleGrant:
    role: str
    assigned_at: datetime
    assigned_by: str
    expires_at: datetime | None
    active: bool


@dataclass(frozen=True)
class AuditEntry:
    action: str
    at: datetime
    actor: str
    summary: str


@dataclass(frozen=True)
class UserDetail:
    id: uuid.UUID
    email: str
    name: str
    user_type: str
    status: str
    email_verified: bool
    created_at: datetime
    last_login_at: datetime | None
    mfa_enabled: bool
    active_sessions: int
    roles: list[RoleGrant]
    audit: list[AuditEntry]


def clean_text(value: str, limit: int) -> str:
    """Browser text without control characters (PostgreSQL refuses NUL), trimmed and cut."""
    return _CONTROL.sub("", value or "").strip()[:limit]


def _like_pattern(term: str) -> str:
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filters(filters: UserFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [User.deleted_at.is_(None)]
    if filters.user_type:
        if filters.user_type not in set(UserType):
            raise Invalid("user_type", "Choose a user type from the list.")
        conditions.append(User.user_type == filters.user_type)
    if filters.status:
        if filters.status not in set(UserStatus):
            raise Invalid("status", "Choose a status from the list.")
        conditions.append(User.status == filters.status)
    term = clean_text(filters.search, SEARCH_MAX)
    if term:
        conditions.append(user_search_text().like(_like_pattern(term), escape="\\"))
    return conditions


def _page(db: Session, conditions: list[ColumnElement[bool]], page: int) -> list[User]:
    return list(
        db.scalars(
            select(User)
            .where(*conditions)
            .order_by(User.created_at.desc(), User.id)
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        ).all()
    )


def list_users(db: Session, who: Principal | None, filters: UserFilters, page: int = 1) -> UserPage:
    """One page of accounts, newest first; ``page`` past the end shows the last page.

    A search is served by the trigram index on ``user_search_text()``; a short last page
    already gives the total, so only a full page (many matches) pays for a count.
    """
    require(who, USERS_MANAGE)
    conditions = _filters(filters)
    page = max(1, page)
    users = _page(db, conditions, page)
    if 0 < len(users) < PAGE_SIZE or (page == 1 and not users):
        total = (page - 1) * PAGE_SIZE + len(users)
    else:
        total = db.scalar(select(func.count()).select_from(User).where(*conditions)) or 0
    page_count = max(1, ceil(total / PAGE_SIZE))
    if page > page_count:
        page = page_count
        users = _page(db, conditions, page)
    rows = [
        UserRow(
            id=user.id,
            email=user.email,
            name=display_name_of(user),
            user_type=user.user_type,
            status=user.status,
            created_at=user.created_at,
            last_login_at=user.last_login_at,
        )
        for user in users
    ]
    return UserPage(rows=rows, total=total, page=page, page_count=page_count)


def find_target(db: Session, user_id: uuid.UUID, *, for_update: bool = False) -> User:
    query = select(User).where(User.id == user_id, User.deleted_at.is_(None))
    user = db.scalars(query.with_for_update() if for_update else query).one_or_none()
    if user is None:
        raise NotFound("That account does not exist.")
    return user


def _role_grants(db: Session, user_id: uuid.UUID, now: datetime) -> list[RoleGrant]:
    assigner = aliased(User)
    rows = db.execute(
        select(Role.name, UserRole, assigner.email)
        .join(Role, Role.id == UserRole.role_id)
        .outerjoin(assigner, assigner.id == UserRole.assigned_by)
        .where(UserRole.user_id == user_id)
        .order_by(Role.name)
    ).all()
    return [
        RoleGrant(
            role=name,
            assigned_at=grant.assigned_at,
            assigned_by=by or "system",
            expires_at=grant.expires_at,
            active=grant.is_active and (grant.expires_at is None or grant.expires_at > now),
        )
        for name, grant, by in rows
    ]


def _audit_summary(row: AuditLog) -> str:
    values = row.new_values or {}
    parts = [f"{key}: {values[key]}" for key in ("reason", "role", "status", "expires_at") if values.get(key)]
    return "; ".join(parts)


def _audit_entries(db: Session, user_id: uuid.UUID) -> list[AuditEntry]:
    actor = aliased(User)
    rows = db.execute(
        select(AuditLog, actor.email)
        .outerjoin(actor, actor.id == AuditLog.user_id)
        .where(
            or_(
                AuditLog.user_id == user_id,
                and_(AuditLog.resource == "user", AuditLog.resource_id == user_id),
            )
        )
        .order_by(AuditLog.created_at.desc(), AuditLog.id)
        .limit(AUDIT_ROWS)
    ).all()
    return [
        AuditEntry(action=row.action, at=row.created_at, actor=email or "system", summary=_audit_summary(row))
        for row, email in rows
    ]


def _active_sessions(db: Session, user_id: uuid.UUID, now: datetime) -> int:
    return (
        db.scalar(
            select(func.count())
            .select_from(AuthSession)
            .where(
                AuthSession.user_id == user_id,
                AuthSession.is_active.is_(True),
                AuthSession.revoked_at.is_(None),
                AuthSession.expires_at > now,
            )
        )
        or 0
    )


def user_detail(db: Session, who: Principal | None, user_id: uuid.UUID) -> UserDetail:
    require(who, USERS_MANAGE)
    user = find_target(db, user_id)
    now = datetime.now(UTC)
    return UserDetail(
        id=user.id,
        email=user.email,
        name=display_name_of(user),
        user_type=user.user_type,
        status=user.status,
        email_verified=user.email_verified,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
        mfa_enabled=user.mfa_enabled,
        active_sessions=_active_sessions(db, user.id, now),
        roles=_role_grants(db, user.id, now),
        audit=_audit_entries(db, user.id),
    )


def role_names(db: Session) -> list[str]:
    """Every role that can be granted, for the form's choices."""
    return list(db.scalars(select(Role.name).order_by(Role.name)).all())
