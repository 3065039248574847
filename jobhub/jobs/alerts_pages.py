"""``/alerts``: a job seeker's job alerts, each a saved search that mails its new jobs.

One card per alert: its name, the search in words, how often it mails, when it last ran and
how many jobs that mail held, a link that opens the search, a switch that pauses and
resumes it, an inline form for name and frequency, and delete behind a confirmation. With
no alert yet, the page explains where alerts come from: the search page's "Save this search
as an alert". Guarded for signed-in job seekers; the service checks again on every action.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.jobs.alert_dialog import frequency_select
from jobhub.jobs.alerts import NAME_MAX
from jobhub.jobs.alerts_state import AlertsState
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, confirm_dialog, empty_state
from jobhub.ui.forms import form_field, submit_button
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import message_callout
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

LIST_LABEL = "Your job alerts"


def _edit_form(item: rx.Var) -> rx.Component:
    return rx.form(
        rx.flex(
            message_callout(AlertsState.edit_error, error=True, element_id="alert-edit-error"),
            form_field("Alert name", "name", default_value=item["name"].to(str), max_length=NAME_MAX),
            frequency_select(AlertsState.edit_frequency, AlertsState.set_edit_frequency),
            rx.flex(
                rx.button(
                    "Cancel",
                    type="button",
                    variant="soft",
                    color_scheme="gray",
                    on_click=AlertsState.cancel_edit,
                ),
                submit_button("Save changes"),
                spacing=SPACE_TIGHT,
                justify="end",
            ),
            direction="column",
            spacing="3",
        ),
        on_submit=AlertsState.save_edit,
        reset_on_submit=False,
        aria_label="Alert name and frequency",
        width="100%",
    )


def _facts(item: rx.Var) -> rx.Component:
    return rx.flex(
        rx.text(
            rx.icon("clock", size=12, aria_hidden="true"), " ", item["frequency_label"].to(str), size="2"
        ),
        rx.text("Last sent: ", item["last_sent"].to(str), size="2", color=TEXT_MUTED),
        rx.text(
            item["new_job_count"].to(str),
            " new jobs in the last mail",
            size="2",
            color=TEXT_MUTED,
            data_testid="alert-new-jobs",
        ),
        spacing="3",
        wrap="wrap",
    )


def _actions(item: rx.Var) -> rx.Component:
    name = item["name"].to(str)
    return rx.flex(
        rx.button(
            rx.link(
                rx.icon("search", size=14, aria_hidden="true"), "See jobs", href=item["search_url"].to(str)
            ),
            as_child=True,
            variant="soft",
            size="1",
        ),
        rx.button(
            rx.icon("pencil", size=14, aria_hidden="true"),
            "Edit",
            variant="soft",
            size="1",
            on_click=AlertsState.start_edit(item["id"]),
            aria_label="Edit " + name,
        ),
        confirm_dialog(
            rx.button(
                rx.icon("trash-2", size=14, aria_hidden="true"),
                "Delete",
                variant="soft",
                color_scheme="red",
                size="1",
                aria_label="Delete " + name,
            ),
            title="Delete this alert?",
            description="It stops mailing at once and cannot be brought back; you can save the search again.",
            confirm_label="Delete alert",
            on_confirm=AlertsState.delete(item["id"]),
        ),
        spacing=SPACE_TIGHT,
        wrap="wrap",
    )


def _switch(item: rx.Var) -> rx.Component:
    switch_id = "alert-active-" + item["id"].to(str)
    return rx.flex(
        rx.switch(
            id=switch_id,
            checked=item["is_active"].to(bool),
            on_change=lambda checked: AlertsState.set_active(item["id"], checked),
            aria_label="Mail me new jobs for " + item["name"].to(str),
        ),
        rx.el.label(
            rx.cond(item["is_active"].to(bool), "On", "Paused"), html_for=switch_id, font_size="0.875rem"
        ),
        spacing=SPACE_TIGHT,
        align="center",
    )


def alert_card(item: rx.Var) -> rx.Component:
    editing = AlertsState.editing_id == item["id"].to(str)
    return rx.el.li(
        rx.card(
            rx.flex(
                rx.flex(
                    rx.heading(item["name"].to(str), as_="h2", size="4"),
                    _switch(item),
                    justify="between",
                    align="start",
                    spacing=SPACE_DEFAULT,
                ),
                rx.text(item["summary"].to(str), color=TEXT_MUTED, size="2"),
                rx.cond(editing, _edit_form(item), rx.fragment(_facts(item), _actions(item))),
                direction="column",
                spacing=SPACE_TIGHT,
            ),
            width="100%",
            opacity=rx.cond(item["is_active"].to(bool), "1", "0.75"),
        ),
        list_style="none",
        data_testid="job-alert",
    )


def _empty() -> rx.Component:
    return empty_state(
        "No job alerts yet",
        "Search for jobs with the keywords and filters you care about, then choose "
        "“Save this search as an alert”. New matches come by e-mail as they are posted, daily or weekly.",
        icon="bell",
        action=button_link("Search jobs", nav.JOBS, icon="search"),
    )


def alerts_page() -> rx.Component:
    return page_layout(
        rx.flex(
            rx.heading("Job alerts", as_="h1", size="7"),
            rx.text(
                "Each alert mails the new jobs of a saved search. Pause one to stop its mail for a while, "
                "or change how often it comes. ",
                text_link("Find jobs to watch", nav.JOBS),
                color=TEXT_MUTED,
            ),
            rx.cond(
                AlertsState.loading,
                card_skeletons(3, label="Loading your alerts"),
                rx.cond(
                    AlertsState.alerts.length() > 0,
                    rx.el.ul(
                        rx.foreach(AlertsState.alerts, alert_card),
                        aria_label=LIST_LABEL,
                        display="flex",
                        flex_direction="column",
                        gap="0.75rem",
                        padding="0",
                        margin="0",
                    ),
                    _empty(),
                ),
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
            width="100%",
        )
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.ALERTS,
        alerts_page,
        "Job alerts",
        only_for(UserType.JOB_SEEKER),
        on_load=AlertsState.load,
        description="Your saved searches that mail new jobs.",
    ),
)
