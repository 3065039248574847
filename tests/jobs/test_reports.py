"""Reporting a job: signed-in only, a reason from the list, short details, once per user per job."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.jobs.models import Job, JobStatus, OutboxEvent
from jobhub.jobs.reports import DETAILS_MAX, has_reported, report_job
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.platform.event_types import JOB_REPORTED
from tests.jobs.support import published_job

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def seeker() -> Principal:
    return Principal(user_id=uuid.uuid4(), user_type="job_seeker")


def open_job(db: Session, **values: object) -> Job:
    return published_job(db, NOW, **values)


def test_a_report_is_a_job_reported_event_for_moderation(db: Session) -> None:
    job, who = open_job(db), seeker()

    report_job(db, who, job.id, "scam", "  Asks for a fee to apply.  ", now=NOW)

    event = db.execute(
        select(OutboxEvent).where(OutboxEvent.aggregate_id == job.id, OutboxEvent.event_type == JOB_REPORTED)
    ).scalar_one()
    assert event.event_data["reason"] == "scam"
    assert event.event_data["details"] == "Asks for a fee to apply."
    assert event.event_data["user_id"] == str(who.user_id)
    assert event.event_data["employer_id"] == str(job.employer_id)
    assert has_reported(db, job.id, who.user_id)


def test_anonymous_visitors_must_sign_in(db: Session) -> None:
    with pytest.raises(SignInRequired):
        report_job(db, None, open_job(db).id, "spam", "", now=NOW)


def test_the_same_user_reports_a_job_once_but_others_still_can(db: Session) -> None:
    job, who = open_job(db), seeker()
    report_job(db, who, job.id, "spam", None, now=NOW)

    with pytest.raises(Conflict, match="already reported"):
        report_job(db, who, job.id, "scam", None, now=NOW)
    report_job(db, seeker(), job.id, "spam", None, now=NOW)


@pytest.mark.parametrize(
    ("reason", "details", "field"),
    [
        ("made_up", "", "reason"),
        ("spam", "x" * (DETAILS_MAX + 1), "details"),
        ("other", "   ", "details"),
    ],
    ids=["unknown-reason", "details-too-long", "other-without-details"],
)
def test_bad_input_names_the_field(db: Session, reason: str, details: str, field: str) -> None:
    with pytest.raises(Invalid) as refused:
        report_job(db, seeker(), open_job(db).id, reason, details, now=NOW)

    assert refused.value.field == field


def test_details_of_exactly_the_limit_are_accepted(db: Session) -> None:
    report_job(db, seeker(), open_job(db).id, "other", "x" * DETAILS_MAX, now=NOW)


def test_a_job_that_is_not_open_cannot_be_reported(db: Session) -> None:
    for job in (open_job(db, status=JobStatus.DRAFT), open_job(db, deleted_at=NOW)):
        with pytest.raises(NotFound):
            report_job(db, seeker(), job.id, "spam", None, now=NOW)
    with pytest.raises(NotFound):
        report_job(db, seeker(), uuid.uuid4(), "spam", None, now=NOW)
