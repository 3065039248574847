"""A job seeker's resumes: upload, rename, choose the default, delete.

Only job seekers keep resumes. Every read and change starts from :func:`readable`, the
principal's own rows, so another seeker's resume id is ``NotFound`` exactly like one that
never existed. An upload is judged by its bytes (``storage.FileKind.RESUME``: PDF or DOCX, up
to 10 MB) and stored under a name the server draws; the client's file name only becomes the
label, cut to its last path part. ``file_type`` holds the extension (``pdf``, ``docx``): the DOCX
content type is longer than the column. A seeker keeps at most ``MAX_RESUMES``.

One resume is the default (``is_primary``), the one applying offers first: the first upload
becomes it, and deleting it promotes the newest of the rest. Changes for one seeker are
serialised by a transaction-scoped advisory lock, so two tabs cannot make two defaults or pass
the cap together. A deleted resume's file goes once the deletion commits; an upload that rolls
back takes its file with it. Each upload queues its parsing in the same transaction.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Select, func, select, text, update
from sqlmodel import Session

from jobhub.auth.authorization import require_user_type
from jobhub.auth.models import UserType
from jobhub.auth.principal import Principal
from jobhub.platform import storage
from jobhub.platform.errors import Invalid, NotFound
from jobhub.platform.event_types import RESUME_DELETED, RESUME_UPLOADED
from jobhub.platform.events import emit
from jobhub.platform.file_settling import settle_files
from jobhub.platform.tasks import defer_in_transaction
from jobhub.profiles.models import SCHEMA, ParsingStatus, Resume
from jobhub.profiles.resume_tasks import parse_resume

MAX_RESUMES: Final = 10
LABEL_MAX: Final = 120
AREA: Final = "resumes"
AGGREGATE: Final = "resume"
ACCEPTED: Final = storage.RULES[storage.FileKind.RESUME]
DOWNLOAD_PATH: Final = "/files/resumes/{resume_id}"
PREVIEW_PATH: Final = "/files/resumes/{resume_id}/preview"
NOT_FOUND_MESSAGE: Final = "That resume does not exist."
TOO_MANY_MESSAGE: Final = (
    f"You already keep {MAX_RESUMES} resumes, the most there is room for. Delete one to upload another."
)
DEFAULT_LABEL: Final = "Resume"
STATUS_LABELS: Final[dict[str, str]] = {
    ParsingStatus.PENDING: "Waiting to be read",
    ParsingStatus.PROCESSING: "Reading\u2026",
    ParsingStatus.COMPLETED: "Read",
    ParsingStatus.FAILED: "Could not be read",
}
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ResumeView:
    """One resume as the owner's page shows it: plain values, safe for Reflex state."""

    id: str
    label: str
    type_label: str
    size_label: str
    is_primary: bool
    status: str
    status_label: str
    error: str
    uploaded_at: str
    download_path: str
    download_count: int


def download_path(resume_id: uuid.UUID | str) -> str:
    return DOWNLOAD_PATH.replace("{resume_id}", str(resume_id))


def preview_path(resume_id: uuid.UUID | str) -> str:
    return PREVIEW_PATH.replace("{resume_id}", str(resume_id))


def _seeker(principal: Principal | None) -> Principal:
    return require_user_type(principal, UserType.JOB_SEEKER)


def readable(principal: Principal | None) -> Select[tuple[Resume]]:
    """The principal's own resumes: where every read and change starts."""
    who = _seeker(principal)
    return select(Resume).where(Resume.user_id == who.user_id)


def owned(db: Session, principal: Principal | None, resume_id: uuid.UUID) -> Resume:
    row = db.execute(readable(principal).where(Resume.id == resume_id)).scalar_one_or_none()
    if row is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return row


def _lock_seeker(db: Session, user_id: uuid.UUID) -> None:
    """Serialise this seeker's resume changes until the transaction ends."""
    db.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": f"resumes:{user_id}"})


def clean_label(text: str | None, *, field: str = "label") -> str:
    """A label as typed (or a client's file name's last part): one line, no control characters."""
    words = " ".join(_UNSAFE.sub(" ", text or "").split())
    if not words:
        raise Invalid(field, "Give the resume a name.")
    if len(words) > LABEL_MAX:
        raise Invalid(field, f"Keep the name under {LABEL_MAX} characters.")
    return words


