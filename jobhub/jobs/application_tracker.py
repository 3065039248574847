"""The seeker's tracker: every own application with its stage, and one application in detail.

Everything starts from ``applications.readable`` (the seeker's own rows), so another seeker's
id is ``NotFound``. The detail shows only timeline steps marked ``visible_to_seeker``, the
interviews, and the offer; team notes and ratings are never read here. Plain values only:
the state copies them into what the browser receives.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies import service as companies
from jobhub.jobs.application_models import ApplicationEvent, ApplicationEventKind, ApplicationInterview
from jobhub.jobs.application_rules import OPEN, STAGE_LABELS
from jobhub.jobs.applications import owned, readable
from jobhub.jobs.models import ApplicationStatus, Job, JobApplication, OfferStatus
from jobhub.jobs.response_times import ResponseFigure, no_response, response_figures
from jobhub.jobs.screening_answers import AnsweredQuestion, answered
from jobhub.jobs.service import is_open, salary_label
from jobhub.profiles.resume_read import resume_names

PAGE_SIZE: Final = 20
ALL: Final = "all"
STEP_LABELS: Final[dict[str, str]] = {
    ApplicationEventKind.APPLIED: "You applied",
    ApplicationEventKind.VIEWED: "The team opened your application",
    ApplicationEventKind.MOVED: "Moved to {stage}",
    ApplicationEventKind.INTERVIEW_SCHEDULED: "Interview set",
    ApplicationEventKind.INTERVIEW_CANCELLED: "Interview cancelled",
    ApplicationEventKind.OFFER_MADE: "Offer made",
    ApplicationEventKind.OFFER_ACCEPTED: "You accepted the offer",
    ApplicationEventKind.OFFER_DECLINED: "You declined the offer",
    ApplicationEventKind.REJECTED: "Not selected",
    ApplicationEventKind.WITHDRAWN: "You withdrew",
}
OFFER_LABELS: Final[dict[str, str]] = {
    OfferStatus.PENDING: "Waiting for your answer",
    OfferStatus.ACCEPTED: "Accepted",
    OfferStatus.DECLINED: "Declined",
    OfferStatus.EXPIRED: "Expired",
    OfferStatus.WITHDRAWN: "Withdrawn by the employer",
}


class StageFilter(StrEnum):
    """The tracker's filter: every stage, or only what is still going somewhere."""

    ALL = ALL
    ACTIVE = "active"


def day_label(moment: datetime | date) -> str:
    return f"{moment:%d %b %Y}".lstrip("0")


def time_label(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%a %d %b %Y, %H:%M} UTC"


@dataclass(frozen=True)
class TrackerRow:
    id: str
    job_title: str
    job_slug: str
    job_open: bool
    company_name: str
    company_slug: str
    stage: str
    stage_label: str
    applied_on: str
    no_response: bool
    response: str
    offer_waiting: bool


@dataclass(frozen=True)
class TrackerPage:
    items: list[TrackerRow]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class TimelineStep:
    title: str
    when: str
    note: str


@dataclass(frozen=True)
class InterviewView:
    when: str
    until: str
    location: str
    meeting_url: str
    status: str


@dataclass(frozen=True)
class OfferView:
    salary: str
    start_date: str
    message: str
    expires: str
    status_label: str
    can_answer: bool


@dataclass(frozen=True)
class ApplicationDetail(TrackerRow):
    """The row as the list shows it, and what the detail page adds."""

    cover_letter: str
    resume_name: str
    answers: list[AnsweredQuestion]
    timeline: list[TimelineStep]
    interviews: list[InterviewView]
    offer: OfferView | None
    can_withdraw: bool
    withdrawal_reason: str


def _stage_where(stage: str) -> Any:
    if stage == StageFilter.ACTIVE:
        return JobApplication.status.in_([s.value for s in OPEN])
    if stage in {s.value for s in ApplicationStatus}:
        return JobApplication.status == stage
    return None


def _figures(db: Session, jobs: dict[uuid.UUID, Job], now: datetime) -> dict[uuid.UUID, ResponseFigure]:
    return response_figures(db, [job.company_id for job in jobs.values() if job.company_id], now)


def _row(application: JobApplication, job: Job, names: dict, figures: dict, now: datetime) -> TrackerRow:
    company = names.get(str(job.company_id)) if job.company_id else None
    figure = figures.get(job.company_id) if job.company_id else None
    return TrackerRow(
        id=str(application.id),
        job_title=job.title,
        job_slug=job.slug,
        job_open=is_open(job, now),
        company_name=company.name if company else "",
        company_slug=company.slug if company else "",
        stage=application.status,
        stage_label=STAGE_LABELS.get(application.status, application.status),
        applied_on=day_label(application.applied_at),
        no_response=no_response(
            application.status, application.first_response_at, application.applied_at, now
        ),
        response=figure.label if figure else "",
        offer_waiting=application.offer_status == OfferStatus.PENDING
        and application.status == ApplicationStatus.OFFERED,
    )


