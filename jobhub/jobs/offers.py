"""Offers the team makes to a candidate: salary, start date and expiry; and withdrawing one.

Recruiters and up only (``make_offers``): an offer commits the company. It is made from
screening or interviewing (``application_rules.offer_allowed``) and moves the application to
``offered`` with ``offer_status`` pending until the seeker accepts or declines on their
tracker, or the offer expires at the end of its expiry day (UTC). Withdrawing takes the
candidate back to interviewing. The offer's terms are on the seeker's timeline, since they
are addressed to them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

from sqlmodel import Session

from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.principal import Principal
from jobhub.auth.recipients import mail_recipients
from jobhub.companies.team_access import TeamAction
from jobhub.jobs.application_mail import application_path, site_url
from jobhub.jobs.application_models import ActorKind, ApplicationEventKind
from jobhub.jobs.application_rules import offer_allowed, team_move
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.models import ApplicationStatus, JobApplication, OfferStatus, SalaryPeriod
from jobhub.jobs.pipeline_scope import application_in_scope, audit_application, storable
from jobhub.jobs.posting_form import CURRENCIES
from jobhub.notifications.service import notify
from jobhub.platform.errors import Conflict, Invalid
from jobhub.platform.mail import Message

AMOUNT_MAX: Final = 100_000_000
OFFER_NOTIFICATION: Final = "application.offer_made"
"""The seeker's bell when an offer arrives (the offer itself waits on their tracker)."""
NOTE_MAX: Final = 2000
PERIOD_LABELS: Final[dict[str, str]] = {
    SalaryPeriod.YEARLY: "a year",
    SalaryPeriod.MONTHLY: "a month",
    SalaryPeriod.WEEKLY: "a week",
    SalaryPeriod.DAILY: "a day",
    SalaryPeriod.HOURLY: "an hour",
}


STATUS_LABELS: Final[dict[str, str]] = {
    OfferStatus.PENDING: "Waiting for the candidate",
    OfferStatus.ACCEPTED: "Accepted",
    OfferStatus.DECLINED: "Declined",
    OfferStatus.EXPIRED: "Expired",
    OfferStatus.WITHDRAWN: "Withdrawn",
}


@dataclass(frozen=True)
class OfferForm:
    amount: int
    currency: str
    period: str
    start_date: date
    expires_on: date
    note: str = ""

    def checked(self, today: date) -> OfferForm:
        if not 1 <= self.amount <= AMOUNT_MAX:
            raise Invalid("amount", "Give the salary as a whole amount above zero.")
        currency = self.currency.strip().upper()
        if currency not in CURRENCIES:
            raise Invalid("currency", "Choose a currency from the list.")
        if self.period not in PERIOD_LABELS:
            raise Invalid("period", "Choose how the salary is counted (a year, a month…).")
        if self.expires_on <= today:
            raise Invalid("expires_on", "The offer must stay open until a day in the future.")
        if self.start_date < today:
            raise Invalid("start_date", "The start date cannot be in the past.")
        note = storable(self.note).strip()
        if len(note) > NOTE_MAX:
            raise Invalid("note", f"Keep the note under {NOTE_MAX} characters.")
        return OfferForm(self.amount, currency, self.period, self.start_date, self.expires_on, note)


@dataclass(frozen=True)
class OfferView:
    status: str
    status_label: str
    salary: str
    start_date: str
    expires_on: str
    note: str
    is_pending: bool


def offer_view(application: JobApplication) -> OfferView | None:
    terms = application.offer_details
    if not terms or not application.offer_status:
        return None
    period = PERIOD_LABELS.get(str(terms.get("period")), "")
    return OfferView(
        status=application.offer_status,
        status_label=STATUS_LABELS.get(application.offer_status, application.offer_status),
        salary=f"{int(terms.get('amount', 0)):,} {terms.get('currency', '')} {period}".strip(),
        start_date=str(terms.get("start_date", "")),
        expires_on=str(terms.get("expires_on", "")),
        note=str(terms.get("note") or ""),
        is_pending=application.offer_status == OfferStatus.PENDING,
    )


def _terms(form: OfferForm) -> dict[str, Any]:
    return {
        "amount": form.amount,
        "currency": form.currency,
        "period": form.period,
        "start_date": form.start_date.isoformat(),
        "expires_on": form.expires_on.isoformat(),
        "note": form.note or None,
    }


@dataclass(frozen=True)
class OfferSent:
    """The offer as the panel shows it, and the seeker's mail for the caller to send after commit."""

    offer: OfferView
    mail: Message | None


def make_offer(
    db: Session,
    who: Principal | None,
    application_id: uuid.UUID,
    form: OfferForm,
    *,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> OfferSent:
    """Offer the role: the application becomes ``offered``, the offer pending until its expiry;
    the seeker is told on their bell and by mail."""
    moment = now or datetime.now(UTC)
    application, job, member = application_in_scope(
        db, who, application_id, TeamAction.MAKE_OFFERS, lock=True
    )
    offer_allowed(application.status)
    checked = form.checked(moment.date())
    terms = _terms(checked)
    application.offer_details = terms
    application.offer_status = OfferStatus.PENDING
    application.offer_expires_at = datetime.combine(checked.expires_on, time.min, UTC) + timedelta(days=1)
    application.offer_responded_at = None
    record_step(
        db,
        application,
        ApplicationEventKind.OFFER_MADE,
        who,
        ActorKind.EMPLOYER,
        to_status=ApplicationStatus.OFFERED,
        details=terms,
        now=moment,
    )
    audit_application(db, AuditAction.APPLICATION_OFFER_MADE, member, application, context, terms)
    view = offer_view(application)
    assert view is not None
    news = (
        f"{member.company_name} offers you {view.salary}, starting {view.start_date}. "
        f"Answer by {view.expires_on} on your tracker."
    )
    path = application_path(application.id)
    notify(db, application.applicant_id, OFFER_NOTIFICATION, f"An offer for {job.title}", news, path)
    return OfferSent(
        view, _offer_mail(db, application.applicant_id, job.title, member.company_name, news, path)
    )


def _offer_mail(
    db: Session, user_id: uuid.UUID, job_title: str, company_name: str, news: str, path: str
) -> Message | None:
    """The seeker's mail about the offer, sent by the caller after commit (``None``: not mailable)."""
    recipient = mail_recipients(db, [user_id]).get(user_id)
    if recipient is None:
        return None
    text = f"Dear {recipient.first_name or 'there'},\n\n{news}\n\n{site_url(path)}\n\n\u2014 The JobHub team"
    return Message(to=recipient.email, subject=f"An offer for {job_title} at {company_name}", text=text)


def withdraw_offer(
    db: Session,
    who: Principal | None,
    application_id: uuid.UUID,
    *,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> None:
    """Take a pending offer back; the candidate returns to interviewing."""
    moment = now or datetime.now(UTC)
    application, _job, member = application_in_scope(
        db, who, application_id, TeamAction.MAKE_OFFERS, lock=True
    )
    if application.status != ApplicationStatus.OFFERED or application.offer_status != OfferStatus.PENDING:
        raise Conflict("There is no pending offer to withdraw.")
    target = team_move(application.status, ApplicationStatus.INTERVIEWING)
    application.offer_status = OfferStatus.WITHDRAWN
    application.offer_responded_at = moment
    record_step(
        db,
        application,
        ApplicationEventKind.MOVED,
        who,
        ActorKind.EMPLOYER,
        to_status=target,
        details={"offer": OfferStatus.WITHDRAWN.value},
        now=moment,
    )
    audit_application(db, AuditAction.APPLICATION_OFFER_WITHDRAWN, member, application, context, {})
