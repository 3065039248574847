"""What the posting tests share: a fixed clock, a publishable form, and postings in any status."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session

from jobhub.jobs import postings
from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.posting_form import F
from tests.factories import Team, add, make_job

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
DESCRIPTION = (
    "You will design, build and run the services behind our hiring platform, with a small team "
    "that owns its work from the first sketch to production."
)


def publishable_form(**overrides: Any) -> dict[str, Any]:
    """A form that passes every rule, publishing included."""
    values: dict[str, Any] = {
        F.TITLE: "Senior Backend Engineer",
        F.EMPLOYMENT_TYPE: "full_time",
        F.LOCATION: "Berlin, Germany",
        F.REMOTE: "hybrid",
        F.SALARY_MIN: "85000",
        F.SALARY_MAX: "105000",
        F.CURRENCY: "EUR",
        F.PERIOD: "yearly",
        F.DESCRIPTION: DESCRIPTION,
    }
    return values | {str(key): value for key, value in overrides.items()}


def draft(db: Session, team: Team, **overrides: Any) -> Job:
    """A draft written through the service by ``team``'s recruiter; the stored row."""
    view = postings.create_draft(db, team.recruiter, team.company.id, publishable_form(**overrides), now=NOW)
    job = db.get(Job, uuid.UUID(view.id))
    assert job is not None
    return job


def posting(db: Session, team: Team, status: str, **values: Any) -> Job:
    """A stored posting of ``team``'s company in ``status``, with everything publishing needs."""
    public = status != JobStatus.DRAFT
    row: dict[str, Any] = {
        "company_id": team.company.id,
        "employer_id": team.recruiter.user_id,
        "status": status,
        "description": DESCRIPTION,
        "location": "Berlin, Germany",
        "salary_min": 85_000,
        "salary_max": 105_000,
        "salary_currency": "EUR",
        "salary_period": "yearly",
        "published_at": NOW - timedelta(days=5) if public else None,
        "expires_at": NOW + timedelta(days=25) if public else None,
        "closed_at": NOW - timedelta(days=1) if status in (JobStatus.CLOSED, JobStatus.EXPIRED) else None,
    }
    if status == JobStatus.EXPIRED:
        row["expires_at"] = row["closed_at"]
    job = make_job(**(row | values))
    add(db, job)
    return job
