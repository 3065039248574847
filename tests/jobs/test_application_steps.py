"""A step writes the timeline, the status and the event together; team steps start the response clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from jobhub.jobs.application_models import ActorKind, ApplicationEvent, ApplicationEventKind
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.models import ApplicationStatus, DomainEvent
from jobhub.platform import event_types as et
from tests.factories import Team, add, make_application, make_job, make_principal


def test_a_team_move_is_on_the_timeline_in_the_status_and_in_the_outbox(db: Session, team: Team) -> None:
    job = make_job(company_id=team.company.id)
    application = make_application(job)
    add(db, job, application)
    recruiter = team.recruiter
    moved_at = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

    record_step(
        db,
        application,
        ApplicationEventKind.MOVED,
        recruiter,
        ActorKind.EMPLOYER,
        to_status=ApplicationStatus.SCREENING,
        now=moved_at,
    )
    db.commit()

    step = db.exec(select(ApplicationEvent).where(ApplicationEvent.application_id == application.id)).one()
    assert (step.from_status, step.to_status, step.actor_id) == ("applied", "screening", recruiter.user_id)
    db.refresh(application)
    assert application.status == ApplicationStatus.SCREENING
    assert application.status_updated_by == recruiter.user_id
    assert application.first_response_at == moved_at
    event = db.exec(select(DomainEvent).where(DomainEvent.aggregate_id == application.id)).one()
    assert event.event_type == et.APPLICATION_MOVED
    assert event.event_data["to_status"] == "screening"


def test_a_view_or_a_seeker_step_does_not_count_as_a_response(db: Session) -> None:
    job = make_job()
    application = make_application(job)
    add(db, job, application)
    seeker = make_principal(user_id=application.applicant_id)
    viewer = make_principal()
    now = datetime.now(UTC)

    record_step(db, application, ApplicationEventKind.VIEWED, viewer, ActorKind.EMPLOYER, now=now)
    record_step(
        db,
        application,
        ApplicationEventKind.WITHDRAWN,
        seeker,
        ActorKind.SEEKER,
        to_status=ApplicationStatus.WITHDRAWN,
        now=now + timedelta(minutes=1),
    )
    db.commit()

    db.refresh(application)
    assert application.first_response_at is None
    assert application.status == ApplicationStatus.WITHDRAWN
    kinds = db.exec(
        select(ApplicationEvent.kind)
        .where(ApplicationEvent.application_id == application.id)
        .order_by(ApplicationEvent.created_at)
    ).all()
    assert kinds == ["viewed", "withdrawn"]
