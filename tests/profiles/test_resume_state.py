"""The resumes page's state: uploads ignore the file's name and read one byte past the limit,
forged ids change nothing, and no storage key or another seeker's resume reaches the browser.

Rows are committed (the handlers open their own transactions) and removed after each test.
"""

from __future__ import annotations

import asyncio
import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import reflex as rx
from sqlalchemy import Engine, select, text

from jobhub.platform import storage
from jobhub.platform.db import session_scope
from jobhub.profiles.models import Resume
from jobhub.profiles.resume_state import ResumesState
from jobhub.ui import navigation as nav
from tests.auth.support import delete_users
from tests.e2e.journey_data import signed_in
from tests.profiles.resume_files import pdf_bytes
from tests.states import tab_state

pytestmark = pytest.mark.usefixtures("files_dir", "task_queue")


@pytest.fixture
def accounts(engine: Engine) -> Iterator[list[tuple[uuid.UUID, str]]]:
    """Seeker accounts (id, session token) made on demand; they and their resumes go afterwards."""
    made: list[tuple[uuid.UUID, str]] = []
    yield made
    ids = [user_id for user_id, _ in made]
    with engine.begin() as conn:
        resumes = list(
            conn.execute(
                text("SELECT id FROM profiles.resumes WHERE user_id = ANY(:ids)"), {"ids": ids}
            ).scalars()
        )
        for statement in (
            "DELETE FROM profiles.outbox_events WHERE aggregate_id = ANY(:r)",
            "DELETE FROM profiles.domain_events WHERE aggregate_id = ANY(:r)",
            "DELETE FROM profiles.resumes WHERE id = ANY(:r)",
        ):
            conn.execute(text(statement), {"r": resumes})
        conn.execute(
            text("DELETE FROM procrastinate_jobs WHERE args->>'resume_id' = ANY(:r)"),
            {"r": [str(r) for r in resumes]},
        )
    delete_users(engine, ids)


def seeker(accounts: list[tuple[uuid.UUID, str]]) -> tuple[uuid.UUID, str]:
    user = signed_in("job_seeker", "Sam", role="job_seeker")
    accounts.append((user.user_id, user.token))
    return user.user_id, user.token


def page_state(token: str) -> ResumesState:
    state = tab_state(ResumesState, token, nav.PROFILE_RESUMES)
    list(ResumesState.load.fn(state))
    return state


class CountingFile(io.BytesIO):
    """An upload that records how much the handler read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def upload_file(data: bytes, name: str) -> rx.UploadFile:
    return rx.UploadFile(file=CountingFile(data), path=Path(name), size=len(data))


def run(handler: Any) -> list[Any]:
    async def drain() -> list[Any]:
        return [update async for update in handler]

    return asyncio.run(drain())


def rows_of(user_id: uuid.UUID) -> list[Resume]:
    with session_scope() as db:
        return list(db.scalars(select(Resume).where(Resume.user_id == user_id)))


def test_an_upload_is_listed_under_its_label_and_stored_under_a_drawn_name(
    accounts: list[tuple[uuid.UUID, str]], files_dir: Path
) -> None:
    user_id, token = seeker(accounts)
    state = page_state(token)

    run(ResumesState.upload.fn(state, [upload_file(pdf_bytes(), "../../../../tmp/evil.pdf")]))

    (row,) = rows_of(user_id)
    assert state.upload_error == "" and [item["label"] for item in state.resumes] == ["evil"]
    assert state.resumes[0]["is_primary"] is True and state.waiting
    (stored,) = [path for path in files_dir.rglob("*") if path.is_file()]
    assert "evil" not in stored.name and stored.relative_to(files_dir).parts[:2] == ("private", "resumes")
    assert row.file_name not in str(state.dict()), "the storage key never reaches the browser"


def test_an_oversized_upload_is_refused_after_reading_one_byte_past_the_limit(
    accounts: list[tuple[uuid.UUID, str]],
) -> None:
    user_id, token = seeker(accounts)
    state = page_state(token)
    limit = storage.RULES[storage.FileKind.RESUME].max_bytes
    huge = upload_file(pdf_bytes() + b"\x00" * (2 * limit), "huge.pdf")

    run(ResumesState.upload.fn(state, [huge]))

    assert "over 10 MB" in state.upload_error
    assert huge.file.bytes_read == limit + 1  # type: ignore[attr-defined]
    assert rows_of(user_id) == []


def test_a_wrong_type_is_refused_with_what_is_accepted(accounts: list[tuple[uuid.UUID, str]]) -> None:
    user_id, token = seeker(accounts)
    state = page_state(token)

    run(ResumesState.upload.fn(state, [upload_file(b"MZ\x90\x00" * 40, "cv.pdf")]))

    assert state.upload_error == "That file type is not accepted here. Use PDF, DOCX, up to 10 MB."
    assert rows_of(user_id) == []


def test_forged_ids_from_the_browser_change_nothing_of_another_seeker(
    accounts: list[tuple[uuid.UUID, str]],
) -> None:
    owner_id, owner_token = seeker(accounts)
    owner = page_state(owner_token)
    run(ResumesState.upload.fn(owner, [upload_file(pdf_bytes(), "first.pdf")]))
    run(ResumesState.upload.fn(owner, [upload_file(pdf_bytes(), "second.pdf")]))
    first, second = (item["id"] for item in owner.resumes)
    _, intruder_token = seeker(accounts)
    intruder = page_state(intruder_token)

    list(ResumesState.set_default.fn(intruder, second))
    list(ResumesState.delete.fn(intruder, first))
    intruder.renaming_id = first
    list(ResumesState.rename.fn(intruder, {"label": "Stolen"}))
    list(ResumesState.show_suggestions.fn(intruder, first))
    list(ResumesState.accept_all.fn(intruder))

    rows = {str(row.id): row for row in rows_of(owner_id)}
    assert set(rows) == {first, second}
    assert (rows[first].original_file_name, rows[first].is_primary, rows[second].is_primary) == (
        "first",
        True,
        False,
    )
    assert intruder.resumes == [] and intruder.suggestions == []


def test_a_signed_out_tab_is_sent_to_sign_in(accounts: list[tuple[uuid.UUID, str]]) -> None:
    user_id, token = seeker(accounts)
    state = page_state(token)
    with session_scope() as db:
        db.execute(text("DELETE FROM auth.sessions WHERE user_id = :u"), {"u": user_id})

    updates = list(ResumesState.set_default.fn(state, str(uuid.uuid4())))

    assert any("login" in str(update) for update in updates)
