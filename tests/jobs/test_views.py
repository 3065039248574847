"""Views count once per viewer (user, else IP) per job per UTC hour; shares always count."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.jobs.models import DomainEvent, Job, JobStatus, JobView, OutboxEvent
from jobhub.jobs.views import ViewOrigin, record_share, record_view
from jobhub.platform.event_types import JOB_SHARED, JOB_VIEWED, RelayedEvent
from jobhub.platform.projections import job_analytics_row
from tests.jobs.support import published_job

HOUR = datetime(2026, 3, 2, 14, 5, tzinfo=UTC)
IP = "203.0.113.7"


def open_job(db: Session, **values: object) -> Job:
    return published_job(db, HOUR, **({"company_id": uuid.uuid4()} | values))


def view(
    db: Session, job: Job, *, viewer: uuid.UUID | None = None, ip: str | None = IP, at: datetime = HOUR
) -> bool:
    return record_view(db, job.id, viewer, ip, "Mozilla/5.0", "https://ref.test/", "s-1", now=at)


def counts(db: Session, job: Job) -> tuple[int, int, int]:
    """view_count, stored views and job.viewed events of ``job``."""
    db.expire_all()
    stored = db.execute(
        select(func.count()).select_from(JobView).where(JobView.job_id == job.id)
    ).scalar_one()
    events = db.execute(
        select(func.count())
        .select_from(OutboxEvent)
        .where(OutboxEvent.aggregate_id == job.id, OutboxEvent.event_type == JOB_VIEWED)
    ).scalar_one()
    return db.get(Job, job.id).view_count, stored, events  # type: ignore[union-attr]


def test_a_second_view_in_the_same_hour_counts_nothing(db: Session) -> None:
    job = open_job(db)
    viewer = uuid.uuid4()

    assert view(db, job, viewer=viewer)
    assert not view(db, job, viewer=viewer, ip="198.51.100.1", at=HOUR + timedelta(minutes=50))

    assert counts(db, job) == (1, 1, 1)


def test_an_anonymous_viewer_is_known_by_ip(db: Session) -> None:
    job = open_job(db)

    assert view(db, job)
    assert not view(db, job, at=HOUR + timedelta(minutes=10))
    assert view(db, job, ip="198.51.100.1")

    assert counts(db, job) == (2, 2, 2)


def test_another_user_on_the_same_ip_counts(db: Session) -> None:
    job = open_job(db)

    assert view(db, job, viewer=uuid.uuid4())
    assert view(db, job, viewer=uuid.uuid4())

    assert counts(db, job)[0] == 2


def test_the_next_utc_hour_counts_again(db: Session) -> None:
    job = open_job(db)

    assert view(db, job, at=HOUR)
    assert view(db, job, at=HOUR.replace(minute=0) + timedelta(hours=1))

    assert counts(db, job) == (2, 2, 2)


def test_views_of_a_job_that_is_not_open_are_not_recorded(db: Session) -> None:
    job = open_job(db, status=JobStatus.CLOSED)

    assert not view(db, job)

    assert counts(db, job) == (0, 0, 0)


def test_a_malformed_ip_is_stored_as_none_and_never_fails(db: Session) -> None:
    job = open_job(db)

    assert view(db, job, viewer=uuid.uuid4(), ip="testclient")

    assert db.execute(select(JobView.ip_address).where(JobView.job_id == job.id)).scalar_one() is None


def test_view_origin_from_a_link_is_lenient() -> None:
    assert ViewOrigin.from_query({"src": "search", "q": "  rust   dev ", "pos": "4"}) == ViewOrigin(
        "search", "rust dev", 4
    )
    assert ViewOrigin.from_query({"src": "<bad>", "pos": "-1"}) == ViewOrigin()
    assert ViewOrigin.from_query({"pos": "99999999"}).position_in_results is None
    assert ViewOrigin.from_query({"pos": "²"}).position_in_results is None, "a Unicode digit int() refuses"


def test_a_share_counts_every_time_and_emits_job_shared(db: Session) -> None:
    job = open_job(db)
    sharer = uuid.uuid4()

    assert record_share(db, job.id, sharer, now=HOUR)
    assert record_share(db, job.id, None, channel="email", now=HOUR)

    db.expire_all()
    assert db.get(Job, job.id).share_count == 2  # type: ignore[union-attr]
    sources = db.scalars(
        select(DomainEvent.event_data["source"].astext).where(
            DomainEvent.aggregate_id == job.id, DomainEvent.event_type == JOB_SHARED
        )
    ).all()
    assert sorted(sources) == ["email", "link"]


def test_a_share_of_a_closed_job_is_not_counted(db: Session) -> None:
    job = open_job(db, status=JobStatus.CLOSED)

    assert not record_share(db, job.id, None, now=HOUR)


def test_a_first_view_counts_and_its_event_fills_the_job_analytics_projection(db: Session) -> None:
    job = open_job(db)
    viewer = uuid.uuid4()
    origin = ViewOrigin(source="search", search_query="python", position_in_results=3)
    assert record_view(db, job.id, viewer, IP, "UA", None, "s-9", origin=origin, now=HOUR)

    assert counts(db, job) == (1, 1, 1)
    outbox = db.execute(select(OutboxEvent).where(OutboxEvent.aggregate_id == job.id)).scalar_one()
    event = RelayedEvent(
        event_id=outbox.id,
        schema="jobs",
        aggregate_type="job",
        aggregate_id=job.id,
        event_type=outbox.event_type,
        payload=outbox.event_data,
        correlation_id=None,
        occurred_at=HOUR,
    )
    row = job_analytics_row(event)

    assert row is not None
    assert (row["job_id"], row["employer_id"], row["company_id"], row["user_id"]) == (
        job.id,
        job.employer_id,
        job.company_id,
        viewer,
    )
    assert (row["event_type"], row["source"], row["search_query"], row["position_in_results"]) == (
        "view",
        "search",
        "python",
        3,
    )
    assert row["session_id"] == "s-9"
