"""Export my data and delete my account: the two GDPR rights a user exercises from settings.

Erasure is a soft delete that scrubs what identifies the person and keeps the audit rows
(keyed by the user id, for accountability); other contexts scrub their own rows when they
receive the ``user.deleted`` event.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.account import (
    DELETE_WORD,
    AccountRefusal,
    RefusalCode,
    revoke_sessions,
    signed_in_user,
    verify_current_password,
)
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuditSeverity
from jobhub.auth.principal import Principal
from jobhub.platform import data_export
from jobhub.platform.event_types import USER_DATA_EXPORTED, USER_DELETED
from jobhub.platform.events import emit

DELETED_FIRST_NAME = "Deleted"
DELETED_LAST_NAME = "user"
ACCOUNT_DELETED_REASON = "account_deleted"
SCRUBBED_FIELDS = (
    "password_hash",
    "phone",
    "avatar_url",
    "location",
    "mfa_secret",
    "mfa_backup_codes",
    "google_id",
    "linkedin_id",
    "github_id",
    "email_verification_token",
    "email_verification_expires_at",
    "password_reset_token",
    "password_reset_expires_at",
    "last_login_ip",
)


def export_my_data(db: Session, who: Principal | None, context: RequestContext) -> dict[str, Any]:
    """Everything every context holds about the signed-in user, as one JSON-ready document."""
    user = signed_in_user(db, who)
    document = data_export.export_user_data(db, user.id)
    audit.record(
        db,
        AuditAction.DATA_EXPORTED,
        AuditSeverity.INFO,
        context,
        user_id=user.id,
        session_id=who.session_id if who else None,
        details={"contexts": sorted(document["contexts"])},
    )
    emit(db, "auth", "user", user.id, USER_DATA_EXPORTED, {}, user_id=user.id)
    db.flush()
    return document


def tombstone_email(user_id: uuid.UUID) -> str:
    return f"deleted-{user_id}@deleted.invalid"


def delete_account(
    db: Session,
    who: Principal | None,
    password: str,
    confirm_word: str,
    context: RequestContext,
    *,
    now: datetime | None = None,
) -> None:
    """Soft delete and scrub what identifies the person; audit rows stay, keyed by the user id.

    Accounts without a password (OAuth only) confirm with the word alone: they have nothing
    else to type. Other contexts scrub their own rows on the ``user.deleted`` event.
    """
    moment = now or datetime.now(UTC)
    user = signed_in_user(db, who, for_update=True)
    if str(confirm_word or "").strip() != DELETE_WORD:
        raise AccountRefusal("confirm", RefusalCode.CONFIRM_WORD)
    if user.password_hash:
        if not password:
            raise AccountRefusal("password", RefusalCode.MISSING)
        verify_current_password(db, user, password, "password", context, moment)
    user.deleted_at = moment
    user.updated_at = moment
    user.email = tombstone_email(user.id)
    user.first_name, user.last_name = DELETED_FIRST_NAME, DELETED_LAST_NAME
    for field in SCRUBBED_FIELDS:
        setattr(user, field, None)
    user.mfa_enabled = False
    user.phone_verified = False
    db.add(user)
    revoked = revoke_sessions(db, user.id, ACCOUNT_DELETED_REASON, moment)
    audit.record(
        db,
        AuditAction.ACCOUNT_DELETED,
        AuditSeverity.WARN,
        context,
        user_id=user.id,
        details={"sessions_revoked": revoked},
    )
    emit(db, "auth", "user", user.id, USER_DELETED, {"user_type": user.user_type}, user_id=user.id)
    db.flush()
