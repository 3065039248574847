"""The job editor's controls: bound fields, the category select and the skills picker.

Every control is labelled and reads its error from ``errors`` (always present, empty when
fine). Values are the state's, so what was typed survives a refused save; Reflex debounces
the text inputs. Skills are chosen from the server's offers only.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.jobs.posting_editor_state import PostingEditorState as S
from jobhub.jobs.posting_form import F
from jobhub.jobs.posting_form_state import NO_SELECTION, PREFERRED, REQUIRED
from jobhub.ui.forms import field_ids, form_field
from jobhub.ui.theme import ERROR_TEXT, SPACE_TIGHT, TEXT_MUTED


def _on_change(name: str) -> Any:
    return lambda value: S.set_field(name, value)


def text_field(label: str, name: F, **props: Any) -> rx.Component:
    return form_field(
        label,
        name.value,
        value=S.form[name.value],
        on_change=_on_change(name.value),
        error=S.errors[name.value],
        disabled=~S.can_edit,
        **props,
    )


def area_field(
    label: str, name: F, *, rows: str = "6", help_text: str | None = None, **props: Any
) -> rx.Component:
    input_id, help_id, error_id = field_ids(name.value)
    return form_field(
        label,
        name.value,
        help_text=help_text,
        error=S.errors[name.value],
        required=props.pop("required", False),
        control=rx.text_area(
            id=input_id,
            name=name.value,
            value=S.form[name.value],
            on_change=_on_change(name.value),
            rows=rows,
            width="100%",
            disabled=~S.can_edit,
            aria_describedby=f"{help_id} {error_id}" if help_text else error_id,
            aria_invalid=rx.cond(S.errors[name.value] != "", "true", "false"),
            **props,
        ),
    )


def choice_field(
    label: str, name: F, choices: dict[str, str], *, optional: bool = True, help_text: str | None = None
) -> rx.Component:
    """A select of ``choices`` (value -> label); an optional one starts at "Not set"."""
    input_id, help_id, error_id = field_ids(name.value)
    items = [rx.select.item("Not set", value=NO_SELECTION)] if optional else []
    value = S.form[name.value]
    return form_field(
        label,
        name.value,
        help_text=help_text,
        error=S.errors[name.value],
        control=rx.select.root(
            rx.select.trigger(
                id=input_id,
                width="100%",
                aria_describedby=f"{help_id} {error_id}" if help_text else error_id,
            ),
            rx.select.content(*items, *[rx.select.item(text, value=key) for key, text in choices.items()]),
            value=rx.cond(value == "", NO_SELECTION, value) if optional else value,
            on_change=_on_change(name.value),
            disabled=~S.can_edit,
            size="3",
        ),
    )


def category_field() -> rx.Component:
    """The category select; its choices come from the database, so it loops over the state's list."""
    input_id, _, error_id = field_ids(F.CATEGORY.value)
    value = S.form[F.CATEGORY.value]
    return form_field(
        "Category",
        F.CATEGORY.value,
        error=S.errors[F.CATEGORY.value],
        control=rx.select.root(
            rx.select.trigger(id=input_id, width="100%", aria_describedby=error_id),
            rx.select.content(
                rx.select.item("Not set", value=NO_SELECTION),
                rx.foreach(S.categories, lambda choice: rx.select.item(choice["label"], value=choice["id"])),
            ),
            value=rx.cond(value == "", NO_SELECTION, value),
            on_change=_on_change(F.CATEGORY.value),
            disabled=~S.can_edit,
            size="3",
        ),
    )


def field_error(name: F) -> rx.Component:
    return rx.text(
        S.errors[name.value],
        id=field_ids(name.value)[2],
        size="2",
        color=ERROR_TEXT,
        aria_live="polite",
        display=rx.cond(S.errors[name.value] != "", "block", "none"),
    )


def _chip(kind: str, chip: rx.Var) -> rx.Component:
    name = chip["name"].to(str)
    return rx.el.li(
        rx.badge(
            name,
            rx.cond(
                S.can_edit,
                rx.el.button(
                    rx.icon("x", size=12, aria_hidden="true"),
                    type="button",
                    aria_label="Remove " + name,
                    on_click=S.remove_skill(kind, chip["id"].to(str)),
                    cursor="pointer",
                    background="none",
                    border="none",
                    padding="0",
                    color="inherit",
                ),
            ),
            size="2",
            color_scheme="indigo" if kind == REQUIRED else "gray",
        ),
        list_style="none",
    )


def skill_picker(kind: str, label: str, help_text: str) -> rx.Component:
    """Chosen skills as removable chips, and a type-ahead over the taxonomy to add more."""
    name = F.REQUIRED_SKILLS if kind == REQUIRED else F.PREFERRED_SKILLS
    chosen = S.required_skills if kind == REQUIRED else S.preferred_skills
    options = S.skill_options[kind].to(list[dict[str, str]])
    input_id, help_id, error_id = field_ids(name.value)
    return rx.flex(
        rx.el.label(label, html_for=input_id, font_weight="500"),
        rx.text(help_text, id=help_id, size="2", color=TEXT_MUTED),
        rx.cond(
            chosen.length() > 0,
            rx.el.ul(
                rx.foreach(chosen, lambda chip: _chip(kind, chip)),
                aria_label=label,
                display="flex",
                flex_wrap="wrap",
                gap="0.5rem",
                padding="0",
                margin="0",
            ),
        ),
        rx.input(
            id=input_id,
            placeholder="Type a skill, like Python",
            value=S.skill_query[kind],
            on_change=lambda text: S.search_skills(kind, text),
            disabled=~S.can_edit,
            aria_describedby=f"{help_id} {error_id}",
            auto_complete="off",
            size="3",
            width="100%",
        ),
        rx.cond(
            options.length() > 0,
            rx.el.ul(
                rx.foreach(
                    options,
                    lambda option: rx.el.li(
                        rx.button(
                            rx.icon("plus", size=14, aria_hidden="true"),
                            option["name"],
                            type="button",
                            variant="soft",
                            size="2",
                            on_click=S.add_skill(kind, option["id"]),
                            aria_label="Add " + option["name"].to(str),
                        ),
                        list_style="none",
                    ),
                ),
                aria_label="Matching skills",
                display="flex",
                flex_wrap="wrap",
                gap="0.5rem",
                padding="0",
                margin="0",
                data_testid=f"skill-options-{kind}",
            ),
        ),
        field_error(name),
        direction="column",
        spacing=SPACE_TIGHT,
        width="100%",
    )


def skills_pickers() -> rx.Component:
    return rx.flex(
        skill_picker(REQUIRED, "Required skills", "What every applicant must bring."),
        skill_picker(PREFERRED, "Nice-to-have skills", "What would make an applicant stand out."),
        direction="column",
        spacing="5",
        width="100%",
    )
