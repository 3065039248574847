"""Company verification, the administrators' side: the queue, the decisions, and the document.

Only holders of the admin role (``require_admin``) read the queue or decide; moderators, whose
``users:manage`` reaches accounts, do not reach companies' papers. A decision locks its request
(``FOR UPDATE``), so two admins deciding at once cannot both win: the second gets ``Conflict``.

Each decision, in the caller's transaction: the request's status, who and when; the company's
``is_verified``/``verification_date``; an ``auth.audit_logs`` row (``resource="company"``); a
domain event; an in-app notification to the requester. The mail to them is *returned*
(``Decision.mail``) for the caller to send after commit, because a mail cannot be rolled back.

A revoked badge has no status of its own (the table's statuses are pending, approved and
refused): the approved request becomes refused with the revoking admin's reason, so the team
reads that reason exactly as it would a refusal, and the audit log keeps the approval.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.authorization import require_admin
from jobhub.auth.models import AuditSeverity
from jobhub.auth.principal import Principal
from jobhub.companies.models import SCHEMA, Company, CompanyVerificationRequest, VerificationStatus
from jobhub.companies.verification import latest_request
from jobhub.companies.verification_mail import decision_mail, decision_notice
from jobhub.notifications.service import notify
from jobhub.platform import event_types, storage
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.platform.events import emit
from jobhub.platform.mail import Message
from jobhub.ui import navigation as nav

REASON_MIN: Final = 3
REASON_MAX: Final = 1000
NO_SUCH_REQUEST: Final = "That verification request does not exist."
REVOKED: Final = "revoked"
"""A decision's status when it took a badge away (requests have no such status of their own)."""
NOT_VERIFIED: Final = "This company is not verified, so there is no badge to remove."

Request = CompanyVerificationRequest


@dataclass(frozen=True)
class Decision:
    """What a decision did, and the mail to send once it is committed (``None``: nobody to mail)."""

    request_id: str
    company_id: str
    company_name: str
    status: str
    mail: Message | None


@dataclass(frozen=True)
class VerificationDocument:
    """A request's document for the download route; ``file_name`` is server-made, never the client's."""

    data: bytes
    content_type: str
    file_name: str


def clean_reason(reason: str | None, *, field: str = "reason") -> str:
    text = " ".join((reason or "").split())
    if len(text) < REASON_MIN:
        raise Invalid(field, f"Give a reason of at least {REASON_MIN} characters: the team reads it.")
    if len(text) > REASON_MAX:
        raise Invalid(field, f"Keep the reason under {REASON_MAX:,} characters.")
    return text


def clean_admin_note(note: str | None) -> str | None:
    text = " ".join((note or "").split())
    if len(text) > REASON_MAX:
        raise Invalid("note", f"Keep the note under {REASON_MAX:,} characters.")
    return text or None


def _pending(db: Session, request_id: uuid.UUID) -> tuple[Request, Company]:
    row = db.execute(
        select(Request, Company)
        .join(Company, Company.id == Request.company_id)
        .where(Request.id == request_id, Company.deleted_at.is_(None))
        .with_for_update()
    ).one_or_none()
    if row is None:
        raise NotFound(NO_SUCH_REQUEST)
    request, company = row
    if request.status != VerificationStatus.PENDING:
        raise Conflict(f"This request was already {request.status} on {request.reviewed_at:%d %b %Y}.")
    return request, company


def _record(
    db: Session,
    who: Principal,
    company: Company,
    request: Request | None,
    *,
    action: str,
    event: str,
    severity: AuditSeverity,
    context: RequestContext | None,
    details: dict[str, str | None],
    old_values: dict[str, str | bool | None] | None = None,
) -> None:
    """The audit row and the domain event every decision writes."""
    about = {"company_id": str(company.id), "request_id": str(request.id) if request else None}
    audit.record(
        db,
        action,
        severity,
        context or RequestContext(),
        user_id=who.user_id,
        subject_id=company.id,
        resource="company",
        details={**about, "company_name": company.name, **details},
        old_values=old_values,
    )
    emit(db, SCHEMA, "company", company.id, event, {**about, **details}, user_id=who.user_id)


def _tell(
    db: Session, user_id: uuid.UUID | None, kind: str, company: Company, reason: str | None
) -> Message | None:
    """The in-app notification now; the mail, built in this transaction, for after commit."""
    if user_id is None:
        return None
    title, text = decision_notice(kind, company.name, reason)
    notify(db, user_id, kind, title, text, nav.EMPLOYER_DASHBOARD)
    return decision_mail(db, user_id, kind, company.name, reason)


