"""One posting in the employer's list: one DOM that reads as a table line wide and a card on a phone.

A checkbox for bulk close (disabled where closing is not a step of the lifecycle), the title
linking to the editor, a status badge, views, applicants and days open with their words, and
the row's actions: only the steps its status allows.
"""

from __future__ import annotations

import reflex as rx

from jobhub.jobs.posting_list_state import EmployerJobsState as S
from jobhub.jobs.posting_rules import PostingAction
from jobhub.ui.links import button_link, text_link
from jobhub.ui.theme import SPACE_TIGHT, TEXT_MUTED

STATUS_COLORS = {
    "draft": "gray",
    "published": "green",
    "paused": "amber",
    "closed": "red",
    "expired": "orange",
    "removed": "red",
}
ROW_ACTIONS = (
    (PostingAction.PAUSE, "Pause"),
    (PostingAction.CLOSE, "Close"),
    (PostingAction.REOPEN, "Reopen"),
)


def _figure(value: rx.Var, word: str) -> rx.Component:
    return rx.text(rx.el.strong(value.to(str)), " ", word, size="2", color=TEXT_MUTED, white_space="nowrap")


def _row_menu(row: rx.Var) -> rx.Component:
    actions = row["actions"].to(list[str])
    job_id = row["id"].to(str)
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                rx.icon("ellipsis", size=16, aria_hidden="true"),
                variant="soft",
                color_scheme="gray",
                size="2",
                aria_label="More actions for " + row["title"].to(str),
            )
        ),
        rx.menu.content(
            rx.cond(
                row["public_path"].to(str) != "",
                rx.menu.item("View as seekers see it", on_click=rx.redirect(row["public_path"].to(str))),
            ),
            rx.cond(
                actions.contains(PostingAction.PUBLISH.value),
                rx.menu.item(
                    rx.cond(row["status"].to(str) == "paused", "Resume", "Publish"),
                    on_click=S.change_status(job_id, PostingAction.PUBLISH.value),
                ),
            ),
            *[
                rx.cond(
                    actions.contains(action.value),
                    rx.menu.item(label, on_click=S.change_status(job_id, action.value)),
                )
                for action, label in ROW_ACTIONS
            ],
            rx.menu.item("Copy to a new draft", on_click=S.copy(job_id)),
        ),
    )


def posting_row(row: rx.Var) -> rx.Component:
    title = row["title"].to(str)
    status = row["status"].to(str)
    return rx.el.li(
        rx.card(
            rx.flex(
                rx.checkbox(
                    checked=S.selected.contains(row["id"]),
                    on_change=lambda checked: S.toggle_selected(row["id"].to(str), checked),
                    disabled=~row["can_close"].to(bool),
                    aria_label="Select " + title,
                ),
                rx.flex(
                    text_link(title, row["edit_path"].to(str), weight="bold", size="3"),
                    rx.text(
                        rx.cond(row["location"].to(str) != "", row["location"].to(str) + " \u00b7 ", ""),
                        "Created " + row["created"].to(str),
                        rx.cond(
                            row["expires"].to(str) != "", " \u00b7 Expires " + row["expires"].to(str), ""
                        ),
                        size="1",
                        color=TEXT_MUTED,
                    ),
                    direction="column",
                    spacing="1",
                    flex="1 1 14rem",
                    min_width="0",
                ),
                rx.badge(
                    row["status_label"].to(str),
                    color_scheme=rx.match(status, *STATUS_COLORS.items(), "gray"),
                    size="2",
                    data_testid="status-badge",
                ),
                rx.flex(
                    _figure(row["views"], "views"),
                    text_link(
                        _figure(row["applicants"], "applicants"),
                        row["edit_path"].to(str) + "/pipeline",
                        aria_label="Pipeline: " + row["applicants"].to(str) + " applicants",
                    ),
                    rx.text(row["days_open_label"].to(str), size="2", color=TEXT_MUTED, white_space="nowrap"),
                    spacing="3",
                    wrap="wrap",
                ),
                rx.flex(
                    button_link("Edit", row["edit_path"].to(str), variant="soft", size="2"),
                    _row_menu(row),
                    spacing=SPACE_TIGHT,
                ),
                align="center",
                spacing="4",
                wrap="wrap",
            ),
            width="100%",
        ),
        list_style="none",
        data_testid="posting-row",
    )
