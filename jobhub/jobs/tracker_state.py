"""States of the seeker's tracker: the list ``/applications`` and one application ``/applications/[id]``.

Thin: each handler resolves the principal again and makes its service calls in one
transaction. The application id of the detail page comes from the URL but is only ever looked
up among the seeker's own rows by the service, so a forged id is "not found". The state holds
only what the service returns for the seeker: no team notes, no ratings.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.guards import GuardState, ReloadingState
from jobhub.auth.principal import Principal
from jobhub.jobs import application_tracker as tracker
from jobhub.jobs import applications
from jobhub.jobs.application_tracker import (
    ALL,
    ApplicationDetail,
    InterviewView,
    OfferView,
    TimelineStep,
    TrackerRow,
)
from jobhub.jobs.screening_answers import AnsweredQuestion
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Invalid, NotFound
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_success

FILTERS = {
    ALL: "All",
    tracker.StageFilter.ACTIVE: "Active",
    **{k: v for k, v in tracker.STAGE_LABELS.items()},
}


def _application_id(path: str) -> uuid.UUID:
    """The ``[id]`` of ``/applications/[id]``; anything else is an application that does not exist."""
    tail = path.rstrip("/").removeprefix(f"{nav.APPLICATIONS}/")
    try:
        return uuid.UUID(tail)
    except ValueError as exc:
        raise NotFound(applications.NOT_FOUND) from exc


NO_OFFER = OfferView("", "", "", "", "", False)


class TrackerState(ReloadingState, GuardState):
    items: list[TrackerRow] = []
    stage_filter: str = ALL
    page: int = 1
    page_count: int = 1
    total: int = 0

    def _reload(self, db: Session, who: Principal | None) -> None:
        result = tracker.list_applications(db, who, stage=self.stage_filter, page=self.page)
        self.items, self.total, self.page, self.page_count = (
            result.items,
            result.total,
            result.page,
            result.pages,
        )

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        stage = str(self.router.url.query_parameters.get("stage", ALL))
        self.stage_filter, self.page = stage if stage in FILTERS else ALL, 1
        yield from self._refresh()

    @rx.event
    def filter_by(self, value: str) -> Iterator[EventSpec | None]:
        self.stage_filter, self.page = value if value in FILTERS else ALL, 1
        yield from self._refresh()

    @rx.event
    def next_page(self) -> Iterator[EventSpec | None]:
        self.page += 1
        yield from self._refresh()

    @rx.event
    def previous_page(self) -> Iterator[EventSpec | None]:
        self.page = max(1, self.page - 1)
        yield from self._refresh()


class ApplicationState(ReloadingState, GuardState):
    not_found: bool = False
    application_id: str = ""
    job_title: str = ""
    job_slug: str = ""
    job_open: bool = False
    company_name: str = ""
    company_slug: str = ""
    stage: str = ""
    stage_label: str = ""
    applied_on: str = ""
    no_response: bool = False
    response: str = ""
    cover_letter: str = ""
    resume_name: str = ""
    answers: list[AnsweredQuestion] = []
    timeline: list[TimelineStep] = []
    interviews: list[InterviewView] = []
    has_offer: bool = False
    offer: OfferView = NO_OFFER
    can_withdraw: bool = False
    withdrawal_reason: str = ""
    withdraw_open: bool = False
    reason_error: str = ""
    busy: bool = False

    def _show(self, detail: ApplicationDetail) -> None:
        for name in detail.__dataclass_fields__:
            if name not in ("id", "offer", "offer_waiting"):
                setattr(self, name, getattr(detail, name))
        self.application_id, self.not_found = detail.id, False
        self.has_offer, self.offer = detail.offer is not None, detail.offer or NO_OFFER

    def _reload(self, db: Session, who: Principal | None) -> None:
        try:
            self._show(tracker.application_detail(db, who, _application_id(str(self.router.url.path))))
        except NotFound:
            self.not_found, self.application_id, self.timeline, self.answers = True, "", [], []
            self.has_offer, self.offer, self.interviews = False, NO_OFFER, []

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.withdraw_open, self.reason_error = False, ""
        yield from self._refresh()

    @rx.event
    def set_withdraw_open(self, value: bool) -> None:
        self.withdraw_open, self.reason_error = value, ""

    def _act(self, action: Any, done: str) -> Iterator[EventSpec | None]:
        """Run ``action(db, who, application_id)`` and show the application again, in one transaction."""
        self.busy = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                action(db, who, _application_id(str(self.router.url.path)))
                self._reload(db, who)
        except Invalid as exc:
            self.reason_error = exc.message
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        finally:
            self.busy = False
        self.withdraw_open = False
        yield toast_success(done)

    @rx.event
    def withdraw(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        reason = str(form_data.get("reason") or "")
        yield from self._act(
            lambda db, who, app_id: applications.withdraw(db, who, app_id, reason), "Withdrawn."
        )

    @rx.event
    def accept_offer(self) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who, app_id: applications.answer_offer(db, who, app_id, True),
            "Offer accepted. Congratulations!",
        )

    @rx.event
    def decline_offer(self) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who, app_id: applications.answer_offer(db, who, app_id, False), "Offer declined."
        )
