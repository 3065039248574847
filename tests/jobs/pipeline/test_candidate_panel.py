"""The candidate panel: what it shows, the first view recorded once, notes and ratings kept to the team."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from jobhub.jobs import candidate_panel, candidate_reviews
from jobhub.jobs.application_models import ApplicationEvent, ApplicationNote
from jobhub.platform.errors import Invalid
from tests.factories import Team, add, make_experience, make_resume
from tests.jobs.pipeline.support import applicant, skill, team_job


def test_the_panel_shows_profile_resume_answers_notes_ratings_and_timeline(db: Session, team: Team) -> None:
    python = skill(db, "Python pipeline test")
    questions = [
        {"question": "Can you work in the EU?", "type": "yes_no", "choices": [], "required": True},
        {"question": "Notice period?", "type": "text", "choices": [], "required": False},
    ]
    job = team_job(db, team, screening_questions=questions)
    candidate = applicant(
        db,
        job,
        headline="Backend dev",
        skills=(python,),
        cover_letter="Hello!",
        screening_answers={"0": True},
    )
    resume = make_resume(user_id=candidate.user_id, original_file_name="ada-cv.pdf")
    add(db, resume)
    candidate.application.resume_id = resume.id
    candidate_reviews.add_note(db, team.recruiter, candidate.id, "Great portfolio.")
    candidate_reviews.rate_candidate(db, team.recruiter, candidate.id, 3)
    candidate_reviews.rate_candidate(db, team.owner, candidate.id, 4)

    panel = candidate_panel.load_candidate(db, team.owner, candidate.id)

    assert (panel.name, panel.headline, panel.skills) == (
        "Ada Lovelace",
        "Backend dev",
        ("Python pipeline test",),
    )
    assert panel.resume_name == "ada-cv.pdf" and panel.cover_letter == "Hello!"
    assert panel.resume_download_url == f"/files/resumes/{resume.id}"
    assert panel.resume_preview_url == f"/files/resumes/{resume.id}/preview"
    assert [(a.question, a.answer) for a in panel.answers] == [
        ("Can you work in the EU?", "Yes"),
        ("Notice period?", "No answer"),
    ]
    [note] = panel.notes
    assert note.body == "Great portfolio." and not note.mine
    assert panel.my_rating == 4 and panel.mean_rating == "3.5"
    assert [s.label for s in panel.timeline] == ["Viewed by the team"]
    assert panel.can_offer


def test_the_first_open_is_recorded_once(db: Session, team: Team) -> None:
    candidate = applicant(db, team_job(db, team))

    candidate_panel.load_candidate(db, team.hiring_manager, candidate.id)
    candidate_panel.load_candidate(db, team.owner, candidate.id)

    steps = db.exec(select(ApplicationEvent).where(ApplicationEvent.application_id == candidate.id)).all()
    assert [s.kind for s in steps] == ["viewed"]
    assert candidate.application.viewed_at is not None and candidate.application.first_response_at is None


def test_ratings_keep_one_per_member_and_the_rounded_mean(db: Session, team: Team) -> None:
    candidate = applicant(db, team_job(db, team))
    candidate_reviews.rate_candidate(db, team.owner, candidate.id, 2)
    candidate_reviews.rate_candidate(db, team.owner, candidate.id, 5)
    assert candidate_reviews.rate_candidate(db, team.admin, candidate.id, 4) == 5
    assert candidate.application.rating == 5
    with pytest.raises(Invalid):
        candidate_reviews.rate_candidate(db, team.admin, candidate.id, 6)


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_an_empty_or_huge_note_is_refused(db: Session, team: Team, body: str) -> None:
    candidate = applicant(db, team_job(db, team))
    with pytest.raises(Invalid):
        candidate_reviews.add_note(db, team.owner, candidate.id, body)
    assert db.exec(select(ApplicationNote).where(ApplicationNote.application_id == candidate.id)).all() == []


def test_notes_and_ratings_never_reach_the_timeline_or_the_outbox(db: Session, team: Team) -> None:
    candidate = applicant(db, team_job(db, team))
    candidate_reviews.add_note(db, team.owner, candidate.id, "Private remark")
    candidate_reviews.rate_candidate(db, team.owner, candidate.id, 1)

    steps = db.exec(select(ApplicationEvent).where(ApplicationEvent.application_id == candidate.id)).all()
    assert steps == []
    assert "Private remark" not in str(db.exec(select(ApplicationEvent.details)).all())


@pytest.mark.parametrize(("visibility", "shown"), [("recruiters_only", True), ("private", False)])
def test_the_panel_shows_the_profiles_history_unless_it_is_private(
    db: Session, team: Team, visibility: str, shown: bool
) -> None:
    candidate = applicant(db, team_job(db, team), visibility=visibility)
    add(db, make_experience(user_id=candidate.user_id, job_title="Data engineer", company_name="Acme"))

    panel = candidate_panel.load_candidate(db, team.hiring_manager, candidate.id)

    assert [e.title for e in panel.experience] == (["Data engineer"] if shown else [])
    assert panel.profile_visible is shown
