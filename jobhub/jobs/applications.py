"""A seeker's side of an application: apply, withdraw, answer an offer.

Only job seekers apply (a kind of account, as saved jobs are). Every read and change starts
from :func:`readable`, the seeker's own applications, so another seeker's application id is
``NotFound`` exactly like one that never existed. Every change is one step through
``application_steps.record_step`` (timeline, status, outbox event together) after
``application_rules`` allowed it. Bad input raises ``Invalid`` before anything is written.

One application per seeker per job is the table's unique constraint; a second try, even from
a concurrent tab, answers :class:`AlreadyApplied` naming the first, so the page can link to it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import Select, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from jobhub.auth.authorization import require_user_type
from jobhub.auth.models import UserType
from jobhub.auth.principal import Principal
from jobhub.companies import service as companies
from jobhub.jobs.application_mail import confirmation_mail, tell_team
from jobhub.jobs.application_models import ActorKind, ApplicationEventKind
from jobhub.jobs.application_rules import SeekerAction, seeker_move
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.models import Job, JobApplication, OfferStatus
from jobhub.jobs.screening_answers import checked_answers, storable
from jobhub.jobs.service import is_open
from jobhub.platform import mail
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.profiles.resume_read import owns_resume

COVER_LETTER_MAX: Final = 5000
REASON_MAX: Final = 500
NOT_FOUND: Final = "That application does not exist."
JOB_NOT_OPEN: Final = "This job is not taking applications any more."
EXTERNAL_ONLY: Final = "This job takes applications on the company's own site."
NO_SUCH_RESUME: Final = "Choose one of your own resumes."
OFFER_NOT_OPEN: Final = "There is no open offer to answer."
NOTE_APPLIED: Final = "application.submitted"
NOTE_WITHDRAWN: Final = "application.withdrawn"
NOTE_OFFER: Final = "application.offer_answered"


class AlreadyApplied(Conflict):
    """A second application to the same job; ``application_id`` is the first one."""

    def __init__(self, application_id: uuid.UUID) -> None:
        super().__init__("You already applied to this job.")
        self.application_id = application_id


@dataclass(frozen=True)
class Submitted:
    """The new application, and the confirmation to send once the transaction has committed."""

    application_id: uuid.UUID
    mail: mail.Message | None


def _seeker(principal: Principal | None) -> Principal:
    return require_user_type(principal, UserType.JOB_SEEKER)


def readable(principal: Principal | None) -> Select[tuple[JobApplication]]:
    """The principal's own applications: where every read and change starts."""
    who = _seeker(principal)
    return select(JobApplication).where(JobApplication.applicant_id == who.user_id)


def owned(
    db: Session, principal: Principal | None, application_id: uuid.UUID, *, lock: bool = False
) -> JobApplication:
    query = readable(principal).where(JobApplication.id == application_id)
    row = db.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if row is None:
        raise NotFound(NOT_FOUND)
    return row


def application_for_job(db: Session, principal: Principal | None, job_id: uuid.UUID) -> JobApplication | None:
    """The seeker's application to ``job_id``, if any (the job page's "Applied on …")."""
    return db.execute(readable(principal).where(JobApplication.job_id == job_id)).scalar_one_or_none()


def open_job(db: Session, job_id: uuid.UUID, now: datetime) -> Job:
    """The job if a seeker can apply to it here now, else ``NotFound``/``Conflict`` saying why."""
    job = db.get(Job, job_id)
    if job is None or job.deleted_at is not None:
        raise NotFound(JOB_NOT_OPEN)
    if not is_open(job, now) or (
        job.application_deadline is not None and job.application_deadline < now.date()
    ):
        raise Conflict(JOB_NOT_OPEN)
    if job.external_application_url:
        raise Conflict(EXTERNAL_ONLY)
    return job


def _cover_letter(text: str | None) -> str | None:
    letter = storable("cover_letter", text or "", "The cover letter").strip()
    if len(letter) > COVER_LETTER_MAX:
        raise Invalid("cover_letter", f"A cover letter can be at most {COVER_LETTER_MAX:,} characters.")
    return letter or None


def _insert(db: Session, application: JobApplication) -> None:
    """Insert in a savepoint: a concurrent duplicate becomes ``AlreadyApplied``, not a broken transaction."""
    try:
        with db.begin_nested():
            db.add(application)
            db.flush()
    except IntegrityError:
        first = db.execute(
            select(JobApplication.id).where(
                JobApplication.job_id == application.job_id,
                JobApplication.applicant_id == application.applicant_id,
            )
        ).scalar_one()
        raise AlreadyApplied(first) from None


def company_name_of(db: Session, job: Job) -> str:
    if job.company_id is None:
        return ""
    summary = companies.company_summaries(db, [job.company_id]).get(str(job.company_id))
    return summary.name if summary else ""


