"""Another company's application, note, interview and job ids reach nothing, in every action."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlmodel import Session

from jobhub.jobs import candidate_panel, candidate_reviews, interviews, offers, pipeline_board, pipeline_moves
from jobhub.jobs.interviews import InterviewForm
from jobhub.jobs.models import ApplicationStatus, JobApplication
from jobhub.jobs.offers import OfferForm
from jobhub.jobs.pipeline_scope import NO_SUCH_APPLICATION
from jobhub.jobs.rejection_messages import RejectionLetter
from jobhub.platform.errors import NotFound
from tests.factories import Team
from tests.jobs.pipeline.support import NOW, applicant, team_job


@pytest.fixture
def foreign(db: Session, other_team: Team) -> dict[str, uuid.UUID]:
    """Rows of ``other_team``'s pipeline: what ``team``'s members try to reach."""
    job = team_job(db, other_team)
    theirs = applicant(db, job, status=ApplicationStatus.SCREENING)
    note = candidate_reviews.add_note(db, other_team.owner, theirs.id, "Theirs.")
    form = InterviewForm(NOW + timedelta(days=2), 30, "HQ")
    sent = interviews.schedule_interview(db, other_team.owner, theirs.id, form)
    return {
        "job": job.id,
        "application": theirs.id,
        "note": note.id,
        "interview": uuid.UUID(sent.interview.id),
    }


def test_every_single_action_on_a_foreign_id_is_not_found(
    db: Session, team: Team, foreign: dict[str, uuid.UUID]
) -> None:
    who = team.owner
    today = NOW.date()
    offer = OfferForm(1000, "EUR", "monthly", today + timedelta(days=9), today + timedelta(days=5))
    form = InterviewForm(NOW + timedelta(days=4), 30, "HQ")
    calls = [
        lambda: pipeline_board.load_board(db, who, foreign["job"]),
        lambda: pipeline_board.list_candidates(db, who, foreign["job"]),
        lambda: pipeline_board.stage_page(db, who, foreign["job"], "applied"),
        lambda: candidate_panel.load_candidate(db, who, foreign["application"]),
        lambda: candidate_reviews.add_note(db, who, foreign["application"], "Mine now."),
        lambda: candidate_reviews.edit_note(db, who, foreign["note"], "Mine now."),
        lambda: candidate_reviews.delete_note(db, who, foreign["note"]),
        lambda: candidate_reviews.rate_candidate(db, who, foreign["application"], 1),
        lambda: interviews.schedule_interview(db, who, foreign["application"], form),
        lambda: interviews.reschedule_interview(db, who, foreign["interview"], form),
        lambda: interviews.cancel_interview(db, who, foreign["interview"]),
        lambda: offers.make_offer(db, who, foreign["application"], offer),
        lambda: offers.withdraw_offer(db, who, foreign["application"]),
    ]
    for call in calls:
        with pytest.raises(NotFound):
            call()
    theirs = db.get(JobApplication, foreign["application"])
    assert theirs is not None and theirs.status == ApplicationStatus.INTERVIEWING and theirs.rating is None


def test_a_bulk_move_or_rejection_with_foreign_ids_moves_only_the_own(
    db: Session, team: Team, foreign: dict[str, uuid.UUID]
) -> None:
    mine = applicant(db, team_job(db, team))
    ids = [str(mine.id), str(foreign["application"]), "not-an-id", str(uuid.uuid4())]

    report = pipeline_moves.move_candidates(db, team.owner, ids, "screening")

    assert report.moved == (str(mine.id),)
    assert {r.reason for r in report.refused} == {NO_SUCH_APPLICATION}
    rejected = pipeline_moves.reject_candidates(db, team.owner, ids, RejectionLetter("Sorry."))
    assert rejected.moved == (str(mine.id),) and len(rejected.refused) == 3
    assert len(rejected.mails) == 1 and rejected.mails[0].to == mine.email
    theirs = db.get(JobApplication, foreign["application"])
    assert theirs is not None and theirs.status == ApplicationStatus.INTERVIEWING
