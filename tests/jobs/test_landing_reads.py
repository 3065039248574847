"""The jobs context's landing reads: what counts as open, newest first, pay as people read it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.service import count_open_jobs, newest_jobs, posted_label, salary_label

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _job(db: Session, title: str, **values: object) -> Job:
    defaults: dict[str, object] = {
        "employer_id": uuid.uuid4(),
        "company_id": uuid.uuid4(),
        "slug": f"{title.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}",
        "description": "A role.",
        "employment_type": "full_time",
        "status": JobStatus.PUBLISHED,
        "published_at": NOW - timedelta(days=1),
    }
    job = Job(title=title, **{**defaults, **values})
    db.add(job)
    db.flush()
    return job


def test_only_published_undeleted_unexpired_jobs_are_open(db: Session) -> None:
    _job(db, "Open")
    _job(db, "Open without expiry", expires_at=None)
    _job(db, "Draft", status=JobStatus.DRAFT, published_at=None)
    _job(db, "Closed", status=JobStatus.CLOSED)
    _job(db, "Deleted", deleted_at=NOW - timedelta(hours=1))
    _job(db, "Expired", expires_at=NOW - timedelta(minutes=1))
    _job(db, "Expires later", expires_at=NOW + timedelta(days=3))

    assert count_open_jobs(db, now=NOW) == 3
    assert {card.title for card in newest_jobs(db, 10, now=NOW)} == {
        "Open",
        "Open without expiry",
        "Expires later",
    }


def test_newest_jobs_come_newest_first_and_stop_at_the_limit(db: Session) -> None:
    for days in (5, 1, 3, 2):
        _job(db, f"Posted {days} days ago", published_at=NOW - timedelta(days=days))

    cards = newest_jobs(db, 3, now=NOW)

    assert [card.title for card in cards] == ["Posted 1 days ago", "Posted 2 days ago", "Posted 3 days ago"]
    assert cards[0].posted == "Posted yesterday"


def test_a_card_hides_pay_the_employer_chose_not_to_show(db: Session) -> None:
    _job(db, "Shown", salary_min=50_000, salary_max=60_000, salary_currency="GBP", salary_period="yearly")
    _job(db, "Hidden", salary_min=50_000, salary_max=60_000, show_salary=False)

    by_title = {card.title: card for card in newest_jobs(db, 10, now=NOW)}

    assert by_title["Shown"].salary == "£50,000 \u2013 £60,000 a year"
    assert by_title["Hidden"].salary == ""


def test_a_remote_job_without_a_place_reads_remote(db: Session) -> None:
    _job(db, "Anywhere", is_remote=True, location=None, company_id=None)

    (card,) = newest_jobs(db, 1, now=NOW)

    assert card.location == "Remote"
    assert card.company_id == ""


@pytest.mark.parametrize(
    ("low", "high", "currency", "period", "expected"),
    [
        (90_000, 120_000, "USD", "yearly", "$90,000 \u2013 $120,000 a year"),
        (40, 40, "EUR", "hourly", "€40 an hour"),
        (3_000, None, "EUR", "monthly", "From €3,000 a month"),
        (None, 5_000, "CHF", "monthly", "Up to 5,000 CHF a month"),
        (None, None, "USD", "yearly", ""),
    ],
)
def test_salary_label(low: int | None, high: int | None, currency: str, period: str, expected: str) -> None:
    assert salary_label(low, high, currency, period) == expected


def test_posted_label_is_coarse() -> None:
    assert posted_label(NOW - timedelta(hours=3), NOW) == "Posted today"
    assert posted_label(NOW - timedelta(days=12), NOW) == "Posted 12 days ago"
    assert posted_label(datetime(2025, 12, 1, tzinfo=UTC), NOW) == "Posted 01 Dec 2025"
    assert posted_label(None, NOW) == ""