def submit_application(
    db: Session,
    principal: Principal | None,
    job_id: uuid.UUID,
    *,
    resume_id: uuid.UUID | None,
    cover_letter: str | None,
    answers: Mapping[str, object],
    source: str = "direct",
    now: datetime | None = None,
) -> Submitted:
    """Apply to an open job: checked, stored, on the timeline, evented, the team told, the mail built."""
    who = _seeker(principal)
    moment = now or datetime.now(UTC)
    job = open_job(db, job_id, moment)
    existing = application_for_job(db, who, job.id)
    if existing is not None:
        raise AlreadyApplied(existing.id)
    if resume_id is not None and not owns_resume(db, who.user_id, resume_id):
        raise Invalid("resume", NO_SUCH_RESUME)
    letter = _cover_letter(cover_letter)
    stored = checked_answers(job.screening_questions, answers)
    application = JobApplication(
        job_id=job.id,
        applicant_id=who.user_id,
        resume_id=resume_id,
        cover_letter=letter,
        screening_answers=stored or None,
        source=source[:50],
        applied_at=moment,
        status_updated_at=moment,
        created_at=moment,
        updated_at=moment,
    )
    _insert(db, application)
    record_step(db, application, ApplicationEventKind.APPLIED, who, ActorKind.SEEKER, now=moment)
    db.execute(
        update(Job)
        .where(Job.id == job.id)
        .values(application_count=Job.application_count + 1)
        .execution_options(synchronize_session=False)
    )
    company = company_name_of(db, job)
    name = who.display_name or "A candidate"
    tell_team(db, job, NOTE_APPLIED, f"New applicant for \u201c{job.title}\u201d", f"{name} applied.")
    return Submitted(application.id, confirmation_mail(db, who.user_id, application.id, job.title, company))


def _reason(text: str | None) -> str:
    reason = " ".join(storable("reason", text or "", "The reason").split())
    if not reason:
        raise Invalid("reason", "Say in a few words why you withdraw; the team reads it.")
    if len(reason) > REASON_MAX:
        raise Invalid("reason", f"A reason can be at most {REASON_MAX} characters.")
    return reason


def withdraw(
    db: Session,
    principal: Principal | None,
    application_id: uuid.UUID,
    reason: str | None,
    *,
    now: datetime | None = None,
) -> JobApplication:
    """Withdraw an open application; a pending offer on it counts as declined."""
    who = _seeker(principal)
    moment = now or datetime.now(UTC)
    application = owned(db, who, application_id, lock=True)
    target = seeker_move(application.status, SeekerAction.WITHDRAW)
    text = _reason(reason)
    application.withdrawal_reason = text
    if application.offer_status == OfferStatus.PENDING:
        application.offer_status, application.offer_responded_at = OfferStatus.DECLINED, moment
    record_step(
        db,
        application,
        ApplicationEventKind.WITHDRAWN,
        who,
        ActorKind.SEEKER,
        to_status=target,
        details={"reason": text},
        now=moment,
    )
    job = db.get(Job, application.job_id)
    if job is not None:
        name = who.display_name or "A candidate"
        tell_team(db, job, NOTE_WITHDRAWN, f"{name} withdrew from \u201c{job.title}\u201d", f"Reason: {text}")
    return application


def _offer_day(value: datetime) -> str:
    return f"{value:%d %B %Y}".lstrip("0")


def answer_offer(
    db: Session,
    principal: Principal | None,
    application_id: uuid.UUID,
    accept: bool,
    *,
    now: datetime | None = None,
) -> JobApplication:
    """Accept (hired) or decline (withdrawn) a pending offer before it expires."""
    who = _seeker(principal)
    moment = now or datetime.now(UTC)
    application = owned(db, who, application_id, lock=True)
    action = SeekerAction.ACCEPT_OFFER if accept else SeekerAction.DECLINE_OFFER
    target = seeker_move(application.status, action)
    if application.offer_status != OfferStatus.PENDING:
        raise Conflict(OFFER_NOT_OPEN)
    expires = application.offer_expires_at
    if expires is not None and expires <= moment:
        raise Conflict(f"This offer expired on {_offer_day(expires)}. Ask the team whether it still stands.")
    application.offer_status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
    application.offer_responded_at = moment
    kind = ApplicationEventKind.OFFER_ACCEPTED if accept else ApplicationEventKind.OFFER_DECLINED
    record_step(db, application, kind, who, ActorKind.SEEKER, to_status=target, now=moment)
    job = db.get(Job, application.job_id)
    if job is not None:
        name = who.display_name or "The candidate"
        verb = "accepted" if accept else "declined"
        tell_team(db, job, NOTE_OFFER, f"{name} {verb} your offer", f"For \u201c{job.title}\u201d.")
    return application
