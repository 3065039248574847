"""Moves by the stage rules, one or many, each a timeline step, an event and an audit row."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from jobhub.auth.models import AuditLog
from jobhub.jobs import pipeline_moves
from jobhub.jobs.application_models import ApplicationEvent
from jobhub.jobs.application_rules import TEAM_MOVES
from jobhub.jobs.models import ApplicationStatus as S
from jobhub.jobs.models import DomainEvent, JobApplication, OfferStatus
from jobhub.jobs.rejection_messages import RejectionLetter, template_text
from jobhub.platform import event_types as et
from jobhub.platform import mail
from jobhub.platform.errors import Conflict, Invalid
from tests.factories import Team
from tests.jobs.pipeline.support import applicant, team_job
from tests.smtp import SmtpSink, smtp_mail, smtp_server  # noqa: F401 (fixtures)

PLAIN_MOVES = [
    (here, there) for here, targets in TEAM_MOVES.items() for there in sorted(targets) if there != S.REJECTED
]
REFUSED = [(here, there) for here in S for there in S if there not in TEAM_MOVES[here]]


@pytest.mark.parametrize(("here", "there"), PLAIN_MOVES)
def test_each_allowed_move_is_a_step_an_event_and_an_audit_row(
    db: Session, team: Team, here: S, there: S
) -> None:
    candidate = applicant(db, team_job(db, team), status=here)

    report = pipeline_moves.move_candidates(db, team.owner, [candidate.id], there)

    assert report.moved == (str(candidate.id),) and report.refused == ()
    db.refresh(candidate.application)
    assert candidate.application.status == there
    step = db.exec(select(ApplicationEvent).where(ApplicationEvent.application_id == candidate.id)).one()
    assert (step.from_status, step.to_status) == (here, there)
    event = db.exec(select(DomainEvent).where(DomainEvent.aggregate_id == candidate.id)).one()
    assert event.event_type == et.APPLICATION_MOVED
    audit = db.exec(select(AuditLog).where(AuditLog.resource_id == candidate.id)).one()
    assert audit.action == "application_moved" and audit.new_values["to"] == there


@pytest.mark.parametrize(("here", "there"), REFUSED)
def test_each_refused_move_changes_nothing_and_says_why(db: Session, team: Team, here: S, there: S) -> None:
    candidate = applicant(db, team_job(db, team), status=here)

    report = pipeline_moves.move_candidates(db, team.owner, [candidate.id], there)

    assert report.moved == ()
    [refusal] = report.refused
    assert refusal.reason
    db.refresh(candidate.application)
    assert candidate.application.status == here
    assert (
        db.exec(select(ApplicationEvent).where(ApplicationEvent.application_id == candidate.id)).all() == []
    )


def test_a_plain_move_to_rejected_asks_for_the_rejection_form(db: Session, team: Team) -> None:
    candidate = applicant(db, team_job(db, team))
    [refusal] = pipeline_moves.move_candidates(db, team.owner, [candidate.id], S.REJECTED).refused
    assert refusal.reason == pipeline_moves.USE_REJECT


def test_a_bulk_move_applies_the_allowed_and_reports_the_refused(db: Session, team: Team) -> None:
    job = team_job(db, team)
    a, b = applicant(db, job), applicant(db, job)
    hired = applicant(db, job, status=S.HIRED)

    report = pipeline_moves.move_candidates(
        db, team.hiring_manager, [a.id, b.id, hired.id, a.id], S.SCREENING
    )

    assert set(report.moved) == {str(a.id), str(b.id)}
    [refusal] = report.refused
    assert refusal.id == str(hired.id) and "hired" in refusal.reason
    assert "1 could not be moved" in report.summary


def test_an_unknown_stage_is_refused_whole(db: Session, team: Team) -> None:
    candidate = applicant(db, team_job(db, team))
    with pytest.raises(Conflict):
        pipeline_moves.move_candidates(db, team.owner, [candidate.id], "limbo")


def test_leaving_offered_needs_offer_rights_and_settles_the_offer(db: Session, team: Team) -> None:
    job = team_job(db, team)
    offered = applicant(db, job, status=S.OFFERED, offer_status=OfferStatus.PENDING)

    refused = pipeline_moves.move_candidates(db, team.hiring_manager, [offered.id], S.INTERVIEWING)
    assert refused.moved == () and "offers" in refused.refused[0].reason
    pipeline_moves.move_candidates(db, team.recruiter, [offered.id], S.HIRED)
    db.refresh(offered.application)
    assert (offered.application.status, offered.application.offer_status) == (S.HIRED, OfferStatus.ACCEPTED)


def test_a_rejection_mails_the_kind_message_shows_it_on_the_timeline_and_keeps_the_reason_internal(
    db: Session,
    team: Team,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    job = team_job(db, team, title="Data Engineer")
    candidate = applicant(db, job, first_name="Mary", status=S.SCREENING)
    letter = RejectionLetter(template_text("standard") + "\n\nP.S. {unknown.attr}", reason="skills")

    report = pipeline_moves.reject_candidates(db, team.recruiter, [candidate.id], letter)

    row = db.get(JobApplication, candidate.id)
    assert row is not None and row.status == S.REJECTED
    assert row.rejection_reason == "Skills or experience do not match"
    step = db.exec(select(ApplicationEvent).where(ApplicationEvent.application_id == candidate.id)).one()
    assert step.visible_to_seeker and "Dear Mary" in step.details["message"]
    assert "Skills" not in str(step.details) and "{unknown.attr}" in step.details["message"]
    mail.send(report.mails[0])
    [received] = smtp_mail.wait_for(candidate.email)
    assert "Data Engineer" in received.subject and "Dear Mary" in received.text
    assert "Skills or experience" not in received.text


def test_an_empty_rejection_message_is_refused_before_anything_moves(db: Session, team: Team) -> None:
    candidate = applicant(db, team_job(db, team))
    with pytest.raises(Invalid):
        pipeline_moves.reject_candidates(db, team.owner, [candidate.id], RejectionLetter("   "))
    db.refresh(candidate.application)
    assert candidate.application.status == S.APPLIED
