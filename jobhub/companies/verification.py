"""Company verification, the employer's side: ask for the verified badge, and see where it stands.

Owners and admins of a company ask (``TeamAction.VERIFY_COMPANY``); every member sees the status.
A request proves the company one of two ways:

- **email_domain**: the requester's own confirmed address is at the registrable domain of the
  company's website (``verification_domains``); a mismatch is refused at once with the reason,
  so the admin queue only ever holds claims that hold;
- **documents**: a PDF, PNG or JPEG (a register extract, a tax certificate) kept in *private*
  storage, sent only to administrators by ``verification_routes``.

At most one request per company waits (the partial unique index
``idx_company_verification_one_pending`` backs the check made under the company's row lock), and
a verified company cannot ask again. Administrators decide in ``verification_review``.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.auth.recipients import verified_email
from jobhub.companies.models import (
    SCHEMA,
    Company,
    CompanyVerificationRequest,
    VerificationMethod,
    VerificationStatus,
)
from jobhub.companies.team_access import NO_SUCH_COMPANY, Membership, TeamAction, require_team
from jobhub.companies.verification_domains import DomainCheck, check_email_domain
from jobhub.platform import storage
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.platform.event_types import COMPANY_VERIFICATION_REQUESTED
from jobhub.platform.events import emit
from jobhub.platform.storage import FileKind

NOTE_MAX: Final = 1000
DOCUMENT_NAME_MAX: Final = 255
DOCUMENT_AREA: Final = "verification"
DOCUMENT_RULE: Final = storage.RULES[FileKind.DOCUMENT]
METHOD_LABELS: Final[dict[str, str]] = {
    VerificationMethod.EMAIL_DOMAIN: "Work email address",
    VerificationMethod.DOCUMENTS: "Documents",
}
NO_DOCUMENT: Final = f"Choose the document to send ({DOCUMENT_RULE.describe()})."
_UNPRINTABLE: Final = re.compile(r"[\x00-\x1f\x7f]")


class BadgeStatus(StrEnum):
    """Where a company stands, as its team sees it."""

    NONE = "none"
    PENDING = "pending"
    VERIFIED = "verified"
    REFUSED = "refused"


@dataclass(frozen=True)
class UploadedDocument:
    """A file as the browser sent it; ``name`` is only ever shown, never part of a path."""

    data: bytes
    name: str


@dataclass(frozen=True)
class VerificationStatusView:
    """The verification card's data. ``reason`` is the admin's words on a refusal (or a removed
    badge); ``email_check`` compares the viewer's own address with the website, so the card can
    say before anyone clicks whether the email route will work."""

    company_id: str
    company_name: str
    status: str
    since: str
    method: str
    reason: str
    document_name: str
    may_request: bool
    email_check: DomainCheck


def day_label(moment: datetime | None) -> str:
    return f"{moment:%d %b %Y}" if moment else ""


def clean_document_name(name: str, content_type: str) -> str:
    """The last part of the client's file name without control characters, for the admin to read."""
    base = _UNPRINTABLE.sub("", re.split(r"[\\/]", name or "")[-1]).strip()
    return base[:DOCUMENT_NAME_MAX] or f"document.{storage.EXTENSIONS[content_type]}"


def clean_note(note: str | None) -> str | None:
    text = (note or "").strip()
    if len(text) > NOTE_MAX:
        raise Invalid("note", f"Keep the note under {NOTE_MAX:,} characters.")
    return text or None


def _company(db: Session, company_id: uuid.UUID, *, lock: bool = False) -> Company:
    query = select(Company).where(Company.id == company_id, Company.deleted_at.is_(None))
    company = db.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if company is None:
        raise NotFound(NO_SUCH_COMPANY)
    return company


