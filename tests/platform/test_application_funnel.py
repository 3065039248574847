"""Every application step reaches ClickHouse through the relay, so the funnel can be charted.

The relay runs on the test's own connection (its session joins the open transaction, as a
``Session`` bound to a connection does), so it reads the uncommitted outbox rows and the
rollback at the end leaves nothing behind; ClickHouse is asked only about this test's job.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, cast

from clickhouse_connect.driver.client import Client
from sqlalchemy import Engine
from sqlmodel import Session

from jobhub.jobs.applications import answer_offer, withdraw
from jobhub.jobs.models import ApplicationStatus
from jobhub.platform import relay
from tests.factories import Team, make_principal
from tests.jobs.application_support import apply_to, make_offer, team_move, team_posting

NOW = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)


def test_applies_interviews_offers_hires_rejections_and_withdrawals_land_in_job_analytics(
    db: Session, team: Team, analytics: Client
) -> None:
    job = team_posting(db, team, NOW)
    hired, rejected, gone, waiting = (make_principal() for _ in range(4))
    rows = {
        who.user_id: apply_to(db, who, job, NOW + timedelta(minutes=n))
        for n, who in enumerate((hired, rejected, gone, waiting))
    }
    later = NOW + timedelta(hours=1)
    team_move(db, rows[hired.user_id], team, ApplicationStatus.INTERVIEWING, later)
    make_offer(db, rows[hired.user_id], team, later + timedelta(minutes=1))
    answer_offer(db, hired, rows[hired.user_id].id, True, now=later + timedelta(minutes=2))
    team_move(db, rows[rejected.user_id], team, ApplicationStatus.INTERVIEWING, later)
    team_move(db, rows[rejected.user_id], team, ApplicationStatus.REJECTED, later + timedelta(minutes=3))
    withdraw(db, gone, rows[gone.user_id].id, "Found another role", now=later)
    db.flush()

    relay.drain(cast(Engine, db.connection()), analytics, 100)

    result = analytics.query(
        "SELECT event_type, uniqExact(user_id) FROM analytics.job_analytics "
        "WHERE job_id = {job:UUID} GROUP BY event_type",
        parameters={"job": job.id},
    )
    funnel: dict[str, Any] = dict(result.result_rows)
    assert funnel == {"apply": 4, "interview": 2, "offer": 1, "hire": 1, "reject": 1, "withdraw": 1}
    metrics = analytics.query(
        "SELECT count() FROM analytics.job_metrics WHERE job_id = {job:UUID} AND metric_type = 'hire'",
        parameters={"job": job.id},
    )
    assert metrics.result_rows[0][0] == 1
