"""Any input to the resume forms is refused cleanly or stored as it should be, never a crash."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.profiles.models import Resume
from jobhub.profiles.resume_suggestions import accept_suggestion
from jobhub.profiles.resumes import (
    LABEL_MAX,
    label_from_file_name,
    list_resumes,
    rename_resume,
    upload_resume,
)
from tests.factories import principal_with_role
from tests.profiles.resume_files import pdf_bytes
from tests.profiles.resume_support import upload_and_read

pytestmark = pytest.mark.usefixtures("task_queue")
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SEEKER = principal_with_role("job_seeker")
_NAMES = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["../../x.pdf", "C:\\a\\b.docx", "\x00.pdf", "a/b/c", ".", "..", "\u202eexe.pdf"]),
)


@FUZZ
@given(name=_NAMES)
def test_any_client_file_name_becomes_a_one_line_label_without_a_path(name: str) -> None:
    label = label_from_file_name(name)

    assert label and len(label) <= LABEL_MAX
    assert "/" not in label and "\\" not in label and "\n" not in label and "\x00" not in label


@FUZZ
@given(label=st.one_of(st.text(max_size=200), st.sampled_from(["", " \t ", "\x00", "x" * 121, "<b>cv</b>"])))
def test_any_label_is_refused_on_its_field_or_stored_cleaned(
    db: Session, files_dir: Path, label: str
) -> None:
    savepoint = db.begin_nested()
    try:
        view = upload_resume(db, SEEKER, pdf_bytes(), "cv.pdf")
        try:
            renamed = rename_resume(db, SEEKER, uuid.UUID(view.id), label)
        except Invalid as refused:
            assert refused.field == "label"
            assert db.get_one(Resume, uuid.UUID(view.id)).original_file_name == "cv"
        else:
            assert renamed.label == " ".join(renamed.label.split()) and 0 < len(renamed.label) <= LABEL_MAX
            event("renamed")
    finally:
        savepoint.rollback()


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=512),
        st.builds(lambda tail: b"%PDF-" + tail, st.binary(max_size=256)),
        st.builds(lambda tail: b"PK\x03\x04" + tail, st.binary(max_size=256)),
    ),
    name=_NAMES,
)
def test_any_bytes_are_refused_on_the_file_field_or_stored_as_pdf_or_docx(
    db: Session, files_dir: Path, data: bytes, name: str
) -> None:
    savepoint = db.begin_nested()
    try:
        try:
            view = upload_resume(db, SEEKER, data, name)
        except Invalid as refused:
            assert refused.field == "file" and list_resumes(db, SEEKER) == []
        else:
            assert view.type_label == "PDF" and data.startswith(b"%PDF-")
            event("stored")
    finally:
        savepoint.rollback()


@FUZZ
@given(
    key=st.one_of(st.text(max_size=60), st.builds(lambda n: f"title:{n}", st.integers()), st.just("skill:"))
)
def test_any_suggestion_key_is_accepted_or_refused_cleanly(db: Session, files_dir: Path, key: str) -> None:
    """A seeker per example: reading commits its steps, so nothing is shared between examples."""
    who = principal_with_role("job_seeker")
    row = upload_and_read(db, who)
    try:
        accept_suggestion(db, who, row.id, key)
        event("accepted")
    except Conflict:
        event("refused")


@FUZZ
@given(resume_id=st.uuids())
def test_any_foreign_id_is_not_found(db: Session, resume_id: uuid.UUID) -> None:
    with pytest.raises(NotFound):
        rename_resume(db, SEEKER, resume_id, "x")
