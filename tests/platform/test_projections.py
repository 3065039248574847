"""Which analytics rows an event becomes: only the tables whose needs its payload meets."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from jobhub.platform import event_types as et
from jobhub.platform.event_types import RelayedEvent
from jobhub.platform.projections import rows_by_table

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def event(event_type: str, **payload: Any) -> RelayedEvent:
    return RelayedEvent(
        event_id=uuid.uuid4(),
        schema="jobs",
        aggregate_type="job",
        aggregate_id=uuid.uuid4(),
        event_type=event_type,
        payload=payload,
        correlation_id=None,
        occurred_at=NOW,
    )


def test_an_unknown_event_only_enters_the_event_log() -> None:
    tables = rows_by_table([event("job.published", title="Engineer")])

    assert list(tables) == ["domain_events"]
    assert tables["domain_events"][0]["payload"] == '{"title": "Engineer"}'


def test_a_job_view_without_ids_has_nothing_to_count() -> None:
    assert list(rows_by_table([event(et.JOB_VIEWED, session_id="s1")])) == ["domain_events", "user_events"]


def test_an_application_counts_in_job_analytics_metrics_and_the_user_stream() -> None:
    job_id, employer_id, user_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    applied = event(
        et.JOB_APPLIED,
        job_id=str(job_id),
        employer_id=str(employer_id),
        user_id=str(user_id),
        source="search",
        filters={"remote": True, "city": "Lyon"},
        position_in_results=3,
    )

    tables = rows_by_table([applied])

    (analytics,) = tables["job_analytics"]
    assert (analytics["id"], analytics["job_id"], analytics["user_id"]) == (applied.event_id, job_id, user_id)
    assert analytics["event_type"] == "apply"
    assert analytics["filters"] == {"remote": "true", "city": "Lyon"}
    assert analytics["position_in_results"] == 3
    (metric,) = tables["job_metrics"]
    assert (metric["metric_type"], metric["value"], metric["source"]) == ("apply", 1, "search")
    (stream,) = tables["user_events"]
    assert (stream["event_type"], stream["event_name"]) == ("job", "job.applied")
    assert "filters" not in stream["properties"]
    assert stream["properties"]["position_in_results"] == "3"


def test_a_search_without_results_is_flagged() -> None:
    clicked = uuid.uuid4()
    tables = rows_by_table(
        [event(et.SEARCH_PERFORMED, query="rust", results_count=0, clicked_job_ids=[str(clicked)])]
    )

    (search,) = tables["search_analytics"]
    assert search["no_results"] is True
    assert search["clicked_job_ids"] == [clicked]
    assert "user_events" not in tables, "no user and no session: nobody to attribute it to"


def test_a_malformed_id_fails_before_anything_is_written() -> None:
    with pytest.raises(ValueError, match="badly formed"):
        rows_by_table([event(et.JOB_VIEWED, job_id="nope", employer_id=str(uuid.uuid4()))])
