""" "Save this search as an alert": a button and dialog any page showing a search can drop in.

Use it in two steps, on the page's own state and in its component tree::

    from jobhub.jobs.alert_dialog import SaveAlertMixin, save_alert_button

    class SearchState(SaveAlertMixin, AuthState):     # the mixin first, next to the real parent
        def alert_search_query(self) -> dict[str, str]:
            return self._params.to_query()             # optional: the default reads the page URL

    save_alert_button(SearchState)                     # once per page: it brings the dialog too

The button opens the dialog with a name made from the search (``SearchParams.describe()``)
and a frequency (daily unless changed); saving calls ``alerts.create_alert`` and offers a
link to ``/alerts``. The search comes from ``alert_search_query()`` on the server, whose
default is the page's own query string (the search page keeps its whole state in the URL),
so nothing the dialog sends decides which search is saved. Anonymous visitors see a prompt
to sign in that comes back to this very page; employers and admins are told alerts are for
job seekers. A refusal (the 20-alert limit, a duplicate, a bad name) shows in the dialog.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.guards import current_path_and_query, login_url
from jobhub.auth.state import AuthState
from jobhub.jobs import alerts
from jobhub.jobs.alerts import FREQUENCY_LABELS, NAME_MAX
from jobhub.jobs.models import SENDING_FREQUENCIES, AlertFrequency
from jobhub.jobs.search_params import SearchParams
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_error, toast_success
from jobhub.ui.forms import field_ids, form_field, submit_button
from jobhub.ui.page_parts import message_callout
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

SEEKERS_ONLY = "Job alerts are for job seeker accounts."
CREATED_MESSAGE = "Alert saved. New jobs for this search will come by e-mail."


class SaveAlertMixin(AuthState, mixin=True):
    """The dialog's state; see the module docstring for how a page mixes it in."""

    alert_dialog_open: bool = False
    alert_sign_in_url: str = ""
    alert_summary: str = ""
    alert_name: str = ""
    alert_frequency: str = AlertFrequency.DAILY
    alert_error: str = ""

    def alert_search_query(self) -> dict[str, str]:
        """The search to save, as URL parameters; pages that hold it elsewhere override this."""
        return {str(key): str(value) for key, value in self.router.url.query_parameters.items()}

    @rx.event
    def open_alert_dialog(self) -> EventSpec | None:
        principal = self.current_principal()
        url = self.router.url
        self.alert_sign_in_url = "" if principal else login_url(current_path_and_query(url.path, url.query))
        if principal is not None and not principal.is_job_seeker:
            return toast_error(SEEKERS_ONLY)
        params = SearchParams.from_query(self.alert_search_query())
        self.alert_summary = params.describe()
        self.alert_name = self.alert_summary[:NAME_MAX]
        self.alert_frequency = AlertFrequency.DAILY
        self.alert_error = ""
        self.alert_dialog_open = True
        return None

    @rx.event
    def set_alert_dialog_open(self, value: bool) -> None:
        self.alert_dialog_open = bool(value)

    @rx.event
    def set_alert_frequency(self, value: str) -> None:
        self.alert_frequency = value if value in SENDING_FREQUENCIES else AlertFrequency.DAILY

    @rx.event
    def save_alert(self, form_data: dict[str, Any]) -> EventSpec | None:
        self.alert_error = ""
        self.alert_name = str(form_data.get("name") or "")[: NAME_MAX * 2]
        try:
            with session_scope() as db:
                alerts.create_alert(
                    db,
                    self.current_principal(db),
                    self.alert_search_query(),
                    name=self.alert_name,
                    frequency=self.alert_frequency,
                )
        except SignInRequired:
            url = self.router.url
            self.alert_sign_in_url = login_url(current_path_and_query(url.path, url.query))
            return None
        except DomainError as exc:
            self.alert_error = exc.message
            return None
        self.alert_dialog_open = False
        return toast_success(
            CREATED_MESSAGE, action={"label": "View alerts", "on_click": rx.redirect(nav.ALERTS)}
        )


def frequency_select(value: rx.Var[str], on_change: Any) -> rx.Component:
    """The labelled immediate/daily/weekly choice of this dialog and of the alerts page's edit form."""
    input_id = field_ids("frequency")[0]
    return rx.flex(
        rx.el.label("How often", html_for=input_id, font_weight="500"),
        rx.select.root(
            rx.select.trigger(id=input_id, width="100%"),
            rx.select.content(
                *[rx.select.item(FREQUENCY_LABELS[choice], value=choice) for choice in SENDING_FREQUENCIES]
            ),
            value=value,
            on_change=on_change,
            size="3",
        ),
        direction="column",
        spacing=SPACE_TIGHT,
        width="100%",
    )


def _form(state: type[SaveAlertMixin]) -> rx.Component:
    return rx.form(
        rx.flex(
            message_callout(state.alert_error, error=True, element_id="save-alert-error"),
            form_field(
                "Alert name",
                "name",
                default_value=state.alert_name,
                key=state.alert_summary,
                max_length=NAME_MAX,
                help_text="Shown in the subject of every mail.",
            ),
            frequency_select(state.alert_frequency, state.set_alert_frequency),
            rx.flex(
                rx.dialog.close(rx.button("Cancel", type="button", variant="soft", color_scheme="gray")),
                submit_button("Save alert"),
                spacing=SPACE_TIGHT,
                justify="end",
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        on_submit=state.save_alert,
        reset_on_submit=False,
    )


def _sign_in_prompt(state: type[SaveAlertMixin]) -> rx.Component:
    return rx.flex(
        rx.text("Sign in with a job seeker account to get new jobs for this search by e-mail."),
        rx.flex(
            rx.dialog.close(rx.button("Not now", type="button", variant="soft", color_scheme="gray")),
            rx.button(rx.link("Sign in", href=state.alert_sign_in_url, underline="none"), as_child=True),
            spacing=SPACE_TIGHT,
            justify="end",
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def save_alert_button(state: type[SaveAlertMixin], **button_props: Any) -> rx.Component:
    """The button and its dialog, bound to ``state`` (a page state that mixes in ``SaveAlertMixin``)."""
    button_props.setdefault("variant", "soft")
    return rx.fragment(
        rx.button(
            rx.icon("bell-plus", size=16, aria_hidden="true"),
            "Save this search as an alert",
            on_click=state.open_alert_dialog,
            type="button",
            **button_props,
        ),
        rx.dialog.root(
            rx.dialog.content(
                rx.dialog.title("Save this search as an alert"),
                rx.dialog.description(state.alert_summary, color=TEXT_MUTED, margin_bottom="1rem"),
                rx.cond(state.alert_sign_in_url != "", _sign_in_prompt(state), _form(state)),
                max_width="28rem",
            ),
            open=state.alert_dialog_open,
            on_open_change=state.set_alert_dialog_open,
        ),
    )
