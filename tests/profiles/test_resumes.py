"""Uploading, renaming, choosing the default and deleting resumes: checked by content, capped,
one default, and no seeker ever reaching another's resume whatever id they send."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.platform import storage
from jobhub.platform.errors import Forbidden, Invalid, NotFound
from jobhub.platform.event_types import RESUME_DELETED, RESUME_UPLOADED
from jobhub.profiles.export import export_user_data
from jobhub.profiles.models import DomainEvent, ParsingStatus, Resume
from jobhub.profiles.resumes import (
    MAX_RESUMES,
    TOO_MANY_MESSAGE,
    delete_resume,
    label_from_file_name,
    list_resumes,
    rename_resume,
    set_default_resume,
)
from tests.factories import make_principal
from tests.profiles.resume_files import docx_bytes, pdf_bytes
from tests.profiles.resume_support import queued_parse_jobs, upload, upload_and_read

pytestmark = pytest.mark.usefixtures("files_dir", "task_queue")


def stored_files(files_dir: Path) -> list[Path]:
    return [path for path in files_dir.rglob("*") if path.is_file()]


def test_a_pdf_upload_is_stored_privately_under_a_drawn_name_and_queued_for_reading(
    db: Session, seeker: Principal, files_dir: Path
) -> None:
    view = upload(db, seeker, pdf_bytes(), "../../etc/passwd/Jane CV.pdf")

    row = db.get_one(Resume, uuid.UUID(view.id))
    assert (view.label, view.type_label, view.is_primary, view.status) == (
        "Jane CV",
        "PDF",
        True,
        ParsingStatus.PENDING,
    )
    (path,) = stored_files(files_dir)
    assert path.relative_to(files_dir).parts[:2] == ("private", "resumes")
    assert "Jane" not in path.name and "passwd" not in str(path)
    assert row.file_name == str(path.relative_to(files_dir)) and row.file_url == f"/files/resumes/{view.id}"
    assert queued_parse_jobs(db, view.id) == 1
    events = db.scalars(select(DomainEvent.event_type).where(DomainEvent.aggregate_id == row.id)).all()
    assert events == [RESUME_UPLOADED]


def test_a_docx_upload_is_accepted_by_its_content_whatever_its_name(db: Session, seeker: Principal) -> None:
    view = upload(db, seeker, docx_bytes(), "resume.pdf.exe")

    assert (view.type_label, view.label) == ("DOCX", "resume.pdf")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 200, "resume.pdf"),
        (b"<html><script>alert(1)</script></html>", "cv.docx"),
        (b"PK\x03\x04 not really a zip", "cv.docx"),
        (b"", "cv.pdf"),
    ],
    ids=["renamed-exe", "html", "fake-zip", "empty"],
)
def test_a_file_that_is_not_a_pdf_or_docx_is_refused_and_nothing_is_stored(
    db: Session, seeker: Principal, files_dir: Path, data: bytes, name: str
) -> None:
    with pytest.raises(Invalid) as refused:
        upload(db, seeker, data, name)

    assert refused.value.field == "file"
    assert stored_files(files_dir) == [] and list_resumes(db, seeker) == []


def test_an_oversized_file_is_refused_with_the_limit(db: Session, seeker: Principal) -> None:
    limit = storage.RULES[storage.FileKind.RESUME].max_bytes

    with pytest.raises(Invalid, match="the limit is PDF, DOCX, up to 10 MB"):
        upload(db, seeker, pdf_bytes() + b"\n%" + b"x" * limit, "big.pdf")


def test_the_eleventh_resume_is_refused(db: Session, seeker: Principal) -> None:
    for number in range(MAX_RESUMES):
        upload(db, seeker, name=f"cv {number}.pdf")

    with pytest.raises(Invalid, match=TOO_MANY_MESSAGE):
        upload(db, seeker)
    assert len(list_resumes(db, seeker)) == MAX_RESUMES


def test_only_job_seekers_keep_resumes(db: Session) -> None:
    with pytest.raises(Forbidden):
        upload(db, make_principal("employer"))


@pytest.mark.parametrize(
    ("client_name", "label"),
    [
        ("C:\\Users\\jane\\My CV.docx", "My CV"),
        ("../../../tmp/evil.pdf", "evil"),
        ("....", "Resume"),
        ("", "Resume"),
        ("cv\x00\x1b[31m.pdf", "cv [31m"),
        (".hidden", "hidden"),
    ],
)
def test_the_client_name_only_ever_becomes_a_one_line_label(client_name: str, label: str) -> None:
    assert label_from_file_name(client_name) == label


def test_the_first_upload_is_the_default_and_later_ones_are_not(db: Session, seeker: Principal) -> None:
    first = upload(db, seeker, name="first.pdf")
    second = upload(db, seeker, name="second.pdf")

    assert [(v.label, v.is_primary) for v in list_resumes(db, seeker)] == [("first", True), ("second", False)]
    assert (first.is_primary, second.is_primary) == (True, False)


def test_choosing_another_default_leaves_exactly_one(db: Session, seeker: Principal) -> None:
    upload(db, seeker, name="first.pdf")
    second = upload(db, seeker, name="second.pdf")

    set_default_resume(db, seeker, uuid.UUID(second.id))

    assert [(v.label, v.is_primary) for v in list_resumes(db, seeker)] == [("second", True), ("first", False)]


def test_deleting_the_default_promotes_the_newest_and_removes_the_file_on_commit(
    db: Session, seeker: Principal, files_dir: Path
) -> None:
    first = upload(db, seeker, name="first.pdf")
    upload(db, seeker, name="second.pdf")
    upload(db, seeker, name="third.pdf")
    key = db.get_one(Resume, uuid.UUID(first.id)).file_name

    promoted = delete_resume(db, seeker, uuid.UUID(first.id))
    db.commit()

    assert promoted is not None and promoted.label == "third"
    assert [(v.label, v.is_primary) for v in list_resumes(db, seeker)] == [("third", True), ("second", False)]
    assert not (files_dir / key).exists() and len(stored_files(files_dir)) == 2
    deleted = db.scalars(
        select(DomainEvent.event_type).where(DomainEvent.aggregate_id == uuid.UUID(first.id))
    ).all()
    assert RESUME_DELETED in deleted


def test_deleting_another_resume_keeps_the_default(db: Session, seeker: Principal) -> None:
    upload(db, seeker, name="first.pdf")
    second = upload(db, seeker, name="second.pdf")

    assert delete_resume(db, seeker, uuid.UUID(second.id)) is None
    assert [(v.label, v.is_primary) for v in list_resumes(db, seeker)] == [("first", True)]


def test_an_upload_that_rolls_back_takes_its_file_and_its_queued_parsing_with_it(
    db: Session, seeker: Principal, files_dir: Path
) -> None:
    db.commit()
    view = upload(db, seeker)
    assert len(stored_files(files_dir)) == 1 and queued_parse_jobs(db, view.id) == 1

    db.rollback()

    assert stored_files(files_dir) == [] and queued_parse_jobs(db, view.id) == 0


def test_renaming_cleans_the_label_and_refuses_an_empty_one(db: Session, seeker: Principal) -> None:
    view = upload(db, seeker)

    assert rename_resume(db, seeker, uuid.UUID(view.id), "  Data\nroles  2026 ").label == "Data roles 2026"
    with pytest.raises(Invalid) as refused:
        rename_resume(db, seeker, uuid.UUID(view.id), "   ")
    assert refused.value.field == "label"
    with pytest.raises(Invalid):
        rename_resume(db, seeker, uuid.UUID(view.id), "x" * 121)


@pytest.mark.parametrize("action", ["rename", "set_default", "delete"])
def test_another_seekers_resume_is_not_found_and_unchanged(
    db: Session, seeker: Principal, other_seeker: Principal, action: str
) -> None:
    upload(db, seeker, name="mine.pdf")
    theirs = upload(db, other_seeker, name="theirs.pdf")
    upload(db, other_seeker, name="theirs too.pdf")
    target = uuid.UUID(theirs.id)

    with pytest.raises(NotFound):
        if action == "rename":
            rename_resume(db, seeker, target, "Stolen")
        elif action == "set_default":
            set_default_resume(db, seeker, target)
        else:
            delete_resume(db, seeker, target)

    assert [(v.label, v.is_primary) for v in list_resumes(db, other_seeker)] == [
        ("theirs", True),
        ("theirs too", False),
    ]
    assert [(v.label, v.is_primary) for v in list_resumes(db, seeker)] == [("mine", True)]


def test_an_id_that_never_existed_is_not_found(db: Session, seeker: Principal) -> None:
    with pytest.raises(NotFound):
        set_default_resume(db, seeker, uuid.uuid4())


def test_the_export_holds_each_resumes_metadata_and_parsed_text_but_not_its_bytes_or_key(
    db: Session, seeker: Principal
) -> None:
    row = upload_and_read(db, seeker, name="Jane CV.pdf")

    (exported,) = export_user_data(db, seeker.user_id)["resumes"]

    assert (exported["name"], exported["file_type"], exported["is_default"]) == ("Jane CV", "pdf", True)
    assert "Senior Software Engineer" in exported["parsed_content"]["text"]
    assert row.file_name not in str(exported) and "%PDF" not in str(exported)
