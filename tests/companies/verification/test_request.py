"""Asking for the badge: the email-domain and documents routes, one pending request, and the status."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.companies.models import CompanyVerificationRequest, OutboxEvent, VerificationMethod
from jobhub.companies.verification import (
    NO_DOCUMENT,
    BadgeStatus,
    UploadedDocument,
    request_verification,
    verification_status,
)
from jobhub.companies.verification_domains import NO_EMAIL
from jobhub.platform import storage
from jobhub.platform.errors import Conflict, Invalid
from jobhub.platform.event_types import COMPANY_VERIFICATION_REQUESTED
from tests.companies.verification.support import DOCUMENT, PDF_BYTES, give_address, pending_request
from tests.factories import Team, add, make_team

EMAIL = VerificationMethod.EMAIL_DOMAIN
DOCUMENTS = VerificationMethod.DOCUMENTS


def _requests(db: Session, team: Team) -> list[CompanyVerificationRequest]:
    return list(
        db.scalars(
            select(CompanyVerificationRequest).where(CompanyVerificationRequest.company_id == team.company.id)
        )
    )


def test_an_owner_at_the_websites_domain_asks_by_email(db: Session, vteam: Team) -> None:
    view = request_verification(db, vteam.owner, vteam.company.id, EMAIL, note="We are the real Acme.")

    assert view.status == BadgeStatus.PENDING
    assert view.method == "Work email address"
    assert not view.may_request
    (row,) = _requests(db, vteam)
    assert (row.email_domain, row.website_domain) == (f"{vteam.company.slug}.test",) * 2
    assert row.requested_by == vteam.owner.user_id
    assert row.note == "We are the real Acme."
    (event,) = db.scalars(
        select(OutboxEvent).where(
            OutboxEvent.aggregate_id == vteam.company.id,
            OutboxEvent.event_type == COMPANY_VERIFICATION_REQUESTED,
        )
    )
    assert event.event_data["request_id"] == str(row.id)
    assert event.event_data["method"] == EMAIL and event.event_data["domains_match"] is True


def test_an_address_at_another_domain_is_refused_with_the_reason_and_nothing_stored(db: Session) -> None:
    team = make_team(db, website_url="https://www.acme.com")
    give_address(db, team.owner, "boss@initech.com")

    with pytest.raises(Invalid) as refused:
        request_verification(db, team.owner, team.company.id, EMAIL)

    assert refused.value.field == "method"
    assert "initech.com" in refused.value.message and "acme.com" in refused.value.message
    assert _requests(db, team) == []


def test_a_free_mail_address_is_refused_with_a_message(db: Session) -> None:
    team = make_team(db, website_url="https://acme.com")
    give_address(db, team.owner, "acme.boss@gmail.com")

    with pytest.raises(Invalid, match=r"gmail\.com is a free email provider"):
        request_verification(db, team.owner, team.company.id, EMAIL)


def test_an_unconfirmed_address_proves_no_domain(db: Session) -> None:
    team = make_team(db, website_url="https://acme.com")
    give_address(db, team.owner, "boss@acme.com", verified=False)

    with pytest.raises(Invalid) as refused:
        request_verification(db, team.owner, team.company.id, EMAIL)
    assert refused.value.message == NO_EMAIL


def test_documents_are_kept_privately_under_a_server_name(db: Session, vteam: Team, files_dir: Path) -> None:
    view = request_verification(db, vteam.admin, vteam.company.id, DOCUMENTS, DOCUMENT)

    assert view.status == BadgeStatus.PENDING and view.method == "Documents"
    assert view.document_name == "Handelsregister Auszug.pdf"
    (row,) = _requests(db, vteam)
    assert row.document_key is not None and row.document_key.startswith("private/verification/")
    assert "Handelsregister" not in row.document_key
    assert storage.read(row.document_key) == (PDF_BYTES, storage.PDF)
    assert row.email_domain is None


def test_a_path_in_the_client_file_name_is_only_its_last_part(db: Session, vteam: Team) -> None:
    document = UploadedDocument(PDF_BYTES, "..\\..\\etc/passwd\x00.pdf")

    view = request_verification(db, vteam.owner, vteam.company.id, DOCUMENTS, document)

    assert view.document_name == "passwd.pdf"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (None, NO_DOCUMENT),
        (UploadedDocument(b"<svg onload=alert(1)>", "logo.pdf"), "That file type is not accepted here"),
        (UploadedDocument(b"PK\x03\x04 not a pdf", "form.docx"), "That file type is not accepted here"),
        (UploadedDocument(b"%PDF-" + b"0" * (10 * 1024 * 1024), "big.pdf"), "the limit is PDF, PNG, JPEG"),
    ],
    ids=["missing", "svg", "docx", "oversized"],
)
def test_a_document_that_is_not_a_small_pdf_or_image_is_refused(
    db: Session, vteam: Team, files_dir: Path, document: UploadedDocument | None, message: str
) -> None:
    with pytest.raises(Invalid, match=re.escape(message)) as refused:
        request_verification(db, vteam.owner, vteam.company.id, DOCUMENTS, document)

    assert refused.value.field == "document"
    assert _requests(db, vteam) == []
    assert not any(files_dir.rglob("*.*"))


def test_an_unknown_method_is_refused(db: Session, vteam: Team) -> None:
    with pytest.raises(Invalid, match="Choose how to verify"):
        request_verification(db, vteam.owner, vteam.company.id, "phone_call")


def test_a_note_longer_than_allowed_is_refused(db: Session, vteam: Team) -> None:
    with pytest.raises(Invalid) as refused:
        request_verification(db, vteam.owner, vteam.company.id, EMAIL, note="x" * 1001)
    assert refused.value.field == "note"


def test_only_one_request_waits_per_company(db: Session, vteam: Team, files_dir: Path) -> None:
    pending_request(db, vteam, EMAIL)

    with pytest.raises(Conflict, match="is waiting for review"):
        request_verification(db, vteam.admin, vteam.company.id, DOCUMENTS, DOCUMENT)

    assert len(_requests(db, vteam)) == 1
    assert not any(files_dir.rglob("*.pdf"))


def test_the_index_refuses_a_second_pending_request_too(db: Session, vteam: Team) -> None:
    """The partial unique index is the backstop of the check made under the row lock."""
    pending_request(db, vteam, EMAIL)
    second = CompanyVerificationRequest(company_id=vteam.company.id, requested_by=uuid.uuid4(), method=EMAIL)

    with pytest.raises(Exception, match="idx_company_verification_one_pending"), db.begin_nested():
        add(db, second)


def test_a_verified_company_cannot_ask_again(db: Session, vteam: Team) -> None:
    vteam.company.is_verified, vteam.company.verification_date = True, datetime(2026, 3, 1, tzinfo=UTC)
    add(db, vteam.company)

    with pytest.raises(Conflict, match="already verified"):
        request_verification(db, vteam.owner, vteam.company.id, EMAIL)


def test_status_is_none_at_first_and_says_whether_the_email_route_will_work(db: Session, vteam: Team) -> None:
    view = verification_status(db, vteam.owner, vteam.company.id)

    assert view.status == BadgeStatus.NONE
    assert view.may_request
    assert view.email_check.matches


def test_members_who_may_not_ask_see_the_status_without_the_offer(db: Session, vteam: Team) -> None:
    pending_request(db, vteam)

    view = verification_status(db, vteam.recruiter, vteam.company.id)

    assert view.status == BadgeStatus.PENDING
    assert view.document_name == "Handelsregister Auszug.pdf"
    assert not view.may_request


def test_status_shows_a_verified_company_with_its_date(db: Session, vteam: Team) -> None:
    vteam.company.is_verified, vteam.company.verification_date = True, datetime(2026, 3, 1, tzinfo=UTC)
    add(db, vteam.company)

    view = verification_status(db, vteam.hiring_manager, vteam.company.id)

    assert (view.status, view.since, view.may_request) == (BadgeStatus.VERIFIED, "01 Mar 2026", False)
