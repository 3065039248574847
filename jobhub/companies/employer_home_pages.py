"""``/employer``: the employer home. This week's figures, the open jobs, a new company's checklist,
and the verification card, inside the employer area's frame.

Guarded for employer accounts; the services check the team role again on every read.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.companies.employer_area import employer_layout
from jobhub.companies.employer_home_state import EmployerHomeState as S
from jobhub.companies.verification_pages import verification_card
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import empty_state
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import loading_lines
from jobhub.ui.tables import Column, data_table
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

CHECKLIST_HEADING_ID = "checklist-heading"
JOBS_HEADING_ID = "open-jobs-heading"


def _figure(label: str, value: rx.Var[int], icon: str, test_id: str) -> rx.Component:
    """One figure: a row on phones (label, then the number at the end), a column from tablets up."""
    return rx.card(
        rx.flex(
            rx.flex(
                rx.icon(icon, size=20, color=TEXT_MUTED, aria_hidden="true"),
                rx.text(label, size="2", color=TEXT_MUTED),
                direction={"initial": "row", "sm": "column"},
                align={"initial": "center", "sm": "start"},
                spacing="2",
            ),
            rx.text(value.to(str), size={"initial": "5", "sm": "7"}, weight="bold", data_testid=test_id),
            direction={"initial": "row", "sm": "column"},
            justify="between",
            align={"initial": "center", "sm": "start"},
            spacing="1",
        ),
        width="100%",
    )


def figures() -> rx.Component:
    return rx.grid(
        _figure("Open jobs", S.open_count, "briefcase", "open-count"),
        _figure("Views this week", S.views_this_week, "eye", "views-week"),
        _figure("New applicants this week", S.new_applicants_this_week, "user-plus", "applicants-week"),
        columns={"initial": "1", "sm": "3"},
        spacing={"initial": "2", "sm": SPACE_DEFAULT},
        width="100%",
    )


def _step(step: rx.Var) -> rx.Component:
    done = step["done"].to(bool)
    return rx.el.li(
        rx.flex(
            rx.cond(
                done,
                rx.icon("circle-check", color=rx.color("green", 11), aria_label="Done", role="img"),
                rx.icon("circle", color=TEXT_MUTED, aria_label="To do", role="img"),
            ),
            rx.flex(
                rx.text(
                    step["label"].to(str),
                    weight="bold",
                    text_decoration=rx.cond(done, "line-through", "none"),
                ),
                rx.text(step["hint"].to(str), size="2", color=TEXT_MUTED),
                direction="column",
                flex="1",
                min_width="0",
            ),
            rx.cond(
                done,
                rx.fragment(),
                text_link(step["action"].to(str), step["href"].to(str), size="2", white_space="nowrap"),
            ),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        list_style="none",
        data_testid="checklist-step",
    )


def checklist() -> rx.Component:
    return rx.cond(
        S.show_checklist,
        rx.card(
            rx.el.section(
                rx.flex(
                    rx.heading("Get your company ready", as_="h2", size="5", id=CHECKLIST_HEADING_ID),
                    rx.text(
                        S.steps_done.to(str), " of ", S.steps_total.to(str), " steps done", color=TEXT_MUTED
                    ),
                    rx.progress(value=S.steps_done * 100 // rx.cond(S.steps_total > 0, S.steps_total, 1)),
                    rx.el.ul(
                        rx.foreach(S.checklist, _step),
                        padding="0",
                        margin="0",
                        display="grid",
                        gap="0.75rem",
                    ),
                    direction="column",
                    spacing=SPACE_TIGHT,
                ),
                aria_labelledby=CHECKLIST_HEADING_ID,
            ),
            width="100%",
            data_testid="checklist",
        ),
    )


def _title_cell(row: rx.Var) -> rx.Component:
    return text_link(row["title"].to(str), row["edit_url"].to(str), weight="medium")


COLUMNS = (
    Column("Job", "title", render=_title_cell),
    Column("Views", "views", align="end"),
    Column("This week", "views_week", align="end"),
    Column("Applicants", "applicants", align="end"),
    Column("New this week", "new_applicants", align="end"),
    Column("Days open", "days_open", align="end"),
)


def open_jobs() -> rx.Component:
    return rx.el.section(
        rx.flex(
            rx.flex(
                rx.heading("Open jobs", as_="h2", size="5", id=JOBS_HEADING_ID),
                text_link("All jobs", nav.EMPLOYER_JOBS, size="2"),
                justify="between",
                align="center",
                wrap="wrap",
            ),
            rx.cond(
                S.open_jobs.length() > 0,
                rx.flex(
                    data_table(COLUMNS, S.open_jobs, caption="Open jobs with their views and applicants"),
                    rx.cond(
                        S.open_count > S.open_jobs.length(),
                        rx.text(
                            "The ",
                            S.open_jobs.length().to(str),
                            " newest of ",
                            S.open_count.to(str),
                            " open jobs.",
                            size="2",
                            color=TEXT_MUTED,
                        ),
                    ),
                    direction="column",
                    spacing=SPACE_TIGHT,
                ),
                empty_state(
                    "No open jobs",
                    "Published jobs show here with their views and applicants.",
                    icon="briefcase",
                    action=rx.cond(
                        S.can_post_jobs, button_link("Post a job", nav.POST_JOB, icon="circle-plus")
                    ),
                ),
            ),
            rx.cond(S.other_jobs != "", rx.text("Not open: ", S.other_jobs, size="2", color=TEXT_MUTED)),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        aria_labelledby=JOBS_HEADING_ID,
    )


def employer_home_page() -> rx.Component:
    return page_layout(
        employer_layout(
            "Employer home",
            rx.cond(
                S.home_loading & (S.steps_total == 0),
                loading_lines("Loading your figures", 5),
                rx.flex(
                    figures(),
                    checklist(),
                    open_jobs(),
                    verification_card(load_on_mount=False),
                    direction="column",
                    spacing="6",
                    width="100%",
                ),
            ),
        )
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.EMPLOYER_DASHBOARD,
        employer_home_page,
        "Employer home",
        only_for(UserType.EMPLOYER),
        on_load=S.load,
        description="Your open jobs, this week's views and applicants, and your company's next steps.",
    ),
)
