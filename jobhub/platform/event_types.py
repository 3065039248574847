"""Event type names shared by the emitters, the relay and its subscribers, in one place.

A name is ``<aggregate>.<past-tense verb>``; the relay projects the ones listed in
``platform/projections.py`` into the analytics tables, and any module may subscribe to
any name. Keeping the names here (not spread as string literals) lets a typo fail at import.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

JOB_VIEWED = "job.viewed"
JOB_APPLIED = "job.applied"
JOB_SAVED = "job.saved"
JOB_SHARED = "job.shared"
JOB_REPORTED = "job.reported"
JOB_CLICKED = "job.clicked"
SEARCH_PERFORMED = "search.performed"
PAGE_VIEWED = "page.viewed"
USER_REGISTERED = "user.registered"
USER_LOGGED_IN = "user.logged_in"
USER_EMAIL_VERIFIED = "user.email_verified"
USER_PASSWORD_RESET = "user.password_reset"
USER_SUSPENDED = "user.suspended"
USER_BANNED = "user.banned"
USER_REACTIVATED = "user.reactivated"
USER_ROLE_ASSIGNED = "user.role_assigned"
USER_ROLE_REMOVED = "user.role_removed"
USER_OAUTH_LINKED = "user.oauth_linked"
USER_OAUTH_UNLINKED = "user.oauth_unlinked"
USER_PROFILE_UPDATED = "user.profile_updated"
USER_PASSWORD_CHANGED = "user.password_changed"
USER_EMAIL_CHANGED = "user.email_changed"
USER_DATA_EXPORTED = "user.data_exported"
USER_DELETED = "user.deleted"
USER_MFA_ENABLED = "user.mfa_enabled"
USER_MFA_DISABLED = "user.mfa_disabled"
USER_MFA_BACKUP_CODES_REGENERATED = "user.mfa_backup_codes_regenerated"
USER_MFA_FAILED = "user.mfa_failed"
AUDIT_RECORDED = "audit.recorded"
USER_SESSION_REVOKED = "user.session_revoked"
COMPANY_CREATED = "company.created"
COMPANY_UPDATED = "company.updated"
COMPANY_VERIFICATION_REQUESTED = "company.verification_requested"
COMPANY_VERIFIED = "company.verified"
COMPANY_VERIFICATION_REFUSED = "company.verification_refused"
COMPANY_VERIFICATION_REVOKED = "company.verification_revoked"
COMPANY_MEMBER_INVITED = "company.member_invited"
COMPANY_INVITATION_REVOKED = "company.invitation_revoked"
COMPANY_MEMBER_JOINED = "company.member_joined"
COMPANY_MEMBER_ROLE_CHANGED = "company.member_role_changed"
COMPANY_MEMBER_REMOVED = "company.member_removed"
COMPANY_MEMBER_LEFT = "company.member_left"
JOB_CREATED = "job.created"
JOB_UPDATED = "job.updated"
JOB_PUBLISHED = "job.published"
JOB_PAUSED = "job.paused"
JOB_CLOSED = "job.closed"
JOB_REOPENED = "job.reopened"
JOB_EXPIRED = "job.expired"
JOB_EXPIRY_WARNED = "job.expiry_warned"
JOB_DELETED = "job.deleted"
APPLICATION_SUBMITTED = JOB_APPLIED
APPLICATION_VIEWED = "application.viewed"
APPLICATION_MOVED = "application.moved"
APPLICATION_WITHDRAWN = "application.withdrawn"
APPLICATION_REJECTED = "application.rejected"
APPLICATION_INTERVIEW_SCHEDULED = "application.interview_scheduled"
APPLICATION_INTERVIEW_CANCELLED = "application.interview_cancelled"
APPLICATION_OFFER_MADE = "application.offer_made"
APPLICATION_OFFER_ACCEPTED = "application.offer_accepted"
APPLICATION_OFFER_DECLINED = "application.offer_declined"
PROFILE_UPDATED = "profile.updated"
RESUME_UPLOADED = "resume.uploaded"
RESUME_PARSED = "resume.parsed"
RESUME_DELETED = "resume.deleted"


@dataclass(frozen=True)
class RelayedEvent:
    """One outbox row as the relay hands it to ClickHouse and to subscribers."""

    event_id: uuid.UUID
    schema: str
    aggregate_type: str
    aggregate_id: uuid.UUID
    event_type: str
    payload: dict[str, Any]
    correlation_id: uuid.UUID | None
    occurred_at: datetime

    @property
    def user_id(self) -> uuid.UUID | None:
        """``emit`` stores the acting user in the payload (the outbox has no column for it)."""
        return optional_uuid(self.payload.get("user_id"))


def optional_uuid(value: object) -> uuid.UUID | None:
    """A UUID from a JSON payload value; ``None`` when absent. A malformed id raises."""
    if value is None or value == "":
        return None
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
