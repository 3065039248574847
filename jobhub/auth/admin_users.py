"""User management for staff: find accounts, look at one, suspend, ban, reactivate, grant roles.

Who may do what:
- ``users:manage`` (admins and moderators) lists and inspects accounts and changes their status;
- granting and removing roles needs the admin role itself, so a moderator cannot make
  anyone (themselves included) an admin, and only an admin may change an admin's status;
- nobody suspends, bans or un-admins themselves, so the last admin cannot lock everyone out
  by accident.

Suspending or banning revokes every session of the account in the same transaction, and
``resolve_principal`` refuses non-active users anyway, so a suspended user's open tab is
signed out on its next event. Every change writes an audit row (old and new values, the
reason) and a domain event. Ids of missing or deleted accounts are ``NotFound``, whoever asks.

Views returned here carry only what an administrator may see: never a password hash, MFA
secret, backup code or token.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from math import ceil
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.authorization import holds_admin_role, require, require_admin
from jobhub.auth.models import (
    AuditLog,
    AuditSeverity,
    AuthSession,
    Role,
    User,
    UserRole,
    UserStatus,
    UserType,
)
from jobhub.auth.permissions import USERS_MANAGE, RoleName
from jobhub.auth.principal import Principal, display_name_of
from jobhub.platform import event_types
from jobhub.platform.errors import Conflict, Forbidden, Invalid, NotFound
from jobhub.platform.events import emit

PAGE_SIZE = 25
SEARCH_MAX = 200
REASON_MIN = 3
REASON_MAX = 500
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


def search_expression() -> ColumnElement[str]:
    """One immutable expression over email and name, so a trigram index on it can serve search.

    ``||`` rather than ``concat_ws`` because only immutable functions may be indexed.
    """
    return func.lower(User.email + " " + User.first_name + " " + User.last_name)


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
        conditions.append(search_expression().like(_like_pattern(term), escape="\\"))
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

    A search cannot use an index yet (a trigram index on ``search_expression()`` needs a
    migration), so the table is read at most about once: a short last page already gives
    the total, and a full page (many matches) stops early on the ``created_at`` index,
    leaving the one full scan to the count.
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


def _target(db: Session, user_id: uuid.UUID, *, for_update: bool = False) -> User:
    query = select(User).where(User.id == user_id, User.deleted_at.is_(None))
    user = db.scalars(query.with_for_update() if for_update else query).one_or_none()
    if user is None:
        raise NotFound("That account does not exist.")
    return user


def _live_grant(now: datetime) -> ColumnElement[bool]:
    return and_(UserRole.is_active.is_(True), or_(UserRole.expires_at.is_(None), UserRole.expires_at > now))


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
    user = _target(db, user_id)
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


def _reason(reason: str) -> str:
    text = clean_text(reason, REASON_MAX + 1)
    if len(text) < REASON_MIN:
        raise Invalid("reason", f"Give a reason of at least {REASON_MIN} characters.")
    if len(text) > REASON_MAX:
        raise Invalid("reason", f"Keep the reason under {REASON_MAX} characters.")
    return text


def _holds_admin(db: Session, user_id: uuid.UUID, now: datetime) -> bool:
    return (
        db.scalar(
            select(func.count())
            .select_from(UserRole)
            .join(Role, Role.id == UserRole.role_id)
            .where(UserRole.user_id == user_id, Role.name == RoleName.ADMIN, _live_grant(now))
        )
        or 0
    ) > 0


def _may_change_status(db: Session, who: Principal, user: User, now: datetime) -> None:
    if user.id == who.user_id:
        raise Forbidden("You cannot change the status of your own account.")
    if not holds_admin_role(who) and _holds_admin(db, user.id, now):
        raise Forbidden("Only administrators may change an administrator's account.")


def _revoke_all_sessions(db: Session, user_id: uuid.UUID, by: uuid.UUID, why: str, now: datetime) -> int:
    result = db.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(is_active=False, revoked_at=now, revoked_by=by, revoke_reason=why)
    )
    return int(result.rowcount or 0)


_STATUS_CHANGES: dict[str, tuple[str, str, str, AuditSeverity]] = {
    # new status: (audit action, event type, session revoke reason, severity)
    UserStatus.SUSPENDED: (
        AuditAction.USER_SUSPENDED,
        event_types.USER_SUSPENDED,
        "account_suspended",
        AuditSeverity.WARN,
    ),
    UserStatus.BANNED: (
        AuditAction.USER_BANNED,
        event_types.USER_BANNED,
        "account_banned",
        AuditSeverity.ERROR,
    ),
    UserStatus.ACTIVE: (AuditAction.USER_REACTIVATED, event_types.USER_REACTIVATED, "", AuditSeverity.INFO),
}


def _change_status(
    db: Session,
    who: Principal | None,
    user_id: uuid.UUID,
    new_status: UserStatus,
    reason: str,
    context: RequestContext,
) -> UserDetail:
    actor = require(who, USERS_MANAGE)
    user = _target(db, user_id, for_update=True)
    now = datetime.now(UTC)
    _may_change_status(db, actor, user, now)
    why = _reason(reason)
    old_status = user.status
    if old_status == new_status:
        raise Conflict(f"This account is already {new_status.value}.")
    if new_status == UserStatus.ACTIVE and old_status not in (UserStatus.SUSPENDED, UserStatus.BANNED):
        raise Conflict("Only a suspended or banned account can be reactivated.")
    action, event_type, revoke_reason, severity = _STATUS_CHANGES[new_status]
    user.status = new_status.value
    db.add(user)
    revoked = _revoke_all_sessions(db, user.id, actor.user_id, revoke_reason, now) if revoke_reason else 0
    details: dict[str, Any] = {"status": new_status.value, "reason": why, "sessions_revoked": revoked}
    audit.record(
        db,
        action,
        severity,
        context,
        user_id=actor.user_id,
        session_id=actor.session_id,
        subject_id=user.id,
        old_values={"status": old_status},
        details=details,
    )
    emit(
        db,
        "auth",
        "user",
        user.id,
        event_type,
        {"old_status": old_status, "status": new_status.value, "sessions_revoked": revoked},
        user_id=actor.user_id,
        correlation_id=context.correlation_id,
    )
    db.flush()
    return user_detail(db, actor, user.id)


def suspend_user(
    db: Session, who: Principal | None, user_id: uuid.UUID, reason: str, context: RequestContext
) -> UserDetail:
    return _change_status(db, who, user_id, UserStatus.SUSPENDED, reason, context)


def ban_user(
    db: Session, who: Principal | None, user_id: uuid.UUID, reason: str, context: RequestContext
) -> UserDetail:
    return _change_status(db, who, user_id, UserStatus.BANNED, reason, context)


def reactivate_user(
    db: Session, who: Principal | None, user_id: uuid.UUID, reason: str, context: RequestContext
) -> UserDetail:
    return _change_status(db, who, user_id, UserStatus.ACTIVE, reason, context)


def role_names(db: Session) -> list[str]:
    """Every role that can be granted, for the form's choices."""
    return list(db.scalars(select(Role.name).order_by(Role.name)).all())


