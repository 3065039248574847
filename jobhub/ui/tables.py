"""A data table with a caption, an empty state and pagination controls.

Rows are plain dicts (view models mapped by the state), so a table never sees an ORM
object. Big lists stay paged on the server: the state holds one page and the page
number, and the controls call the state's previous/next handlers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import reflex as rx

from jobhub.ui.feedback import empty_state
from jobhub.ui.theme import SPACE_DEFAULT, TEXT_MUTED

Align = Literal["start", "center", "end"]


@dataclass(frozen=True)
class Column:
    """One column: ``key`` reads the row dict unless ``render`` builds the cell."""

    header: str
    key: str
    align: Align = "start"
    render: Callable[[rx.Var], rx.Component] | None = None


def _cell(column: Column, row: rx.Var, *, first: bool) -> rx.Component:
    content = column.render(row) if column.render else row[column.key].to(str)
    if first:
        # The first cell names the row for screen readers (scope="row").
        return rx.table.row_header_cell(content, justify=column.align)
    return rx.table.cell(content, justify=column.align)


def data_table(
    columns: Sequence[Column],
    rows: rx.Var[list[dict[str, Any]]],
    *,
    caption: str,
    empty_title: str = "Nothing here yet",
    empty_description: str = "",
) -> rx.Component:
    """A responsive table (scrolls sideways on phones) or an empty state when there are no rows."""
    table = rx.table.root(
        rx.el.caption(caption, class_name="jh-visually-hidden"),
        rx.table.header(
            rx.table.row(
                *[rx.table.column_header_cell(c.header, justify=c.align, scope="col") for c in columns]
            )
        ),
        rx.table.body(
            rx.foreach(
                rows,
                lambda row: rx.table.row(
                    *[_cell(column, row, first=index == 0) for index, column in enumerate(columns)]
                ),
            )
        ),
        variant="surface",
        width="100%",
    )
    return rx.cond(
        rows.length() > 0,
        rx.box(table, overflow_x="auto", width="100%"),
        empty_state(empty_title, empty_description),
    )


def pagination(
    page: rx.Var[int],
    page_count: rx.Var[int],
    *,
    on_previous: rx.EventHandler | Any,
    on_next: rx.EventHandler | Any,
    label: str = "Pagination",
) -> rx.Component:
    """Previous / next buttons with the position announced; disabled at either end."""
    return rx.el.nav(
        rx.flex(
            rx.button(
                rx.icon("chevron-left", aria_hidden="true"),
                "Previous",
                variant="soft",
                on_click=on_previous,
                disabled=page <= 1,
            ),
            rx.text(
                "Page ",
                page.to(str),
                " of ",
                rx.cond(page_count > 0, page_count.to(str), "1"),
                color=TEXT_MUTED,
                aria_live="polite",
            ),
            rx.button(
                "Next",
                rx.icon("chevron-right", aria_hidden="true"),
                variant="soft",
                on_click=on_next,
                disabled=page >= page_count,
            ),
            align="center",
            justify="between",
            spacing=SPACE_DEFAULT,
            width="100%",
        ),
        aria_label=label,
        width="100%",
    )