def list_applications(
    db: Session, principal: Principal | None, *, stage: str = ALL, page: int = 1, now: datetime | None = None
) -> TrackerPage:
    """The seeker's applications, newest first, filtered by ``stage`` (a stage, ``active`` or ``all``)."""
    moment = now or datetime.now(UTC)
    query = readable(principal)
    where = _stage_where(stage)
    if where is not None:
        query = query.where(where)
    total = db.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = list(
        db.scalars(
            query.order_by(JobApplication.applied_at.desc(), JobApplication.id)
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        )
    )
    jobs = {job.id: job for job in db.scalars(select(Job).where(Job.id.in_([r.job_id for r in rows])))}
    names = companies.company_summaries(db, [job.company_id for job in jobs.values() if job.company_id])
    figures = _figures(db, jobs, moment)
    items = [_row(row, jobs[row.job_id], names, figures, moment) for row in rows if row.job_id in jobs]
    return TrackerPage(items, total, page, pages)


def _step(step: ApplicationEvent) -> TimelineStep:
    title = STEP_LABELS.get(step.kind, step.kind)
    if step.kind == ApplicationEventKind.MOVED:
        title = title.format(stage=STAGE_LABELS.get(step.to_status or "", step.to_status or "").lower())
    details = step.details or {}
    note = (
        str(details.get("reason") or details.get("message") or "")
        if step.kind
        in {
            ApplicationEventKind.WITHDRAWN,
            ApplicationEventKind.REJECTED,
        }
        else ""
    )
    return TimelineStep(title, time_label(step.created_at), note)


def _money(amount: object, currency: object, period: object) -> str:
    """The offered pay as the job page writes pay (``€81,000 a year``)."""
    try:
        value = int(str(amount))
    except ValueError:
        return ""
    return salary_label(value, value, str(currency or ""), str(period or "") or None)


def _offer(application: JobApplication, now: datetime) -> OfferView | None:
    if application.offer_status is None and application.offer_details is None:
        return None
    details = application.offer_details or {}
    expires = application.offer_expires_at
    pending = (
        application.offer_status == OfferStatus.PENDING and application.status == ApplicationStatus.OFFERED
    )
    expired = expires is not None and expires <= now
    status = OfferStatus.EXPIRED if pending and expired else application.offer_status or OfferStatus.PENDING
    start = details.get("start_date")
    return OfferView(
        salary=_money(details.get("amount"), details.get("currency"), details.get("period")),
        start_date=day_label(date.fromisoformat(str(start))) if start else "",
        message=str(details.get("note") or ""),
        expires=time_label(expires) if expires else "",
        status_label=OFFER_LABELS[status],
        can_answer=pending and not expired,
    )


def _interviews(db: Session, application_id: uuid.UUID) -> list[InterviewView]:
    rows = db.scalars(
        select(ApplicationInterview)
        .where(ApplicationInterview.application_id == application_id)
        .order_by(ApplicationInterview.starts_at)
    )
    return [
        InterviewView(
            when=time_label(row.starts_at),
            until=f"{row.ends_at.astimezone(UTC):%H:%M} UTC",
            location=row.location or "",
            meeting_url=row.meeting_url or "",
            status=row.status,
        )
        for row in rows
    ]


def application_detail(
    db: Session, principal: Principal | None, application_id: uuid.UUID, now: datetime | None = None
) -> ApplicationDetail:
    """One of the seeker's own applications, as the detail page shows it; ``NotFound`` otherwise."""
    moment = now or datetime.now(UTC)
    application = owned(db, principal, application_id)
    job = db.get(Job, application.job_id)
    assert job is not None
    row = _row(
        application,
        job,
        companies.company_summaries(db, [job.company_id] if job.company_id else []),
        _figures(db, {job.id: job}, moment),
        moment,
    )
    steps = db.scalars(
        select(ApplicationEvent)
        .where(
            ApplicationEvent.application_id == application.id, ApplicationEvent.visible_to_seeker.is_(True)
        )
        .order_by(ApplicationEvent.created_at, ApplicationEvent.id)
    )
    resume = resume_names(db, [application.resume_id]) if application.resume_id else {}
    return ApplicationDetail(
        **{part.name: getattr(row, part.name) for part in fields(row)},
        cover_letter=application.cover_letter or "",
        resume_name=resume.get(application.resume_id, "") if application.resume_id else "",
        answers=answered(job.screening_questions, application.screening_answers),
        timeline=[_step(step) for step in steps],
        interviews=_interviews(db, application.id),
        offer=_offer(application, moment),
        can_withdraw=application.status in OPEN,
        withdrawal_reason=application.withdrawal_reason or "",
    )