def latest_request(db: Session, company_id: uuid.UUID) -> CompanyVerificationRequest | None:
    return db.execute(
        select(CompanyVerificationRequest)
        .where(CompanyVerificationRequest.company_id == company_id)
        .order_by(CompanyVerificationRequest.created_at.desc(), CompanyVerificationRequest.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _status_of(
    company: Company, last: CompanyVerificationRequest | None
) -> tuple[BadgeStatus, datetime | None]:
    if company.is_verified:
        return BadgeStatus.VERIFIED, company.verification_date
    if last is not None and last.status == VerificationStatus.PENDING:
        return BadgeStatus.PENDING, last.created_at
    if last is not None and last.status == VerificationStatus.REFUSED:
        return BadgeStatus.REFUSED, last.reviewed_at
    return BadgeStatus.NONE, None


def _view(db: Session, who: Principal, member: Membership, company: Company) -> VerificationStatusView:
    last = latest_request(db, company.id)
    status, since = _status_of(company, last)
    may_request = member.may(TeamAction.VERIFY_COMPANY) and status in (BadgeStatus.NONE, BadgeStatus.REFUSED)
    email = verified_email(db, who.user_id) if may_request else None
    return VerificationStatusView(
        company_id=str(company.id),
        company_name=company.name,
        status=status.value,
        since=day_label(since),
        method=METHOD_LABELS.get(last.method, "") if last and status != BadgeStatus.NONE else "",
        reason=(last.decision_reason or "") if last and status == BadgeStatus.REFUSED else "",
        document_name=(last.document_name or "") if last and status == BadgeStatus.PENDING else "",
        may_request=may_request,
        email_check=check_email_domain(email, company.website_url),
    )


def verification_status(db: Session, who: Principal | None, company_id: uuid.UUID) -> VerificationStatusView:
    """Pending, verified, refused (with the reason) or none, for any member of the company."""
    member = require_team(db, who, company_id, TeamAction.VIEW_EMPLOYER)
    assert who is not None
    return _view(db, who, member, _company(db, company_id))


def _refuse_if_settled(db: Session, company: Company) -> None:
    if company.is_verified:
        raise Conflict(f"{company.name} is already verified.")
    pending = db.execute(
        select(CompanyVerificationRequest.created_at).where(
            CompanyVerificationRequest.company_id == company.id,
            CompanyVerificationRequest.status == VerificationStatus.PENDING,
        )
    ).scalar_one_or_none()
    if pending is not None:
        raise Conflict(
            f"A request sent on {day_label(pending)} is waiting for review. You will hear from us as "
            "soon as an administrator decides."
        )


def _claim(
    db: Session, who: Principal, company: Company, method: str, document: UploadedDocument | None
) -> dict[str, str | None]:
    """The columns that say what the request claims; the document is stored only once all holds."""
    if method == VerificationMethod.EMAIL_DOMAIN:
        check = check_email_domain(verified_email(db, who.user_id), company.website_url)
        if not check.matches:
            raise Invalid("method", check.problem)
        return {"email_domain": check.email_domain, "website_domain": check.website_domain}
    if method == VerificationMethod.DOCUMENTS:
        if document is None or not document.data:
            raise Invalid("document", NO_DOCUMENT)
        stored = storage.save(
            document.data, FileKind.DOCUMENT, area=DOCUMENT_AREA, public=False, field="document"
        )
        return {
            "document_key": stored.key,
            "document_name": clean_document_name(document.name, stored.content_type),
        }
    raise Invalid("method", "Choose how to verify: your work email address, or documents.")


def request_verification(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    method: str,
    document: UploadedDocument | None = None,
    note: str = "",
) -> VerificationStatusView:
    """Ask for the badge; the new status. Refusals change nothing (a stored document is removed)."""
    member = require_team(db, who, company_id, TeamAction.VERIFY_COMPANY)
    assert who is not None
    company = _company(db, company_id, lock=True)
    _refuse_if_settled(db, company)
    cleaned_note = clean_note(note)
    claim = _claim(db, who, company, method, document)
    row = CompanyVerificationRequest(
        company_id=company.id, requested_by=who.user_id, method=method, note=cleaned_note, **claim
    )
    try:
        with db.begin_nested():
            db.add(row)
            db.flush()
    except IntegrityError as exc:
        storage.delete(claim.get("document_key"))
        raise Conflict("Another request for this company was sent a moment ago.") from exc
    emit(
        db,
        SCHEMA,
        "company",
        company.id,
        COMPANY_VERIFICATION_REQUESTED,
        {
            "company_id": str(company.id),
            "request_id": str(row.id),
            "method": method,
            "domains_match": method == VerificationMethod.EMAIL_DOMAIN,
        },
        user_id=who.user_id,
    )
    return _view(db, who, member, company)
