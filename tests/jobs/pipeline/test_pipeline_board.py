"""The board: counts per stage, first pages, filters by name, skill, rating and stage, and the list."""

from __future__ import annotations

from sqlmodel import Session

from jobhub.jobs import candidate_reviews, pipeline_board
from jobhub.jobs.models import ApplicationStatus
from jobhub.jobs.pipeline_board import CandidateFilters, CandidateSort
from tests.factories import Team
from tests.jobs.pipeline.support import applicant, skill, team_job


def test_the_board_counts_every_stage_and_shows_the_first_page_of_each(db: Session, team: Team) -> None:
    job = team_job(db, team)
    for _ in range(3):
        applicant(db, job)
    applicant(db, job, status=ApplicationStatus.SCREENING)

    board = pipeline_board.load_board(db, team.hiring_manager, job.id, column_size=2)

    counts = {column.stage: column.count for column in board.columns}
    assert counts["applied"] == 3 and counts["screening"] == 1 and counts["hired"] == 0
    applied = next(column for column in board.columns if column.stage == "applied")
    assert len(applied.cards) == 2 and applied.has_more
    assert board.total == 4
    more, has_more = pipeline_board.stage_page(db, team.hiring_manager, job.id, "applied", offset=2, size=2)
    assert len(more) == 1 and not has_more
    assert {c.id for c in more}.isdisjoint({c.id for c in applied.cards})


def test_a_card_shows_name_headline_matched_skills_rating_and_silence(db: Session, team: Team) -> None:
    python, sql = skill(db), skill(db)
    job = team_job(db, team, required_skills=[python, sql])
    ada = applicant(db, job, headline="Data engineer", skills=(python,), days_ago=9)
    candidate_reviews.rate_candidate(db, team.recruiter, ada.id, 4)
    candidate_reviews.rate_candidate(db, team.owner, ada.id, 5)

    [card] = [c for col in pipeline_board.load_board(db, team.owner, job.id).columns for c in col.cards]

    assert (card.name, card.headline) == ("Ada Lovelace", "Data engineer")
    assert card.skills_label == "1 of 2 required skills"
    assert card.rating == "4.5" and card.rating_count == 2
    assert card.waiting_label == "No response for 9 days"
    assert card.applied_label == "Applied 9 days ago"
    assert "screening" in card.moves and "withdrawn" not in card.moves


def test_a_private_profile_shows_no_headline_or_skills(db: Session, team: Team) -> None:
    python = skill(db)
    job = team_job(db, team, required_skills=[python])
    applicant(db, job, headline="Hidden", visibility="private", skills=(python,))

    [card] = [c for col in pipeline_board.load_board(db, team.owner, job.id).columns for c in col.cards]
    assert card.headline == "" and card.matched_skills == ()
    found = pipeline_board.load_board(db, team.owner, job.id, CandidateFilters(skill_id=str(python)))
    assert found.total == 0


def test_filters_narrow_by_name_skill_rating_and_stage(db: Session, team: Team) -> None:
    python = skill(db)
    job = team_job(db, team)
    grace = applicant(db, job, first_name="Grace", last_name="Hopper", skills=(python,))
    applicant(db, job, first_name="Alan", last_name="Turing", status=ApplicationStatus.SCREENING)
    candidate_reviews.rate_candidate(db, team.owner, grace.id, 5)

    def total(**filters: object) -> int:
        return pipeline_board.load_board(db, team.owner, job.id, CandidateFilters(**filters)).total  # type: ignore[arg-type]

    assert total(text="grace hop") == 1
    assert total(text="nobody") == 0
    assert total(skill_id=str(python)) == 1
    assert total(min_rating=4) == 1
    assert total(stage="screening") == 1
    assert total(stage="bogus", min_rating=99, skill_id="not-an-id") == 2


def test_the_list_pages_and_sorts_by_rating(db: Session, team: Team) -> None:
    job = team_job(db, team)
    rows = [applicant(db, job, first_name=f"P{i}") for i in range(5)]
    candidate_reviews.rate_candidate(db, team.owner, rows[3].id, 5)

    first = pipeline_board.list_candidates(
        db, team.owner, job.id, CandidateFilters(sort=CandidateSort.RATING), size=2
    )
    assert (first.total, first.pages, first.page) == (5, 3, 1)
    assert first.rows[0].id == str(rows[3].id)
    last = pipeline_board.list_candidates(db, team.owner, job.id, page=99, size=2)
    assert last.page == 3 and len(last.rows) == 1
