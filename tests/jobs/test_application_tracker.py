"""The tracker lists only the seeker's own applications; the detail shows only what is theirs to see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.jobs.application_models import (
    ActorKind,
    ApplicationEventKind,
    ApplicationInterview,
    ApplicationNote,
    ApplicationRating,
)
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.application_tracker import PAGE_SIZE, StageFilter, application_detail, list_applications
from jobhub.jobs.models import ApplicationStatus
from jobhub.platform.errors import NotFound
from tests.factories import Team, add
from tests.jobs.application_support import apply_to, make_offer, resume_of, team_move, team_posting

NOW = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)


def test_the_list_has_only_the_seekers_own_applications_newest_first(
    db: Session, team: Team, seeker: Principal, other_seeker: Principal
) -> None:
    older = apply_to(db, seeker, team_posting(db, team, NOW, title="Older"), NOW - timedelta(days=2))
    newer = apply_to(db, seeker, team_posting(db, team, NOW, title="Newer"), NOW - timedelta(days=1))
    apply_to(db, other_seeker, team_posting(db, team, NOW, title="Theirs"), NOW)

    page = list_applications(db, seeker, now=NOW)

    assert [row.id for row in page.items] == [str(newer.id), str(older.id)]
    assert page.items[0].company_name == team.company.name
    assert page.total == 2


def test_filters_by_stage_and_by_still_active(db: Session, team: Team, seeker: Principal) -> None:
    applied = apply_to(db, seeker, team_posting(db, team, NOW), NOW)
    moved = apply_to(db, seeker, team_posting(db, team, NOW), NOW)
    team_move(db, moved, team, ApplicationStatus.REJECTED, NOW)

    assert [r.id for r in list_applications(db, seeker, stage="rejected", now=NOW).items] == [str(moved.id)]
    assert [r.id for r in list_applications(db, seeker, stage=StageFilter.ACTIVE, now=NOW).items] == [
        str(applied.id)
    ]
    assert list_applications(db, seeker, stage="nonsense", now=NOW).total == 2


def test_pages_of_twenty(db: Session, team: Team, seeker: Principal) -> None:
    for n in range(PAGE_SIZE + 3):
        apply_to(db, seeker, team_posting(db, team, NOW), NOW - timedelta(minutes=n))

    second = list_applications(db, seeker, page=2, now=NOW)

    assert (second.page, second.pages, len(second.items), second.total) == (2, 2, 3, PAGE_SIZE + 3)
    assert list_applications(db, seeker, page=99, now=NOW).page == 2


def test_no_response_shows_after_21_days_until_the_team_acts(
    db: Session, team: Team, seeker: Principal
) -> None:
    application = apply_to(db, seeker, team_posting(db, team, NOW), NOW)

    assert not list_applications(db, seeker, now=NOW + timedelta(days=20)).items[0].no_response
    assert list_applications(db, seeker, now=NOW + timedelta(days=21)).items[0].no_response
    team_move(db, application, team, ApplicationStatus.SCREENING, NOW + timedelta(days=22))
    assert not list_applications(db, seeker, now=NOW + timedelta(days=23)).items[0].no_response


def test_the_detail_shows_visible_steps_interviews_and_the_offer_never_notes_or_ratings(
    db: Session, team: Team, seeker: Principal
) -> None:
    resume = resume_of(db, seeker, original_file_name="ada-cv.pdf")
    application = apply_to(
        db, seeker, team_posting(db, team, NOW), NOW - timedelta(hours=2), resume_id=resume
    )
    team_move(db, application, team, ApplicationStatus.INTERVIEWING, NOW - timedelta(hours=1))
    record_step(
        db,
        application,
        ApplicationEventKind.MOVED,
        team.recruiter,
        ActorKind.EMPLOYER,
        visible_to_seeker=False,
        details={"secret": "internal shortlist"},
        now=NOW,
    )
    add(
        db,
        ApplicationNote(application_id=application.id, author_id=team.recruiter.user_id, body="Weak on SQL"),
        ApplicationRating(application_id=application.id, rater_id=team.recruiter.user_id, rating=2),
        ApplicationInterview(
            application_id=application.id,
            scheduled_by=team.recruiter.user_id,
            starts_at=NOW + timedelta(days=2),
            ends_at=NOW + timedelta(days=2, hours=1),
            location="Lyon office",
        ),
    )
    make_offer(db, application, team, NOW)

    detail = application_detail(db, seeker, application.id, now=NOW)

    assert [step.title for step in detail.timeline] == ["You applied", "Moved to interviewing", "Offer made"]
    assert [(i.location, i.status) for i in detail.interviews] == [("Lyon office", "scheduled")]
    assert detail.offer is not None and detail.offer.can_answer
    assert detail.offer.salary == "€70,000 a year"
    assert detail.resume_name == "ada-cv.pdf"
    assert (detail.answers[0].question, detail.answers[0].answer) == (
        "Are you allowed to work in the EU?",
        "yes",
    )
    shown = repr(detail)
    assert "Weak on SQL" not in shown and "internal shortlist" not in shown and "rating" not in shown


def test_an_expired_offer_shows_as_expired_without_buttons(
    db: Session, team: Team, seeker: Principal
) -> None:
    application = apply_to(db, seeker, team_posting(db, team, NOW), NOW)
    team_move(db, application, team, ApplicationStatus.SCREENING, NOW)
    make_offer(db, application, team, NOW, days=1)

    offer = application_detail(db, seeker, application.id, now=NOW + timedelta(days=2)).offer

    assert offer is not None and (offer.status_label, offer.can_answer) == ("Expired", False)


def test_another_seekers_application_is_not_found(
    db: Session, team: Team, seeker: Principal, other_seeker: Principal
) -> None:
    application = apply_to(db, seeker, team_posting(db, team, NOW), NOW)

    with pytest.raises(NotFound):
        application_detail(db, other_seeker, application.id, now=NOW)
    assert list_applications(db, other_seeker, now=NOW).items == []
