"""The company editor's fields, each wired to its starting value and its error in ``CompanyEditorState``.

Every input is uncontrolled (``default_value``) and named after its ``companies`` column, the
name the service's ``Invalid.field`` uses, so an error lands on its own field and what was
typed stays put until a save succeeds and the form is remounted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import reflex as rx

from jobhub.companies.company_editor_state import NOT_SET
from jobhub.companies.company_editor_state import CompanyEditorState as S
from jobhub.ui.forms import field_ids, form_field
from jobhub.ui.theme import SPACE_DEFAULT, TEXT_MUTED


def _error(name: str) -> rx.Var[str]:
    return S.errors.get(name, "").to(str)


def _described_by(name: str, help_text: str | None) -> str:
    _, help_id, error_id = field_ids(name)
    return f"{help_id} {error_id}" if help_text else error_id


def text_field(label: str, name: str, *, help_text: str | None = None, **props: Any) -> rx.Component:
    return form_field(
        label,
        name,
        help_text=help_text,
        error=_error(name),
        default_value=S.values[name],
        **props,
    )


def _text_area(name: str, help_text: str | None, rows: int, **props: Any) -> rx.Component:
    return rx.text_area(
        id=field_ids(name)[0],
        name=name,
        default_value=S.values[name],
        rows=str(rows),
        width="100%",
        aria_describedby=_described_by(name, help_text),
        aria_invalid=rx.cond(_error(name) != "", "true", "false"),
        **props,
    )


def lines_field(label: str, name: str, help_text: str, *, rows: int) -> rx.Component:
    """A list typed one item per line."""
    return form_field(
        label, name, help_text=help_text, error=_error(name), control=_text_area(name, help_text, rows)
    )


def markdown_field(label: str, name: str, maximum: int, help_text: str, *, rows: int) -> rx.Component:
    described = f"{help_text} Up to {maximum:,} characters."
    return form_field(
        label,
        name,
        help_text=described,
        error=_error(name),
        control=_text_area(name, described, rows, resize="vertical"),
    )


def choice_field(label: str, name: str, choices: Mapping[str, str]) -> rx.Component:
    """A select whose first item says nothing was chosen."""
    input_id, _, _ = field_ids(name)
    control = rx.select.root(
        rx.select.trigger(
            id=input_id,
            width="100%",
            aria_describedby=_described_by(name, None),
            aria_invalid=rx.cond(_error(name) != "", "true", "false"),
        ),
        rx.select.content(
            rx.select.item("Not specified", value=NOT_SET),
            *[rx.select.item(text, value=value) for value, text in choices.items()],
        ),
        name=name,
        default_value=S.values[name],
        size="3",
    )
    return form_field(label, name, error=_error(name), control=control)


def form_section(title: str, *fields: rx.Component, columns: bool = False) -> rx.Component:
    """One titled group of the form; ``columns`` lays short fields out two by two on wide screens."""
    slug = title.lower().replace(" ", "-")
    return rx.el.section(
        rx.card(
            rx.flex(
                rx.heading(title, as_="h2", size="4", id=f"editor-{slug}"),
                rx.grid(
                    *fields,
                    columns=rx.breakpoints(initial="1", md="2") if columns else "1",
                    spacing=SPACE_DEFAULT,
                    width="100%",
                ),
                direction="column",
                spacing="3",
            ),
            width="100%",
        ),
        aria_labelledby=f"editor-{slug}",
        color=rx.cond(S.editable, "inherit", TEXT_MUTED),
    )
