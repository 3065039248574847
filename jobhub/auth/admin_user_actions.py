"""User management for staff, the changes: suspend, ban, reactivate, grant and remove roles.

Who may do what:
- ``users:manage`` (admins and moderators) changes an account's status;
- granting and removing roles needs the admin role itself, so a moderator cannot make
  anyone (themselves included) an admin, and only an admin may change an admin's status;
- nobody suspends, bans or un-admins themselves, so the last admin cannot lock everyone out
  by accident.

Suspending or banning revokes every session of the account in the same transaction, and
``resolve_principal`` refuses non-active users anyway, so a suspended user's open tab is
signed out on its next event. Every change writes an audit row (old and new values, the
reason) and a domain event, and answers with the account's fresh detail view.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.admin_users import UserDetail, clean_text, find_target, user_detail
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.authorization import holds_admin_role, require, require_admin
from jobhub.auth.models import AuditSeverity, AuthSession, Role, User, UserRole, UserStatus
from jobhub.auth.permissions import USERS_MANAGE, RoleName
from jobhub.auth.principal import Principal
from jobhub.platform import event_types
from jobhub.platform.errors import Conflict, Forbidden, Invalid
from jobhub.platform.events import emit

REASON_MIN = 3
REASON_MAX = 500


def _live_grant(now: datetime) -> ColumnElement[bool]:
    return and_(UserRole.is_active.is_(True), or_(UserRole.expires_at.is_(None), UserRole.expires_at > now))


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


def _recorded(
    db: Session,
    actor: Principal,
    user_id: uuid.UUID,
    context: RequestContext,
    kind: tuple[str, AuditSeverity, str],
    *,
    old_values: dict[str, Any] | None,
    details: dict[str, Any],
    event_data: dict[str, Any],
) -> UserDetail:
    """Audit and event for an admin's change to ``user_id`` (``kind``: action, severity, event
    type), then the detail panel as it now reads. ``event_data`` goes to analytics: never the
    free-text reason, which stays in the audit row.
    """
    action, severity, event_type = kind
    audit.record(
        db,
        action,
        severity,
        context,
        user_id=actor.user_id,
        session_id=actor.session_id,
        subject_id=user_id,
        old_values=old_values,
        details=details,
    )
    emit(
        db,
        "auth",
        "user",
        user_id,
        event_type,
        event_data,
        user_id=actor.user_id,
        correlation_id=context.correlation_id,
    )
    db.flush()
    return user_detail(db, actor, user_id)


def _grant_values(role: Role, grant: UserRole) -> dict[str, Any]:
    """A role grant as the audit row's ``old_values`` keep it."""
    return {
        "role": role.name,
        "is_active": grant.is_active,
        "expires_at": grant.expires_at.isoformat() if grant.expires_at else None,
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
    user = find_target(db, user_id, for_update=True)
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
    return _recorded(
        db,
        actor,
        user.id,
        context,
        (action, severity, event_type),
        old_values={"status": old_status},
        details={"status": new_status.value, "reason": why, "sessions_revoked": revoked},
        event_data={"old_status": old_status, "status": new_status.value, "sessions_revoked": revoked},
    )


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
    user = find_target(db, user_id, for_update=True)
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
        old_values = _grant_values(role, grant)
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
    return _recorded(
        db,
        actor,
        user.id,
        context,
        (AuditAction.ROLE_ASSIGNED, AuditSeverity.WARN, event_types.USER_ROLE_ASSIGNED),
        old_values=old_values,
        details=details,
        event_data=details,
    )


def remove_role(
    db: Session, who: Principal | None, user_id: uuid.UUID, role_name: str, context: RequestContext
) -> UserDetail:
    actor = require_admin(who)
    user = find_target(db, user_id, for_update=True)
    role = _role(db, role_name)
    if user.id == actor.user_id and role.name == RoleName.ADMIN:
        raise Forbidden("You cannot remove your own administrator role.")
    grant = db.scalars(
        select(UserRole).where(UserRole.user_id == user.id, UserRole.role_id == role.id).with_for_update()
    ).one_or_none()
    if grant is None:
        raise Conflict(f"This account does not hold the {role.name} role.")
    old_values = _grant_values(role, grant)
    db.delete(grant)
    return _recorded(
        db,
        actor,
        user.id,
        context,
        (AuditAction.ROLE_REMOVED, AuditSeverity.WARN, event_types.USER_ROLE_REMOVED),
        old_values=old_values,
        details={"role": role.name},
        event_data={"role": role.name},
    )
