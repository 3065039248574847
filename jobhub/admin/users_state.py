"""State of ``/admin/users``: one page of accounts, the selected account, and the action forms.

Thin by design: each handler resolves the principal again, makes one service call in one
transaction and maps the answer to plain strings. Only what an administrator may see gets
here (the service's views carry no hash, secret or token); the selected id is a string the
browser may change at will, which is fine because the service checks the caller and answers
``NotFound`` for anything that is not a live account.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth import admin_user_actions as actions
from jobhub.auth import admin_users as service
from jobhub.auth.admin_users import UserDetail, UserFilters, UserPage
from jobhub.auth.authorization import holds_admin_role
from jobhub.auth.guards import GuardState, ReloadingState
from jobhub.auth.principal import Principal
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Invalid, NotFound
from jobhub.ui.feedback import toast_success

ANY = "all"
NEVER = "never"
USER_TYPES = (ANY, "job_seeker", "employer", "admin")
STATUSES = (ANY, "active", "suspended", "banned", "pending_verification")


def when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else NEVER


def row_view(row: service.UserRow) -> dict[str, str]:
    return {
        "id": str(row.id),
        "name": row.name,
        "email": row.email,
        "user_type": row.user_type,
        "status": row.status,
        "created_at": when(row.created_at),
        "last_login_at": when(row.last_login_at),
    }


def detail_view(detail: UserDetail) -> dict[str, str]:
    return {
        "id": str(detail.id),
        "name": detail.name,
        "email": detail.email,
        "user_type": detail.user_type,
        "status": detail.status,
        "email_verified": "yes" if detail.email_verified else "no",
        "created_at": when(detail.created_at),
        "last_login_at": when(detail.last_login_at),
        "mfa": "on" if detail.mfa_enabled else "off",
        "active_sessions": str(detail.active_sessions),
    }


def parse_expiry(value: str) -> datetime | None:
    """The form's ``datetime-local`` value, read as UTC (the field says so); empty means permanent."""
    text = service.clean_text(value, 40)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise Invalid("expires_at", "Give the expiry as a date and time.") from exc
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


class AdminUsersState(ReloadingState, GuardState):
    search: str = ""
    user_type_filter: str = ANY
    status_filter: str = ANY
    page: int = 1
    page_count: int = 1
    total: int = 0
    rows: list[dict[str, str]] = []
    busy: bool = False

    selected_id: str = ""
    selected: dict[str, str] = {}
    roles: list[dict[str, str]] = []
    audit: list[dict[str, str]] = []
    role_options: list[str] = []
    # Roles are changed by admins only; moderators see them without the controls.
    can_manage_roles: bool = False

    reason: str = ""
    reason_error: str = ""
    role_error: str = ""
    expires_error: str = ""

    def _filters(self) -> UserFilters:
        return UserFilters(
            search=self.search,
            user_type="" if self.user_type_filter == ANY else self.user_type_filter,
            status="" if self.status_filter == ANY else self.status_filter,
        )

    def _show_page(self, result: UserPage) -> None:
        self.rows = [row_view(row) for row in result.rows]
        self.total, self.page, self.page_count = result.total, result.page, result.page_count

    def _show_detail(self, detail: UserDetail | None) -> None:
        if detail is None:
            self.selected_id, self.selected, self.roles, self.audit = "", {}, [], []
            return
        self.selected_id = str(detail.id)
        self.selected = detail_view(detail)
        self.roles = [
            {
                "role": grant.role,
                "assigned_at": when(grant.assigned_at),
                "assigned_by": grant.assigned_by,
                "expires_at": f"expires {when(grant.expires_at)}" if grant.expires_at else "no expiry",
                "state": "active" if grant.active else "expired",
            }
            for grant in detail.roles
        ]
        self.audit = [
            {"action": entry.action, "at": when(entry.at), "actor": entry.actor, "summary": entry.summary}
            for entry in detail.audit
        ]

    def _reload(self, db: Session, who: Principal | None) -> None:
        self._show_page(service.list_users(db, who, self._filters(), self.page))

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        """After the guard admitted the visitor: the first page, filtered by ``?q=`` when given."""
        self.search = service.clean_text(self.router.url.query_parameters.get("q", ""), service.SEARCH_MAX)
        self.page = 1
        self._show_detail(None)
        self.loading = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                self._reload(db, who)
                self.role_options = service.role_names(db)
                self.can_manage_roles = who is not None and holds_admin_role(who)
        except DomainError as exc:
            yield self._refusal(exc)
        finally:
            self.loading = False

    @rx.event
    def apply_filters(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        self.search = service.clean_text(str(form_data.get("search", "")), service.SEARCH_MAX)
        self.user_type_filter = str(form_data.get("user_type") or ANY)
        self.status_filter = str(form_data.get("status") or ANY)
        self.page = 1
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
    def select_user(self, user_id: str) -> EventSpec | None:
        self.reason, self.reason_error, self.role_error, self.expires_error = "", "", "", ""
        try:
            with session_scope() as db:
                detail = service.user_detail(db, self.current_principal(db), _uuid(user_id))
        except DomainError as exc:
            self._show_detail(None)
            return self._refusal(exc)
        self._show_detail(detail)
        return None

    @rx.event
    def close_detail(self) -> None:
        self._show_detail(None)

    @rx.event
    def set_reason(self, value: str) -> None:
        self.reason = value[: actions.REASON_MAX + 100]
        self.reason_error = ""

    def _act(
        self, action: Callable[[Session, Principal | None], UserDetail], done: str
    ) -> Iterator[EventSpec | None]:
        """One action in one transaction; a field error stays next to its field, the rest is a toast."""
        self.busy = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                detail = action(db, who)
                self._reload(db, who)
        except Invalid as exc:
            self._show_field_error(exc)
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        finally:
            self.busy = False
        self._show_detail(detail)
        self.reason, self.reason_error, self.role_error, self.expires_error = "", "", "", ""
        yield toast_success(done)

    def _show_field_error(self, exc: Invalid) -> None:
        if exc.field == "reason":
            self.reason_error = exc.message
        elif exc.field == "expires_at":
            self.expires_error = exc.message
        else:
            self.role_error = exc.message

    def _selected_id(self) -> uuid.UUID:
        return _uuid(self.selected_id)

    @rx.event
    def suspend(self) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who: actions.suspend_user(db, who, self._selected_id(), self.reason, self._context()),
            "Account suspended; its sessions were signed out.",
        )

    @rx.event
    def ban(self) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who: actions.ban_user(db, who, self._selected_id(), self.reason, self._context()),
            "Account banned; its sessions were signed out.",
        )

    @rx.event
    def reactivate(self) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who: actions.reactivate_user(
                db, who, self._selected_id(), self.reason, self._context()
            ),
            "Account reactivated.",
        )

    @rx.event
    def assign_role(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        self.role_error, self.expires_error = "", ""
        role = str(form_data.get("role") or "")
        try:
            expires_at = parse_expiry(str(form_data.get("expires_at") or ""))
        except Invalid as exc:
            self.expires_error = exc.message
            return
        yield from self._act(
            lambda db, who: actions.assign_role(
                db, who, self._selected_id(), role, self._context(), expires_at=expires_at
            ),
            f"Role {service.clean_text(role, 50)} assigned.",
        )

    @rx.event
    def remove_role(self, role: str) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who: actions.remove_role(db, who, self._selected_id(), role, self._context()),
            f"Role {service.clean_text(role, 50)} removed.",
        )


def _uuid(value: str) -> uuid.UUID:
    """An id from the browser; anything that is not one is simply an account that does not exist."""
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound("That account does not exist.") from exc
