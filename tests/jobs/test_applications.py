"""Applying, withdrawing and answering an offer, as the seeker; another seeker's ids find nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.jobs import applications
from jobhub.jobs.application_models import ApplicationEvent
from jobhub.jobs.applications import AlreadyApplied, answer_offer, submit_application, withdraw
from jobhub.jobs.models import ApplicationStatus, DomainEvent, Job, JobApplication, JobStatus, OfferStatus
from jobhub.notifications.models import UserNotification
from jobhub.platform import event_types as et
from jobhub.platform.errors import Conflict, Forbidden, Invalid, NotFound
from jobhub.platform.mail import send_after_commit
from tests.factories import Team, make_principal
from tests.jobs.application_support import (
    ANSWERS,
    apply_to,
    make_offer,
    resume_of,
    stored_seeker,
    team_move,
    team_posting,
)
from tests.smtp import SmtpSink, smtp_mail, smtp_server  # noqa: F401

NOW = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)


def steps(db: Session, application: JobApplication) -> list[str]:
    rows = db.scalars(
        select(ApplicationEvent)
        .where(ApplicationEvent.application_id == application.id)
        .order_by(ApplicationEvent.created_at, ApplicationEvent.id)
    )
    return [row.kind for row in rows]


def test_applying_stores_the_answers_the_step_the_event_and_counts(
    db: Session, team: Team, seeker: Principal
) -> None:
    job = team_posting(db, team, NOW)
    resume = resume_of(db, seeker, is_primary=True)

    application = apply_to(db, seeker, job, NOW, resume_id=resume, cover_letter="  I build search.  ")

    assert (application.applicant_id, application.resume_id) == (seeker.user_id, resume)
    assert application.cover_letter == "I build search."
    assert application.screening_answers == ANSWERS
    assert application.status == ApplicationStatus.APPLIED
    assert steps(db, application) == ["applied"]
    event = db.scalars(select(DomainEvent).where(DomainEvent.aggregate_id == application.id)).one()
    assert event.event_type == et.JOB_APPLIED
    assert event.event_data["employer_id"] == str(job.employer_id)
    db.refresh(job)
    assert job.application_count == 1


def test_every_member_of_the_team_is_told_in_the_bell(db: Session, team: Team, seeker: Principal) -> None:
    job = team_posting(db, team, NOW)

    apply_to(db, seeker, job, NOW)

    told = db.scalars(
        select(UserNotification.user_id).where(UserNotification.type == applications.NOTE_APPLIED)
    )
    assert set(told) == {member.user_id for member in team.members.values()}


@pytest.mark.parametrize(
    "change",
    [
        {"status": JobStatus.CLOSED},
        {"status": JobStatus.DRAFT},
        {"expires_at": NOW - timedelta(minutes=1)},
        {"deleted_at": NOW - timedelta(days=1)},
        {"application_deadline": (NOW - timedelta(days=1)).date()},
        {"external_application_url": "https://jobs.example.test/apply"},
    ],
    ids=["closed", "draft", "expired", "deleted", "deadline", "external"],
)
def test_a_job_that_is_not_taking_applications_here_is_refused(
    db: Session, team: Team, seeker: Principal, change: dict[str, object]
) -> None:
    job = team_posting(db, team, NOW, **change)

    with pytest.raises((Conflict, NotFound)):
        apply_to(db, seeker, job, NOW)
    assert db.scalars(select(JobApplication).where(JobApplication.job_id == job.id)).all() == []


def test_a_resume_of_another_seeker_is_refused(
    db: Session, team: Team, seeker: Principal, other_seeker: Principal
) -> None:
    job = team_posting(db, team, NOW)
    theirs = resume_of(db, other_seeker)

    with pytest.raises(Invalid) as refused:
        apply_to(db, seeker, job, NOW, resume_id=theirs)
    assert refused.value.field == "resume"
    with pytest.raises(Invalid):
        apply_to(db, seeker, job, NOW, resume_id=uuid.uuid4())


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"1": "Lyon", "2": "x"}, "answers.0"),
        ({"0": "yes", "2": "   "}, "answers.2"),
        ({"0": "maybe", "2": "x"}, "answers.0"),
        ({"0": "yes", "1": "Paris", "2": "x"}, "answers.1"),
        ({"0": "yes", "2": 42}, "answers.2"),
        ({"0": "yes", "2": "x" * 1001}, "answers.2"),
        ({"0": "yes", "2": "x", "9": "extra"}, "answers"),
    ],
    ids=[
        "missing-required",
        "blank-required",
        "not-yes-or-no",
        "not-a-choice",
        "not-text",
        "too-long",
        "unknown",
    ],
)
def test_answers_that_break_the_questions_are_refused(
    db: Session, team: Team, seeker: Principal, answers: dict[str, object], field: str
) -> None:
    job = team_posting(db, team, NOW)

    with pytest.raises(Invalid) as refused:
        apply_to(db, seeker, job, NOW, answers=answers)
    assert refused.value.field == field


def test_a_cover_letter_over_the_limit_is_refused(db: Session, team: Team, seeker: Principal) -> None:
    job = team_posting(db, team, NOW)

    with pytest.raises(Invalid) as refused:
        apply_to(db, seeker, job, NOW, cover_letter="x" * (applications.COVER_LETTER_MAX + 1))
    assert refused.value.field == "cover_letter"


def test_a_second_application_names_the_first(db: Session, team: Team, seeker: Principal) -> None:
    job = team_posting(db, team, NOW)
    first = apply_to(db, seeker, job, NOW)

    with pytest.raises(AlreadyApplied) as again:
        apply_to(db, seeker, job, NOW)
    assert again.value.application_id == first.id


def test_only_job_seekers_apply(db: Session, team: Team) -> None:
    job = team_posting(db, team, NOW)

    with pytest.raises(SignInRequired):
        submit_application(db, None, job.id, resume_id=None, cover_letter="", answers=ANSWERS, now=NOW)
    with pytest.raises(Forbidden):
        submit_application(
            db, team.recruiter, job.id, resume_id=None, cover_letter="", answers=ANSWERS, now=NOW
        )


def test_the_seeker_gets_a_confirmation_mail_in_text_and_html(
    db: Session,
    team: Team,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    who = stored_seeker(db, first_name="Ada")
    job = team_posting(db, team, NOW, title="Search Engineer")
    submitted = submit_application(db, who, job.id, resume_id=None, cover_letter="", answers=ANSWERS, now=NOW)
    db.commit()

    applications_mail = submitted.mail
    assert applications_mail is not None
    send_after_commit(applications_mail)
    (received,) = smtp_mail.wait_for(applications_mail.to)
    assert received.subject == "You applied to Search Engineer"
    assert "Hi Ada" in received.text
    assert f"/applications/{submitted.application_id}" in received.text
    assert f"/applications/{submitted.application_id}" in received.html


def test_withdrawing_needs_a_reason_and_writes_the_step(db: Session, team: Team, seeker: Principal) -> None:
    application = apply_to(db, seeker, team_posting(db, team, NOW), NOW)

    with pytest.raises(Invalid):
        withdraw(db, seeker, application.id, "   ", now=NOW)
    assert application.status == ApplicationStatus.APPLIED
    withdraw(db, seeker, application.id, "I took another job", now=NOW + timedelta(minutes=1))

    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.withdrawal_reason == "I took another job"
    assert steps(db, application) == ["applied", "withdrawn"]
    with pytest.raises(Conflict):
        withdraw(db, seeker, application.id, "again", now=NOW)


def test_accepting_an_offer_hires(db: Session, team: Team, seeker: Principal) -> None:
    application = apply_to(db, seeker, team_posting(db, team, NOW), NOW)
    team_move(db, application, team, ApplicationStatus.INTERVIEWING, NOW)
    make_offer(db, application, team, NOW)

    answer_offer(db, seeker, application.id, True, now=NOW + timedelta(days=1))

    assert (application.status, application.offer_status) == (ApplicationStatus.HIRED, OfferStatus.ACCEPTED)
    assert application.offer_responded_at == NOW + timedelta(days=1)
    assert steps(db, application)[-1] == "offer_accepted"


def test_declining_an_offer_withdraws(db: Session, team: Team, seeker: Principal) -> None:
    application = apply_to(db, seeker, team_posting(db, team, NOW), NOW)
    team_move(db, application, team, ApplicationStatus.SCREENING, NOW)
    make_offer(db, application, team, NOW)

    answer_offer(db, seeker, application.id, False, now=NOW)

    assert (application.status, application.offer_status) == (
        ApplicationStatus.WITHDRAWN,
        OfferStatus.DECLINED,
    )
    with pytest.raises(Conflict):
        answer_offer(db, seeker, application.id, True, now=NOW)


def test_an_expired_offer_cannot_be_answered(db: Session, team: Team, seeker: Principal) -> None:
    application = apply_to(db, seeker, team_posting(db, team, NOW), NOW)
    team_move(db, application, team, ApplicationStatus.INTERVIEWING, NOW)
    make_offer(db, application, team, NOW, days=3)

    with pytest.raises(Conflict, match="expired"):
        answer_offer(db, seeker, application.id, True, now=NOW + timedelta(days=3))
    assert (application.status, application.offer_status) == (ApplicationStatus.OFFERED, OfferStatus.PENDING)


def test_there_is_no_offer_to_answer_before_one_is_made(db: Session, team: Team, seeker: Principal) -> None:
    application = apply_to(db, seeker, team_posting(db, team, NOW), NOW)

    with pytest.raises(Conflict, match="no open offer"):
        answer_offer(db, seeker, application.id, True, now=NOW)


def test_another_seekers_application_is_not_found_for_any_action(
    db: Session, team: Team, seeker: Principal, other_seeker: Principal
) -> None:
    application = apply_to(db, seeker, team_posting(db, team, NOW), NOW)
    team_move(db, application, team, ApplicationStatus.INTERVIEWING, NOW)
    make_offer(db, application, team, NOW)

    with pytest.raises(NotFound):
        withdraw(db, other_seeker, application.id, "mine now", now=NOW)
    with pytest.raises(NotFound):
        answer_offer(db, other_seeker, application.id, False, now=NOW)
    with pytest.raises(NotFound):
        applications.owned(db, make_principal(), application.id)
    assert application.status == ApplicationStatus.OFFERED


def test_the_team_hears_of_a_withdrawal(db: Session, team: Team, seeker: Principal) -> None:
    job: Job = team_posting(db, team, NOW)
    application = apply_to(db, seeker, job, NOW)

    withdraw(db, seeker, application.id, "Moved abroad", now=NOW)

    messages = db.scalars(
        select(UserNotification.message).where(
            UserNotification.type == applications.NOTE_WITHDRAWN,
            UserNotification.user_id == team.hiring_manager.user_id,
        )
    ).all()
    assert messages == ["Reason: Moved abroad"]
