"""States of saved jobs: the save toggle any page of job cards mixes in, and the ``/saved`` page.

Both are thin: each handler resolves the principal again and makes one service call in one
transaction. Ids from the browser (a job id on a card, a saved id on /saved) are only ever
looked up inside the principal's own rows by the service, so a forged id finds nothing.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.guards import GuardState, ReloadingState, current_path_and_query, login_url
from jobhub.auth.principal import Principal
from jobhub.auth.state import AuthState
from jobhub.jobs import saved
from jobhub.jobs.saved import SavedJobPage, SavedJobSnapshot, SavedSort, SavedStatus
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Invalid, NotFound
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_error, toast_info, toast_success

ALL_TAGS = "__all__"
"""The tag select's "any tag" value (Radix selects cannot hold an empty value)."""

SAVED_MESSAGE = "Job saved."
REMOVED_MESSAGE = "Removed from your saved jobs."
UPDATED_MESSAGE = "Notes saved."


def _uuid(value: str, message: str) -> uuid.UUID:
    """An id from the browser; anything that is not one is simply a row that does not exist."""
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound(message) from exc


def split_tags(text: str) -> list[str]:
    """The tags field is one comma-separated line; the service cleans and checks each tag."""
    return [part for part in text.split(",") if part.strip()]


def _choice(value: str | None, allowed: type[StrEnum], default: str) -> str:
    return value if value in {member.value for member in allowed} else default


def _to_sign_in(state: rx.State) -> EventSpec:
    """To sign in, then back to this very page (the session ended, or there never was one)."""
    url = state.router.url
    return rx.redirect(login_url(current_path_and_query(url.path, url.query)))


def parse_reminder(value: str) -> date | None:
    """The date input's ``YYYY-MM-DD``; empty means no reminder."""
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise Invalid("reminder_date", "Give the reminder as a date.") from exc


class SaveToggleState(AuthState, mixin=True):
    """The save toggle of job cards and the job page, as a mixin for the page's own state.

    Use it by putting it first among the bases of the page state, next to that state's real
    parent (Reflex binds a mixin's vars and handlers only then)::

        class SearchState(SaveToggleState, AuthState): ...
        class JobPageState(SaveToggleState, GuardState): ...

    After loading the jobs it shows, the page's ``load`` calls
    ``self._load_saved_ids(db, principal, job_ids)`` in its own transaction; the card then gets
    ``saved=State.saved_ids.contains(hit["id"])`` and
    ``on_toggle_save=State.toggle_save(hit["id"])``. Anonymous visitors who press the toggle go
    to sign in and come back to the page; employers and admins get a toast saying saving is for
    job seekers. ``saved_ids`` holds only the shown jobs' ids among the visitor's own bookmarks.
    """

    saved_ids: list[str] = []

    def _load_saved_ids(self, db: Session, principal: Principal | None, job_ids: Iterable[str]) -> None:
        """Which of the shown jobs the visitor saved; nobody but a job seeker has any."""
        if principal is None or not principal.is_job_seeker:
            self.saved_ids = []
            return
        wanted = [uuid.UUID(job_id) for job_id in job_ids]
        self.saved_ids = sorted(saved.saved_job_ids(db, principal.user_id, wanted))

    @rx.event
    def toggle_save(self, job_id: str) -> EventSpec | None:
        """Save the job, or remove it when the visitor already saved it (both are idempotent)."""
        was_saved = job_id in self.saved_ids
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                if who is None:
                    return _to_sign_in(self)
                job = _uuid(job_id, saved.NOT_OPEN_MESSAGE)
                if was_saved:
                    saved.unsave_job(db, who, job)
                else:
                    saved.save_job(db, who, job)
        except DomainError as exc:
            return toast_error(exc.message)
        if was_saved:
            self.saved_ids = [other for other in self.saved_ids if other != job_id]
            return toast_info(REMOVED_MESSAGE)
        self.saved_ids = sorted({*self.saved_ids, job_id})
        return toast_success(
            SAVED_MESSAGE, action={"label": "View saved jobs", "on_click": rx.redirect(nav.SAVED_JOBS)}
        )


def item_view(view: saved.SavedJobView) -> dict[str, Any]:
    """A saved job for ``rx.foreach``: its fields, plus the comma-separated tags the edit form shows."""
    return dataclasses.asdict(view) | {"tags_text": ", ".join(view.tags)}