def _role(db: Session, name: str) -> Role:
    role = db.scalars(select(Role).where(Role.name == clean_text(name, 50))).one_or_none()
    if role is None:
        raise Invalid("role", "Choose a role from the list.")
    return role


def assign_role(
    db: Session,
    who: Principal | None,
    user_id: uuid.UUID,
    role_name: str,
    context: RequestContext,
    *,
    expires_at: datetime | None = None,
) -> UserDetail:
    """Grant ``role_name``; with ``expires_at`` it lapses on its own (``resolve_principal`` skips it)."""
    actor = require_admin(who)
    user = _target(db, user_id, for_update=True)
    role = _role(db, role_name)
    now = datetime.now(UTC)
    if expires_at is not None:
        if expires_at.tzinfo is None:
            raise Invalid("expires_at", "Give the expiry with its time zone.")
        if expires_at <= now:
            raise Invalid("expires_at", "Choose an expiry in the future.")
    grant = db.scalars(
        select(UserRole).where(UserRole.user_id == user.id, UserRole.role_id == role.id).with_for_update()
    ).one_or_none()
    old_values: dict[str, Any] | None = None
    if grant is not None:
        live = grant.is_active and (grant.expires_at is None or grant.expires_at > now)
        if live and grant.expires_at == expires_at:
            raise Conflict(f"This account already holds the {role.name} role.")
        old_values = {
            "role": role.name,
            "is_active": grant.is_active,
            "expires_at": grant.expires_at.isoformat() if grant.expires_at else None,
        }
        grant.is_active, grant.expires_at, grant.assigned_by, grant.assigned_at = (
            True,
            expires_at,
            actor.user_id,
            now,
        )
    else:
        grant = UserRole(
            user_id=user.id,
            role_id=role.id,
            assigned_by=actor.user_id,
            assigned_at=now,
            expires_at=expires_at,
        )
    db.add(grant)
    details = {"role": role.name, "expires_at": expires_at.isoformat() if expires_at else None}
    audit.record(
        db,
        AuditAction.ROLE_ASSIGNED,
        AuditSeverity.WARN,
        context,
        user_id=actor.user_id,
        session_id=actor.session_id,
        subject_id=user.id,
        old_values=old_values,
        details=details,
    )
    emit(
        db,
        "auth",
        "user",
        user.id,
        event_types.USER_ROLE_ASSIGNED,
        details,
        user_id=actor.user_id,
        correlation_id=context.correlation_id,
    )
    db.flush()
    return user_detail(db, actor, user.id)


def remove_role(
    db: Session, who: Principal | None, user_id: uuid.UUID, role_name: str, context: RequestContext
) -> UserDetail:
    actor = require_admin(who)
    user = _target(db, user_id, for_update=True)
    role = _role(db, role_name)
    if user.id == actor.user_id and role.name == RoleName.ADMIN:
        raise Forbidden("You cannot remove your own administrator role.")
    grant = db.scalars(
        select(UserRole).where(UserRole.user_id == user.id, UserRole.role_id == role.id).with_for_update()
    ).one_or_none()
    if grant is None:
        raise Conflict(f"This account does not hold the {role.name} role.")
    old_values = {
        "role": role.name,
        "is_active": grant.is_active,
        "expires_at": grant.expires_at.isoformat() if grant.expires_at else None,
    }
    db.delete(grant)
    audit.record(
        db,
        AuditAction.ROLE_REMOVED,
        AuditSeverity.WARN,
        context,
        user_id=actor.user_id,
        session_id=actor.session_id,
        subject_id=user.id,
        old_values=old_values,
        details={"role": role.name},
    )
    emit(
        db,
        "auth",
        "user",
        user.id,
        event_types.USER_ROLE_REMOVED,
        {"role": role.name},
        user_id=actor.user_id,
        correlation_id=context.correlation_id,
    )
    db.flush()
    return user_detail(db, actor, user.id)
