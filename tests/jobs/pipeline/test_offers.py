"""Offers: made from screening or interviewing, pending until answered or expired, withdrawn back."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from jobhub.auth.models import AuditLog
from jobhub.jobs import offers
from jobhub.jobs.application_models import ApplicationEvent
from jobhub.jobs.models import ApplicationStatus as S
from jobhub.jobs.models import OfferStatus
from jobhub.jobs.offers import OfferForm
from jobhub.notifications.models import UserNotification
from jobhub.platform.errors import Conflict, Invalid
from tests.factories import Team
from tests.jobs.pipeline.support import NOW, applicant, team_job

TODAY = NOW.date()


def _form(**values: object) -> OfferForm:
    fields: dict[str, object] = {
        "amount": 85000,
        "currency": "eur",
        "period": "yearly",
        "start_date": TODAY + timedelta(days=40),
        "expires_on": TODAY + timedelta(days=7),
        "note": "Welcome aboard!",
    }
    return OfferForm(**(fields | values))  # type: ignore[arg-type]


@pytest.mark.parametrize("stage", [S.SCREENING, S.INTERVIEWING])
def test_an_offer_moves_to_offered_with_its_terms(db: Session, team: Team, stage: S) -> None:
    candidate = applicant(db, team_job(db, team), status=stage)

    view = offers.make_offer(db, team.recruiter, candidate.id, _form()).offer

    row = candidate.application
    assert (row.status, row.offer_status) == (S.OFFERED, OfferStatus.PENDING)
    assert row.offer_details is not None and row.offer_details["currency"] == "EUR"
    assert row.offer_expires_at == datetime.combine(TODAY + timedelta(days=8), time.min, UTC)
    assert view.salary == "85,000 EUR a year" and view.is_pending
    step = db.exec(select(ApplicationEvent).where(ApplicationEvent.application_id == candidate.id)).one()
    assert step.kind == "offer_made" and step.visible_to_seeker and step.details["amount"] == 85000
    assert (
        db.exec(select(AuditLog.action).where(AuditLog.resource_id == candidate.id)).one()
        == "application_offer_made"
    )


def test_the_candidate_is_told_of_the_offer_by_mail_and_on_their_bell(db: Session, team: Team) -> None:
    candidate = applicant(db, team_job(db, team, title="Data Engineer"), status=S.INTERVIEWING)

    sent = offers.make_offer(db, team.recruiter, candidate.id, _form())

    assert sent.mail is not None and sent.mail.to == candidate.email
    assert sent.mail.subject.startswith("An offer for Data Engineer at ")
    assert "85,000 EUR a year" in sent.mail.text and f"/applications/{candidate.id}" in sent.mail.text
    bell = db.exec(select(UserNotification).where(UserNotification.user_id == candidate.user_id)).one()
    assert bell.type == offers.OFFER_NOTIFICATION and bell.title == "An offer for Data Engineer"
    assert "85,000 EUR a year" in bell.message and bell.action_url == f"/applications/{candidate.id}"


@pytest.mark.parametrize("stage", [S.APPLIED, S.OFFERED, S.HIRED, S.REJECTED, S.WITHDRAWN])
def test_no_offer_from_other_stages(db: Session, team: Team, stage: S) -> None:
    candidate = applicant(db, team_job(db, team), status=stage)
    with pytest.raises(Conflict):
        offers.make_offer(db, team.owner, candidate.id, _form())
    assert candidate.application.status == stage


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"amount": 0}, "amount"),
        ({"currency": "XXX"}, "currency"),
        ({"period": "forever"}, "period"),
        ({"expires_on": TODAY}, "expires_on"),
        ({"start_date": TODAY - timedelta(days=1)}, "start_date"),
        ({"note": "x" * 2001}, "note"),
    ],
)
def test_bad_offer_terms_are_refused(db: Session, team: Team, values: dict[str, object], field: str) -> None:
    candidate = applicant(db, team_job(db, team), status=S.INTERVIEWING)
    with pytest.raises(Invalid) as refused:
        offers.make_offer(db, team.owner, candidate.id, _form(**values))
    assert refused.value.field == field
    assert candidate.application.status == S.INTERVIEWING


def test_withdrawing_returns_to_interviewing_and_only_once(db: Session, team: Team) -> None:
    candidate = applicant(db, team_job(db, team), status=S.INTERVIEWING)
    offers.make_offer(db, team.admin, candidate.id, _form())

    offers.withdraw_offer(db, team.admin, candidate.id)

    assert (candidate.application.status, candidate.application.offer_status) == (
        S.INTERVIEWING,
        OfferStatus.WITHDRAWN,
    )
    with pytest.raises(Conflict):
        offers.withdraw_offer(db, team.admin, candidate.id)
