"""The 21-day "no response" rule and the company's response figure, against a count by hand."""

from __future__ import annotations

import random
import statistics
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from jobhub.companies.company_public import company_page
from jobhub.jobs.models import ApplicationStatus
from jobhub.jobs.response_times import (
    NO_RESPONSE_AFTER,
    WINDOW,
    ResponseFigure,
    no_response,
    response_figure,
)
from tests.factories import Team, add, make_application
from tests.jobs.support import published_job

NOW = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "answered", "age", "shown"),
    [
        (ApplicationStatus.APPLIED, False, NO_RESPONSE_AFTER, True),
        (ApplicationStatus.APPLIED, False, NO_RESPONSE_AFTER - timedelta(seconds=1), False),
        (ApplicationStatus.APPLIED, True, timedelta(days=40), False),
        (ApplicationStatus.SCREENING, False, timedelta(days=40), False),
        (ApplicationStatus.WITHDRAWN, False, timedelta(days=40), False),
    ],
    ids=["21-days", "a-second-less", "answered", "moved", "withdrawn"],
)
def test_no_response_after_21_days_without_a_team_step(
    status: ApplicationStatus, answered: bool, age: timedelta, shown: bool
) -> None:
    applied = NOW - age
    assert no_response(status, applied + timedelta(hours=1) if answered else None, applied, NOW) is shown


def _brute_force(cases: list[tuple[datetime, datetime | None, str]]) -> ResponseFigure:
    in_window = [c for c in cases if NOW - WINDOW < c[0] <= NOW]
    counted = in_window_answered = 0
    waits = []
    for applied, first, status in in_window:
        if first is not None:
            counted += 1
            waits.append((first - applied).total_seconds() / 86_400)
            in_window_answered += (first - applied) <= NO_RESPONSE_AFTER
        elif status == ApplicationStatus.APPLIED and NOW - applied >= NO_RESPONSE_AFTER:
            counted += 1
    return ResponseFigure(counted, in_window_answered, statistics.median(waits) if waits else None)


def test_the_company_figure_matches_a_count_by_hand(db: Session, team: Team, other_team: Team) -> None:
    rng = random.Random(7)
    job = published_job(db, NOW - timedelta(days=300), company_id=team.company.id)
    elsewhere = published_job(db, NOW - timedelta(days=300), company_id=other_team.company.id)
    cases = []
    for _ in range(60):
        applied = NOW - timedelta(days=rng.uniform(0, 240))
        first = applied + timedelta(days=rng.uniform(0, 40)) if rng.random() < 0.6 else None
        status = (
            ApplicationStatus.APPLIED if first is None and rng.random() < 0.8 else ApplicationStatus.WITHDRAWN
        )
        if first is not None:
            status = ApplicationStatus.SCREENING
        cases.append((applied, first, status))
        add(db, make_application(job, applied_at=applied, first_response_at=first, status=status))
    add(db, make_application(elsewhere, applied_at=NOW - timedelta(days=30)))

    figure = response_figure(db, team.company.id, NOW)
    expected = _brute_force(cases)

    assert (figure.counted, figure.answered_in_time) == (expected.counted, expected.answered_in_time)
    assert figure.median_days == pytest.approx(expected.median_days)


def test_a_company_with_few_counted_applications_says_so(db: Session, team: Team) -> None:
    job = published_job(db, NOW, company_id=team.company.id)
    add(db, make_application(job, applied_at=NOW - timedelta(days=30)))

    figure = response_figure(db, team.company.id, NOW)

    assert (figure.counted, figure.answered_in_time, figure.median_days) == (1, 0, None)
    assert figure.label.startswith("Not enough applications")


def test_the_label_gives_the_share_and_the_typical_wait() -> None:
    assert ResponseFigure(4, 3, 2.4).label == "Answers 75% of applicants within 21 days, typically in 2 days"
    assert ResponseFigure(4, 0, None).label == "Answers 0% of applicants within 21 days"


def test_the_public_company_page_shows_the_figure(db: Session, team: Team) -> None:
    job = published_job(db, NOW, company_id=team.company.id)
    for days in (1, 2, 30):
        applied = NOW - timedelta(days=40)
        add(db, make_application(job, applied_at=applied, first_response_at=applied + timedelta(days=days)))

    page = company_page(db, team.company.slug, now=NOW)

    assert page.response_text == "Answers 67% of applicants within 21 days, typically in 2 days"


def test_applications_to_a_deleted_job_do_not_count(db: Session, team: Team) -> None:
    gone = published_job(db, NOW, company_id=team.company.id, deleted_at=NOW - timedelta(days=1))
    add(db, make_application(gone, applied_at=NOW - timedelta(days=30)))

    assert response_figure(db, team.company.id, NOW).counted == 0
