"""The parsing task end to end on real PostgreSQL: pending, processing, then completed or failed."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader, PdfWriter
from sqlalchemy import Engine, select, text
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.platform import storage, tasks
from jobhub.platform.db import session_scope
from jobhub.platform.event_types import RESUME_PARSED
from jobhub.profiles.models import DomainEvent, ParsingStatus, Resume
from jobhub.profiles.resume_tasks import FILE_GONE, STALLED_CRON, parse_resume, read_resume, read_stalled
from jobhub.profiles.resume_text import BROKEN_PDF, ENCRYPTED
from tests.profiles.resume_files import docx_bytes, pdf_bytes
from tests.profiles.resume_support import upload, upload_and_read

pytestmark = pytest.mark.usefixtures("files_dir", "task_queue")


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def committed(engine: Engine, seeker: Principal) -> Iterator[Principal]:
    """The seeker's resumes are committed (the task opens its own transaction) and removed after."""
    yield seeker
    with engine.begin() as conn:
        ids = list(
            conn.execute(text("SELECT id FROM profiles.resumes WHERE user_id = :u"), {"u": seeker.user_id})
        )
        for statement in (
            "DELETE FROM profiles.outbox_events WHERE aggregate_id = ANY(:ids)",
            "DELETE FROM profiles.domain_events WHERE aggregate_id = ANY(:ids)",
            "DELETE FROM profiles.resumes WHERE id = ANY(:ids)",
        ):
            conn.execute(text(statement), {"ids": [row.id for row in ids]})
        conn.execute(
            text("DELETE FROM procrastinate_jobs WHERE args->>'resume_id' = ANY(:ids)"),
            {"ids": [str(row.id) for row in ids]},
        )


def test_the_task_reads_a_committed_upload_and_records_what_it_found(committed: Principal) -> None:
    with session_scope() as db:
        view = upload(db, committed, pdf_bytes(), "Jane.pdf")

    assert parse_resume(resume_id=view.id) == ParsingStatus.COMPLETED

    with session_scope() as db:
        row = db.get_one(Resume, uuid.UUID(view.id))
        events = db.scalars(select(DomainEvent).where(DomainEvent.aggregate_id == row.id)).all()
    assert row.parsing_status == ParsingStatus.COMPLETED and row.parsing_error is None
    content = row.parsed_content or {}
    assert {"Python", "PostgreSQL"} <= {skill["name"] for skill in content["skills"]}
    assert content["titles"][0]["title"] == "Senior Software Engineer"
    assert content["schools"][0]["name"] == "University of Cambridge"
    assert "@" not in content["text"]
    parsed = [event for event in events if event.event_type == RESUME_PARSED]
    assert len(parsed) == 1 and parsed[0].event_data["status"] == ParsingStatus.COMPLETED


def test_a_second_run_of_the_same_job_changes_nothing(committed: Principal) -> None:
    with session_scope() as db:
        view = upload(db, committed, docx_bytes(), "cv.docx")
    parse_resume(resume_id=view.id)

    assert parse_resume(resume_id=view.id) is None


def test_a_resume_deleted_before_the_worker_ran_is_left_alone(committed: Principal) -> None:
    assert parse_resume(resume_id=str(uuid.uuid4())) is None


def test_the_resume_is_marked_processing_while_it_is_read(
    db: Session, seeker: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = upload(db, seeker)
    seen: list[str] = []
    real_read = storage.read

    def spying_read(key: str) -> tuple[bytes, str] | None:
        seen.append(db.scalar(select(Resume.parsing_status).where(Resume.id == uuid.UUID(view.id))) or "")
        return real_read(key)

    monkeypatch.setattr(storage, "read", spying_read)
    read_resume(db, uuid.UUID(view.id))

    assert seen == [ParsingStatus.PROCESSING]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"%PDF-1.7\n" + b"\x00broken" * 40, BROKEN_PDF), (encrypted_pdf(), ENCRYPTED)],
    ids=["corrupt", "encrypted"],
)
def test_a_corrupt_or_encrypted_file_fails_cleanly_with_its_reason(
    db: Session, seeker: Principal, data: bytes, message: str
) -> None:
    row = upload_and_read(db, seeker, data)

    assert (row.parsing_status, row.parsing_error, row.parsed_content) == (
        ParsingStatus.FAILED,
        message,
        None,
    )


def test_a_file_missing_from_storage_fails_cleanly(db: Session, seeker: Principal) -> None:
    view = upload(db, seeker)
    storage.delete(db.get_one(Resume, uuid.UUID(view.id)).file_name)

    read_resume(db, uuid.UUID(view.id))

    row = db.get_one(Resume, uuid.UUID(view.id), populate_existing=True)
    assert (row.parsing_status, row.parsing_error) == (ParsingStatus.FAILED, FILE_GONE)


def test_a_resume_left_processing_by_a_dead_worker_is_read_by_the_sweep(
    db: Session, seeker: Principal
) -> None:
    stalled = upload(db, seeker, name="stalled.pdf")
    fresh = upload(db, seeker, name="fresh.pdf")
    row = db.get_one(Resume, uuid.UUID(stalled.id))
    row.parsing_status = ParsingStatus.PROCESSING
    db.flush()
    db.execute(
        text("UPDATE profiles.resumes SET updated_at = now() - interval '11 minutes' WHERE id = :id"),
        {"id": row.id},
    )

    read = read_stalled(db, datetime.now(UTC))

    assert uuid.UUID(stalled.id) in read and uuid.UUID(fresh.id) not in read
    statuses = dict(
        db.execute(select(Resume.id, Resume.parsing_status).where(Resume.user_id == seeker.user_id)).all()
    )
    assert statuses == {
        uuid.UUID(stalled.id): ParsingStatus.COMPLETED,
        uuid.UUID(fresh.id): ParsingStatus.PENDING,
    }


def test_the_tasks_are_registered_for_the_worker_and_the_sweep_is_periodic() -> None:
    assert {"parse_resume", "retry_stalled_resumes"} <= set(tasks.app.tasks)
    assert "jobhub.profiles.resume_tasks" in tasks.TASK_MODULES
    periodics = tasks.app.periodic_registry.periodic_tasks.values()
    assert any(p.task.name == "retry_stalled_resumes" and p.cron == STALLED_CRON for p in periodics)
