"""Who may fetch a resume's file: its owner, and the teams of companies it was sent to.

A team member may read a resume when they may view applicants (``TeamAction.VIEW_APPLICANTS``)
at a company with a job the owner applied to *with that resume*; the jobs context answers that
(``jobs.application_resumes.resume_shared_with``), so this module never reads its tables. Anyone
else, administrators included, gets ``NotFound``, the same answer as for an id that does not
exist, so resume ids cannot be probed. Downloads by employers are counted for the owner
(``download_count``, ``last_downloaded_at``); the owner's own downloads and previews are not.

The file name sent is made here from the label, never taken from the upload as it came.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import update
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies.team_access import TeamAction, company_ids_for
from jobhub.jobs.application_resumes import resume_shared_with
from jobhub.platform import storage
from jobhub.platform.errors import NotFound
from jobhub.profiles.models import Resume
from jobhub.profiles.resumes import NOT_FOUND_MESSAGE

NAME_MAX: Final = 80
_NOT_SAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass(frozen=True)
class ResumeFile:
    data: bytes
    content_type: str
    file_name: str
    text: str
    """What the parser read (empty until it has): the DOCX preview shows it."""


def safe_file_name(label: str, content_type: str) -> str:
    """An ASCII file name for ``Content-Disposition`` (accents dropped, "Zoë" is "Zoe"): no quotes,
    slashes or dots in front."""
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    stem = " ".join(_NOT_SAFE.sub(" ", ascii_label).split()).strip(" .-")[:NAME_MAX].rstrip(" .-")
    return f"{stem or 'resume'}.{storage.EXTENSIONS[content_type]}"


def _may_read(db: Session, who: Principal, row: Resume) -> bool:
    if row.user_id == who.user_id:
        return True
    return resume_shared_with(db, row.id, company_ids_for(db, who, TeamAction.VIEW_APPLICANTS))


def resume_file(db: Session, who: Principal | None, resume_id: uuid.UUID, *, count: bool) -> ResumeFile:
    """The file of a resume ``who`` may read; ``count`` records an employer's download."""
    row = db.get(Resume, resume_id) if who is not None else None
    if row is None or who is None or not _may_read(db, who, row):
        raise NotFound(NOT_FOUND_MESSAGE)
    found = storage.read(row.file_name)
    if found is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    data, content_type = found
    if count and row.user_id != who.user_id:
        db.execute(
            update(Resume)
            .where(Resume.id == row.id)
            .values(download_count=Resume.download_count + 1, last_downloaded_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        )
    text = str((row.parsed_content or {}).get("text") or "")
    return ResumeFile(data, content_type, safe_file_name(row.original_file_name, content_type), text)
