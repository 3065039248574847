"""State of the candidate panel (the drawer of the pipeline page): one application at a time.

The open application's id stays in the backend var ``_application_id``; every handler sends
it back to a service that checks the company and role again. ``panel`` holds what the
viewing member may see (notes and ratings of their own team included) and is cleared when
the drawer closes. Interview and offer forms arrive as form data and are parsed here into the
services' typed forms; a value that does not parse is an ``Invalid`` for its field.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any, Final

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.jobs import candidate_panel, candidate_reviews, interviews, offers
from jobhub.jobs.candidate_reviews import NO_SUCH_NOTE
from jobhub.jobs.interviews import InterviewForm, InterviewSent
from jobhub.jobs.models import ApplicationStatus
from jobhub.jobs.offers import OfferForm, OfferSent
from jobhub.jobs.pipeline_scope import application_uuid
from jobhub.jobs.pipeline_state import PipelineState
from jobhub.platform.db import session_scope
from jobhub.platform.digits import plain_digits
from jobhub.platform.errors import DomainError, Invalid, NotFound
from jobhub.ui.feedback import toast_success

TABS: Final = ("profile", "resume", "answers", "notes", "ratings", "interviews", "offer", "timeline")


def _text(form: dict[str, Any], key: str) -> str:
    return str(form.get(key) or "").strip()


def parse_interview(form: dict[str, Any]) -> InterviewForm:
    """The interview form's fields; the time is read as UTC (the form says so)."""
    try:
        starts = datetime.fromisoformat(_text(form, "starts_at")).replace(tzinfo=UTC)
    except ValueError:
        raise Invalid("starts_at", "Give the interview's date and time.") from None
    duration = _text(form, "duration")
    if not plain_digits(duration):
        raise Invalid("duration", "Give the length in minutes.")
    return InterviewForm(
        starts, int(duration), _text(form, "location"), _text(form, "meeting_url"), _text(form, "details")
    )


def _day(form: dict[str, Any], key: str, message: str) -> date:
    try:
        return date.fromisoformat(_text(form, key))
    except ValueError:
        raise Invalid(key, message) from None


def parse_offer(form: dict[str, Any]) -> OfferForm:
    amount = _text(form, "amount").replace(",", "").replace(" ", "")
    if not plain_digits(amount) or len(amount) > 12:
        raise Invalid("amount", "Give the salary as a whole amount above zero.")
    return OfferForm(
        int(amount),
        _text(form, "currency"),
        _text(form, "period"),
        _day(form, "start_date", "Give the start date."),
        _day(form, "expires_on", "Give the day the offer expires."),
        _text(form, "note"),
    )


def _note_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound(NO_SUCH_NOTE) from None


def interview_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound(interviews.NO_SUCH_INTERVIEW) from None


