"""State of ``/employer/jobs``: the chosen company's postings, their filters, row actions and bulk close.

Thin, like every state: each handler resolves the principal and the member's company again
(``EmployerState``) and makes its service calls in one transaction. Job ids arrive from the
browser (a row's button, the checked boxes); the services look each one up on its own and
check the company and role on the stored row, so a forged id closes nothing. ``selected``
keeps only ids of the rows on the page, and is emptied whenever the rows change.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any, Final

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.guards import ReloadingState
from jobhub.auth.principal import Principal
from jobhub.companies.employer_area import EmployerState
from jobhub.jobs import posting_lifecycle as lifecycle
from jobhub.jobs import postings
from jobhub.jobs.posting_list import (
    ALL,
    SORTS,
    STATUS_FILTERS,
    PostingFilters,
    PostingSort,
    list_company_postings,
)
from jobhub.jobs.posting_rules import PostingAction
from jobhub.jobs.posting_scope import NO_SUCH_JOB
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, NotFound
from jobhub.ui.feedback import toast_error, toast_info, toast_success

DONE: Final[dict[str, str]] = {
    PostingAction.PUBLISH: "Published: seekers can find it now.",
    PostingAction.PAUSE: "Paused: it is out of search until you resume it.",
    PostingAction.CLOSE: "Closed: it no longer takes applications.",
    PostingAction.REOPEN: "Reopened: seekers can find it again.",
}


def job_uuid(value: str) -> uuid.UUID:
    """An id from the browser; anything that is not one is a job that does not exist."""
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound(NO_SUCH_JOB) from exc


def bulk_message(closed: int, refused: int) -> str:
    jobs = "job" if closed == 1 else "jobs"
    text = f"Closed {closed} {jobs}."
    if refused:
        text += f" {refused} could not be closed (not open, or not yours to close)."
    return text


class EmployerJobsState(ReloadingState, EmployerState):
    rows: list[dict[str, Any]] = []
    total: int = 0
    page: int = 1
    page_count: int = 1
    status_filter: str = ALL
    text: str = ""
    sort: str = PostingSort.NEWEST
    status_counts: dict[str, int] = {}
    selected: list[str] = []
    busy: bool = False

    @rx.var
    def filtered(self) -> bool:
        return self.status_filter != ALL or self.text != ""

    @rx.var
    def closable_count(self) -> int:
        return sum(1 for row in self.rows if row["can_close"])

    def _reload(self, db: Session, who: Principal | None) -> None:
        member = self._load_employer(db, who)
        if member is None:
            self.rows, self.total = [], 0
            return
        result = list_company_postings(
            db,
            who,
            member.company_id,
            PostingFilters(status=self.status_filter, text=self.text, sort=self.sort, page=self.page),
        )
        self.rows = [dataclasses.asdict(row) for row in result.rows]
        self.total, self.page, self.page_count = result.total, result.page, result.pages
        self.status_counts = result.status_counts
        self.selected = []

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        params = self.router.url.query_parameters
        status = str(params.get("status", ALL))
        self.status_filter = status if status in STATUS_FILTERS else ALL
        self.text, self.sort, self.page = "", PostingSort.NEWEST, 1
        yield from self._refresh()

    @rx.event
    def filter_by_status(self, value: str | list[str]) -> Iterator[EventSpec | None]:
        """From a single-choice segmented control, whose change event may carry a list."""
        chosen = value if isinstance(value, str) else ""
        self.status_filter, self.page = (chosen if chosen in STATUS_FILTERS else ALL), 1
        yield from self._refresh()

    @rx.event
    def search(self, value: str) -> Iterator[EventSpec | None]:
        self.text, self.page = " ".join(str(value).split())[:100], 1
        yield from self._refresh()

    @rx.event
    def sort_by(self, value: str) -> Iterator[EventSpec | None]:
        self.sort, self.page = (value if value in SORTS else PostingSort.NEWEST), 1
        yield from self._refresh()

    @rx.event
    def clear_filters(self) -> Iterator[EventSpec | None]:
        self.status_filter, self.text, self.page = ALL, "", 1
        yield from self._refresh()

    @rx.event
    def next_page(self) -> Iterator[EventSpec | None]:
        self.page += 1
        yield from self._refresh()

    @rx.event
    def previous_page(self) -> Iterator[EventSpec | None]:
        self.page = max(1, self.page - 1)
        yield from self._refresh()

    @rx.event
    def toggle_selected(self, job_id: str, checked: bool) -> None:
        shown = {row["id"] for row in self.rows}
        chosen = set(self.selected) | {job_id} if checked else set(self.selected) - {job_id}
        self.selected = [row["id"] for row in self.rows if row["id"] in chosen & shown]

    @rx.event
    def toggle_all(self, checked: bool) -> None:
        self.selected = [row["id"] for row in self.rows if row["can_close"]] if checked else []

    @rx.event
    def change_status(self, job_id: str, action: str) -> Iterator[EventSpec | None]:
        """A row's Pause, Close, Reopen or Publish; the service checks the step against the table."""
        if action not in DONE:
            return
        self.busy = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                lifecycle.change_status(db, who, job_uuid(job_id), PostingAction(action))
                self._reload(db, who)
        except DomainError as exc:
            yield self._refusal(exc)
        else:
            yield toast_success(DONE[action])
        finally:
            self.busy = False

    @rx.event
    def copy(self, job_id: str) -> Iterator[EventSpec | None]:
        try:
            with session_scope() as db:
                view = postings.copy_posting(db, self.current_principal(db), job_uuid(job_id))
        except DomainError as exc:
            yield self._refusal(exc)
            return
        yield toast_success("Copied. Edit the new draft, then publish it.")
        yield rx.redirect(view.edit_path)

    @rx.event
    def delete_draft(self, job_id: str) -> Iterator[EventSpec | None]:
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                postings.delete_draft(db, who, job_uuid(job_id))
                self._reload(db, who)
        except DomainError as exc:
            yield self._refusal(exc)
            return
        yield toast_info("Draft deleted.")

    @rx.event
    def close_selected(self) -> Iterator[EventSpec | None]:
        if not self.selected:
            yield toast_error("Tick the jobs to close first.")
            return
        self.busy = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                report = lifecycle.bulk_close(db, who, list(self.selected))
                self._reload(db, who)
        except DomainError as exc:
            yield self._refusal(exc)
        else:
            message = bulk_message(len(report.closed), len(report.refused))
            yield toast_info(message) if report.refused else toast_success(message)
        finally:
            self.busy = False