def _settle(
    db: Session,
    admin: Principal,
    request_id: uuid.UUID,
    status: VerificationStatus,
    text: str | None,
    *,
    context: RequestContext | None,
    moment: datetime,
) -> Decision:
    """Decide a pending request: its status, who and when, the audit row, event and notices."""
    approved = status == VerificationStatus.APPROVED
    request, company = _pending(db, request_id)
    request.status, request.reviewed_by, request.reviewed_at = status, admin.user_id, moment
    request.decision_reason = text
    if approved:
        company.is_verified, company.verification_date = True, moment
    db.add_all([request, company])
    db.flush()
    kind = event_types.COMPANY_VERIFIED if approved else event_types.COMPANY_VERIFICATION_REFUSED
    _record(
        db,
        admin,
        company,
        request,
        action=AuditAction.COMPANY_VERIFIED if approved else AuditAction.COMPANY_VERIFICATION_REFUSED,
        event=kind,
        severity=AuditSeverity.INFO,
        context=context,
        details={"method": request.method, "note" if approved else "reason": text},
    )
    message = _tell(db, request.requested_by, kind, company, text)
    return Decision(str(request.id), str(company.id), company.name, request.status, message)


def verify_company(
    db: Session,
    who: Principal | None,
    request_id: uuid.UUID,
    note: str = "",
    *,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> Decision:
    """Approve a pending request: the company gets the badge; ``note`` is kept with the decision."""
    admin = require_admin(who)
    cleaned = clean_admin_note(note)
    return _settle(
        db,
        admin,
        request_id,
        VerificationStatus.APPROVED,
        cleaned,
        context=context,
        moment=now or datetime.now(UTC),
    )


def refuse_verification(
    db: Session,
    who: Principal | None,
    request_id: uuid.UUID,
    reason: str,
    *,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> Decision:
    """Refuse a pending request; the reason is required and shown to the company's team."""
    admin = require_admin(who)
    cleaned = clean_reason(reason)
    return _settle(
        db,
        admin,
        request_id,
        VerificationStatus.REFUSED,
        cleaned,
        context=context,
        moment=now or datetime.now(UTC),
    )


def revoke_verification(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    reason: str,
    *,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> Decision:
    """Take a verified company's badge away, with a reason the team reads; the team may ask again."""
    admin = require_admin(who)
    moment = now or datetime.now(UTC)
    cleaned = clean_reason(reason)
    company = db.execute(
        select(Company).where(Company.id == company_id, Company.deleted_at.is_(None)).with_for_update()
    ).scalar_one_or_none()
    if company is None:
        raise NotFound("That company does not exist.")
    if not company.is_verified:
        raise Conflict(NOT_VERIFIED)
    before = {
        "is_verified": True,
        "verification_date": company.verification_date.isoformat() if company.verification_date else None,
    }
    company.is_verified, company.verification_date = False, None
    latest = latest_request(db, company.id)
    approval = latest if latest is not None and latest.status == VerificationStatus.APPROVED else None
    if approval is not None:
        approval.status, approval.reviewed_by, approval.reviewed_at = (
            VerificationStatus.REFUSED,
            admin.user_id,
            moment,
        )
        approval.decision_reason = cleaned
        db.add(approval)
    db.add(company)
    db.flush()
    _record(
        db,
        admin,
        company,
        approval,
        action=AuditAction.COMPANY_VERIFICATION_REVOKED,
        event=event_types.COMPANY_VERIFICATION_REVOKED,
        severity=AuditSeverity.WARN,
        context=context,
        details={"reason": cleaned},
        old_values=before,
    )
    requester = approval.requested_by if approval is not None else None
    message = _tell(db, requester, event_types.COMPANY_VERIFICATION_REVOKED, company, cleaned)
    return Decision(str(approval.id) if approval else "", str(company.id), company.name, REVOKED, message)


def verification_document(db: Session, who: Principal | None, request_id: uuid.UUID) -> VerificationDocument:
    """The document of a request, for an administrator only; ``NotFound`` when there is none."""
    require_admin(who)
    row = db.execute(
        select(Request.document_key, Company.slug)
        .join(Company, Company.id == Request.company_id)
        .where(Request.id == request_id)
    ).one_or_none()
    found = storage.read(row.document_key) if row is not None and row.document_key else None
    if found is None:
        raise NotFound("That request has no document.")
    data, content_type = found
    slug = re.sub(r"[^a-z0-9-]", "", row.slug)[:60] or "company"
    return VerificationDocument(data, content_type, f"verification-{slug}.{storage.EXTENSIONS[content_type]}")
