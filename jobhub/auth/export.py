"""The auth context's part of "export my data": the account, roles, sessions and its audit trail.

Hashes, secrets and tokens are left out by name (``data_export.SECRET_KEYS`` drops them again);
session rows keep what a person would want to review (when, from where, which browser).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from jobhub.auth.models import AuditLog, AuthSession, Role, User, UserRole
from jobhub.platform.data_export import json_value, row_dict, rows

OTHER_ACTOR_FIELDS = ("user_id", "session_id", "ip_address", "user_agent")


def export_user_data(db: Session, user_id: uuid.UUID) -> dict[str, Any]:
    user = db.get(User, user_id)
    grants = db.execute(
        select(UserRole, Role.name).join(Role, Role.id == UserRole.role_id).where(UserRole.user_id == user_id)
    ).all()
    sessions = db.scalars(
        select(AuthSession).where(AuthSession.user_id == user_id).order_by(AuthSession.created_at)
    ).all()
    audit_rows = db.scalars(
        select(AuditLog)
        .where(or_(AuditLog.user_id == user_id, AuditLog.resource_id == user_id))
        .order_by(AuditLog.created_at)
    ).all()
    return {
        "user": row_dict(user) if user else None,
        "roles": [
            row_dict(grant, exclude=("assigned_by",)) | {"role": json_value(name)} for grant, name in grants
        ],
        "sessions": rows(sessions, exclude=("revoked_by",)),
        # Rows about the user written by someone else (an administrator) keep what was done,
        # not who did it from where: that actor's address and browser are their data.
        "audit_log": [
            row_dict(row) if row.user_id == user_id else row_dict(row, exclude=OTHER_ACTOR_FIELDS)
            for row in audit_rows
        ],
    }
