"""Is a posting about to go public nearly the same as one its company already has open?

Reposting the same job is what seekers complain about most after missing pay: it floods
results and hides how long a role has really been open. So publishing compares the title and
the description with the company's open jobs by trigram similarity (``pg_trgm``) and, past
both thresholds, asks the person to confirm. Only the same company's jobs count: two
employers may well both hire a "Senior Backend Engineer".

The comparison reads the company's open jobs only (``idx_jobs_company_id``), and at most the
first ``COMPARED_CHARS`` of each description, so its cost does not grow with long postings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.jobs.models import Job
from jobhub.jobs.posting_scope import edit_path, public_path
from jobhub.jobs.service import open_job_filter
from jobhub.platform.errors import Conflict

TITLE_SIMILARITY: Final = 0.6
DESCRIPTION_SIMILARITY: Final = 0.5
COMPARED_CHARS: Final = 4000


@dataclass(frozen=True)
class DuplicateJob:
    """The open job a new posting resembles, with links the warning shows."""

    id: str
    title: str
    edit_path: str
    public_path: str
    title_similarity: float
    description_similarity: float


class PossibleDuplicate(Conflict):
    """Publishing was held back: ``duplicate`` is open and nearly the same. Publish again with
    ``confirm_duplicate=True`` to go ahead."""

    def __init__(self, duplicate: DuplicateJob) -> None:
        super().__init__(
            f"Your company already has \u201c{duplicate.title}\u201d open, and this posting is nearly the "
            "same. Seekers see reposts as spam: close or edit the other one, or publish anyway."
        )
        self.duplicate = duplicate


def find_duplicate(db: Session, job: Job, now: datetime) -> DuplicateJob | None:
    """The most similar open job of the same company past both thresholds, or ``None``."""
    if job.company_id is None:
        return None
    title_score = func.similarity(Job.title, job.title)
    body_score = func.similarity(func.left(Job.description, COMPARED_CHARS), job.description[:COMPARED_CHARS])
    row = db.execute(
        select(Job.id, Job.title, Job.slug, title_score.label("title_score"), body_score.label("body_score"))
        .where(
            Job.company_id == job.company_id,
            Job.id != job.id,
            open_job_filter(now),
            title_score > TITLE_SIMILARITY,
            body_score > DESCRIPTION_SIMILARITY,
        )
        .order_by((title_score + body_score).desc(), Job.id)
        .limit(1)
    ).first()
    if row is None:
        return None
    return DuplicateJob(
        id=str(row.id),
        title=row.title,
        edit_path=edit_path(row.id),
        public_path=public_path(row.slug),
        title_similarity=round(float(row.title_score), 3),
        description_similarity=round(float(row.body_score), 3),
    )
