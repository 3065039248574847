"""Interviews the team sets with a candidate: schedule, reschedule, cancel, each mailed with an ``.ics``.

Setting the first interview moves an applied or screened candidate to interviewing (by the
stage rules, as one timeline step). Every change grows ``ics_sequence`` so calendars replace
the event they hold; the service returns the mail, which the caller sends after commit.
Interviews are for open applications only: not once hired, rejected or withdrawn.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.authorization import SignInRequired
from jobhub.auth.people import people_by_id
from jobhub.auth.principal import Principal
from jobhub.companies.team_access import Membership, TeamAction
from jobhub.jobs.application_models import (
    ActorKind,
    ApplicationEventKind,
    ApplicationInterview,
    InterviewStatus,
)
from jobhub.jobs.application_rules import OPEN, STAGE_LABELS, team_move
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.interview_invites import invitation_mail
from jobhub.jobs.models import ApplicationStatus, Job, JobApplication
from jobhub.jobs.pipeline_scope import application_in_scope, audit_application, storable
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.platform.mail import Message

NO_SUCH_INTERVIEW: Final = "That interview does not exist or is not one of your company's."
DURATION_MIN: Final = 15
DURATION_MAX: Final = 480
PLACE_MAX: Final = 255
DETAILS_MAX: Final = 2000
URL_MAX: Final = 500
MOVES_TO_INTERVIEWING: Final = frozenset({ApplicationStatus.APPLIED, ApplicationStatus.SCREENING})


@dataclass(frozen=True)
class InterviewForm:
    """What the team enters; ``starts_at`` is timezone-aware (the page sends UTC)."""

    starts_at: datetime
    duration_minutes: int
    location: str = ""
    meeting_url: str = ""
    details: str = ""

    def checked(self, now: datetime) -> InterviewForm:
        if self.starts_at.tzinfo is None:
            raise Invalid("starts_at", "Give the interview's date and time.")
        if self.starts_at <= now:
            raise Invalid("starts_at", "Pick a time in the future.")
        if not DURATION_MIN <= self.duration_minutes <= DURATION_MAX:
            raise Invalid("duration", f"An interview lasts {DURATION_MIN} to {DURATION_MAX} minutes.")
        location = " ".join(storable(self.location).split())
        url, details = storable(self.meeting_url).strip(), storable(self.details).strip()
        if len(location) > PLACE_MAX:
            raise Invalid("location", f"Keep the place under {PLACE_MAX} characters.")
        if url and (
            len(url) > URL_MAX or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc
        ):
            raise Invalid("meeting_url", "A meeting link starts with https://.")
        if not location and not url:
            raise Invalid("location", "Say where the interview is: a place or a meeting link.")
        if len(details) > DETAILS_MAX:
            raise Invalid("details", f"Keep the details under {DETAILS_MAX} characters.")
        return InterviewForm(self.starts_at.astimezone(UTC), self.duration_minutes, location, url, details)


@dataclass(frozen=True)
class InterviewView:
    id: str
    starts_at: str
    ends_at: str
    when: str
    location: str
    meeting_url: str
    details: str
    status: str
    is_scheduled: bool


def interview_view(row: ApplicationInterview) -> InterviewView:
    start = row.starts_at.astimezone(UTC)
    minutes = int((row.ends_at - row.starts_at).total_seconds() // 60)
    return InterviewView(
        id=str(row.id),
        starts_at=start.isoformat(),
        ends_at=row.ends_at.astimezone(UTC).isoformat(),
        when=f"{start:%a %d %b %Y, %H:%M} UTC, {minutes} min",
        location=row.location or "",
        meeting_url=row.meeting_url or "",
        details=row.details or "",
        status=row.status,
        is_scheduled=row.status == InterviewStatus.SCHEDULED,
    )


@dataclass(frozen=True)
class InterviewSent:
    interview: InterviewView
    mail: Message | None


def _step_details(row: ApplicationInterview) -> dict[str, object]:
    """What the seeker's timeline shows of the interview (all of it is in their invitation too)."""
    return {
        "interview_id": str(row.id),
        "starts_at": row.starts_at.astimezone(UTC).isoformat(),
        "ends_at": row.ends_at.astimezone(UTC).isoformat(),
        "location": row.location,
        "meeting_url": row.meeting_url,
    }


def _mail(
    db: Session, row: ApplicationInterview, application: JobApplication, job: Job, member: Membership
) -> Message | None:
    person = people_by_id(db, [application.applicant_id]).get(application.applicant_id)
    if person is None:
        return None
    return invitation_mail(row, job.title, member.company_name, person.email, person.first_name)


def _next_scheduled(db: Session, application: JobApplication) -> datetime | None:
    return db.scalar(
        select(ApplicationInterview.starts_at)
        .where(
            ApplicationInterview.application_id == application.id,
            ApplicationInterview.status == InterviewStatus.SCHEDULED,
        )
        .order_by(ApplicationInterview.starts_at)
        .limit(1)
    )


