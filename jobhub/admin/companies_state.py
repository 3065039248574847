"""State of ``/admin/companies``: the verification queue, the latest decisions, and the decision dialog.

Thin: each handler resolves the principal again and makes one service call in one transaction;
the decision's mail leaves after that transaction commits. The dialog's target is an id the
browser may change at will, which is fine: the services check the admin role and answer
``NotFound`` or ``Conflict`` for anything that is not a pending request (or a verified company).
An account that is not an administrator (a moderator) is sent to ``/forbidden`` on load.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.guards import GuardState, ReloadingState
from jobhub.auth.principal import Principal
from jobhub.companies import verification_queue as queue
from jobhub.companies import verification_review as review
from jobhub.companies.verification_mail import send_decision_mail
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Forbidden, Invalid, NotFound
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_success


class DecisionKind(StrEnum):
    VERIFY = "verify"
    REFUSE = "refuse"
    REVOKE = "revoke"


DONE_MESSAGES = {
    DecisionKind.VERIFY: "{company} is verified; the team has been told.",
    DecisionKind.REFUSE: "Request refused; the team can read your reason.",
    DecisionKind.REVOKE: "The badge of {company} was removed; the team has been told.",
}


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound(review.NO_SUCH_REQUEST) from exc


class AdminCompaniesState(ReloadingState, GuardState):
    items: list[dict[str, Any]] = []
    total: int = 0
    page: int = 1
    page_count: int = 1
    recent: list[dict[str, Any]] = []

    dialog_open: bool = False
    dialog_kind: str = ""
    dialog_company: str = ""
    dialog_error: str = ""
    busy: bool = False
    _dialog_target: str = ""

    def _reload(self, db: Session, who: Principal | None) -> None:
        result = queue.verification_queue(db, who, self.page)
        self.items = [dataclasses.asdict(item) for item in result.items]
        self.total, self.page, self.page_count = result.total, result.page, result.pages
        self.recent = [dataclasses.asdict(item) for item in queue.recent_decisions(db, who)]

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.page, self.dialog_open = 1, False
        self.loading = True
        yield
        try:
            with session_scope() as db:
                self._reload(db, self.current_principal(db))
        except SignInRequired as exc:
            yield self._refusal(exc)
        except Forbidden:
            yield rx.redirect(nav.FORBIDDEN, replace=True)
        except DomainError as exc:
            yield self._refusal(exc)
        finally:
            self.loading = False

    @rx.event
    def next_page(self) -> Iterator[EventSpec | None]:
        self.page += 1
        yield from self._refresh()

    @rx.event
    def previous_page(self) -> Iterator[EventSpec | None]:
        self.page = max(1, self.page - 1)
        yield from self._refresh()

    @rx.event
    def open_decision(self, kind: str, target_id: str) -> None:
        """The dialog for one decision; the company's name is read from the rows this page holds."""
        rows = self.recent if kind == DecisionKind.REVOKE else self.items
        key = "company_id" if kind == DecisionKind.REVOKE else "id"
        row = next((row for row in rows if row[key] == target_id), None)
        if row is None or kind not in {member.value for member in DecisionKind}:
            return
        self.dialog_kind, self._dialog_target = kind, target_id
        self.dialog_company, self.dialog_error = str(row["company_name"]), ""
        self.dialog_open = True

    @rx.event
    def set_dialog_open(self, value: bool) -> None:
        self.dialog_open = bool(value)

    def _decide(self, db: Session, who: Principal | None, text: str) -> review.Decision:
        context, target = self._context(), _uuid(self._dialog_target)
        if self.dialog_kind == DecisionKind.VERIFY:
            return review.verify_company(db, who, target, text, context=context)
        if self.dialog_kind == DecisionKind.REFUSE:
            return review.refuse_verification(db, who, target, text, context=context)
        return review.revoke_verification(db, who, target, text, context=context)

    @rx.event
    def decide(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        """The decision in one transaction with the page's reload; the mail after it commits."""
        self.dialog_error, self.busy = "", True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                decision = self._decide(db, who, str(form_data.get("text") or ""))
                self._reload(db, who)
        except Invalid as exc:
            self.dialog_error = exc.message
            return
        except DomainError as exc:
            self.dialog_open, self.busy = False, False
            yield self._refusal(exc)
            yield from self._refresh()
            return
        finally:
            self.busy = False
        send_decision_mail(decision.mail)
        self.dialog_open = False
        yield toast_success(
            DONE_MESSAGES[DecisionKind(self.dialog_kind)].format(company=decision.company_name)
        )
