"""A candidate's card on the board and its "Move to…" menu: keyboard first, draggable too.

Every move a drag does is also a menu item, so the board works without a mouse: Tab reaches
the card's checkbox, its name (opens the panel) and its menu. Dragging uses the browser's own
HTML5 events (no extra npm package): ``dragstart`` tells the state which card, the column's
``drop`` where to; ``dragover`` only allows the drop, in the browser, without a round trip.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventHandler, no_args_event_spec

from jobhub.jobs.application_rules import STAGE_LABELS
from jobhub.jobs.candidate_state import CandidateState
from jobhub.jobs.pipeline_state import PipelineState as S
from jobhub.ui.theme import BORDER, SPACE_TIGHT, SURFACE_RAISED, TEXT_MUTED

LABELS: rx.Var[dict[str, str]] = rx.Var.create({str(key): value for key, value in STAGE_LABELS.items()})
ALLOW_DROP = {"onDragOver": rx.Var("((event) => event.preventDefault())")}


class DraggableItem(rx.el.Li):
    """A list item the browser lets the user drag."""

    on_drag_start: EventHandler[no_args_event_spec]


class DropColumn(rx.el.Section):
    """A board column a card can be dropped on."""

    on_drop: EventHandler[no_args_event_spec]


def stage_label(stage: rx.Var[str]) -> rx.Var[str]:
    return LABELS[stage].to(str)


def move_menu(card: rx.Var[dict[str, Any]], *, label: rx.Var[str] | str = "Move to…") -> rx.Component:
    application = card["id"].to(str)
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                label,
                rx.icon("chevron-down", size=14, aria_hidden="true"),
                variant="soft",
                size="1",
                aria_label="Move " + card["name"].to(str) + " to another stage",
                disabled=card["moves"].to(list[str]).length() == 0,
            )
        ),
        rx.menu.content(
            rx.foreach(
                card["moves"].to(list[str]),
                lambda stage: rx.menu.item(
                    stage_label(stage),
                    on_click=[S.move_one(application, stage), CandidateState.refresh_panel],
                ),
            )
        ),
    )


def select_box(card: rx.Var[dict[str, Any]]) -> rx.Component:
    application = card["id"].to(str)
    return rx.checkbox(
        checked=S.selected.contains(application),
        on_change=lambda checked: S.toggle_selected(application, checked),
        aria_label="Select " + card["name"].to(str),
    )


def open_button(card: rx.Var[dict[str, Any]]) -> rx.Component:
    return rx.button(
        card["name"].to(str),
        variant="ghost",
        size="2",
        on_click=CandidateState.open_candidate(card["id"].to(str)),
        font_weight="bold",
        padding="0",
        height="auto",
        text_align="left",
        white_space="normal",
        data_testid="candidate-name",
    )


def _facts(card: rx.Var[dict[str, Any]]) -> rx.Component:
    rating = card["rating"].to(str)
    return rx.flex(
        rx.text(card["applied_label"].to(str), size="1", color=TEXT_MUTED),
        rx.cond(
            rating != "",
            rx.text(
                rx.icon("star", size=12, aria_hidden="true"),
                " ",
                rating,
                size="1",
                aria_label="Rated " + rating + " of 5",
            ),
        ),
        rx.cond(
            card["skills_label"].to(str) != "",
            rx.text(card["skills_label"].to(str), size="1", color=TEXT_MUTED),
        ),
        spacing="3",
        wrap="wrap",
        align="center",
    )


def board_card(card: rx.Var[dict[str, Any]]) -> rx.Component:
    return DraggableItem.create(
        rx.flex(
            rx.flex(select_box(card), open_button(card), spacing=SPACE_TIGHT, align="start"),
            rx.cond(
                card["headline"].to(str) != "",
                rx.text(card["headline"].to(str), size="2", color=TEXT_MUTED, trim="both"),
            ),
            _facts(card),
            rx.cond(
                card["waiting_label"].to(str) != "",
                rx.badge(card["waiting_label"].to(str), color_scheme="amber", size="1", width="fit-content"),
            ),
            rx.box(move_menu(card)),
            direction="column",
            spacing="2",
        ),
        draggable=True,
        on_drag_start=S.drag_start(card["id"].to(str)),
        list_style="none",
        padding="0.75rem",
        border=f"1px solid {BORDER}",
        border_radius="var(--radius-3)",
        background=SURFACE_RAISED,
        cursor="grab",
        data_testid="candidate-card",
    )
