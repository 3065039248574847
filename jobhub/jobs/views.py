"""Job views and shares: counted on the posting, sent to analytics through the outbox.

A view counts once per viewer (the user, else the IP address) per job per UTC hour. The
unique index ``idx_job_views_unique`` decides that, not a read before the write: the insert
is ``ON CONFLICT DO NOTHING`` and only an inserted row bumps ``view_count`` and emits
``job.viewed``, so two tabs loading at once still count once. A view with neither user nor
address is always counted (NULLs never conflict), which only a bot without headers achieves.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session

from jobhub.jobs.models import SCHEMA, Job, JobView
from jobhub.jobs.service import open_job_filter
from jobhub.platform.digits import plain_digits
from jobhub.platform.event_types import JOB_SHARED, JOB_VIEWED
from jobhub.platform.events import emit

SOURCES: Final = frozenset({"direct", "search", "similar", "saved", "alert", "recommendation", "share"})
"""Where a view came from, as the ``src`` query parameter of a job link says."""
QUERY_MAX: Final = 200
USER_AGENT_MAX: Final = 500
REFERRER_MAX: Final = 500
SESSION_MAX: Final = 255
SHARE_CHANNELS: Final = frozenset({"link", "email"})


@dataclass(frozen=True)
class ViewOrigin:
    """How the viewer reached the page, for the ``job_analytics`` projection."""

    source: str = "direct"
    search_query: str | None = None
    position_in_results: int | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> ViewOrigin:
        """Lenient: a link is typed by anyone, so unknown values fall back instead of failing."""
        source = query.get("src", "direct")
        position = query.get("pos", "")
        text = " ".join(query.get("q", "").split())[:QUERY_MAX]
        return cls(
            source=source if source in SOURCES else "direct",
            search_query=text or None,
            position_in_results=int(position)
            if plain_digits(position) and 0 < int(position) < 10_000
            else None,
        )


DIRECT: Final = ViewOrigin()


def _address(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address(value)) if value else None
    except ValueError:
        return None


def _cut(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else None


def _open_job_owners(
    db: Session, job_id: uuid.UUID, now: datetime
) -> tuple[uuid.UUID, uuid.UUID | None] | None:
    """The employer and company of the job when it is open: closed jobs gain no views or shares."""
    found = select(Job.employer_id, Job.company_id).where(Job.id == job_id, open_job_filter(now))
    row = db.execute(found).first()
    return None if row is None else (row.employer_id, row.company_id)


def _add_one(db: Session, job_id: uuid.UUID, column: str) -> None:
    """In SQL, so concurrent views add up instead of overwriting each other's count."""
    db.execute(
        update(Job)
        .where(Job.id == job_id)
        .values({column: getattr(Job, column) + 1})
        .execution_options(synchronize_session=False)
    )


def _event_data(job_id: uuid.UUID, owners: tuple[uuid.UUID, uuid.UUID | None], **extra: object) -> dict:
    employer_id, company_id = owners
    return {
        "job_id": str(job_id),
        "employer_id": str(employer_id),
        "company_id": str(company_id) if company_id else None,
        **extra,
    }


def record_view(
    db: Session,
    job_id: uuid.UUID,
    viewer_id: uuid.UUID | None,
    ip: str | None,
    user_agent: str | None,
    referrer: str | None,
    session_id: str | None,
    *,
    origin: ViewOrigin = DIRECT,
    now: datetime | None = None,
) -> bool:
    """Record a view of an open job; ``True`` when it counted (first this hour for this viewer).

    ``job_id`` must come from the server (the page just loaded), never from the browser.
    """
    moment = now or datetime.now(UTC)
    owners = _open_job_owners(db, job_id, moment)
    if owners is None:
        return False
    inserted = db.execute(
        insert(JobView)
        .values(
            job_id=job_id,
            viewer_id=viewer_id,
            ip_address=_address(ip),
            user_agent=_cut(user_agent, USER_AGENT_MAX),
            referrer=_cut(referrer, REFERRER_MAX),
            session_id=_cut(session_id, SESSION_MAX),
            viewed_at=moment,
        )
        .on_conflict_do_nothing()
        .returning(JobView.id)
    ).first()
    if inserted is None:
        return False
    _add_one(db, job_id, "view_count")
    emit(
        db,
        SCHEMA,
        "job",
        job_id,
        JOB_VIEWED,
        _event_data(
            job_id,
            owners,
            source=origin.source,
            search_query=origin.search_query,
            position_in_results=origin.position_in_results,
            session_id=_cut(session_id, SESSION_MAX),
        ),
        user_id=viewer_id,
    )
    return True


def record_share(
    db: Session,
    job_id: uuid.UUID,
    viewer_id: uuid.UUID | None,
    *,
    channel: str = "link",
    session_id: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Count a share of an open job (``share_count``, ``job.shared``); ``False`` if it is not open."""
    owners = _open_job_owners(db, job_id, now or datetime.now(UTC))
    if owners is None:
        return False
    _add_one(db, job_id, "share_count")
    data = _event_data(
        job_id,
        owners,
        source=channel if channel in SHARE_CHANNELS else "link",
        session_id=_cut(session_id, SESSION_MAX),
    )
    emit(db, SCHEMA, "job", job_id, JOB_SHARED, data, user_id=viewer_id)
    return True
