"""Who may do what in a job's pipeline: every role and outsider by every action, each cell.

Team members act through ``team_access`` (offers for recruiters and up); anyone outside the
company, the platform's admin included, finds nothing (``NotFound``, as for an id that does
not exist); the anonymous are asked to sign in. Bulk actions refuse per candidate instead of
raising, so their cells read the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.jobs import candidate_panel, candidate_reviews, interviews, offers, pipeline_board, pipeline_moves
from jobhub.jobs.interviews import InterviewForm
from jobhub.jobs.models import ApplicationStatus
from jobhub.jobs.offers import OfferForm
from jobhub.jobs.pipeline_scope import NO_SUCH_APPLICATION
from jobhub.jobs.rejection_messages import RejectionLetter
from jobhub.platform.errors import Forbidden, NotFound
from tests.companies.team_support import named_team
from tests.factories import Team, make_principal, principal_with_role
from tests.jobs.pipeline.support import NOW, Applicant, applicant, team_job

ALLOWED, FORBIDDEN, NOT_FOUND, SIGN_IN = "allowed", "forbidden", "not_found", "sign_in"


@dataclass
class Setup:
    db: Session
    team: Team
    candidate: Applicant
    note_id: Any
    interview_id: Any


def _interview_form() -> InterviewForm:
    return InterviewForm(NOW + timedelta(days=3), 45, "Office", "", "")


def _offer_form() -> OfferForm:
    today = NOW.date()
    return OfferForm(90000, "EUR", "yearly", today + timedelta(days=30), today + timedelta(days=7))


def _bulk(report: pipeline_moves.MoveReport) -> None:
    """A bulk action's refusal as the error a single action would raise."""
    if report.moved:
        return
    [refusal] = report.refused
    if refusal.reason == NO_SUCH_APPLICATION:
        raise NotFound(refusal.reason)
    raise Forbidden(refusal.reason)


ACTIONS: dict[str, Callable[[Principal | None, Setup], object]] = {
    "board": lambda who, s: pipeline_board.load_board(s.db, who, s.candidate.application.job_id),
    "list": lambda who, s: pipeline_board.list_candidates(s.db, who, s.candidate.application.job_id),
    "load_more": lambda who, s: pipeline_board.stage_page(
        s.db, who, s.candidate.application.job_id, "screening"
    ),
    "panel": lambda who, s: candidate_panel.load_candidate(s.db, who, s.candidate.id),
    "add_note": lambda who, s: candidate_reviews.add_note(s.db, who, s.candidate.id, "Strong SQL."),
    "rate": lambda who, s: candidate_reviews.rate_candidate(s.db, who, s.candidate.id, 4),
    "move": lambda who, s: _bulk(pipeline_moves.move_candidates(s.db, who, [s.candidate.id], "screening")),
    "reject": lambda who, s: _bulk(
        pipeline_moves.reject_candidates(s.db, who, [s.candidate.id], RejectionLetter("Thank you."))
    ),
    "schedule_interview": lambda who, s: interviews.schedule_interview(
        s.db, who, s.candidate.id, _interview_form()
    ),
    "reschedule_interview": lambda who, s: interviews.reschedule_interview(
        s.db, who, s.interview_id, _interview_form()
    ),
    "cancel_interview": lambda who, s: interviews.cancel_interview(s.db, who, s.interview_id),
    "make_offer": lambda who, s: offers.make_offer(s.db, who, s.candidate.id, _offer_form()),
}
OFFER_ACTIONS = {"make_offer"}
ACTORS = (
    "owner",
    "admin",
    "recruiter",
    "hiring_manager",
    "other_owner",
    "seeker",
    "anonymous",
    "platform_admin",
)


def expected(actor: str, action: str) -> str:
    if actor == "anonymous":
        return SIGN_IN
    if actor in ("other_owner", "seeker", "platform_admin"):
        return NOT_FOUND
    if actor == "hiring_manager" and action in OFFER_ACTIONS:
        return FORBIDDEN
    return ALLOWED


def _actor(actor: str, team: Team, other: Team) -> Principal | None:
    return {
        "owner": team.owner,
        "admin": team.admin,
        "recruiter": team.recruiter,
        "hiring_manager": team.hiring_manager,
        "other_owner": other.owner,
        "seeker": principal_with_role("job_seeker"),
        "anonymous": None,
        "platform_admin": principal_with_role("admin"),
    }[actor]


def _setup(db: Session, team: Team) -> Setup:
    job = team_job(db, team)
    candidate = applicant(db, job, status=ApplicationStatus.SCREENING)
    note = candidate_reviews.add_note(db, team.owner, candidate.id, "First call went well.")
    sent = interviews.schedule_interview(db, team.owner, candidate.id, _interview_form())
    return Setup(db, team, candidate, note.id, sent.interview.id)


def _outcome(call: Callable[[], object]) -> str:
    try:
        call()
    except SignInRequired:
        return SIGN_IN
    except Forbidden:
        return FORBIDDEN
    except NotFound:
        return NOT_FOUND
    return ALLOWED


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", ACTORS)
def test_pipeline_permission_table(db: Session, team: Team, actor: str, action: str) -> None:
    setup = _setup(db, team)
    other = named_team(db)
    who = _actor(actor, team, other)

    assert _outcome(lambda: ACTIONS[action](who, setup)) == expected(actor, action)


def test_the_hiring_manager_cannot_withdraw_an_offer_and_a_recruiter_can(db: Session, team: Team) -> None:
    job = team_job(db, team)
    candidate = applicant(db, job, status=ApplicationStatus.INTERVIEWING)
    offers.make_offer(db, team.recruiter, candidate.id, _offer_form())

    with pytest.raises(Forbidden):
        offers.withdraw_offer(db, team.hiring_manager, candidate.id)
    offers.withdraw_offer(db, team.recruiter, candidate.id)
    assert candidate.application.status == ApplicationStatus.INTERVIEWING


def test_only_the_author_edits_or_deletes_a_note(db: Session, team: Team) -> None:
    job = team_job(db, team)
    candidate = applicant(db, job)
    note = candidate_reviews.add_note(db, team.recruiter, candidate.id, "Mine.")

    with pytest.raises(Forbidden):
        candidate_reviews.edit_note(db, team.owner, note.id, "Changed.")
    with pytest.raises(Forbidden):
        candidate_reviews.delete_note(db, team.hiring_manager, note.id)
    assert candidate_reviews.edit_note(db, team.recruiter, note.id, "Still mine.").body == "Still mine."
    candidate_reviews.delete_note(db, team.recruiter, note.id)


def test_a_stranger_signed_in_with_no_role_finds_nothing(db: Session, team: Team) -> None:
    setup = _setup(db, team)
    with pytest.raises(NotFound):
        candidate_panel.load_candidate(db, make_principal(), setup.candidate.id)
