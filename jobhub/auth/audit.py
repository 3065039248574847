"""Security events in ``auth.audit_logs``: who, from where, how serious, in the caller's transaction.

Every auth flow writes through ``record`` so that the rows carry the same request context
and action names, and every row is also emitted as an ``audit.recorded`` domain event (the
action, its severity and whom it concerns, never its details), so security events reach the
analytics store and any subscriber even when the flow has no more specific event.
"""

from __future__ import annotations

import ipaddress
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from jobhub.auth.models import SCHEMA, AuditLog, AuditSeverity
from jobhub.platform.event_types import AUDIT_RECORDED
from jobhub.platform.events import emit

USER_AGENT_MAX = 500


class AuditAction:
    LOGIN_SUCCESS = "login_success"
    LOGIN_FAILURE = "login_failure"
    LOCKOUT = "lockout"
    LOGOUT = "logout"
    USER_SUSPENDED = "user_suspended"
    USER_BANNED = "user_banned"
    USER_REACTIVATED = "user_reactivated"
    ROLE_ASSIGNED = "role_assigned"
    ROLE_REMOVED = "role_removed"
    REGISTER = "register"
    REGISTER_EXISTING_EMAIL = "register_existing_email"
    VERIFICATION_SENT = "verification_sent"
    EMAIL_VERIFIED = "email_verified"
    PASSWORD_RESET_REQUESTED = "password_reset_requested"
    PASSWORD_RESET = "password_reset"
    OAUTH_LOGIN = "oauth_login"
    OAUTH_LINKED = "oauth_linked"
    OAUTH_UNLINKED = "oauth_unlinked"
    PROFILE_UPDATED = "profile_updated"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_CHECK_FAILED = "password_check_failed"
    EMAIL_CHANGE_REQUESTED = "email_change_requested"
    EMAIL_CHANGED = "email_changed"
    DATA_EXPORTED = "data_exported"
    ACCOUNT_DELETED = "account_deleted"
    MFA_ENABLED = "mfa_enabled"
    MFA_DISABLED = "mfa_disabled"
    MFA_BACKUP_CODES_REGENERATED = "mfa_backup_codes_regenerated"
    MFA_FAILURE = "mfa_failure"
    SESSION_REVOKED = "session_revoked"
    COMPANY_VERIFIED = "company_verified"
    COMPANY_VERIFICATION_REFUSED = "company_verification_refused"
    COMPANY_VERIFICATION_REVOKED = "company_verification_revoked"
    COMPANY_MEMBER_ROLE_CHANGED = "company_member_role_changed"
    COMPANY_MEMBER_REMOVED = "company_member_removed"
    APPLICATION_MOVED = "application_moved"
    APPLICATION_OFFER_MADE = "application_offer_made"
    APPLICATION_OFFER_WITHDRAWN = "application_offer_withdrawn"
    APPLICATION_INTERVIEW_SCHEDULED = "application_interview_scheduled"


@dataclass(frozen=True)
class RequestContext:
    """Where an action came from; one correlation id ties its audit rows and events together."""

    ip: str | None = None
    user_agent: str | None = None
    correlation_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @classmethod
    def of(
        cls, ip: str | None, user_agent: str | None, correlation_id: uuid.UUID | None = None
    ) -> RequestContext:
        """Long user agents are cut (they are attacker-controlled and stored twice), and an
        ``ip`` that is not an address (a test client's "testclient", a proxy's junk) is left
        out, since the columns are ``inet``."""
        agent = (user_agent or "")[:USER_AGENT_MAX] or None
        return cls(_address_or_none(ip), agent, correlation_id or uuid.uuid4())


def _address_or_none(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address(value)) if value else None
    except ValueError:
        return None


def record(
    db: Session,
    action: str,
    severity: AuditSeverity,
    context: RequestContext,
    *,
    user_id: uuid.UUID | None = None,
    session_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
    subject_id: uuid.UUID | None = None,
    old_values: dict[str, Any] | None = None,
    resource: str | None = None,
) -> None:
    """``user_id`` is who acted; ``subject_id`` the user acted upon when that is someone else
    (an admin suspending an account), ``old_values``/``details`` the values before and after.
    ``resource`` names what ``subject_id`` is when it is not a user (``"company"``, for the
    decisions other contexts' admins take), which keeps it out of that user id's audit trail.
    """
    subject = subject_id or user_id
    audit_id = uuid.uuid4()
    db.add(
        AuditLog(
            id=audit_id,
            user_id=user_id,
            session_id=session_id,
            action=action,
            resource=resource or ("user" if subject else None),
            resource_id=subject,
            old_values=old_values,
            new_values=details,
            ip_address=context.ip,
            user_agent=context.user_agent,
            correlation_id=context.correlation_id,
            severity=severity.value,
        )
    )
    emit(
        db,
        SCHEMA,
        "audit_log",
        audit_id,
        AUDIT_RECORDED,
        {
            "audit_id": str(audit_id),
            "action": action,
            "severity": severity.value,
            "subject_id": str(subject) if subject else None,
            "session_id": str(session_id) if session_id else None,
        },
        user_id=user_id,
        correlation_id=context.correlation_id,
    )
