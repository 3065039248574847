"""A posting's state machine: every step of the table works, every other one is refused, and
going public needs a salary range and sane dates."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.jobs import posting_lifecycle as lifecycle
from jobhub.jobs.models import Job, JobStatus, OutboxEvent
from jobhub.jobs.posting_form import F, PostingInvalid
from jobhub.jobs.posting_rules import (
    EVENTS,
    TRANSITIONS,
    USER_ACTIONS,
    PostingAction,
    allowed_actions,
    day_end,
    next_status,
)
from jobhub.platform.errors import Conflict, NotFound
from tests.factories import Team
from tests.jobs.posting_support import NOW, posting

ALLOWED = [(status, action) for (status, action) in TRANSITIONS if action in USER_ACTIONS]
REFUSED = [
    (status, action)
    for status, action in itertools.product(JobStatus, USER_ACTIONS)
    if (status, action) not in TRANSITIONS
]


def _events(db: Session, job: Job) -> list[tuple[str, dict[str, object]]]:
    rows = db.execute(
        select(OutboxEvent.event_type, OutboxEvent.event_data).where(OutboxEvent.aggregate_id == job.id)
    ).all()
    return [(row.event_type, row.event_data) for row in rows]


def test_the_table_is_the_one_the_issue_draws() -> None:
    steps = {(status.value, TRANSITIONS[(status, action)].value) for status, action in ALLOWED}
    assert steps == {
        ("draft", "published"),
        ("published", "paused"),
        ("published", "closed"),
        ("paused", "published"),
        ("paused", "closed"),
        ("closed", "published"),
        ("expired", "published"),
    }
    assert allowed_actions(JobStatus.REMOVED) == ()


@pytest.mark.parametrize(("status", "action"), ALLOWED, ids=[f"{s}-{a}" for s, a in ALLOWED])
def test_every_allowed_step_changes_the_status_and_emits_its_event(
    db: Session, team: Team, status: JobStatus, action: PostingAction
) -> None:
    job = posting(db, team, status)

    view = lifecycle.change_status(db, team.recruiter, job.id, action, now=NOW)

    assert job.status == view.status == TRANSITIONS[(status, action)]
    ((event_type, data),) = _events(db, job)
    assert event_type == EVENTS[action]
    assert data["previous_status"] == status
    assert data["user_id"] == str(team.recruiter.user_id)
    assert data["company_id"] == str(team.company.id)


@pytest.mark.parametrize(("status", "action"), REFUSED, ids=[f"{s}-{a}" for s, a in REFUSED])
def test_every_other_step_is_a_conflict_that_changes_nothing(
    db: Session, team: Team, status: JobStatus, action: PostingAction
) -> None:
    job = posting(db, team, status)

    with pytest.raises(Conflict) as refused:
        lifecycle.change_status(db, team.recruiter, job.id, action, now=NOW)

    assert refused.value.message
    assert job.status == status
    assert _events(db, job) == []


def test_refusals_say_why() -> None:
    cases = {
        (JobStatus.DRAFT, PostingAction.PAUSE): "A draft job cannot be paused. Publish it first.",
        (JobStatus.CLOSED, PostingAction.CLOSE): "This job is closed already.",
        (JobStatus.EXPIRED, PostingAction.PUBLISH): (
            "An expired job cannot be published. Reopen it with a new expiry date first."
        ),
    }
    for (status, action), message in cases.items():
        with pytest.raises(Conflict) as refused:
            next_status(status, action)
        assert refused.value.message == message


def test_expiring_is_the_workers_step_only() -> None:
    assert PostingAction.EXPIRE not in USER_ACTIONS
    assert next_status(JobStatus.PUBLISHED, PostingAction.EXPIRE) == JobStatus.EXPIRED


def test_first_publish_sets_published_at_and_a_30_day_expiry(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.DRAFT)

    lifecycle.publish(db, team.recruiter, job.id, now=NOW)

    assert job.published_at == NOW
    assert job.expires_at == NOW + timedelta(days=30)
    assert job.closed_at is None


def test_reopening_keeps_the_first_published_at_and_clears_closed_at(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.CLOSED)
    first = job.published_at

    lifecycle.reopen(db, team.recruiter, job.id, now=NOW)

    assert job.published_at == first
    assert job.closed_at is None
    assert job.expires_at == NOW + timedelta(days=25)


def test_an_expired_job_reopens_with_a_new_expiry_and_may_be_warned_again(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.EXPIRED, expiry_warned_at=NOW - timedelta(days=4))

    lifecycle.reopen(db, team.recruiter, job.id, now=NOW)

    assert job.expires_at == NOW + timedelta(days=30)
    assert job.expiry_warned_at is None


def test_closing_sets_closed_at(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.PUBLISHED)

    lifecycle.close(db, team.recruiter, job.id, now=NOW)

    assert job.closed_at == NOW


def test_the_expiry_stays_up_until_the_application_deadline(db: Session, team: Team) -> None:
    deadline = (NOW + timedelta(days=45)).date()
    job = posting(db, team, JobStatus.DRAFT, application_deadline=deadline)

    lifecycle.publish(db, team.recruiter, job.id, now=NOW)

    assert job.expires_at == day_end(deadline)


def test_a_chosen_expiry_is_kept(db: Session, team: Team) -> None:
    chosen = day_end((NOW + timedelta(days=60)).date())
    job = posting(db, team, JobStatus.DRAFT, expires_at=chosen)

    lifecycle.publish(db, team.recruiter, job.id, now=NOW)

    assert job.expires_at == chosen


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"application_deadline": date(2026, 11, 24)}, F.DEADLINE),
        ({"application_deadline": (NOW + timedelta(days=91)).date()}, F.DEADLINE),
        ({"expires_at": day_end((NOW + timedelta(days=91)).date())}, F.EXPIRES_ON),
        (
            {
                "application_deadline": (NOW + timedelta(days=40)).date(),
                "expires_at": day_end((NOW + timedelta(days=20)).date()),
            },
            F.EXPIRES_ON,
        ),
    ],
    ids=["deadline-passed", "deadline-beyond-90-days", "expiry-beyond-90-days", "expiry-before-deadline"],
)
def test_dates_that_break_the_rules_keep_the_draft_a_draft(
    db: Session, team: Team, values: dict[str, object], field: str
) -> None:
    job = posting(db, team, JobStatus.DRAFT, **values)

    with pytest.raises(PostingInvalid) as refused:
        lifecycle.publish(db, team.recruiter, job.id, now=NOW)

    assert field in refused.value.errors
    assert job.status == JobStatus.DRAFT


# salary is required to publish


@pytest.mark.parametrize(
    ("missing", "field"),
    [
        ({"salary_min": None}, F.SALARY_MIN),
        ({"salary_max": None}, F.SALARY_MAX),
        ({"salary_period": None}, F.PERIOD),
        ({"salary_min": None, "salary_max": None, "salary_period": None}, F.SALARY_MIN),
    ],
    ids=["no-minimum", "no-maximum", "no-period", "no-pay-at-all"],
)
@pytest.mark.parametrize(
    ("status", "action"),
    [
        (JobStatus.DRAFT, PostingAction.PUBLISH),
        (JobStatus.PAUSED, PostingAction.PUBLISH),
        (JobStatus.CLOSED, PostingAction.REOPEN),
        (JobStatus.EXPIRED, PostingAction.REOPEN),
    ],
    ids=["publish", "resume", "reopen", "reopen-expired"],
)
def test_going_public_needs_each_piece_of_the_salary_range(
    db: Session, team: Team, missing: dict[str, object], field: str, status: JobStatus, action: PostingAction
) -> None:
    job = posting(db, team, status, **missing)

    with pytest.raises(PostingInvalid) as refused:
        lifecycle.change_status(db, team.recruiter, job.id, action, now=NOW)

    assert "pay transparency" in refused.value.errors[field]
    assert next(iter(refused.value.errors)) == field
    assert job.status == status
    assert _events(db, job) == []


def test_a_published_job_needs_a_description_and_a_place(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.DRAFT, description="Short.", location=None, remote_policy="hybrid")

    with pytest.raises(PostingInvalid) as refused:
        lifecycle.publish(db, team.recruiter, job.id, now=NOW)

    assert set(refused.value.errors) == {F.DESCRIPTION, F.LOCATION}


def test_a_fully_remote_job_needs_no_place(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.DRAFT, location=None, remote_policy="remote_only")

    lifecycle.publish(db, team.recruiter, job.id, now=NOW)

    assert job.status == JobStatus.PUBLISHED


def test_a_deleted_draft_cannot_be_published(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.DRAFT, deleted_at=NOW - timedelta(hours=1))

    with pytest.raises(NotFound):
        lifecycle.publish(db, team.recruiter, job.id, now=NOW)


def test_an_unknown_job_id_is_not_found(db: Session, team: Team) -> None:
    with pytest.raises(NotFound):
        lifecycle.publish(db, team.recruiter, uuid.uuid4(), now=NOW)
