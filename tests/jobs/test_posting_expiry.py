"""The expiry worker: closes exactly the postings past their expiry, warns each poster once three
days before (in the app and by mail to a real SMTP server), and runs as a scheduled task."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.models import User
from jobhub.jobs import postings
from jobhub.jobs.models import Job, JobStatus, OutboxEvent
from jobhub.jobs.posting_expiry import EXPIRED_NOTE, EXPIRING_NOTE, expire_job_postings, run_expiry
from jobhub.notifications.models import UserNotification
from jobhub.platform import tasks
from jobhub.platform.event_types import JOB_EXPIRED, JOB_EXPIRY_WARNED
from tests.factories import Team, add, make_preference, make_user
from tests.jobs.posting_support import NOW, posting, publishable_form
from tests.smtp import SmtpSink, smtp_mail, smtp_server  # noqa: F401


@pytest.fixture
def poster(db: Session) -> User:
    user = make_user(first_name="Rita", status="active")
    add(db, user)
    return user


def _notes(db: Session, user_id: object, kind: str) -> list[UserNotification]:
    return list(
        db.scalars(
            select(UserNotification).where(UserNotification.user_id == user_id, UserNotification.type == kind)
        )
    )


def _events(db: Session, job: Job, event_type: str) -> int:
    return len(
        db.scalars(
            select(OutboxEvent.id).where(
                OutboxEvent.aggregate_id == job.id, OutboxEvent.event_type == event_type
            )
        ).all()
    )


def test_only_published_jobs_past_their_expiry_are_closed(
    db: Session,
    team: Team,
    poster: User,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    due = posting(db, team, JobStatus.PUBLISHED, employer_id=poster.id, expires_at=NOW - timedelta(minutes=5))
    exactly = posting(db, team, JobStatus.PUBLISHED, expires_at=NOW)
    later = posting(db, team, JobStatus.PUBLISHED, expires_at=NOW + timedelta(days=10))
    paused = posting(db, team, JobStatus.PAUSED, expires_at=NOW - timedelta(days=1))
    deleted = posting(db, team, JobStatus.PUBLISHED, expires_at=NOW - timedelta(days=1), deleted_at=NOW)

    run = run_expiry(db, NOW)

    assert set(run.expired) == {due.id, exactly.id}
    assert (due.status, due.closed_at) == (JobStatus.EXPIRED, NOW - timedelta(minutes=5))
    assert [job.status for job in (later, paused, deleted)] == [
        JobStatus.PUBLISHED,
        JobStatus.PAUSED,
        JobStatus.PUBLISHED,
    ]
    assert _events(db, due, JOB_EXPIRED) == 1
    (note,) = _notes(db, poster.id, EXPIRED_NOTE)
    assert note.action_url == f"/employer/jobs/{due.id}"
    assert run_expiry(db, NOW + timedelta(minutes=15)).expired == ()


def test_the_poster_is_warned_once_three_days_before_by_mail_and_in_the_app(
    db: Session,
    team: Team,
    poster: User,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    soon = posting(
        db,
        team,
        JobStatus.PUBLISHED,
        title="Data Engineer",
        employer_id=poster.id,
        expires_at=NOW + timedelta(days=3),
    )
    later = posting(
        db, team, JobStatus.PUBLISHED, employer_id=poster.id, expires_at=NOW + timedelta(days=3, hours=2)
    )

    first = run_expiry(db, NOW)
    again = run_expiry(db, NOW + timedelta(hours=1))
    third = run_expiry(db, NOW + timedelta(hours=2))

    assert first.warned == (soon.id,)
    assert again.warned == ()
    assert third.warned == (later.id,)
    assert soon.expiry_warned_at == NOW
    assert _events(db, soon, JOB_EXPIRY_WARNED) == 1
    titles = {note.title for note in _notes(db, poster.id, EXPIRING_NOTE)}
    assert titles == {
        "\u201cData Engineer\u201d expires in 3 days",
        f"\u201c{later.title}\u201d expires in 3 days",
    }
    mail, _ = smtp_mail.wait_for(poster.email, count=2)
    assert mail.subject == 'Your posting "Data Engineer" expires in 3 days'
    assert f"/employer/jobs/{soon.id}" in mail.text
    assert "Rita" in mail.text


def test_a_poster_who_turned_mail_off_gets_only_the_in_app_note(
    db: Session,
    team: Team,
    poster: User,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    add(db, make_preference(user_id=poster.id, email_enabled=False))
    posting(db, team, JobStatus.PUBLISHED, employer_id=poster.id, expires_at=NOW + timedelta(days=2))

    run = run_expiry(db, NOW)

    assert len(run.warned) == 1 and run.mails == ()
    assert len(_notes(db, poster.id, EXPIRING_NOTE)) == 1
    assert smtp_mail.received == []


def test_a_new_expiry_after_the_warning_brings_a_new_warning_later(
    db: Session,
    team: Team,
    poster: User,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    job = posting(db, team, JobStatus.PUBLISHED, employer_id=poster.id, expires_at=NOW + timedelta(days=2))
    run_expiry(db, NOW)
    later = (NOW + timedelta(days=30)).date()
    postings.update_posting(
        db, team.recruiter, job.id, publishable_form(expires_on=later.isoformat()), now=NOW
    )

    assert run_expiry(db, NOW).warned == ()
    assert run_expiry(db, NOW + timedelta(days=28)).warned == (job.id,)
    smtp_mail.wait_for(poster.email, count=2)


def test_the_task_is_registered_and_periodic() -> None:
    assert "jobhub.jobs.posting_expiry" in tasks.TASK_MODULES
    assert expire_job_postings.name in tasks.app.tasks
    assert any(
        p.task.name == expire_job_postings.name for p in tasks.app.periodic_registry.periodic_tasks.values()
    )
