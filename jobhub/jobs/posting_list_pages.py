"""``/employer/jobs``: the company's postings with their status, views, applicants and days open.

Each posting is one row that reads as a table line on wide screens and wraps into a card on a
phone (one DOM, no sideways scroll): a checkbox for bulk close, the title linking to the
editor, a status badge, the three figures with their words, and the row's actions (only the
steps the lifecycle allows for its status). Guarded for employers; the services check the
company and role again on every action.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.companies.employer_area import employer_layout
from jobhub.jobs.posting_list import ALL, PostingSort
from jobhub.jobs.posting_list_state import EmployerJobsState as S
from jobhub.jobs.posting_row import posting_row
from jobhub.jobs.posting_rules import STATUS_LABELS
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, confirm_dialog, empty_state
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link
from jobhub.ui.tables import pagination
from jobhub.ui.theme import SPACE_DEFAULT, TEXT_MUTED

SORT_LABELS = {
    PostingSort.NEWEST: "Newest first",
    PostingSort.TITLE: "Title",
    PostingSort.APPLICANTS: "Most applicants",
    PostingSort.VIEWS: "Most views",
    PostingSort.EXPIRING: "Expiring soonest",
}
STATUS_CHOICES = {ALL: "All statuses", **STATUS_LABELS}
LIST_HEADING_ID = "postings-count"


def labelled(label: str, control: rx.Component) -> rx.Component:
    return rx.el.label(
        rx.text(label, size="2", color=TEXT_MUTED, as_="span"),
        control,
        display="flex",
        flex_direction="column",
        gap="0.25rem",
        width=rx.breakpoints(initial="100%", sm="auto"),
    )


def toolbar() -> rx.Component:
    return rx.flex(
        labelled(
            "Status",
            rx.select.root(
                rx.select.trigger(aria_label="Filter by status", width="100%", data_testid="status-filter"),
                rx.select.content(
                    *[
                        rx.select.item(label + " (" + S.status_counts[value].to(str) + ")", value=value)
                        for value, label in STATUS_CHOICES.items()
                    ]
                ),
                value=S.status_filter,
                on_change=S.filter_by_status,
            ),
        ),
        labelled(
            "Search",
            rx.input(
                placeholder="Title or place",
                value=S.text,
                on_change=S.search,
                type="search",
                aria_label="Search your jobs",
                width="100%",
            ),
        ),
        labelled(
            "Sort",
            rx.select.root(
                rx.select.trigger(aria_label="Sort by", width="100%"),
                rx.select.content(
                    *[rx.select.item(text, value=value) for value, text in SORT_LABELS.items()]
                ),
                value=S.sort,
                on_change=S.sort_by,
            ),
        ),
        direction=rx.breakpoints(initial="column", sm="row"),
        align=rx.breakpoints(initial="stretch", sm="end"),
        spacing=SPACE_DEFAULT,
        wrap="wrap",
        width="100%",
    )


def bulk_bar() -> rx.Component:
    count = S.selected.length()
    return rx.flex(
        rx.text(
            rx.checkbox(
                checked=(count > 0) & (count == S.closable_count),
                on_change=S.toggle_all,
                aria_label="Select every job on this page that can be closed",
            ),
            " Select all",
            as_="label",
            size="2",
            display="flex",
            align_items="center",
            gap="0.5rem",
        ),
        rx.text(count.to(str), " selected", size="2", color=TEXT_MUTED, aria_live="polite"),
        confirm_dialog(
            rx.button(
                rx.icon("circle-x", size=16, aria_hidden="true"),
                "Close selected",
                color_scheme="red",
                variant="soft",
                disabled=count == 0,
                loading=S.busy,
            ),
            title="Close the selected jobs?",
            description=(
                "They stop taking applications and leave search at once. Applicants keep their "
                "applications, and you can reopen any of them later."
            ),
            confirm_label="Close jobs",
            on_confirm=S.close_selected,
        ),
        align="center",
        spacing="4",
        wrap="wrap",
    )


def _empty() -> rx.Component:
    return rx.cond(
        S.filtered,
        empty_state(
            "No jobs match these filters",
            "Try another status or search, or show every job.",
            icon="filter-x",
            action=rx.button("Show all jobs", variant="soft", on_click=S.clear_filters),
        ),
        empty_state(
            "No jobs yet",
            "Write a posting with its pay and skills; it reaches job seekers the moment you publish it.",
            icon="briefcase",
            action=button_link("Post your first job", nav.POST_JOB, icon="circle-plus"),
        ),
    )


def postings_list() -> rx.Component:
    return rx.cond(
        S.loading & (S.rows.length() == 0),
        card_skeletons(4, label="Loading your jobs"),
        rx.cond(
            S.rows.length() > 0,
            rx.flex(
                bulk_bar(),
                rx.el.ul(
                    rx.foreach(S.rows, posting_row),
                    aria_labelledby=LIST_HEADING_ID,
                    display="grid",
                    grid_template_columns="minmax(0, 1fr)",
                    gap="0.75rem",
                    padding="0",
                    margin="0",
                ),
                rx.cond(
                    S.page_count > 1,
                    pagination(
                        S.page,
                        S.page_count,
                        on_previous=S.previous_page,
                        on_next=S.next_page,
                        label="Job list pages",
                    ),
                ),
                direction="column",
                spacing=SPACE_DEFAULT,
            ),
            _empty(),
        ),
    )


def employer_jobs_page() -> rx.Component:
    return page_layout(
        employer_layout(
            "Jobs",
            rx.flex(
                rx.text(
                    S.total.to(str),
                    rx.cond(S.total == 1, " job", " jobs"),
                    id=LIST_HEADING_ID,
                    color=TEXT_MUTED,
                    aria_live="polite",
                ),
                rx.cond(S.can_post_jobs, button_link("Post a job", nav.POST_JOB, icon="circle-plus")),
                justify="between",
                align="center",
            ),
            toolbar(),
            postings_list(),
        )
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.EMPLOYER_JOBS,
        employer_jobs_page,
        "Your jobs",
        only_for(UserType.EMPLOYER),
        on_load=S.load,
        description="Your company's job postings: status, views, applicants and days open.",
    ),
)
