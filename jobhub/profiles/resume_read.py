"""The seeker's resumes as the jobs context needs them when applying: which are theirs, which is default.

Jobs never reads ``profiles.resumes`` itself (no query crosses a schema); it asks here, with
the seeker's own id, so a resume id from the browser that belongs to someone else is simply
not among the answers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from jobhub.profiles.models import Resume


@dataclass(frozen=True)
class ResumeChoice:
    id: str
    name: str
    is_default: bool
    uploaded_at: datetime


def resume_choices(db: Session, user_id: uuid.UUID) -> list[ResumeChoice]:
    """The user's resumes, the default first, then the newest."""
    rows = db.scalars(
        select(Resume)
        .where(Resume.user_id == user_id)
        .order_by(Resume.is_primary.desc(), Resume.created_at.desc(), Resume.id)
    )
    return [ResumeChoice(str(r.id), r.original_file_name, r.is_primary, r.created_at) for r in rows]


def owns_resume(db: Session, user_id: uuid.UUID, resume_id: uuid.UUID) -> bool:
    found = db.execute(select(Resume.id).where(Resume.id == resume_id, Resume.user_id == user_id)).first()
    return found is not None


def resume_names(db: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The file names of ``ids`` as uploaded, for a seeker's own tracker."""
    if not ids:
        return {}
    rows = db.execute(select(Resume.id, Resume.original_file_name).where(Resume.id.in_(ids)))
    return {resume_id: name for resume_id, name in rows}
