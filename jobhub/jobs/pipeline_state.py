"""State of ``/employer/jobs/[id]/pipeline``: the board or list, its filters, selection and moves.

Thin, like every employer state: each handler resolves the principal again and makes its
service calls in one transaction; the services check the job's company and the member's role
on the stored rows, so ids the browser sends (a dragged card, checked boxes) reach nothing
outside the company. The job id is read from the URL by ``load`` into the backend var
``_job_id``. State holds only the shown page of cards (25 per column), never every applicant.
Rejection mails wait in the backend var ``_outgoing`` and are sent after commit by a
background event.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any, Final

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.guards import ReloadingState
from jobhub.auth.principal import Principal
from jobhub.companies.employer_area import EmployerState
from jobhub.jobs import pipeline_board, pipeline_moves
from jobhub.jobs.application_rules import STAGE_LABELS
from jobhub.jobs.models import ApplicationStatus
from jobhub.jobs.pipeline_board import ALL_STAGES, COLUMN_SIZE, SORT_LABELS, CandidateFilters, CandidateSort
from jobhub.jobs.pipeline_scope import unique_ids
from jobhub.jobs.posting_scope import NO_SUCH_JOB
from jobhub.jobs.rejection_messages import DEFAULT_TEMPLATE, TEMPLATES, RejectionLetter, template_text
from jobhub.platform import mail
from jobhub.platform.db import session_scope
from jobhub.platform.digits import plain_digits
from jobhub.platform.errors import DomainError, Invalid, NotFound
from jobhub.platform.mail import MailError, Message
from jobhub.ui.feedback import toast_error, toast_info, toast_success

log = logging.getLogger(__name__)

BOARD, LIST = "board", "list"
MAIL_FAILED: Final = "The decision is saved, but its mail could not be sent to every candidate."
MOVE_TARGETS: Final = tuple(
    {"value": stage.value, "label": STAGE_LABELS[stage]}
    for stage in STAGE_LABELS
    if stage not in (ApplicationStatus.OFFERED, ApplicationStatus.WITHDRAWN)
)


def job_uuid(value: object) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound(NO_SUCH_JOB) from exc


def _rating(value: str) -> int:
    return int(value) if plain_digits(value) else 0


class PipelineState(ReloadingState, EmployerState):
    _job_id: str = ""
    _outgoing: list[Message] = []
    _reject_ids: list[str] = []

    not_found: bool = False
    job_title: str = ""
    job_path: str = ""
    view: str = BOARD
    total: int = 0
    columns: list[dict[str, Any]] = []
    list_rows: list[dict[str, Any]] = []
    list_total: int = 0
    list_page: int = 1
    list_pages: int = 1
    skill_options: list[dict[str, str]] = []
    text: str = ""
    skill_id: str = ""
    min_rating: str = "0"
    stage: str = ALL_STAGES
    sort: str = CandidateSort.NEWEST
    selected: list[str] = []
    dragged: str = ""
    busy: bool = False
    reject_open: bool = False
    reject_count: int = 0
    reject_template: str = DEFAULT_TEMPLATE
    reject_message: str = ""
    reject_reason: str = ""
    reject_error: str = ""

    @rx.var
    def filtered(self) -> bool:
        return bool(self.text or self.skill_id or self.min_rating != "0" or self.stage != ALL_STAGES)

    def _filters(self) -> CandidateFilters:
        return CandidateFilters(self.text, self.skill_id, _rating(self.min_rating), self.stage, self.sort)

    def _reload(self, db: Session, who: Principal | None) -> None:
        member = self._load_employer(db, who)
        if member is None or not self._job_id:
            self.not_found = not self._job_id
            return
        job = job_uuid(self._job_id)
        try:
            board = pipeline_board.load_board(db, who, job, self._filters())
        except NotFound:
            self.not_found, self.columns, self.list_rows = True, [], []
            return
        self.not_found = False
        self.job_title, self.total = board.job_title, board.total
        self.job_path = f"/employer/jobs/{board.job_id}"
        self.columns = [dataclasses.asdict(column) for column in board.columns]
        self.skill_options = [{"value": key, "label": name} for key, name in board.skill_options]
        if self.view == LIST:
            page = pipeline_board.list_candidates(db, who, job, self._filters(), page=self.list_page)
            self.list_rows = [dataclasses.asdict(row) for row in page.rows]
            self.list_total, self.list_page, self.list_pages = page.total, page.page, page.pages
        shown = {card["id"] for column in self.columns for card in column["cards"]}
        shown |= {row["id"] for row in self.list_rows}
        self.selected = [card for card in self.selected if card in shown]

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self._job_id = str(self.router.page.params.get("id", ""))
        self.view, self.text, self.skill_id, self.min_rating = BOARD, "", "", "0"
        self.stage, self.sort, self.selected, self.list_page = ALL_STAGES, CandidateSort.NEWEST, [], 1
        self.list_rows, self.reject_open = [], False
        yield from self._refresh()

    @rx.event
    def show_view(self, value: str | list[str]) -> Iterator[EventSpec | None]:
        self.view = LIST if value == LIST else BOARD
        self.list_page = 1
        yield from self._refresh()

    @rx.event
    def search(self, value: str) -> Iterator[EventSpec | None]:
        self.text, self.list_page = " ".join(str(value).split())[:100], 1
        yield from self._refresh()

    @rx.event
    def filter_skill(self, value: str) -> Iterator[EventSpec | None]:
        known = {option["value"] for option in self.skill_options}
        self.skill_id, self.list_page = (value if value in known else ""), 1
        yield from self._refresh()

    @rx.event
    def filter_rating(self, value: str) -> Iterator[EventSpec | None]:
        self.min_rating, self.list_page = (value if value in {"0", "1", "2", "3", "4", "5"} else "0"), 1
        yield from self._refresh()

    @rx.event
    def filter_stage(self, value: str) -> Iterator[EventSpec | None]:
        self.stage, self.list_page = (value if value in STAGE_LABELS else ALL_STAGES), 1
        yield from self._refresh()

    @rx.event
    def sort_by(self, value: str) -> Iterator[EventSpec | None]:
        self.sort, self.list_page = (value if value in SORT_LABELS else CandidateSort.NEWEST), 1
        yield from self._refresh()

    @rx.event
    def clear_filters(self) -> Iterator[EventSpec | None]:
        self.text, self.skill_id, self.min_rating, self.stage, self.list_page = "", "", "0", ALL_STAGES, 1
        yield from self._refresh()

    @rx.event
    def next_page(self) -> Iterator[EventSpec | None]:
        self.list_page += 1
        yield from self._refresh()

    @rx.event
    def previous_page(self) -> Iterator[EventSpec | None]:
        self.list_page = max(1, self.list_page - 1)
        yield from self._refresh()

    @rx.event
    def load_more(self, stage: str) -> Iterator[EventSpec | None]:
        """The next page of one column, appended to the cards it shows."""
        index = next((i for i, column in enumerate(self.columns) if column["stage"] == stage), None)
        if index is None:
            return
        column = self.columns[index]
        try:
            with session_scope() as db:
                cards, more = pipeline_board.stage_page(
                    db,
                    self.current_principal(db),
                    job_uuid(self._job_id),
                    stage,
                    self._filters(),
                    offset=len(column["cards"]),
                    size=COLUMN_SIZE,
                )
        except DomainError as exc:
            yield self._refusal(exc)
            return
        seen = {card["id"] for card in column["cards"]}
        added = [dataclasses.asdict(card) for card in cards if card.id not in seen]
        self.columns[index] = column | {"cards": [*column["cards"], *added], "has_more": more}

    @rx.event
    def toggle_selected(self, application_id: str, checked: bool) -> None:
        chosen = set(self.selected)
        chosen = chosen | {application_id} if checked else chosen - {application_id}
        shown = [card["id"] for column in self.columns for card in column["cards"]]
        shown += [row["id"] for row in self.list_rows if row["id"] not in shown]
        self.selected = [card for card in shown if card in chosen]

    @rx.event
    def clear_selection(self) -> None:
        self.selected = []

    @rx.event
    def drag_start(self, application_id: str) -> None:
        self.dragged = application_id

    @rx.event
    def drop_on(self, stage: str) -> Iterator[EventSpec | None]:
        """A card dropped on a column: a move like the menu's (the rejected column asks for a message)."""
        dragged, self.dragged = self.dragged, ""
        if not dragged:
            return
        if stage == ApplicationStatus.REJECTED:
            yield from self._open_reject([dragged])
            return
        yield from self._move([dragged], stage)

    @rx.event
    def move_selected(self, stage: str) -> Iterator[EventSpec | None]:
        if not self.selected:
            yield toast_error("Tick the candidates to move first.")
            return
        if stage == ApplicationStatus.REJECTED:
            yield from self._open_reject(list(self.selected))
            return
        yield from self._move(list(self.selected), stage)

    @rx.event
    def move_one(self, application_id: str, stage: str) -> Iterator[EventSpec | None]:
        if stage == ApplicationStatus.REJECTED:
            yield from self._open_reject([application_id])
            return
        yield from self._move([application_id], stage)

    def _move(self, ids: list[str], stage: str) -> Iterator[EventSpec | None]:
        self.busy = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                report = pipeline_moves.move_candidates(db, who, ids, stage, context=self._context())
                self._reload(db, who)
        except DomainError as exc:
            yield self._refusal(exc)
            return
        finally:
            self.busy = False
        self.selected = [card for card in self.selected if card not in report.moved]
        yield toast_info(report.summary) if report.refused else toast_success(report.summary)

    def _open_reject(self, ids: list[str]) -> Iterator[EventSpec | None]:
        self._reject_ids = unique_ids(ids)
        self.reject_count = len(self._reject_ids)
        self.reject_template, self.reject_reason, self.reject_error = DEFAULT_TEMPLATE, "", ""
        self.reject_message = template_text(DEFAULT_TEMPLATE)
        self.reject_open = True
        yield

    @rx.event
    def set_reject_open(self, value: bool) -> None:
        self.reject_open = value

    @rx.event
    def choose_template(self, key: str) -> None:
        self.reject_template = key if key in TEMPLATES else DEFAULT_TEMPLATE
        self.reject_message = template_text(self.reject_template)

    @rx.event
    def set_reject_message(self, value: str) -> None:
        self.reject_message = str(value)[:4000]

    @rx.event
    def set_reject_reason(self, value: str) -> None:
        self.reject_reason = str(value)

    @rx.event
    def send_rejection(self) -> Iterator[EventSpec | None]:
        self.busy = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                letter = RejectionLetter(self.reject_message, self.reject_reason)
                report = pipeline_moves.reject_candidates(
                    db, who, list(self._reject_ids), letter, context=self._context()
                )
                self._reload(db, who)
        except Invalid as exc:
            self.reject_error = exc.message
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        finally:
            self.busy = False
        self.reject_open, self.reject_error, self._reject_ids = False, "", []
        self.selected = [card for card in self.selected if card not in report.moved]
        self._outgoing = [*self._outgoing, *report.mails]
        summary = report.summary.replace("Moved", "Rejected")
        yield toast_info(summary) if report.refused else toast_success(summary)
        yield PipelineState.deliver_mail

    @rx.event(background=True)
    async def deliver_mail(self) -> AsyncIterator[EventSpec]:
        """Send the mails this tab's last action queued; a failure is logged and told."""
        async with self:
            waiting, self._outgoing = list(self._outgoing), []
        failed = False
        for message in waiting:
            try:
                await asyncio.to_thread(mail.send, message)
            except (MailError, ValueError):
                log.exception("could not mail %s", message.to)
                failed = True
        if failed:
            yield toast_error(MAIL_FAILED)
