"""The seeker's tracker: ``/applications`` (every application, filtered by stage, paged) and
``/applications/[id]`` (the timeline, interviews, the offer with accept and decline, withdraw).

An application the team has not answered for 21 days carries a "No response" badge, and each
row says how fast the company usually answers, so silence is visible. Guarded for job seekers;
the services check again on every action.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.jobs.applications import REASON_MAX
from jobhub.jobs.tracker_state import FILTERS
from jobhub.jobs.tracker_state import ApplicationState as A
from jobhub.jobs.tracker_state import TrackerState as T
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, confirm_dialog, empty_state
from jobhub.ui.forms import field_ids, form_field, submit_button
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import loading_lines, narrow_page
from jobhub.ui.tables import pagination
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

DETAIL_ROUTE = f"{nav.APPLICATIONS}/[id]"
LIST_HEADING_ID = "applications-count"
STAGE_COLORS = {
    "applied": "gray",
    "screening": "blue",
    "interviewing": "indigo",
    "offered": "amber",
    "hired": "green",
    "rejected": "red",
    "withdrawn": "gray",
}


def stage_badge(stage: rx.Var, label: rx.Var) -> rx.Component:
    return rx.badge(label, color_scheme=rx.match(stage, *STAGE_COLORS.items(), "gray"), size="2")


def no_response_badge() -> rx.Component:
    return rx.badge(
        rx.icon("clock-alert", size=12, aria_hidden="true"), "No response", color_scheme="orange", size="2"
    )


def tracker_row(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.card(
            rx.flex(
                rx.flex(
                    text_link(row.job_title, f"{nav.APPLICATIONS}/" + row.id, weight="bold", size="4"),
                    rx.flex(
                        stage_badge(row.stage, row.stage_label),
                        rx.cond(row.no_response, no_response_badge()),
                        rx.cond(row.offer_waiting, rx.badge("Offer waiting for you", color_scheme="amber")),
                        spacing="2",
                        wrap="wrap",
                    ),
                    justify="between",
                    wrap="wrap",
                    gap="0.5rem",
                ),
                rx.text(
                    rx.cond(row.company_name != "", row.company_name + " \u00b7 ", ""),
                    "Applied " + row.applied_on,
                    size="2",
                    color=TEXT_MUTED,
                ),
                rx.cond(row.response != "", rx.text(row.response, size="1", color=TEXT_MUTED)),
                direction="column",
                spacing="1",
            ),
            width="100%",
        ),
        list_style="none",
        data_testid="application-row",
    )


def stage_filter() -> rx.Component:
    return rx.flex(
        rx.text("Stage", size="2", color=TEXT_MUTED, as_="span"),
        rx.select.root(
            rx.select.trigger(aria_label="Filter by stage", data_testid="stage-filter"),
            rx.select.content(*[rx.select.item(label, value=value) for value, label in FILTERS.items()]),
            value=T.stage_filter,
            on_change=T.filter_by,
        ),
        direction="column",
        spacing="1",
    )


def _empty() -> rx.Component:
    return rx.cond(
        T.stage_filter != "all",
        empty_state(
            "No applications in this stage",
            "Choose another stage, or see them all.",
            icon="filter-x",
            action=rx.button("Show all applications", variant="soft", on_click=T.filter_by("all")),
        ),
        empty_state(
            "No applications yet",
            "Find a job you like and apply in a few steps; you will follow every step here.",
            icon="file-text",
            action=button_link("Search jobs", nav.JOBS, icon="search"),
        ),
    )


def tracker_page() -> rx.Component:
    return page_layout(
        rx.flex(
            rx.heading("Your applications", as_="h1", size="7"),
            stage_filter(),
            rx.text(
                T.total.to(str),
                rx.cond(T.total == 1, " application", " applications"),
                id=LIST_HEADING_ID,
                color=TEXT_MUTED,
                aria_live="polite",
            ),
            rx.cond(
                T.loading & (T.items.length() == 0),
                card_skeletons(3, label="Loading your applications"),
                rx.cond(
                    T.items.length() > 0,
                    rx.flex(
                        rx.el.ul(
                            rx.foreach(T.items, tracker_row),
                            aria_labelledby=LIST_HEADING_ID,
                            display="grid",
                            gap="0.75rem",
                            padding="0",
                            margin="0",
                        ),
                        rx.cond(
                            T.page_count > 1,
                            pagination(
                                T.page,
                                T.page_count,
                                on_previous=T.previous_page,
                                on_next=T.next_page,
                                label="Application pages",
                            ),
                        ),
                        direction="column",
                        spacing=SPACE_DEFAULT,
                    ),
                    _empty(),
                ),
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        width="48rem",
    )


def timeline() -> rx.Component:
    return rx.el.ol(
        rx.foreach(
            A.timeline,
            lambda step: rx.el.li(
                rx.flex(
                    rx.text(step.title, weight="medium"),
                    rx.text(step.when, size="1", color=TEXT_MUTED),
                    rx.cond(step.note != "", rx.text(step.note, size="2")),
                    direction="column",
                    spacing="1",
                ),
                padding_left="1rem",
                border_left="2px solid var(--gray-6)",
                padding_bottom="0.75rem",
                data_testid="timeline-step",
            ),
        ),
        aria_label="What happened",
        list_style="none",
        padding="0",
        margin="0",
    )


def interviews() -> rx.Component:
    return rx.cond(
        A.interviews.length() > 0,
        rx.flex(
            rx.heading("Interviews", as_="h2", size="4"),
            rx.foreach(
                A.interviews,
                lambda i: rx.card(
                    rx.flex(
                        rx.text(i.when, " \u2013 ", i.until, weight="medium"),
                        rx.cond(i.location != "", rx.text(i.location, size="2")),
                        rx.cond(
                            i.meeting_url != "",
                            rx.link("Join the meeting", href=i.meeting_url, is_external=True),
                        ),
                        rx.cond(i.status != "scheduled", rx.badge(i.status, color_scheme="gray")),
                        direction="column",
                        spacing="1",
                    ),
                ),
            ),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
    )


def offer_card() -> rx.Component:
    o = A.offer
    return rx.cond(
        A.has_offer,
        rx.card(
            rx.flex(
                rx.heading("Your offer", as_="h2", size="4"),
                rx.badge(o.status_label, color_scheme="amber", width="fit-content"),
                rx.cond(o.salary != "", rx.text("Salary: ", o.salary)),
                rx.cond(o.start_date != "", rx.text("Start: ", o.start_date)),
                rx.cond(o.message != "", rx.text(o.message, white_space="pre-wrap")),
                rx.cond(o.expires != "", rx.text("Answer by ", o.expires, size="2", color=TEXT_MUTED)),
                rx.cond(
                    o.can_answer,
                    rx.flex(
                        confirm_dialog(
                            rx.button("Decline", variant="soft", color_scheme="red", loading=A.busy),
                            title="Decline this offer?",
                            description="The team is told, and the application ends. This cannot be undone.",
                            confirm_label="Decline the offer",
                            on_confirm=A.decline_offer,
                        ),
                        confirm_dialog(
                            rx.button("Accept offer", loading=A.busy),
                            title="Accept this offer?",
                            description="The team is told you accept, and the application is marked hired.",
                            confirm_label="Accept the offer",
                            on_confirm=A.accept_offer,
                            destructive=False,
                        ),
                        spacing=SPACE_TIGHT,
                        justify="end",
                    ),
                ),
                direction="column",
                spacing=SPACE_TIGHT,
            ),
            width="100%",
            data_testid="offer",
        ),
    )


def withdraw_dialog() -> rx.Component:
    input_id, _, _ = field_ids("reason")
    return rx.cond(
        A.can_withdraw,
        rx.dialog.root(
            rx.dialog.trigger(rx.button("Withdraw application", variant="soft", color_scheme="red")),
            rx.dialog.content(
                rx.dialog.title("Withdraw this application?"),
                rx.dialog.description(
                    "The team is told, and you cannot apply to this job again.", color=TEXT_MUTED, size="2"
                ),
                rx.form(
                    rx.flex(
                        form_field(
                            "Reason",
                            "reason",
                            required=True,
                            help_text=f"A few words for the team; up to {REASON_MAX} characters.",
                            error=A.reason_error,
                            control=rx.text_area(id=input_id, name="reason", max_length=REASON_MAX, rows="3"),
                        ),
                        rx.flex(
                            rx.dialog.close(
                                rx.button("Cancel", type="button", variant="soft", color_scheme="gray")
                            ),
                            submit_button("Withdraw", loading=A.busy, color_scheme="red"),
                            justify="end",
                            spacing=SPACE_TIGHT,
                        ),
                        direction="column",
                        spacing=SPACE_DEFAULT,
                        margin_top="1rem",
                    ),
                    on_submit=A.withdraw,
                    reset_on_submit=False,
                ),
                max_width="30rem",
            ),
            open=A.withdraw_open,
            on_open_change=A.set_withdraw_open,
        ),
    )


def what_you_sent() -> rx.Component:
    return rx.card(
        rx.flex(
            rx.heading("What you sent", as_="h2", size="4"),
            rx.text("Resume: ", rx.cond(A.resume_name != "", A.resume_name, "none (your profile)"), size="2"),
            rx.cond(A.cover_letter != "", rx.text(A.cover_letter, size="2", white_space="pre-wrap")),
            rx.foreach(A.answers, lambda a: rx.text(rx.text.strong(a.question), " ", a.answer, size="2")),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        width="100%",
    )


def detail_content() -> rx.Component:
    return rx.flex(
        text_link("\u2190 All applications", nav.APPLICATIONS, size="2"),
        rx.heading(A.job_title, as_="h1", size="7"),
        rx.flex(
            stage_badge(A.stage, A.stage_label),
            rx.cond(A.no_response, no_response_badge()),
            rx.cond(A.company_name != "", text_link(A.company_name, f"{nav.COMPANIES}/" + A.company_slug)),
            rx.text("Applied " + A.applied_on, size="2", color=TEXT_MUTED),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            A.no_response,
            rx.callout(
                "The team has not answered for 21 days. This counts against the company's response figure.",
                icon="clock-alert",
                color_scheme="orange",
            ),
        ),
        rx.cond(A.response != "", rx.text(A.response, size="2", color=TEXT_MUTED)),
        rx.cond(A.job_open, text_link("See the job posting", f"{nav.JOBS}/" + A.job_slug, size="2")),
        offer_card(),
        interviews(),
        rx.heading("Timeline", as_="h2", size="4"),
        timeline(),
        what_you_sent(),
        rx.cond(
            A.withdrawal_reason != "",
            rx.text("You withdrew: " + A.withdrawal_reason, size="2", color=TEXT_MUTED),
        ),
        withdraw_dialog(),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def application_page() -> rx.Component:
    return narrow_page(
        rx.cond(
            A.loading & (A.application_id == "") & ~A.not_found,
            loading_lines("Loading the application", 6),
            rx.cond(
                A.not_found,
                empty_state(
                    "That application does not exist",
                    "It may be someone else's, or the link is wrong.",
                    icon="file-question",
                    action=button_link("Your applications", nav.APPLICATIONS, icon="list-checks"),
                ),
                detail_content(),
            ),
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.APPLICATIONS,
        tracker_page,
        "Your applications",
        only_for(UserType.JOB_SEEKER),
        on_load=T.load,
        description="Every application you sent and where it stands.",
    ),
    guarded_page(
        DETAIL_ROUTE,
        application_page,
        "Application",
        only_for(UserType.JOB_SEEKER),
        on_load=A.load,
        description="What happened to your application, your interviews and your offer.",
    ),
)
