"""Search analytics land in the jobs outbox with the payload the relay projects."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.jobs.search_analytics import analytics_session_id, record_click, record_search
from jobhub.jobs.search_params import SearchParams
from jobhub.jobs.search_view import load_search_page
from jobhub.platform import event_types as et
from jobhub.platform.event_types import RelayedEvent
from jobhub.platform.projections import rows_by_table
from tests.factories import add, make_job, make_skill, make_user_skill

PARAMS = SearchParams(q="python", location="Berlin", radius=50, types=("full_time",), page=2)
SEEKER = Principal(user_id=uuid.uuid4(), user_type="job_seeker")


def _outbox(db: Session, event_id: uuid.UUID) -> tuple[str, dict[str, Any]]:
    row = db.execute(
        text("SELECT event_type, event_data FROM jobs.outbox_events WHERE id = :id"), {"id": event_id}
    ).one()
    return row.event_type, row.event_data


def _relayed(event_type: str, payload: dict[str, Any]) -> RelayedEvent:
    return RelayedEvent(
        event_id=uuid.uuid4(),
        schema="jobs",
        aggregate_type=payload["aggregate_type"],
        aggregate_id=uuid.uuid4(),
        event_type=event_type,
        payload=payload,
        correlation_id=None,
        occurred_at=datetime.now(UTC),
    )


def test_a_search_is_in_the_outbox_with_query_filters_count_duration_and_session(db: Session) -> None:
    emitted = record_search(db, SEEKER, PARAMS, results_count=42, duration_ms=12.6, session_id="tab-1")
    db.flush()

    event_type, payload = _outbox(db, emitted.id)

    assert event_type == et.SEARCH_PERFORMED
    assert payload["query"] == "python"
    assert payload["filters"] == {"location": "Berlin", "radius": "50", "type": "full_time", "page": "2"}
    assert payload["results_count"] == 42
    assert payload["search_duration_ms"] == 13
    assert payload["session_id"] == "tab-1"
    assert payload["user_id"] == str(SEEKER.user_id)


def test_the_relay_projects_a_search_into_search_analytics(db: Session) -> None:
    emitted = record_search(db, None, PARAMS, results_count=0, duration_ms=3, session_id="tab-2")
    db.flush()
    _, payload = _outbox(db, emitted.id)

    row = rows_by_table([_relayed(et.SEARCH_PERFORMED, payload)])["search_analytics"][0]

    assert (row["query"], row["results_count"], row["no_results"]) == ("python", 0, True)
    assert row["session_id"] == "tab-2"
    assert row["filters"]["type"] == "full_time"
    assert row["user_id"] is None


def test_a_click_names_the_job_its_employer_company_position_and_query(db: Session) -> None:
    company_id = uuid.uuid4()
    job = make_job(company_id=company_id)
    add(db, job)

    emitted = record_click(db, SEEKER, PARAMS, job_id=str(job.id), position=23, session_id="tab-1")
    db.flush()
    assert emitted is not None
    event_type, payload = _outbox(db, emitted.id)

    assert event_type == et.JOB_CLICKED
    assert payload["job_id"] == str(job.id)
    assert payload["employer_id"] == str(job.employer_id)
    assert payload["company_id"] == str(company_id)
    assert payload["position_in_results"] == 23
    assert payload["search_query"] == "python"
    row = rows_by_table([_relayed(et.JOB_CLICKED, payload)])["job_analytics"][0]
    assert (row["event_type"], row["position_in_results"], row["source"]) == ("click", 23, "search")


def test_a_click_on_a_job_that_no_longer_exists_records_nothing(db: Session) -> None:
    assert record_click(db, None, PARAMS, job_id=str(uuid.uuid4()), position=1, session_id="") is None


def test_the_analytics_session_id_is_stable_and_never_the_state_token() -> None:
    assert analytics_session_id("token-a") == analytics_session_id("token-a")
    assert analytics_session_id("token-a") != analytics_session_id("token-b")
    assert "token-a" not in analytics_session_id("token-a")
    assert analytics_session_id("") == ""


def test_loading_the_page_records_the_search_and_highlights_the_seekers_own_skills(db: Session) -> None:
    user_id = uuid.uuid4()
    rust = make_skill(name=f"Rust {uuid.uuid4().hex[:6]}")
    add(db, rust)
    add(db, make_user_skill(rust, user_id=user_id))
    job = make_job(
        title="Rust Engineer", status="published", published_at=datetime.now(UTC), required_skills=[rust.id]
    )
    add(db, job)
    seeker = Principal(user_id=user_id, user_type="job_seeker")

    page = load_search_page(db, seeker, SearchParams(q="rust engineer"), session_id="tab-3")

    assert [hit["id"] for hit in page.hits] == [str(job.id)]
    assert page.seeker_skills == [rust.name.lower()]
    searches = db.execute(
        text("SELECT event_data FROM jobs.outbox_events WHERE event_type = :t"), {"t": et.SEARCH_PERFORMED}
    ).all()
    assert [(s.event_data["query"], s.event_data["results_count"]) for s in searches] == [
        ("rust engineer", 1)
    ]
