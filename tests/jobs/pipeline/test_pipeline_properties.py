"""Any input in the pipeline's forms: a field message or a stored change, never a crash.

Each example runs in a savepoint rolled back afterwards, so examples cannot see each other. A
refused example leaves the application as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import Session

from jobhub.jobs import candidate_reviews, interviews, offers, pipeline_board, pipeline_moves
from jobhub.jobs.application_models import ApplicationInterview
from jobhub.jobs.candidate_state import parse_interview, parse_offer
from jobhub.jobs.models import ApplicationStatus, JobApplication
from jobhub.jobs.pipeline_board import CandidateFilters
from jobhub.jobs.rejection_messages import RejectionLetter
from jobhub.platform.errors import DomainError, Invalid
from tests.factories import Team
from tests.jobs.pipeline.support import Applicant, applicant, team_job

EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.one_of(st.text(max_size=80), st.sampled_from(["", " ", "2026-13-40T25:00", "1e9", "-5", "12,000"]))
stamps = st.one_of(
    texts, st.datetimes().map(lambda d: d.isoformat(timespec="minutes")), st.just("2099-06-01T10:00")
)
days = st.one_of(texts, st.dates().map(str), st.just("2099-01-01"))


@pytest.fixture
def candidate(db: Session, team: Team) -> Applicant:
    return applicant(db, team_job(db, team), status=ApplicationStatus.SCREENING)


@contextmanager
def _example(db: Session) -> Iterator[None]:
    savepoint = db.begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()
        db.expire_all()


def _status(db: Session, candidate: Applicant) -> str:
    return db.scalars(select(JobApplication.status).where(JobApplication.id == candidate.id)).one()


@EXAMPLES
@given(
    st.fixed_dictionaries(
        {"starts_at": stamps, "duration": texts, "location": texts, "meeting_url": texts, "details": texts}
    )
)
def test_any_interview_form_is_set_or_refused_with_a_field(
    db: Session, team: Team, candidate: Applicant, form: dict[str, Any]
) -> None:
    with _example(db):
        try:
            interviews.schedule_interview(db, team.owner, candidate.id, parse_interview(form))
        except Invalid as exc:
            assert exc.field in {"starts_at", "duration", "location", "meeting_url", "details"}
            rows = db.scalars(
                select(ApplicationInterview).where(ApplicationInterview.application_id == candidate.id)
            )
            assert list(rows) == [] and _status(db, candidate) == ApplicationStatus.SCREENING
        else:
            assert _status(db, candidate) == ApplicationStatus.INTERVIEWING


@EXAMPLES
@given(
    st.fixed_dictionaries(
        {
            "amount": texts,
            "currency": st.one_of(texts, st.just("EUR")),
            "period": st.one_of(texts, st.just("yearly")),
            "start_date": days,
            "expires_on": days,
            "note": texts,
        }
    )
)
def test_any_offer_form_is_made_or_refused_with_a_field(
    db: Session, team: Team, candidate: Applicant, form: dict[str, Any]
) -> None:
    with _example(db):
        try:
            offers.make_offer(db, team.owner, candidate.id, parse_offer(form))
        except Invalid as exc:
            assert exc.field in {"amount", "currency", "period", "start_date", "expires_on", "note"}
            assert _status(db, candidate) == ApplicationStatus.SCREENING
        else:
            assert _status(db, candidate) == ApplicationStatus.OFFERED


@EXAMPLES
@given(message=st.text(max_size=4000), reason=st.text(max_size=300), note=st.text(max_size=6000))
def test_any_rejection_or_note_text_is_stored_or_refused(
    db: Session, team: Team, candidate: Applicant, message: str, reason: str, note: str
) -> None:
    with _example(db):
        try:
            report = pipeline_moves.reject_candidates(
                db, team.owner, [candidate.id], RejectionLetter(message, reason)
            )
        except Invalid:
            assert _status(db, candidate) == ApplicationStatus.SCREENING
        else:
            assert report.moved == (str(candidate.id),)
        try:
            candidate_reviews.add_note(db, team.owner, candidate.id, note)
        except Invalid as exc:
            assert exc.field == "note"


@EXAMPLES
@given(
    ids=st.lists(st.one_of(st.text(max_size=40), st.uuids().map(str)), max_size=5),
    target=st.one_of(st.sampled_from(list(ApplicationStatus)), st.text(max_size=20)),
    text=st.text(max_size=200),
    skill=st.text(max_size=40),
    rating=st.integers(min_value=-10, max_value=10),
    stage=st.text(max_size=20),
    sort=st.text(max_size=20),
)
def test_any_ids_and_filters_give_a_report_or_a_message(
    db: Session,
    team: Team,
    candidate: Applicant,
    ids: list[str],
    target: str,
    text: str,
    skill: str,
    rating: int,
    stage: str,
    sort: str,
) -> None:
    with _example(db):
        try:
            report = pipeline_moves.move_candidates(db, team.owner, ids, target)
        except DomainError:
            pass
        else:
            assert len(report.moved) + len(report.refused) == len(dict.fromkeys(ids))
        filters = CandidateFilters(text, skill, rating, stage, sort)
        board = pipeline_board.load_board(db, team.owner, candidate.application.job_id, filters)
        assert board.total <= 1
