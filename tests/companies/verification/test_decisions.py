"""Deciding: verify, refuse with a reason, revoke; the audit row, event, notification and mail, the badge."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuditLog
from jobhub.auth.principal import Principal
from jobhub.companies.models import (
    Company,
    CompanyVerificationRequest,
    OutboxEvent,
    VerificationMethod,
    VerificationStatus,
)
from jobhub.companies.service import company_card
from jobhub.companies.verification import BadgeStatus, request_verification, verification_status
from jobhub.companies.verification_queue import recent_decisions, verification_queue
from jobhub.companies.verification_review import (
    NOT_VERIFIED,
    refuse_verification,
    revoke_verification,
    verify_company,
)
from jobhub.notifications.models import UserNotification
from jobhub.platform import event_types
from jobhub.platform.errors import Conflict, Invalid, NotFound
from tests.companies.verification.support import pending_request, verifiable_team
from tests.factories import Team, add

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
CONTEXT = RequestContext.of("203.0.113.9", "pytest")


def _company(db: Session, team: Team) -> Company:
    db.expire_all()
    return db.get_one(Company, team.company.id)


def _audit(db: Session, action: str, company_id: uuid.UUID) -> list[AuditLog]:
    return list(
        db.scalars(select(AuditLog).where(AuditLog.action == action, AuditLog.resource_id == company_id))
    )


def _events(db: Session, event_type: str, company_id: uuid.UUID) -> list[OutboxEvent]:
    return list(
        db.scalars(
            select(OutboxEvent).where(
                OutboxEvent.event_type == event_type, OutboxEvent.aggregate_id == company_id
            )
        )
    )


def _notifications(db: Session, user_id: uuid.UUID) -> list[UserNotification]:
    return list(db.scalars(select(UserNotification).where(UserNotification.user_id == user_id)))


def test_verifying_gives_the_badge_audits_emits_and_tells_the_requester(
    db: Session, vteam: Team, admin: Principal
) -> None:
    request_id = pending_request(db, vteam, VerificationMethod.EMAIL_DOMAIN)

    decision = verify_company(db, admin, request_id, "Domain checked", context=CONTEXT, now=NOW)

    company = _company(db, vteam)
    assert company.is_verified and company.verification_date == NOW
    row = db.get_one(CompanyVerificationRequest, request_id)
    assert (row.status, row.reviewed_by, row.reviewed_at) == (VerificationStatus.APPROVED, admin.user_id, NOW)
    assert row.decision_reason == "Domain checked"
    (audit,) = _audit(db, AuditAction.COMPANY_VERIFIED, company.id)
    assert audit.resource == "company" and audit.user_id == admin.user_id
    assert audit.new_values["request_id"] == str(request_id)
    assert str(audit.ip_address) == "203.0.113.9"
    (event,) = _events(db, event_types.COMPANY_VERIFIED, company.id)
    assert event.event_data["request_id"] == str(request_id)
    (bell,) = _notifications(db, vteam.owner.user_id)
    assert bell.type == event_types.COMPANY_VERIFIED and company.name in bell.title
    assert decision.mail is not None
    assert decision.mail.to == f"owner@{vteam.company.slug}.test"
    assert company.name in decision.mail.subject


def test_the_badge_appears_on_the_company_card_the_job_pages_use(
    db: Session, vteam: Team, admin: Principal
) -> None:
    request_id = pending_request(db, vteam)
    card = company_card(db, vteam.company.id)
    assert card is not None and not card.verified

    verify_company(db, admin, request_id)

    card = company_card(db, vteam.company.id)
    assert card is not None and card.verified
    assert verification_status(db, vteam.owner, vteam.company.id).status == BadgeStatus.VERIFIED


@pytest.mark.parametrize("reason", ["", "  ", "no"])
def test_refusing_needs_a_reason(db: Session, vteam: Team, admin: Principal, reason: str) -> None:
    request_id = pending_request(db, vteam)

    with pytest.raises(Invalid) as refused:
        refuse_verification(db, admin, request_id, reason)

    assert refused.value.field == "reason"
    assert db.get_one(CompanyVerificationRequest, request_id).status == VerificationStatus.PENDING


def test_a_refusal_shows_its_reason_to_the_team_who_may_ask_again(
    db: Session, vteam: Team, admin: Principal
) -> None:
    request_id = pending_request(db, vteam)

    decision = refuse_verification(
        db, admin, request_id, "The extract is older than a year.", context=CONTEXT
    )

    view = verification_status(db, vteam.owner, vteam.company.id)
    assert view.status == BadgeStatus.REFUSED
    assert view.reason == "The extract is older than a year."
    assert view.may_request
    assert not _company(db, vteam).is_verified
    (audit,) = _audit(db, AuditAction.COMPANY_VERIFICATION_REFUSED, vteam.company.id)
    assert audit.new_values["reason"] == "The extract is older than a year."
    assert _events(db, event_types.COMPANY_VERIFICATION_REFUSED, vteam.company.id)
    (bell,) = _notifications(db, vteam.owner.user_id)
    assert "older than a year" in bell.message
    assert decision.mail is not None and "older than a year" in decision.mail.text
    request_verification(db, vteam.owner, vteam.company.id, VerificationMethod.EMAIL_DOMAIN)


def test_a_decided_request_cannot_be_decided_again(db: Session, vteam: Team, admin: Principal) -> None:
    request_id = pending_request(db, vteam)
    verify_company(db, admin, request_id, now=NOW)

    with pytest.raises(Conflict, match="already approved on 02 Dec 2026"):
        refuse_verification(db, admin, request_id, "Changed my mind")
    with pytest.raises(Conflict):
        verify_company(db, admin, request_id)


def test_an_unknown_request_is_not_found(db: Session, admin: Principal) -> None:
    with pytest.raises(NotFound):
        verify_company(db, admin, uuid.uuid4())


def test_revoking_removes_the_badge_with_a_reason_the_team_reads(
    db: Session, vteam: Team, admin: Principal
) -> None:
    verify_company(db, admin, pending_request(db, vteam), now=NOW)

    decision = revoke_verification(db, admin, vteam.company.id, "The domain changed hands.", context=CONTEXT)

    assert not _company(db, vteam).is_verified and _company(db, vteam).verification_date is None
    card = company_card(db, vteam.company.id)
    assert card is not None and not card.verified
    view = verification_status(db, vteam.owner, vteam.company.id)
    assert (view.status, view.reason, view.may_request) == (
        BadgeStatus.REFUSED,
        "The domain changed hands.",
        True,
    )
    (audit,) = _audit(db, AuditAction.COMPANY_VERIFICATION_REVOKED, vteam.company.id)
    assert (
        audit.old_values["is_verified"] is True and audit.new_values["reason"] == "The domain changed hands."
    )
    assert _events(db, event_types.COMPANY_VERIFICATION_REVOKED, vteam.company.id)
    assert decision.mail is not None and "removed" in decision.mail.subject
    with pytest.raises(Conflict, match=NOT_VERIFIED):
        revoke_verification(db, admin, vteam.company.id, "Again")


def test_revoking_needs_a_reason(db: Session, vteam: Team, admin: Principal) -> None:
    verify_company(db, admin, pending_request(db, vteam))

    with pytest.raises(Invalid):
        revoke_verification(db, admin, vteam.company.id, "")
    assert _company(db, vteam).is_verified


def test_the_queue_is_oldest_first_with_what_the_admin_weighs(
    db: Session, vteam: Team, other_vteam: Team, admin: Principal
) -> None:
    first = pending_request(db, other_vteam)
    second = pending_request(db, vteam, VerificationMethod.EMAIL_DOMAIN)
    older = db.get_one(CompanyVerificationRequest, first)
    older.created_at = NOW - timedelta(days=3)
    add(db, older)

    page = verification_queue(db, admin, now=NOW)

    assert [item.id for item in page.items[:2]] == [str(first), str(second)]
    documents, email = page.items[0], page.items[1]
    assert (documents.method_label, documents.document_name, documents.domains_match) == (
        "Documents",
        "Handelsregister Auszug.pdf",
        None,
    )
    assert documents.waiting == "3 days" and documents.requester == "owner"
    assert email.company_name == vteam.company.name and email.website_url == vteam.company.website_url
    assert email.requester_email == f"owner@{vteam.company.slug}.test"
    assert (email.email_domain, email.website_domain, email.domains_match) == (
        f"{vteam.company.slug}.test",
        f"{vteam.company.slug}.test",
        True,
    )


def test_the_queue_flags_a_website_changed_after_the_request(
    db: Session, vteam: Team, admin: Principal
) -> None:
    request_id = pending_request(db, vteam, VerificationMethod.EMAIL_DOMAIN)
    vteam.company.website_url = "https://elsewhere.example"
    add(db, vteam.company)

    (item,) = [item for item in verification_queue(db, admin).items if item.id == str(request_id)]

    assert item.domains_match is False
    assert item.website_domain == "elsewhere.example"
    assert f"it was at {vteam.company.slug}.test" in item.domain_note


def test_the_queue_pages(db: Session, admin: Principal) -> None:
    for _ in range(3):
        pending_request(db, verifiable_team(db))

    first = verification_queue(db, admin, 1, page_size=2)
    last = verification_queue(db, admin, 99, page_size=2)

    assert first.total >= 3 and len(first.items) == 2
    assert last.page == last.pages and last.items
    assert not {item.id for item in first.items} & {item.id for item in last.items}


def test_recent_decisions_say_who_decided_and_offer_a_revoke_while_verified(
    db: Session, vteam: Team, other_vteam: Team, admin: Principal
) -> None:
    verify_company(db, admin, pending_request(db, vteam), now=NOW)
    refuse_verification(
        db, admin, pending_request(db, other_vteam), "Blurry scan", now=NOW + timedelta(hours=1)
    )

    latest = recent_decisions(db, admin)[:2]

    assert [(d.company_name, d.decision_label, d.may_revoke) for d in latest] == [
        (other_vteam.company.name, "Refused", False),
        (vteam.company.name, "Verified", True),
    ]
    assert latest[0].reason == "Blurry scan" and latest[0].decided_by == "Ada"


def test_a_badge_given_without_a_request_can_be_revoked_and_nobody_is_mailed(
    db: Session, vteam: Team, admin: Principal
) -> None:
    refuse_verification(db, admin, pending_request(db, vteam), "Blurry scan")
    vteam.company.is_verified = True
    add(db, vteam.company)

    decision = revoke_verification(db, admin, vteam.company.id, "Granted by mistake")

    assert decision.mail is None and decision.request_id == ""
    assert not _company(db, vteam).is_verified
    (row,) = db.scalars(
        select(CompanyVerificationRequest).where(CompanyVerificationRequest.company_id == vteam.company.id)
    )
    assert row.decision_reason == "Blurry scan"