class SavedJobsState(ReloadingState, GuardState):
    """``/saved``: the seeker's saved jobs, filtered by tag and open/closed, sorted, paged."""

    items: list[dict[str, Any]] = []
    tags: list[str] = []
    tag_filter: str = ALL_TAGS
    status_filter: str = SavedStatus.ALL
    sort: str = SavedSort.SAVED
    page: int = 1
    page_count: int = 1
    total: int = 0
    busy: bool = False
    # The saved job whose notes, tags and reminder are being edited, and that form's errors.
    editing_id: str = ""
    notes_error: str = ""
    tags_error: str = ""
    reminder_error: str = ""
    today: str = ""

    _undo: SavedJobSnapshot | None = None

    @rx.var
    def filtered(self) -> bool:
        return self.tag_filter != ALL_TAGS or self.status_filter != SavedStatus.ALL

    def _show(self, result: SavedJobPage) -> None:
        self.items = [item_view(view) for view in result.items]
        self.total, self.page, self.page_count = result.total, result.page, result.pages

    def _reload(self, db: Session, who: Principal | None) -> None:
        self._show(
            saved.list_saved_jobs(
                db,
                who,
                tag="" if self.tag_filter == ALL_TAGS else self.tag_filter,
                status=self.status_filter,
                sort=self.sort,
                page=self.page,
            )
        )
        self.tags = saved.saved_tags(db, who)
        if self.tag_filter != ALL_TAGS and self.tag_filter not in self.tags:
            self.tags = [*self.tags, self.tag_filter]

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        """After the guard admitted the visitor: filters from ``?tag=&status=&sort=``, then page 1."""
        params = self.router.url.query_parameters
        tag = " ".join(str(params.get("tag", "")).split()).lower()[: saved.TAG_LENGTH_MAX]
        self.tag_filter = tag or ALL_TAGS
        self.status_filter = _choice(params.get("status"), SavedStatus, SavedStatus.ALL)
        self.sort = _choice(params.get("sort"), SavedSort, SavedSort.SAVED)
        self.page, self.editing_id = 1, ""
        self.today = datetime.now(UTC).date().isoformat()
        yield from self._refresh()

    @rx.event
    def filter_by_tag(self, value: str) -> Iterator[EventSpec | None]:
        self.tag_filter, self.page, self.editing_id = value or ALL_TAGS, 1, ""
        yield from self._refresh()

    @rx.event
    def filter_by_status(self, value: str | list[str]) -> Iterator[EventSpec | None]:
        """From a single-choice segmented control, whose change event may carry a list."""
        self.status_filter = _choice(value if isinstance(value, str) else "", SavedStatus, SavedStatus.ALL)
        self.page, self.editing_id = 1, ""
        yield from self._refresh()

    @rx.event
    def sort_by(self, value: str) -> Iterator[EventSpec | None]:
        self.sort = _choice(value, SavedSort, SavedSort.SAVED)
        self.page, self.editing_id = 1, ""
        yield from self._refresh()

    @rx.event
    def clear_filters(self) -> Iterator[EventSpec | None]:
        self.tag_filter, self.status_filter, self.page = ALL_TAGS, SavedStatus.ALL, 1
        yield from self._refresh()

    @rx.event
    def next_page(self) -> Iterator[EventSpec | None]:
        self.page, self.editing_id = self.page + 1, ""
        yield from self._refresh()

    @rx.event
    def previous_page(self) -> Iterator[EventSpec | None]:
        self.page, self.editing_id = max(1, self.page - 1), ""
        yield from self._refresh()

    @rx.event
    def start_edit(self, saved_id: str) -> None:
        self.editing_id = saved_id
        self.notes_error, self.tags_error, self.reminder_error = "", "", ""

    @rx.event
    def cancel_edit(self) -> None:
        self.editing_id = ""

    def _show_field_error(self, exc: Invalid) -> None:
        if exc.field == "notes":
            self.notes_error = exc.message
        elif exc.field == "tags":
            self.tags_error = exc.message
        else:
            self.reminder_error = exc.message

    @rx.event
    def save_edit(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        """One transaction: the change, then the page again (a new tag may join the filter)."""
        self.notes_error, self.tags_error, self.reminder_error = "", "", ""
        self.busy = True
        yield
        try:
            reminder = parse_reminder(str(form_data.get("reminder_date") or ""))
            with session_scope() as db:
                who = self.current_principal(db)
                saved.update_saved_job(
                    db,
                    who,
                    _uuid(self.editing_id, saved.NOT_FOUND_MESSAGE),
                    str(form_data.get("notes") or ""),
                    split_tags(str(form_data.get("tags") or "")),
                    reminder,
                )
                self._reload(db, who)
        except Invalid as exc:
            self._show_field_error(exc)
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        finally:
            self.busy = False
        self.editing_id = ""
        yield toast_success(UPDATED_MESSAGE)

    @rx.event
    def unsave(self, job_id: str) -> Iterator[EventSpec | None]:
        """Remove at once and offer an undo, which puts back the notes and tags as well."""
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                self._undo = saved.unsave_job(db, who, _uuid(job_id, saved.NOT_FOUND_MESSAGE))
                self._reload(db, who)
        except DomainError as exc:
            yield self._refusal(exc)
            return
        self.editing_id = ""
        yield toast_info(REMOVED_MESSAGE, action={"label": "Undo", "on_click": SavedJobsState.undo_unsave})

    @rx.event
    def undo_unsave(self) -> Iterator[EventSpec | None]:
        snapshot, self._undo = self._undo, None
        if snapshot is None:
            return
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                saved.restore_saved_job(db, who, snapshot)
                self._reload(db, who)
        except DomainError as exc:
            yield self._refusal(exc)
            return
        yield toast_success("Saved job restored.")
