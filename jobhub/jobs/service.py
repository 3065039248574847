"""Read functions of the jobs context that the landing page needs.

"Open" means what a seeker could apply to now: published, not deleted, not expired.
Results are plain ``JobCard`` view models, so no ORM object reaches Reflex state.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlmodel import Session

from jobhub.jobs.models import Job, JobStatus

EN_DASH = "\u2013"
CURRENCY_SYMBOLS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£"}
PERIOD_WORDS: dict[str, str] = {
    "hourly": "an hour",
    "daily": "a day",
    "weekly": "a week",
    "monthly": "a month",
    "yearly": "a year",
}


@dataclass(frozen=True)
class JobCard:
    """What a job card shows; ``company_name`` is filled by whoever asks the companies context."""

    id: str
    title: str
    slug: str
    company_id: str
    location: str
    salary: str
    posted: str
    company_name: str = ""


def open_job_filter(now: datetime) -> ColumnElement[bool]:
    """What a seeker could apply to now, as SQL: published, not deleted, not expired."""
    return (
        (Job.status == JobStatus.PUBLISHED)
        & Job.deleted_at.is_(None)
        & or_(Job.expires_at.is_(None), Job.expires_at > now)
    )


def is_open(job: Job, now: datetime) -> bool:
    """The same rule for a row already loaded."""
    return (
        job.status == JobStatus.PUBLISHED
        and job.deleted_at is None
        and (job.expires_at is None or job.expires_at > now)
    )


def count_open_jobs(db: Session, *, now: datetime | None = None) -> int:
    return db.execute(
        select(func.count()).select_from(Job).where(open_job_filter(now or datetime.now(UTC)))
    ).scalar_one()


def _money(amount: int, currency: str) -> str:
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    return f"{symbol}{amount:,}" if symbol else f"{amount:,} {currency.upper()}"


def salary_label(
    salary_min: int | None, salary_max: int | None, currency: str | None, period: str | None
) -> str:
    """Like "$90,000 to $120,000 a year" (with an en dash); empty when the posting states no pay."""
    if salary_min is None and salary_max is None:
        return ""
    code = currency or "USD"
    if salary_min is not None and salary_max is not None and salary_min != salary_max:
        amount = f"{_money(salary_min, code)} {EN_DASH} {_money(salary_max, code)}"
    elif salary_min is not None:
        amount = _money(salary_min, code) if salary_max is not None else f"From {_money(salary_min, code)}"
    else:
        amount = f"Up to {_money(salary_max or 0, code)}"
    words = PERIOD_WORDS.get(period or "", "")
    return f"{amount} {words}".strip()


def posted_label(published_at: datetime | None, now: datetime) -> str:
    """A coarse age ("today", "3 days ago"): posting age is what seekers scan for."""
    if published_at is None:
        return ""
    days = (now - published_at).days
    if days <= 0:
        return "Posted today"
    if days == 1:
        return "Posted yesterday"
    if days < 30:
        return f"Posted {days} days ago"
    return f"Posted {published_at:%d %b %Y}"


def newest_jobs(db: Session, limit: int = 6, *, now: datetime | None = None) -> list[JobCard]:
    """The most recently published open jobs, newest first."""
    moment = now or datetime.now(UTC)
    jobs = db.scalars(
        select(Job)
        .where(open_job_filter(moment))
        .order_by(Job.published_at.desc().nulls_last(), Job.id)
        .limit(limit)
    ).all()
    return [
        JobCard(
            id=str(job.id),
            title=job.title,
            slug=job.slug,
            company_id=str(job.company_id) if job.company_id else "",
            location=job.location or ("Remote" if job.is_remote else ""),
            salary=salary_label(job.salary_min, job.salary_max, job.salary_currency, job.salary_period)
            if job.show_salary
            else "",
            posted=posted_label(job.published_at, moment),
        )
        for job in jobs
    ]


def company_ids_of(cards: list[JobCard]) -> list[uuid.UUID]:
    """The distinct companies behind ``cards`` (a job may have none: ``company_id`` is optional)."""
    return list(dict.fromkeys(uuid.UUID(card.company_id) for card in cards if card.company_id))