def _open(application: JobApplication) -> None:
    if application.status not in OPEN:
        raise Conflict(
            f"The application is {STAGE_LABELS[application.status].lower()}: no interviews can be set."
        )


@dataclass(frozen=True)
class _Scope:
    """The interview's application as the acting member reaches it."""

    application: JobApplication
    job: Job
    member: Membership


def _fill(row: ApplicationInterview, form: InterviewForm) -> None:
    row.starts_at = form.starts_at
    row.ends_at = form.starts_at + timedelta(minutes=form.duration_minutes)
    row.location, row.meeting_url = form.location or None, form.meeting_url or None
    row.details = form.details or None


def _record(
    db: Session,
    who: Principal | None,
    scope: _Scope,
    row: ApplicationInterview,
    kind: ApplicationEventKind,
    *,
    context: RequestContext | None,
    now: datetime,
    to_status: ApplicationStatus | None = None,
    extra: dict[str, object] | None = None,
) -> InterviewSent:
    """The change's timeline step, the next interview time, the audit row and the seeker's mail."""
    db.add(row)
    db.flush()
    details = _step_details(row) | (extra or {})
    application = scope.application
    record_step(db, application, kind, who, ActorKind.EMPLOYER, to_status=to_status, details=details, now=now)
    application.interview_scheduled_at = _next_scheduled(db, application)
    audit_application(
        db, AuditAction.APPLICATION_INTERVIEW_SCHEDULED, scope.member, application, context, details
    )
    return InterviewSent(interview_view(row), _mail(db, row, application, scope.job, scope.member))


def schedule_interview(
    db: Session,
    who: Principal | None,
    application_id: uuid.UUID,
    form: InterviewForm,
    *,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> InterviewSent:
    """Set an interview; the first one moves an applied or screened candidate to interviewing."""
    moment = now or datetime.now(UTC)
    scope = _Scope(*application_in_scope(db, who, application_id, TeamAction.MOVE_CANDIDATES, lock=True))
    _open(scope.application)
    checked = form.checked(moment)
    row = ApplicationInterview(application_id=scope.application.id, scheduled_by=scope.member.user_id)
    _fill(row, checked)
    status = scope.application.status
    target = team_move(status, ApplicationStatus.INTERVIEWING) if status in MOVES_TO_INTERVIEWING else None
    return _record(
        db,
        who,
        scope,
        row,
        ApplicationEventKind.INTERVIEW_SCHEDULED,
        context=context,
        now=moment,
        to_status=target,
    )


def _interview_in_scope(
    db: Session, who: Principal | None, interview_id: uuid.UUID
) -> tuple[ApplicationInterview, _Scope]:
    if who is None:
        raise SignInRequired()
    row = db.execute(
        select(ApplicationInterview).where(ApplicationInterview.id == interview_id).with_for_update()
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(NO_SUCH_INTERVIEW)
    try:
        scope = _Scope(
            *application_in_scope(db, who, row.application_id, TeamAction.MOVE_CANDIDATES, lock=True)
        )
    except NotFound:
        raise NotFound(NO_SUCH_INTERVIEW) from None
    if row.status != InterviewStatus.SCHEDULED:
        raise Conflict("That interview is no longer scheduled.")
    return row, scope


def reschedule_interview(
    db: Session,
    who: Principal | None,
    interview_id: uuid.UUID,
    form: InterviewForm,
    *,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> InterviewSent:
    """Move a scheduled interview; the seeker's calendar updates the same event (same UID)."""
    moment = now or datetime.now(UTC)
    row, scope = _interview_in_scope(db, who, interview_id)
    _open(scope.application)
    _fill(row, form.checked(moment))
    row.ics_sequence += 1
    row.updated_at = moment
    return _record(
        db,
        who,
        scope,
        row,
        ApplicationEventKind.INTERVIEW_SCHEDULED,
        context=context,
        now=moment,
        extra={"rescheduled": True},
    )


def cancel_interview(
    db: Session,
    who: Principal | None,
    interview_id: uuid.UUID,
    *,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> InterviewSent:
    """Call an interview off; the seeker's calendar removes it (``METHOD:CANCEL``, next sequence)."""
    moment = now or datetime.now(UTC)
    row, scope = _interview_in_scope(db, who, interview_id)
    row.status = InterviewStatus.CANCELLED
    row.ics_sequence += 1
    row.updated_at = moment
    return _record(db, who, scope, row, ApplicationEventKind.INTERVIEW_CANCELLED, context=context, now=moment)


def interviews_of(db: Session, application_id: uuid.UUID) -> list[InterviewView]:
    """Every interview of an application, soonest first (the caller checked the scope)."""
    rows = db.scalars(
        select(ApplicationInterview)
        .where(ApplicationInterview.application_id == application_id)
        .order_by(ApplicationInterview.starts_at)
    )
    return [interview_view(row) for row in rows]
