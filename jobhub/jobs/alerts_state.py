"""State of ``/alerts``: the seeker's job alerts as plain rows, and one service call per action.

Every handler resolves the principal again and passes the browser's alert id to the service,
which looks it up among the principal's own alerts only: a forged id is "not found".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.guards import GuardState, ReloadingState
from jobhub.auth.principal import Principal
from jobhub.jobs import alerts
from jobhub.jobs.alerts import AlertView
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Invalid
from jobhub.ui.feedback import toast_success

NEVER_SENT = "Not yet"


def format_sent(moment: datetime | None) -> str:
    return moment.strftime("%d %b %Y, %H:%M UTC") if moment else NEVER_SENT


def alert_row(view: AlertView) -> dict[str, Any]:
    """An alert as ``rx.foreach`` renders it: strings, a flag and a count."""
    return {
        "id": view.id,
        "name": view.name,
        "summary": view.summary,
        "frequency": view.frequency,
        "frequency_label": view.frequency_label,
        "is_active": view.is_active,
        "last_sent": format_sent(view.last_sent_at),
        "new_job_count": view.new_job_count,
        "search_url": view.search_url,
    }


class AlertsState(ReloadingState, GuardState):
    alerts: list[dict[str, Any]] = []
    # The alert whose name and frequency are being edited, and that form's error.
    editing_id: str = ""
    edit_frequency: str = ""
    edit_error: str = ""

    def _reload(self, db: Session, who: Principal | None) -> None:
        self.alerts = [alert_row(view) for view in alerts.list_alerts(db, who)]

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.editing_id = ""
        yield from self._refresh()

    @rx.event
    def start_edit(self, alert_id: str) -> None:
        row = next((row for row in self.alerts if row["id"] == alert_id), None)
        if row is None:
            return
        self.editing_id = str(alert_id)
        self.edit_frequency = str(row["frequency"])
        self.edit_error = ""

    @rx.event
    def cancel_edit(self) -> None:
        self.editing_id = ""

    @rx.event
    def set_edit_frequency(self, value: str) -> None:
        self.edit_frequency = value

    @rx.event
    def save_edit(self, form_data: dict[str, Any]) -> EventSpec | None:
        self.edit_error = ""
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                alerts.update_alert(
                    db,
                    who,
                    self.editing_id,
                    name=str(form_data.get("name") or ""),
                    frequency=self.edit_frequency,
                )
                self._reload(db, who)
        except Invalid as exc:
            self.edit_error = exc.message
            return None
        except DomainError as exc:
            return self._refusal(exc)
        self.editing_id = ""
        return toast_success("Alert updated.")

    @rx.event
    def set_active(self, alert_id: str, active: bool) -> EventSpec | None:
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                view = alerts.set_active(db, who, str(alert_id), bool(active))
                self._reload(db, who)
        except DomainError as exc:
            return self._refusal(exc)
        return toast_success(f'"{view.name}" is on again.' if view.is_active else f'"{view.name}" is paused.')

    @rx.event
    def delete(self, alert_id: str) -> EventSpec | None:
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                alerts.delete_alert(db, who, str(alert_id))
                self._reload(db, who)
        except DomainError as exc:
            return self._refusal(exc)
        if self.editing_id == alert_id:
            self.editing_id = ""
        return toast_success("Alert deleted.")
