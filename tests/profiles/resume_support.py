"""Resumes uploaded through the service and read by the task, for the resume tests."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.profiles.models import Resume
from jobhub.profiles.resume_tasks import read_resume
from jobhub.profiles.resumes import ResumeView, upload_resume
from tests.profiles.resume_files import pdf_bytes


def upload(db: Session, who: Principal, data: bytes | None = None, name: str = "cv.pdf") -> ResumeView:
    return upload_resume(db, who, pdf_bytes() if data is None else data, name)


def upload_and_read(db: Session, who: Principal, data: bytes | None = None, name: str = "cv.pdf") -> Resume:
    """Upload, run the parsing task's work on the same session, and return the stored row."""
    view = upload(db, who, data, name)
    read_resume(db, uuid.UUID(view.id))
    return db.get_one(Resume, uuid.UUID(view.id), populate_existing=True)


def queued_parse_jobs(db: Session, resume_id: str) -> int:
    return db.execute(
        text(
            "SELECT count(*) FROM procrastinate_jobs"
            " WHERE task_name = 'parse_resume' AND args->>'resume_id' = :id"
        ),
        {"id": resume_id},
    ).scalar_one()
