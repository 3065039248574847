"""State of ``/profile/resumes``: the seeker's resumes, their reading, and the profile suggestions.

Thin, as every page state: each handler resolves the principal again and makes one service
call in one transaction, then reloads the list. Ids from the browser are looked up only among
the seeker's own resumes by the service, so a forged id finds nothing. The upload reads at most
one byte past the limit and never uses the file's name for anything but the label. While a
resume waits to be read, a background event reloads the list every ``POLL_SECONDS`` until
none does (or ``POLL_FOR_SECONDS`` pass), so the spinner turns into suggestions on its own.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
import uuid
from collections.abc import AsyncIterator, Generator, Iterator
from typing import Any, Final

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.guards import GuardState, ReloadingState
from jobhub.auth.principal import Principal
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Invalid, NotFound
from jobhub.platform.storage import MEGABYTE
from jobhub.profiles import resume_suggestions, resumes
from jobhub.profiles.models import ParsingStatus
from jobhub.ui.feedback import toast_info, toast_success

UPLOAD_ID: Final = "resume-upload"
POLL_SECONDS: Final = 1.5
POLL_FOR_SECONDS: Final = 120.0
WAITING: Final = frozenset({ParsingStatus.PENDING, ParsingStatus.PROCESSING})


def _uuid(value: str) -> uuid.UUID:
    """An id from the browser; anything that is not one is simply a resume that does not exist."""
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound(resumes.NOT_FOUND_MESSAGE) from exc


def too_big_message() -> str:
    return (
        f"That file is over {resumes.ACCEPTED.max_bytes // MEGABYTE} MB. Use {resumes.ACCEPTED.describe()}."
    )


class ResumesState(ReloadingState, GuardState):
    resumes: list[dict[str, Any]] = []
    suggestions: list[dict[str, str]] = []
    suggestions_for: str = ""
    suggestions_label: str = ""
    upload_error: str = ""
    uploading: bool = False
    renaming_id: str = ""
    rename_error: str = ""
    polling: bool = False

    @rx.var
    def count_label(self) -> str:
        return f"{len(self.resumes)} of {resumes.MAX_RESUMES} resumes"

    @rx.var
    def at_limit(self) -> bool:
        return len(self.resumes) >= resumes.MAX_RESUMES

    @rx.var
    def waiting(self) -> bool:
        return any(item["status"] in WAITING for item in self.resumes)

    def _pick_suggestions_resume(self, views: list[resumes.ResumeView]) -> resumes.ResumeView | None:
        done = [view for view in views if view.status == ParsingStatus.COMPLETED]
        chosen = next((view for view in done if view.id == self.suggestions_for), None)
        return chosen or (done[0] if done else None)

    def _reload(self, db: Session, who: Principal | None) -> None:
        views = resumes.list_resumes(db, who)
        self.resumes = [dataclasses.asdict(view) for view in views]
        chosen = self._pick_suggestions_resume(views)
        self.suggestions_for = chosen.id if chosen else ""
        self.suggestions_label = chosen.label if chosen else ""
        found = resume_suggestions.suggestions_for(db, who, uuid.UUID(chosen.id)) if chosen else []
        self.suggestions = [dataclasses.asdict(suggestion) for suggestion in found]

    def _act(self, change: Any, message: str | None) -> Generator[EventSpec | None, None, bool]:
        """One transaction: the change, then the list again; a refusal becomes a toast. Whether it went."""
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                change(db, who)
                self._reload(db, who)
        except DomainError as exc:
            yield self._refusal(exc)
            return False
        if message:
            yield toast_success(message)
        return True

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.renaming_id, self.rename_error, self.upload_error = "", "", ""
        yield from self._refresh()
        if self.waiting:
            yield ResumesState.poll

    @rx.event
    async def upload(self, files: list[rx.UploadFile]) -> AsyncIterator[EventSpec | None]:
        self.upload_error, self.uploading = "", True
        yield
        limit = resumes.ACCEPTED.max_bytes
        try:
            upload = files[0] if files else None
            data = await upload.read(limit + 1) if upload else b""
            if len(data) > limit:
                raise Invalid("file", too_big_message())
            with session_scope() as db:
                who = self.current_principal(db)
                view = resumes.upload_resume(db, who, data, upload.filename if upload else None)
                self._reload(db, who)
        except Invalid as exc:
            self.upload_error = exc.message
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        finally:
            self.uploading = False
            for file in files:
                await file.close()
        yield rx.clear_selected_files(UPLOAD_ID)
        yield toast_success(f"{view.label} uploaded. We are reading it for suggestions.")
        yield ResumesState.poll

    @rx.event(background=True)
    async def poll(self) -> AsyncIterator[EventSpec | None]:
        """Reload while a resume waits to be read; one poller per tab."""
        async with self:
            if self.polling:
                return
            self.polling = True
        deadline = time.monotonic() + POLL_FOR_SECONDS
        try:
            while time.monotonic() < deadline:
                await asyncio.sleep(POLL_SECONDS)
                async with self:
                    for update in self._refresh():
                        if update is not None:
                            yield update
                    if not self.waiting:
                        return
        finally:
            async with self:
                self.polling = False

    @rx.event
    def start_rename(self, resume_id: str) -> None:
        self.renaming_id, self.rename_error = resume_id, ""

    @rx.event
    def cancel_rename(self) -> None:
        self.renaming_id, self.rename_error = "", ""

    @rx.event
    def rename(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        self.rename_error = ""
        label = str(form_data.get("label") or "")
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                resumes.rename_resume(db, who, _uuid(self.renaming_id), label)
                self._reload(db, who)
        except Invalid as exc:
            self.rename_error = exc.message
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        self.renaming_id = ""
        yield toast_success("Resume renamed.")

    @rx.event
    def set_default(self, resume_id: str) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who: resumes.set_default_resume(db, who, _uuid(resume_id)),
            "That resume is now your default: applying offers it first.",
        )

    @rx.event
    def delete(self, resume_id: str) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who: resumes.delete_resume(db, who, _uuid(resume_id)), "Resume deleted."
        )

    @rx.event
    def show_suggestions(self, resume_id: str) -> Iterator[EventSpec | None]:
        self.suggestions_for = resume_id
        yield from self._act(lambda db, who: resumes.owned(db, who, _uuid(resume_id)), None)

    @rx.event
    def accept(self, key: str) -> Iterator[EventSpec | None]:
        added: list[str] = []
        yield from self._act(
            lambda db, who: added.append(
                resume_suggestions.accept_suggestion(db, who, _uuid(self.suggestions_for), str(key))
            ),
            None,
        )
        if added:
            yield toast_success(f"{added[0]} added to your profile.")

    @rx.event
    def accept_all(self) -> Iterator[EventSpec | None]:
        added: list[str] = []
        done = yield from self._act(
            lambda db, who: added.extend(resume_suggestions.accept_all(db, who, _uuid(self.suggestions_for))),
            None,
        )
        if added:
            yield toast_success(f"{len(added)} suggestions added to your profile.")
        elif done:
            yield toast_info("Everything suggested is already on your profile.")
