"""Postings with screening questions, stored seekers and offers, for the seeker-side application tests."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.jobs.application_models import ActorKind, ApplicationEventKind
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.applications import submit_application
from jobhub.jobs.models import ApplicationStatus, Job, JobApplication, OfferStatus
from tests.factories import Team, add, make_principal, make_resume, make_user
from tests.jobs.support import published_job

QUESTIONS: list[dict[str, Any]] = [
    {"question": "Are you allowed to work in the EU?", "type": "yes_no", "required": True},
    {"question": "Which office?", "type": "choice", "choices": ["Berlin", "Lyon"], "required": False},
    {"question": "What did you ship last?", "type": "text", "required": True},
]
ANSWERS: dict[str, object] = {"0": "yes", "1": "Lyon", "2": "A search engine"}


def team_posting(db: Session, team: Team, now: datetime, **values: Any) -> Job:
    """A posting of ``team``'s company with ``QUESTIONS``, open at ``now``."""
    return published_job(
        db,
        now,
        **(
            {
                "company_id": team.company.id,
                "employer_id": team.owner.user_id,
                "screening_questions": QUESTIONS,
            }
            | values
        ),
    )


def stored_seeker(db: Session, **user: Any) -> Principal:
    """A seeker with an account row (the confirmation mail needs an address)."""
    row = make_user(**user)
    add(db, row)
    return make_principal(user_id=row.id, display_name=f"{row.first_name} {row.last_name}")


def resume_of(db: Session, who: Principal, **values: Any) -> uuid.UUID:
    resume = make_resume(user_id=who.user_id, **values)
    add(db, resume)
    return resume.id


def apply_to(db: Session, who: Principal, job: Job, now: datetime, **values: Any) -> JobApplication:
    arguments: dict[str, Any] = {"resume_id": None, "cover_letter": "Hello", "answers": ANSWERS} | values
    submitted = submit_application(db, who, job.id, now=now, **arguments)
    application = db.get(JobApplication, submitted.application_id)
    assert application is not None
    return application


def make_offer(db: Session, application: JobApplication, team: Team, now: datetime, days: int = 7) -> None:
    """What the pipeline's offer does, as far as the seeker's side needs: offered, pending, expiring."""
    application.offer_details = {
        "amount": 70_000,
        "currency": "EUR",
        "period": "yearly",
        "start_date": "2027-02-01",
    }
    application.offer_status = OfferStatus.PENDING
    application.offer_expires_at = now + timedelta(days=days)
    record_step(
        db,
        application,
        ApplicationEventKind.OFFER_MADE,
        team.recruiter,
        ActorKind.EMPLOYER,
        to_status=ApplicationStatus.OFFERED,
        now=now,
    )
    db.flush()


def team_move(
    db: Session, application: JobApplication, team: Team, stage: ApplicationStatus, now: datetime
) -> None:
    record_step(
        db,
        application,
        ApplicationEventKind.MOVED,
        team.recruiter,
        ActorKind.EMPLOYER,
        to_status=stage,
        now=now,
    )
    db.flush()
