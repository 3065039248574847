"""What ``/admin/companies`` reads: the pending requests, oldest first, and the latest decisions.

Administrators only (``require_admin``). A queue item carries what the admin weighs: the
company and its website, who asked and from which address, the method, and for the email route
whether the address's domain still matches the website *now* (a website edited after the request
is flagged), or the document's name for the documents route. Names and addresses come from the
auth context (``mail_recipients``), never from a join across schemas.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.authorization import require_admin
from jobhub.auth.principal import Principal
from jobhub.auth.recipients import MailRecipient, mail_recipients
from jobhub.companies.models import (
    Company,
    CompanyVerificationRequest,
    VerificationMethod,
    VerificationStatus,
)
from jobhub.companies.verification import METHOD_LABELS, day_label
from jobhub.companies.verification_domains import registrable_domain, website_host

QUEUE_PAGE_SIZE: Final = 10
RECENT_LIMIT: Final = 8
GONE_ACCOUNT: Final = "An account that is no longer active"
DECISION_LABELS: Final[dict[str, str]] = {
    VerificationStatus.APPROVED: "Verified",
    VerificationStatus.REFUSED: "Refused",
}

Request = CompanyVerificationRequest


@dataclass(frozen=True)
class QueueItem:
    """``domains_match`` is ``None`` for the documents route, which has no domains to compare."""

    id: str
    company_id: str
    company_name: str
    company_slug: str
    website_url: str
    requester: str
    requester_email: str
    method: str
    method_label: str
    email_domain: str
    website_domain: str
    domains_match: bool | None
    domain_note: str
    document_name: str
    note: str
    requested_on: str
    waiting: str


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class DecidedItem:
    """``may_revoke``: the company still holds the badge this decision gave."""

    id: str
    company_id: str
    company_name: str
    company_slug: str
    decision: str
    decision_label: str
    reason: str
    decided_by: str
    decided_on: str
    may_revoke: bool


def waiting_label(since: datetime, now: datetime) -> str:
    days = max(0, (now - since).days)
    return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''}"


def _people(db: Session, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, MailRecipient]:
    return mail_recipients(db, [user_id for user_id in ids if user_id is not None])


def _domains(request: Request, website_url: str | None) -> tuple[str, bool | None, str]:
    """The website's domain now, whether the claimed address matches it, and a note if it moved."""
    if request.method != VerificationMethod.EMAIL_DOMAIN:
        return "", None, ""
    host = website_host(website_url)
    current = (registrable_domain(host) if host else None) or host
    note = ""
    if request.website_domain and current != request.website_domain:
        note = f"The website changed after the request: it was at {request.website_domain}."
    return current, bool(current) and current == request.email_domain, note


def _item(
    request: Request, company: Company, people: dict[uuid.UUID, MailRecipient], now: datetime
) -> QueueItem:
    person = people.get(request.requested_by)
    website_domain, matches, note = _domains(request, company.website_url)
    return QueueItem(
        id=str(request.id),
        company_id=str(company.id),
        company_name=company.name,
        company_slug=company.slug,
        website_url=company.website_url or "",
        requester=person.first_name if person else GONE_ACCOUNT,
        requester_email=person.email if person else "",
        method=request.method,
        method_label=METHOD_LABELS.get(request.method, request.method),
        email_domain=request.email_domain or "",
        website_domain=website_domain,
        domains_match=matches,
        domain_note=note,
        document_name=request.document_name or "",
        note=request.note or "",
        requested_on=day_label(request.created_at),
        waiting=waiting_label(request.created_at, now),
    )


def verification_queue(
    db: Session,
    who: Principal | None,
    page: int = 1,
    *,
    page_size: int = QUEUE_PAGE_SIZE,
    now: datetime | None = None,
) -> QueuePage:
    """One page of the pending requests, the longest waiting first."""
    require_admin(who)
    moment = now or datetime.now(UTC)
    pending = (
        select(Request, Company)
        .join(Company, Company.id == Request.company_id)
        .where(Request.status == VerificationStatus.PENDING, Company.deleted_at.is_(None))
    )
    total = db.execute(select(func.count()).select_from(pending.subquery())).scalar_one()
    pages = max(1, -(-total // page_size))
    current = min(max(1, page), pages)
    rows = db.execute(
        pending.order_by(Request.created_at, Request.id).offset((current - 1) * page_size).limit(page_size)
    ).all()
    people = _people(db, (request.requested_by for request, _ in rows))
    items = [_item(request, company, people, moment) for request, company in rows]
    return QueuePage(items=items, total=total, page=current, pages=pages)


def recent_decisions(db: Session, who: Principal | None, *, limit: int = RECENT_LIMIT) -> list[DecidedItem]:
    """The latest decided requests, newest first, with who decided and why."""
    require_admin(who)
    rows = db.execute(
        select(Request, Company)
        .join(Company, Company.id == Request.company_id)
        .where(Request.status != VerificationStatus.PENDING, Company.deleted_at.is_(None))
        .order_by(Request.reviewed_at.desc(), Request.id)
        .limit(limit)
    ).all()
    people = _people(db, (request.reviewed_by for request, _ in rows))
    return [
        DecidedItem(
            id=str(request.id),
            company_id=str(company.id),
            company_name=company.name,
            company_slug=company.slug,
            decision=request.status,
            decision_label=DECISION_LABELS.get(request.status, request.status),
            reason=request.decision_reason or "",
            decided_by=person.first_name if (person := people.get(request.reviewed_by)) else GONE_ACCOUNT,
            decided_on=day_label(request.reviewed_at),
            may_revoke=company.is_verified and request.status == VerificationStatus.APPROVED,
        )
        for request, company in rows
    ]
