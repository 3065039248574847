"""What the search page tells analytics: each search performed and each result opened from it.

Both go through the outbox in the caller's transaction (``platform/events.emit``), so the
relay projects them into ClickHouse's ``search_analytics`` and ``job_analytics`` tables.
A click names the job by its position in the results the server itself returned: the
browser sends only the position, never a job id, so it cannot credit a click to a job
it was not shown. The employer is read here because job_analytics rows need it and a
search hit does not carry it.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.jobs.models import Job
from jobhub.jobs.search_params import SearchParams
from jobhub.platform import event_types as et
from jobhub.platform.events import EmittedEvent, emit

SCHEMA = "jobs"
SEARCH_AGGREGATE = "search"
JOB_AGGREGATE = "job"
CLICK_SOURCE = "search"


def analytics_session_id(client_token: str) -> str:
    """A stable per-tab id that is not the tab's state token itself (which must stay private)."""
    return hashlib.sha256(client_token.encode()).hexdigest()[:32] if client_token else ""


def _filters(params: SearchParams) -> dict[str, str]:
    """Everything in the URL except the words typed, which have their own ``query`` column."""
    return {key: value for key, value in params.to_query().items() if key != "q"}


def record_search(
    db: Session,
    principal: Principal | None,
    params: SearchParams,
    *,
    results_count: int,
    duration_ms: float,
    session_id: str,
) -> EmittedEvent:
    """One ``search.performed`` per search shown, with its query, filters, count and time."""
    data: dict[str, Any] = {
        "query": params.q,
        "filters": _filters(params),
        "results_count": results_count,
        "search_duration_ms": round(duration_ms),
        "session_id": session_id,
        "page": params.page,
    }
    return emit(
        db,
        SCHEMA,
        SEARCH_AGGREGATE,
        uuid.uuid4(),
        et.SEARCH_PERFORMED,
        data,
        user_id=principal.user_id if principal else None,
    )


def record_click(
    db: Session,
    principal: Principal | None,
    params: SearchParams,
    *,
    job_id: str,
    position: int,
    session_id: str,
) -> EmittedEvent | None:
    """A ``job.clicked`` for the result at ``position`` (1-based, across pages); ``None`` if it is gone."""
    job_uuid = uuid.UUID(job_id)
    row = db.execute(select(Job.employer_id, Job.company_id).where(Job.id == job_uuid)).one_or_none()
    if row is None:
        return None
    data: dict[str, Any] = {
        "job_id": str(job_uuid),
        "employer_id": str(row.employer_id),
        "company_id": str(row.company_id) if row.company_id else None,
        "position_in_results": position,
        "search_query": params.q,
        "filters": _filters(params),
        "source": CLICK_SOURCE,
        "session_id": session_id,
    }
    return emit(
        db,
        SCHEMA,
        JOB_AGGREGATE,
        job_uuid,
        et.JOB_CLICKED,
        data,
        user_id=principal.user_id if principal else None,
    )