class CandidateState(PipelineState):
    _application_id: str = ""

    panel_open: bool = False
    panel_loading: bool = False
    panel: dict[str, Any] = {}
    panel_tab: str = "profile"
    editing_note: str = ""
    note_key: int = 0
    interview_error: str = ""
    interview_field: str = ""
    rescheduling: str = ""
    offer_error: str = ""
    offer_field: str = ""

    def _show_panel(self, db: Session, who: Principal | None) -> None:
        view = candidate_panel.load_candidate(db, who, application_uuid(self._application_id))
        self.panel = dataclasses.asdict(view)

    @rx.event
    def open_candidate(self, application_id: str) -> Iterator[EventSpec | None]:
        self._application_id = str(application_id)
        self.panel_open, self.panel_loading, self.panel_tab = True, True, "profile"
        self.panel, self.editing_note, self.rescheduling = {}, "", ""
        self.interview_error = self.offer_error = ""
        yield
        try:
            yield from self._load_panel()
        finally:
            self.panel_loading = False

    def _load_panel(self) -> Iterator[EventSpec | None]:
        """The open application again; one the member may no longer see closes the drawer."""
        try:
            with session_scope() as db:
                self._show_panel(db, self.current_principal(db))
        except DomainError as exc:
            self.panel_open = False
            yield self._refusal(exc)

    @rx.event
    def set_panel_open(self, value: bool) -> None:
        self.panel_open = value
        if not value:
            self.panel, self._application_id = {}, ""

    @rx.event
    def show_tab(self, value: str) -> None:
        self.panel_tab = value if value in TABS else "profile"

    @rx.event
    def refresh_panel(self) -> Iterator[EventSpec | None]:
        """Chained after a board move or rejection, so an open drawer shows the new stage."""
        if self.panel_open and self._application_id:
            yield from self._load_panel()

    def _panel_act(
        self, action: Callable[[Session, Principal | None, uuid.UUID], object], done: str
    ) -> Iterator[EventSpec | None]:
        """``action`` on the open application, then the panel and the board again, in one transaction."""
        self.busy = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                result = action(db, who, application_uuid(self._application_id))
                self._show_panel(db, who)
                self._reload(db, who)
        except Invalid as exc:
            self._field_error(exc)
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        finally:
            self.busy = False
        self.interview_error = self.interview_field = self.offer_error = self.offer_field = ""
        if isinstance(result, InterviewSent | OfferSent) and result.mail is not None:
            self._outgoing = [*self._outgoing, result.mail]
            yield PipelineState.deliver_mail
        yield toast_success(done)

    def _field_error(self, exc: Invalid) -> None:
        if self.panel_tab == "offer":
            self.offer_error, self.offer_field = exc.message, exc.field
        elif self.panel_tab == "interviews":
            self.interview_error, self.interview_field = exc.message, exc.field
        else:
            self.interview_error = exc.message

    @rx.event
    def add_note(self, form: dict[str, Any]) -> Iterator[EventSpec | None]:
        body = str(form.get("note") or "")
        self.note_key += 1
        yield from self._panel_act(
            lambda db, who, app: candidate_reviews.add_note(db, who, app, body), "Note saved."
        )

    @rx.event
    def start_edit_note(self, note_id: str) -> None:
        self.editing_note = str(note_id)

    @rx.event
    def cancel_edit_note(self) -> None:
        self.editing_note = ""

    @rx.event
    def save_note(self, form: dict[str, Any]) -> Iterator[EventSpec | None]:
        note, body, self.editing_note = _note_uuid(self.editing_note or "-"), str(form.get("note") or ""), ""
        yield from self._panel_act(
            lambda db, who, _app: candidate_reviews.edit_note(db, who, note, body), "Note saved."
        )

    @rx.event
    def delete_note(self, note_id: str) -> Iterator[EventSpec | None]:
        note = _note_uuid(note_id)
        yield from self._panel_act(
            lambda db, who, _app: candidate_reviews.delete_note(db, who, note), "Note deleted."
        )

    @rx.event
    def rate(self, value: int) -> Iterator[EventSpec | None]:
        rating = int(value) if plain_digits(str(value)) else 0
        yield from self._panel_act(
            lambda db, who, app: candidate_reviews.rate_candidate(db, who, app, rating), "Rating saved."
        )

    @rx.event
    def schedule_interview(self, form: dict[str, Any]) -> Iterator[EventSpec | None]:
        try:
            parsed = parse_interview(form)
        except Invalid as exc:
            self.interview_error, self.interview_field = exc.message, exc.field
            return
        if self.rescheduling:
            interview, self.rescheduling = self.rescheduling, ""
            yield from self._panel_act(
                lambda db, who, _app: interviews.reschedule_interview(
                    db, who, interview_uuid(interview), parsed, context=self._context()
                ),
                "Interview moved; the candidate gets the new time.",
            )
            return
        yield from self._panel_act(
            lambda db, who, app: interviews.schedule_interview(db, who, app, parsed, context=self._context()),
            "Interview set; the candidate gets an invitation.",
        )

    @rx.event
    def start_reschedule(self, interview_id: str) -> None:
        known = {row["id"] for row in self.panel.get("interviews", [])}
        self.rescheduling = interview_id if interview_id in known else ""

    @rx.event
    def cancel_reschedule(self) -> None:
        self.rescheduling = ""

    @rx.event
    def cancel_interview(self, interview_id: str) -> Iterator[EventSpec | None]:
        yield from self._panel_act(
            lambda db, who, _app: interviews.cancel_interview(
                db, who, interview_uuid(interview_id), context=self._context()
            ),
            "Interview cancelled; the candidate is told.",
        )

    @rx.event
    def make_offer(self, form: dict[str, Any]) -> Iterator[EventSpec | None]:
        try:
            parsed = parse_offer(form)
        except Invalid as exc:
            self.offer_error, self.offer_field = exc.message, exc.field
            return
        yield from self._panel_act(
            lambda db, who, app: offers.make_offer(db, who, app, parsed, context=self._context()),
            "Offer made; the candidate answers on their tracker.",
        )

    @rx.event
    def withdraw_offer(self) -> Iterator[EventSpec | None]:
        yield from self._panel_act(
            lambda db, who, app: offers.withdraw_offer(db, who, app, context=self._context()),
            "Offer withdrawn.",
        )

    @rx.event
    def move_open(self, stage: str) -> Iterator[EventSpec | None]:
        """The panel's own "Move to…" (rejecting asks for the message, as on the board)."""
        if stage == ApplicationStatus.REJECTED:
            yield from self._open_reject([self._application_id])
            return
        yield from self._move([self._application_id], stage)
        yield CandidateState.refresh_panel
