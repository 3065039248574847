"""The editor's inputs, each bound to a starting value and an error message in a dict var.

The basics form and the entry forms hold their values and errors in different vars
(``values``/``errors`` and ``entry_values``/``entry_errors``), so every builder takes both.
Both forms can be on screen at once and share column names (``location``), so entry inputs
carry a prefix the state takes off again.
Inputs are uncontrolled (``default_value``) and named after their column, the name the
service's ``Invalid.field`` uses, so an error lands on its own field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import reflex as rx

from jobhub.profiles.profile_editor_state import ENTRY_PREFIX, NOT_SET
from jobhub.ui.forms import field_ids, form_field
from jobhub.ui.theme import SPACE_DEFAULT

Bound = tuple[rx.Var, rx.Var]
"""(values, errors) of one form."""


def _column(name: str) -> str:
    """Entry inputs are named ``entry_<column>`` so their ids never clash with the basics form's."""
    return name.removeprefix(ENTRY_PREFIX)


def _error(bound: Bound, name: str) -> rx.Var[str]:
    return bound[1].get(_column(name), "").to(str)


def _value(bound: Bound, name: str) -> rx.Var[str]:
    return bound[0].get(_column(name), "").to(str)


def _aria(bound: Bound, name: str, help_text: str | None) -> dict[str, Any]:
    _, help_id, error_id = field_ids(name)
    return {
        "aria_describedby": f"{help_id} {error_id}" if help_text else error_id,
        "aria_invalid": rx.cond(_error(bound, name) != "", "true", "false"),
    }


def text_input(
    bound: Bound, label: str, name: str, *, help_text: str | None = None, **props: Any
) -> rx.Component:
    return form_field(
        label,
        name,
        help_text=help_text,
        error=_error(bound, name),
        default_value=_value(bound, name),
        **props,
    )


def text_area(
    bound: Bound, label: str, name: str, *, help_text: str | None = None, rows: int = 4
) -> rx.Component:
    control = rx.text_area(
        id=field_ids(name)[0],
        name=name,
        default_value=_value(bound, name),
        rows=str(rows),
        width="100%",
        resize="vertical",
        **_aria(bound, name, help_text),
    )
    return form_field(label, name, help_text=help_text, error=_error(bound, name), control=control)


def select_input(bound: Bound, label: str, name: str, choices: Mapping[str, str]) -> rx.Component:
    """A select whose first item says nothing was chosen."""
    control = rx.select.root(
        rx.select.trigger(id=field_ids(name)[0], width="100%", **_aria(bound, name, None)),
        rx.select.content(
            rx.select.item("Not specified", value=NOT_SET),
            *[rx.select.item(text, value=value) for value, text in choices.items()],
        ),
        name=name,
        default_value=_value(bound, name),
        size="3",
    )
    return form_field(label, name, error=_error(bound, name), control=control)


def check_input(bound: Bound, label: str, name: str) -> rx.Component:
    """A checkbox that posts "on" when ticked; its error (rare) shows under it."""
    input_id, _, error_id = field_ids(name)
    return rx.flex(
        rx.el.label(
            rx.flex(
                rx.checkbox(
                    id=input_id,
                    name=name,
                    default_checked=_value(bound, name) == "on",
                    aria_describedby=error_id,
                ),
                label,
                align="center",
                spacing="2",
            ),
            html_for=input_id,
        ),
        rx.text(_error(bound, name), id=error_id, size="2", color=rx.color("red", 11), aria_live="polite"),
        direction="column",
        spacing="1",
    )


def row_button(icon: str, label: str, *, aria_label: rx.Var[str] | str, **props: Any) -> rx.Component:
    """The small soft button of a list row (Up, Down, Edit, Remove), named for its row."""
    return rx.button(
        rx.icon(icon, size=14, aria_hidden="true"),
        label,
        type="button",
        variant="soft",
        size="1",
        aria_label=aria_label,
        **props,
    )


def section_card(title: str, *children: rx.Component, section_id: str, intro: str = "") -> rx.Component:
    """One titled part of the editor, a landmark named by its heading."""
    heading_id = f"{section_id}-heading"
    return rx.el.section(
        rx.card(
            rx.flex(
                rx.heading(title, as_="h2", size="5", id=heading_id),
                rx.text(intro, size="2", color=rx.color("gray", 11)) if intro else rx.fragment(),
                *children,
                direction="column",
                spacing=SPACE_DEFAULT,
            ),
            width="100%",
        ),
        aria_labelledby=heading_id,
        id=section_id,
        width="100%",
    )