def label_from_file_name(name: str | None) -> str:
    """The client's file name as a label: its last path part without the extension; never a path."""
    base = re.split(r"[\\/]", name or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    try:
        return clean_label(stem.strip(" ."))[:LABEL_MAX]
    except Invalid:
        return DEFAULT_LABEL


def _size_label(size: int) -> str:
    return f"{size / storage.MEGABYTE:.1f} MB" if size >= storage.MEGABYTE else f"{max(1, size // 1024)} KB"


def _date_label(moment: datetime) -> str:
    return f"{moment:%d %b %Y}"


def view_of(row: Resume) -> ResumeView:
    return ResumeView(
        id=str(row.id),
        label=row.original_file_name,
        type_label=storage.TYPE_NAMES.get(storage.CONTENT_TYPES.get(row.file_type, ""), row.file_type),
        size_label=_size_label(row.file_size),
        is_primary=row.is_primary,
        status=row.parsing_status,
        status_label=STATUS_LABELS.get(row.parsing_status, row.parsing_status),
        error=row.parsing_error or "",
        uploaded_at=_date_label(row.created_at),
        download_path=download_path(row.id),
        download_count=row.download_count,
    )


def _ordered(principal: Principal | None) -> Select[tuple[Resume]]:
    return readable(principal).order_by(Resume.is_primary.desc(), Resume.created_at.desc(), Resume.id)


def list_resumes(db: Session, who: Principal | None) -> list[ResumeView]:
    """The default first, then the newest."""
    return [view_of(row) for row in db.scalars(_ordered(who))]


def _count(db: Session, user_id: uuid.UUID) -> int:
    return db.scalar(select(func.count()).select_from(Resume).where(Resume.user_id == user_id)) or 0


def upload_resume(db: Session, who: Principal | None, data: bytes, client_name: str | None) -> ResumeView:
    """Store ``data`` as a new resume (checked by its bytes) and queue its reading."""
    seeker = _seeker(who)
    _lock_seeker(db, seeker.user_id)
    existing = _count(db, seeker.user_id)
    if existing >= MAX_RESUMES:
        raise Invalid("file", TOO_MANY_MESSAGE)
    stored = storage.save(data, storage.FileKind.RESUME, area=AREA, public=False)
    settle_files(db, drop_on_commit=None, drop_on_rollback=stored.key)
    row = Resume(
        user_id=seeker.user_id,
        file_name=stored.key,
        original_file_name=label_from_file_name(client_name),
        file_size=stored.size,
        file_type=storage.EXTENSIONS[stored.content_type],
        file_url="",
        is_primary=existing == 0,
        parsing_status=ParsingStatus.PENDING,
    )
    db.add(row)
    db.flush()
    row.file_url = download_path(row.id)
    emit(
        db,
        SCHEMA,
        AGGREGATE,
        row.id,
        RESUME_UPLOADED,
        {"file_type": row.file_type, "file_size": stored.size, "is_primary": row.is_primary},
        user_id=seeker.user_id,
    )
    defer_in_transaction(db, parse_resume, resume_id=str(row.id))
    db.flush()
    db.refresh(row)
    return view_of(row)


def rename_resume(db: Session, who: Principal | None, resume_id: uuid.UUID, label: str) -> ResumeView:
    row = owned(db, who, resume_id)
    row.original_file_name = clean_label(label)
    db.flush()
    return view_of(row)


def set_default_resume(db: Session, who: Principal | None, resume_id: uuid.UUID) -> ResumeView:
    """Make this resume the default; the previous default stops being one."""
    seeker = _seeker(who)
    _lock_seeker(db, seeker.user_id)
    row = owned(db, seeker, resume_id)
    db.execute(
        update(Resume)
        .where(Resume.user_id == seeker.user_id, Resume.id != row.id, Resume.is_primary.is_(True))
        .values(is_primary=False)
        .execution_options(synchronize_session=False)
    )
    row.is_primary = True
    db.flush()
    return view_of(row)


def delete_resume(db: Session, who: Principal | None, resume_id: uuid.UUID) -> ResumeView | None:
    """Delete the resume and, once that commits, its file; the newly promoted default, if any.

    Employers it was sent to lose access with it: the seeker's wish to remove it comes first.
    """
    seeker = _seeker(who)
    _lock_seeker(db, seeker.user_id)
    row = owned(db, seeker, resume_id)
    was_primary, key = row.is_primary, row.file_name
    db.delete(row)
    db.flush()
    settle_files(db, drop_on_commit=key, drop_on_rollback=None)
    emit(
        db, SCHEMA, AGGREGATE, resume_id, RESUME_DELETED, {"was_primary": was_primary}, user_id=seeker.user_id
    )
    if not was_primary:
        return None
    newest = db.scalars(
        readable(seeker).order_by(Resume.created_at.desc(), Resume.id.desc()).limit(1)
    ).one_or_none()
    if newest is None:
        return None
    newest.is_primary = True
    db.flush()
    return view_of(newest)


def export_resumes(db: Session, user_id: uuid.UUID) -> list[dict[str, Any]]:
    """The resumes part of "export my data": what each file is and what was read from it, not its bytes."""
    rows = db.scalars(select(Resume).where(Resume.user_id == user_id).order_by(Resume.created_at))
    return [
        {
            "id": str(row.id),
            "name": row.original_file_name,
            "file_type": row.file_type,
            "file_size": row.file_size,
            "is_default": row.is_primary,
            "uploaded_at": row.created_at.isoformat(),
            "parsing_status": row.parsing_status,
            "parsing_error": row.parsing_error,
            "parsed_content": row.parsed_content,
            "download_count": row.download_count,
            "last_downloaded_at": row.last_downloaded_at.isoformat() if row.last_downloaded_at else None,
        }
        for row in rows
    ]
