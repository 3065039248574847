"""Reading an uploaded resume in the background worker: ``pending -> processing -> completed | failed``.

An upload queues :func:`parse_resume` in its own transaction (``platform.tasks.defer_in_transaction``),
so the job exists exactly when the resume does. The worker first marks the resume
``processing`` and commits (the seeker's page shows it being read), reads the file without
holding a transaction, then stores what it found, or the reason it could not, in a second
transaction. A resume deleted meanwhile is simply left alone; one already read is not read
again, so a duplicated job changes nothing. Nothing the file holds can crash the job: a broken,
encrypted or oversized file ends as ``failed`` with a sentence for the seeker.

A worker that dies while reading leaves its resume ``processing`` (and its job "doing") for
good, so :func:`retry_stalled_resumes` reads, every ``STALLED_CRON``, each resume that has
waited longer than ``STALLED_AFTER``; at worst a slow queue's resume is read twice, to the same result.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlmodel import Session

from jobhub.platform import storage
from jobhub.platform.db import session_scope
from jobhub.platform.event_types import RESUME_PARSED
from jobhub.platform.events import emit
from jobhub.platform.tasks import app
from jobhub.profiles.models import SCHEMA, ParsingStatus, Resume, Skill
from jobhub.profiles.resume_parsing import ParsedResume, SkillMatcher, parse_resume_text
from jobhub.profiles.resume_text import UnreadableResume, extract_text

log = logging.getLogger(__name__)

AGGREGATE: Final = "resume"
FILE_GONE: Final = "The file is missing from storage. Upload it again."
UNEXPECTED: Final = "Something went wrong while reading this file. Upload it again, or try another copy."
STALLED_CRON: Final = "*/10 * * * *"
STALLED_AFTER: Final = timedelta(minutes=10)
STALLED_BATCH: Final = 50


def taxonomy_matcher(db: Session) -> SkillMatcher:
    """A matcher over every skill of the taxonomy, as it is now."""
    return SkillMatcher({str(row.id): row.name for row in db.execute(select(Skill.id, Skill.name))})


def _locked(db: Session, resume_id: uuid.UUID) -> Resume | None:
    return db.scalars(
        select(Resume)
        .where(Resume.id == resume_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()


def _read(db: Session, row: Resume, matcher: SkillMatcher | None) -> ParsedResume:
    found = storage.read(row.file_name)
    if found is None:
        raise UnreadableResume(FILE_GONE)
    data, content_type = found
    return parse_resume_text(extract_text(data, content_type), matcher or taxonomy_matcher(db))


def read_resume(db: Session, resume_id: uuid.UUID, matcher: SkillMatcher | None = None) -> str | None:
    """Read one resume, committing each step; its final status, or ``None`` when there was nothing to do."""
    row = _locked(db, resume_id)
    if row is None or row.parsing_status == ParsingStatus.COMPLETED:
        db.commit()
        return None
    row.parsing_status = ParsingStatus.PROCESSING
    db.commit()
    parsed: ParsedResume | None = None
    error = ""
    try:
        parsed = _read(db, row, matcher)
    except UnreadableResume as exc:
        error = exc.message
    except Exception:
        log.exception("reading resume %s failed unexpectedly", resume_id)
        error = UNEXPECTED
    db.rollback()
    row = _locked(db, resume_id)
    if row is None:
        db.commit()
        return None
    if parsed is not None:
        row.parsing_status, row.parsing_error = ParsingStatus.COMPLETED, None
        row.parsed_content = parsed.as_content()
    else:
        row.parsing_status, row.parsing_error = ParsingStatus.FAILED, error
    emit(
        db,
        SCHEMA,
        AGGREGATE,
        row.id,
        RESUME_PARSED,
        {
            "status": row.parsing_status,
            "skills_found": len(parsed.skills) if parsed else 0,
            "titles_found": len(parsed.titles) if parsed else 0,
        },
        user_id=row.user_id,
    )
    status = row.parsing_status
    db.commit()
    return status


@app.task(name="parse_resume", pass_context=False)
def parse_resume(resume_id: str) -> str | None:
    """The worker's entry point; the resume's final status."""
    with session_scope() as db:
        return read_resume(db, uuid.UUID(resume_id))


def read_stalled(db: Session, now: datetime) -> list[uuid.UUID]:
    """Read the resumes left waiting since before ``now - STALLED_AFTER``, oldest first; their ids."""
    ids = list(
        db.scalars(
            select(Resume.id)
            .where(
                Resume.parsing_status.in_([ParsingStatus.PENDING, ParsingStatus.PROCESSING]),
                Resume.updated_at < now - STALLED_AFTER,
            )
            .order_by(Resume.updated_at)
            .limit(STALLED_BATCH)
        )
    )
    db.commit()
    for resume_id in ids:
        read_resume(db, resume_id)
    return ids


@app.periodic(cron=STALLED_CRON)
@app.task(name="retry_stalled_resumes", queueing_lock="retry_stalled_resumes", pass_context=False)
def retry_stalled_resumes(timestamp: int) -> int:
    """The scheduled sweep as of its minute; how many resumes it read."""
    with session_scope() as db:
        return len(read_stalled(db, datetime.fromtimestamp(timestamp, UTC)))
