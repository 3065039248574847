"""Interviews: scheduling moves to interviewing, each change mailed with an .ics calendars understand."""

from __future__ import annotations

import uuid
from datetime import UTC, timedelta

import pytest
from icalendar import Calendar
from sqlmodel import Session, select

from jobhub.jobs import interviews
from jobhub.jobs.application_models import ApplicationEvent, ApplicationInterview
from jobhub.jobs.interviews import InterviewForm
from jobhub.jobs.models import ApplicationStatus as S
from jobhub.platform import mail
from jobhub.platform.errors import Conflict, Invalid
from tests.factories import Team
from tests.jobs.pipeline.support import NOW, applicant, team_job
from tests.smtp import Received, SmtpSink, smtp_mail, smtp_server  # noqa: F401 (fixtures)

START = (NOW + timedelta(days=5)).replace(hour=14, minute=0, second=0)


def _form(**values: object) -> InterviewForm:
    fields: dict[str, object] = {
        "starts_at": START,
        "duration_minutes": 45,
        "location": "",
        "meeting_url": "https://meet.example.test/abc",
        "details": "Bring a laptop.",
    }
    return InterviewForm(**(fields | values))  # type: ignore[arg-type]


def _event(received: Received) -> tuple[str, object]:
    [part] = [p for p in received.message.iter_attachments() if p.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(part.get_content())
    [event] = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


def test_the_first_interview_moves_to_interviewing_and_mails_an_ics_request(
    db: Session,
    team: Team,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    candidate = applicant(db, team_job(db, team, title="Data Engineer"), status=S.SCREENING)

    sent = interviews.schedule_interview(db, team.hiring_manager, candidate.id, _form())

    db.refresh(candidate.application)
    assert candidate.application.status == S.INTERVIEWING
    assert candidate.application.interview_scheduled_at == START
    step = db.exec(select(ApplicationEvent).where(ApplicationEvent.application_id == candidate.id)).one()
    assert (step.kind, step.to_status) == ("interview_scheduled", S.INTERVIEWING)
    assert sent.mail is not None
    mail.send(sent.mail)
    [received] = smtp_mail.wait_for(candidate.email)
    assert received.subject.startswith("Invitation: Interview: Data Engineer")
    method, event = _event(received)
    assert method == "REQUEST"
    assert str(event["UID"]) == f"interview-{sent.interview.id}@jobhub.local"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == START.astimezone(UTC)
    assert event.decoded("DTEND") == START.astimezone(UTC) + timedelta(minutes=45)
    assert event.decoded("DTSTART").tzinfo is not None and event.decoded("DTSTART").utcoffset() == timedelta(
        0
    )
    assert str(event["URL"]) == "https://meet.example.test/abc"
    assert candidate.email in str(event["ATTENDEE"])


def test_reschedule_keeps_the_uid_and_cancel_sends_a_cancel_with_a_higher_sequence(
    db: Session,
    team: Team,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    candidate = applicant(db, team_job(db, team))
    first = interviews.schedule_interview(db, team.owner, candidate.id, _form())
    interview_id = uuid.UUID(first.interview.id)

    moved = interviews.reschedule_interview(
        db, team.owner, interview_id, _form(starts_at=START + timedelta(days=1))
    )
    cancelled = interviews.cancel_interview(db, team.owner, interview_id)

    for sent in (moved, cancelled):
        assert sent.mail is not None
        mail.send(sent.mail)
    received = smtp_mail.wait_for(candidate.email, count=2)
    (m1, e1), (m2, e2) = _event(received[0]), _event(received[1])
    assert (m1, m2) == ("REQUEST", "CANCEL")
    assert str(e1["UID"]) == str(e2["UID"]) == f"interview-{interview_id}@jobhub.local"
    assert (e1["SEQUENCE"], e2["SEQUENCE"]) == (1, 2)
    assert e1.decoded("DTSTART") == START + timedelta(days=1)
    assert received[1].subject.startswith("Cancelled:")
    row = db.get(ApplicationInterview, interview_id)
    assert row is not None and row.status == "cancelled"
    db.refresh(candidate.application)
    assert candidate.application.interview_scheduled_at is None
    with pytest.raises(Conflict):
        interviews.cancel_interview(db, team.owner, interview_id)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"starts_at": NOW - timedelta(minutes=1)}, "starts_at"),
        ({"starts_at": START.replace(tzinfo=None)}, "starts_at"),
        ({"duration_minutes": 5}, "duration"),
        ({"duration_minutes": 600}, "duration"),
        ({"meeting_url": "javascript:alert(1)"}, "meeting_url"),
        ({"meeting_url": "", "location": "  "}, "location"),
        ({"details": "x" * 2001}, "details"),
    ],
)
def test_a_bad_interview_form_is_refused_and_sets_nothing(
    db: Session, team: Team, values: dict[str, object], field: str
) -> None:
    candidate = applicant(db, team_job(db, team))
    with pytest.raises(Invalid) as refused:
        interviews.schedule_interview(db, team.owner, candidate.id, _form(**values))
    assert refused.value.field == field
    assert (
        db.exec(select(ApplicationInterview).where(ApplicationInterview.application_id == candidate.id)).all()
        == []
    )


@pytest.mark.parametrize("stage", [S.HIRED, S.REJECTED, S.WITHDRAWN])
def test_no_interview_in_a_final_stage(db: Session, team: Team, stage: S) -> None:
    candidate = applicant(db, team_job(db, team), status=stage)
    with pytest.raises(Conflict):
        interviews.schedule_interview(db, team.owner, candidate.id, _form())
