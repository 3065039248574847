"""No silent ghosting: the 21-day "no response" rule and each company's response figure.

An application still ``applied`` with no team action (``first_response_at IS NULL``) for
:data:`NO_RESPONSE_AFTER` shows as "No response" to its seeker. The company's figure looks at
applications to its jobs sent in the last :data:`WINDOW`: the median days to a first response
among those answered, and the share answered within 21 days, where an unanswered application
older than 21 days counts as not answered (a younger one is still open, so it does not count
yet). A withdrawn application the team never answered is left out: the seeker ended it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import and_, extract, func, or_, select
from sqlmodel import Session

from jobhub.jobs.models import ApplicationStatus, Job, JobApplication
from jobhub.platform.id_lists import any_id

NO_RESPONSE_AFTER: Final = timedelta(days=21)
WINDOW: Final = timedelta(days=180)
MIN_COUNTED: Final = 3
"""Below this many counted applications a figure says more about luck than about the company."""
DAY_SECONDS: Final = 86_400
NO_RESPONSE: Final = "No response"


def no_response(status: str, first_response_at: datetime | None, applied_at: datetime, now: datetime) -> bool:
    """Whether the seeker sees "No response" on this application."""
    return (
        status == ApplicationStatus.APPLIED
        and first_response_at is None
        and now - applied_at >= NO_RESPONSE_AFTER
    )


@dataclass(frozen=True)
class ResponseFigure:
    """``counted`` applications, ``answered_in_time`` of them within 21 days, the median in days."""

    counted: int
    answered_in_time: int
    median_days: float | None

    @property
    def share(self) -> float | None:
        return self.answered_in_time / self.counted if self.counted else None

    @property
    def label(self) -> str:
        """One line for the company page and the tracker."""
        if self.counted < MIN_COUNTED or self.share is None:
            return "Not enough applications yet to show how fast this company answers."
        share = f"Answers {round(self.share * 100)}% of applicants within 21 days"
        if self.median_days is None:
            return share
        days = max(1, round(self.median_days))
        return f"{share}, typically in {days} day{'s' if days != 1 else ''}"


EMPTY: Final = ResponseFigure(0, 0, None)


def response_figures(
    db: Session, company_ids: Iterable[uuid.UUID], now: datetime
) -> dict[uuid.UUID, ResponseFigure]:
    """The figure of each company in ``company_ids`` (companies without applications are absent)."""
    wanted = list(dict.fromkeys(company_ids))
    if not wanted:
        return {}
    a = JobApplication
    waited = extract("epoch", a.first_response_at - a.applied_at) / DAY_SECONDS
    unanswered_late = and_(
        a.first_response_at.is_(None),
        a.status == ApplicationStatus.APPLIED,
        a.applied_at <= now - NO_RESPONSE_AFTER,
    )
    counted = or_(a.first_response_at.is_not(None), unanswered_late)
    job_ids = list(db.scalars(select(Job.id).where(Job.company_id.in_(wanted), Job.deleted_at.is_(None))))
    if not job_ids:
        return {}
    # The companies' live job ids first, through the partial index on company_id (deleted jobs and
    # their applications do not count), then only those jobs' applications by the job_id index.
    rows = db.execute(
        select(
            Job.company_id,
            func.count().filter(counted),
            func.count().filter(a.first_response_at - a.applied_at <= NO_RESPONSE_AFTER),
            func.percentile_cont(0.5).within_group(waited).filter(a.first_response_at.is_not(None)),
        )
        .join(Job, Job.id == a.job_id)
        .where(any_id(a.job_id, "job_ids", job_ids))
        .where(a.applied_at > now - WINDOW, a.applied_at <= now)
        .group_by(Job.company_id)
    ).all()
    return {
        company: ResponseFigure(int(total), int(in_time), float(median) if median is not None else None)
        for company, total, in_time, median in rows
    }


def response_figure(db: Session, company_id: uuid.UUID, now: datetime) -> ResponseFigure:
    return response_figures(db, [company_id], now).get(company_id, EMPTY)
