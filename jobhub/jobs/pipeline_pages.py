"""``/employer/jobs/[id]/pipeline``: a job's candidates as a board of stages or as a list.

The board has a column per stage with its count, the first 25 cards and "Load more"; cards
move by drag and drop, by their own "Move to…" menu, or many at once (tick, then the bar's
"Move to…"). Rejecting always opens the message dialog. The list view shows the same
candidates as a table with paging. Filters: name search, skill, minimum rating, stage, sort.
Guarded for employers; every action is checked again by the services.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.companies.employer_area import employer_layout
from jobhub.jobs.application_rules import STAGE_LABELS
from jobhub.jobs.candidate_drawer import candidate_drawer
from jobhub.jobs.candidate_state import CandidateState
from jobhub.jobs.pipeline_board import ALL_STAGES, SORT_LABELS
from jobhub.jobs.pipeline_cards import ALLOW_DROP, DropColumn, board_card, move_menu, open_button, select_box
from jobhub.jobs.pipeline_state import BOARD, LIST, MOVE_TARGETS
from jobhub.jobs.pipeline_state import PipelineState as S
from jobhub.jobs.posting_list_pages import labelled
from jobhub.jobs.rejection_dialog import rejection_dialog
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, empty_state
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link, text_link
from jobhub.ui.tables import Column, data_table, pagination
from jobhub.ui.theme import BORDER, SPACE_DEFAULT, SURFACE, TEXT_MUTED

RATING_CHOICES = {"0": "Any rating", **{str(n): f"{n}+ stars" for n in range(1, 6)}}
STAGE_CHOICES = {ALL_STAGES: "All stages", **{str(k): v for k, v in STAGE_LABELS.items()}}
ANY_SKILL = "any"


def _select(label: str, choices: dict[str, str], value: rx.Var[str], on_change: Any) -> rx.Component:
    return labelled(
        label,
        rx.select.root(
            rx.select.trigger(aria_label=label, width="100%"),
            rx.select.content(*[rx.select.item(text, value=key) for key, text in choices.items()]),
            value=value,
            on_change=on_change,
        ),
    )


def toolbar() -> rx.Component:
    return rx.flex(
        rx.segmented_control.root(
            rx.segmented_control.item("Board", value=BOARD),
            rx.segmented_control.item("List", value=LIST),
            value=S.view,
            on_change=S.show_view,
            aria_label="Show candidates as",
        ),
        labelled(
            "Search",
            rx.input(
                placeholder="Name or email",
                value=S.text,
                on_change=S.search,
                type="search",
                aria_label="Search candidates",
                width="100%",
            ),
        ),
        labelled(
            "Skill",
            rx.select.root(
                rx.select.trigger(aria_label="Skill", width="100%", placeholder="Any skill"),
                rx.select.content(
                    rx.select.item("Any skill", value=ANY_SKILL),
                    rx.foreach(S.skill_options, lambda o: rx.select.item(o["label"], value=o["value"])),
                ),
                value=rx.cond(S.skill_id == "", ANY_SKILL, S.skill_id),
                on_change=S.filter_skill,
            ),
        ),
        _select("Rating", RATING_CHOICES, S.min_rating, S.filter_rating),
        _select("Stage", STAGE_CHOICES, S.stage, S.filter_stage),
        _select("Sort", {str(k): v for k, v in SORT_LABELS.items()}, S.sort, S.sort_by),
        rx.cond(S.filtered, rx.button("Clear filters", variant="ghost", on_click=S.clear_filters)),
        direction=rx.breakpoints(initial="column", md="row"),
        align=rx.breakpoints(initial="stretch", md="end"),
        spacing=SPACE_DEFAULT,
        wrap="wrap",
        width="100%",
    )


def bulk_bar() -> rx.Component:
    count = S.selected.length()
    return rx.cond(
        count > 0,
        rx.flex(
            rx.text(count.to(str), " selected", size="2", aria_live="polite", data_testid="selected-count"),
            rx.menu.root(
                rx.menu.trigger(
                    rx.button("Move selected to…", rx.icon("chevron-down", size=14), loading=S.busy)
                ),
                rx.menu.content(
                    *[
                        rx.menu.item(
                            target["label"],
                            on_click=[S.move_selected(target["value"]), CandidateState.refresh_panel],
                        )
                        for target in MOVE_TARGETS
                    ]
                ),
            ),
            rx.button("Clear selection", variant="ghost", on_click=S.clear_selection),
            align="center",
            spacing="4",
            wrap="wrap",
            padding="0.5rem 0.75rem",
            border_radius="var(--radius-3)",
            background=SURFACE,
            position="sticky",
            top="0",
            z_index="2",
        ),
    )


def _column(column: rx.Var[dict[str, Any]]) -> rx.Component:
    stage = column["stage"].to(str)
    cards = column["cards"].to(list[dict[str, Any]])
    heading_id = "column-" + stage
    return DropColumn.create(
        rx.flex(
            rx.heading(column["label"].to(str), as_="h2", size="3", id=heading_id),
            rx.badge(
                column["count"].to(str), variant="soft", aria_label=column["count"].to(str) + " candidates"
            ),
            justify="between",
            align="center",
        ),
        rx.cond(
            cards.length() > 0,
            rx.el.ul(
                rx.foreach(cards, board_card),
                aria_labelledby=heading_id,
                display="flex",
                flex_direction="column",
                gap="0.5rem",
                padding="0",
                margin="0",
            ),
            rx.text("No candidates here.", size="2", color=TEXT_MUTED),
        ),
        rx.cond(
            column["has_more"].to(bool),
            rx.button("Load more", variant="soft", size="2", on_click=S.load_more(stage), width="100%"),
        ),
        on_drop=S.drop_on(stage).prevent_default,
        custom_attrs=ALLOW_DROP,
        data_testid="column-" + stage,
        display="flex",
        flex_direction="column",
        gap="0.75rem",
        flex="0 0 17rem",
        min_height="12rem",
        padding="0.75rem",
        border=f"1px solid {BORDER}",
        border_radius="var(--radius-4)",
        background=SURFACE,
    )


def board() -> rx.Component:
    return rx.box(
        rx.flex(rx.foreach(S.columns, _column), spacing="3", align="start", width="max-content"),
        overflow_x="auto",
        width="100%",
        padding_bottom="0.5rem",
        role="region",
        aria_label="Pipeline board",
        tab_index=0,
    )


LIST_COLUMNS = (
    Column("Candidate", "name", render=lambda row: rx.flex(select_box(row), open_button(row), spacing="2")),
    Column("Stage", "stage_label"),
    Column("Applied", "applied_label"),
    Column("Rating", "rating"),
    Column("Skills", "skills_label"),
    Column("", "waiting_label"),
    Column("Move", "id", render=lambda row: move_menu(row)),
)


def candidate_list() -> rx.Component:
    return rx.flex(
        data_table(
            LIST_COLUMNS,
            S.list_rows,
            caption="Candidates",
            empty_title="No candidates match",
            empty_description="Try other filters.",
        ),
        rx.cond(
            S.list_pages > 1,
            pagination(
                S.list_page,
                S.list_pages,
                on_previous=S.previous_page,
                on_next=S.next_page,
                label="Candidate pages",
            ),
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
        width="100%",
    )


def _not_found() -> rx.Component:
    return empty_state(
        "This job does not exist or is not one of your company's",
        "It may have been deleted, or it belongs to another company.",
        icon="briefcase",
        action=button_link("Back to your jobs", nav.EMPLOYER_JOBS),
    )


def _body() -> rx.Component:
    return rx.cond(
        S.not_found,
        _not_found(),
        rx.flex(
            rx.flex(
                text_link("← All jobs", nav.EMPLOYER_JOBS),
                text_link("Edit the posting", S.job_path),
                rx.text(
                    S.total.to(str), rx.cond(S.total == 1, " candidate", " candidates"), color=TEXT_MUTED
                ),
                spacing="4",
                wrap="wrap",
            ),
            toolbar(),
            bulk_bar(),
            rx.cond(
                S.loading & (S.columns.length() == 0),
                card_skeletons(4, label="Loading the candidates"),
                rx.cond(
                    (S.total == 0) & ~S.filtered,
                    empty_state(
                        "No applicants yet",
                        "Candidates appear here as soon as they apply.",
                        icon="users",
                    ),
                    rx.cond(S.view == LIST, candidate_list(), board()),
                ),
            ),
            rejection_dialog(),
            candidate_drawer(),
            direction="column",
            spacing=SPACE_DEFAULT,
            width="100%",
        ),
    )


def pipeline_page() -> rx.Component:
    return page_layout(
        employer_layout(rx.cond(S.job_title != "", S.job_title, "Pipeline"), _body()),
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.EMPLOYER_JOB_PIPELINE, pipeline_page, "Pipeline", only_for(UserType.EMPLOYER), on_load=S.load
    ),
)
