"""Rows the job page, view, report and sitemap tests share."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from jobhub.jobs.models import Job, JobStatus
from tests.factories import add, make_job


def published_job(db: Session, now: datetime, **values: Any) -> Job:
    """A job published the day before ``now`` (open unless ``values`` say otherwise), flushed."""
    job = make_job(**({"status": JobStatus.PUBLISHED, "published_at": now - timedelta(days=1)} | values))
    add(db, job)
    return job
