"""The editor's three ordered sections: experience, education and certifications.

Each entry is a card with Up, Down, Edit and Remove buttons. After a move, focus stays on the
button pressed, so Enter or Space moves the entry on, one place a press. Edit swaps the card
for an inline form in place; "Add" opens the same form under the list. Removing asks first.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from jobhub.profiles import history_forms as hf
from jobhub.profiles.history_forms import Section
from jobhub.profiles.labels import EMPLOYMENT_LABELS
from jobhub.profiles.profile_editor_fields import (
    Bound,
    check_input,
    row_button,
    section_card,
    select_input,
    text_area,
    text_input,
)
from jobhub.profiles.profile_editor_state import ENTRY_PREFIX, NEW
from jobhub.profiles.profile_editor_state import ProfileEditorState as S
from jobhub.ui.feedback import confirm_dialog, empty_state
from jobhub.ui.forms import submit_button
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

ENTRY: Bound = (S.entry_values, S.entry_errors)


@dataclass(frozen=True)
class SectionText:
    title: str
    noun: str
    intro: str
    empty: str
    icon: str


TEXTS: dict[Section, SectionText] = {
    Section.EXPERIENCE: SectionText(
        "Experience",
        "position",
        "Newest first reads best: move entries with Up and Down.",
        "No positions yet.",
        "briefcase",
    ),
    Section.EDUCATION: SectionText(
        "Education", "education", "Schools, degrees and courses.", "No education yet.", "graduation-cap"
    ),
    Section.CERTIFICATIONS: SectionText(
        "Certifications",
        "certification",
        "Credentials an employer can check.",
        "No certifications yet.",
        "award",
    ),
}


def _entry_fields(section: Section) -> list[rx.Component]:
    span = hf.SPANS[section]
    dates = [
        text_input(
            ENTRY,
            span.start_label,
            ENTRY_PREFIX + span.start,
            input_type="month",
            required=span.start_required,
        ),
        text_input(ENTRY, span.end_label, ENTRY_PREFIX + span.end, input_type="month"),
        check_input(ENTRY, span.ongoing_label, ENTRY_PREFIX + span.ongoing),
    ]
    if section is Section.EXPERIENCE:
        own = [
            text_input(ENTRY, "Job title", ENTRY_PREFIX + "job_title", required=True, max_length=hf.NAME_MAX),
            text_input(
                ENTRY, "Company", ENTRY_PREFIX + "company_name", required=True, max_length=hf.NAME_MAX
            ),
            select_input(ENTRY, "Employment", ENTRY_PREFIX + "employment_type", EMPLOYMENT_LABELS),
            text_input(ENTRY, "Location", ENTRY_PREFIX + "location", max_length=hf.DETAIL_MAX),
            check_input(ENTRY, "Remote", ENTRY_PREFIX + "is_remote"),
        ]
    elif section is Section.EDUCATION:
        own = [
            text_input(
                ENTRY, "School", ENTRY_PREFIX + "institution_name", required=True, max_length=hf.NAME_MAX
            ),
            text_input(ENTRY, "Degree", ENTRY_PREFIX + "degree_type", max_length=hf.DETAIL_MAX),
            text_input(ENTRY, "Field of study", ENTRY_PREFIX + "field_of_study", max_length=hf.DETAIL_MAX),
            text_input(ENTRY, "Grade", ENTRY_PREFIX + "grade", max_length=50),
        ]
    else:
        own = [
            text_input(ENTRY, "Name", ENTRY_PREFIX + "name", required=True, max_length=hf.NAME_MAX),
            text_input(
                ENTRY,
                "Issued by",
                ENTRY_PREFIX + "issuing_organization",
                required=True,
                max_length=hf.NAME_MAX,
            ),
            text_input(ENTRY, "Credential id", ENTRY_PREFIX + "credential_id", max_length=hf.DETAIL_MAX),
            text_input(
                ENTRY,
                "Credential link",
                ENTRY_PREFIX + "credential_url",
                input_mode="url",
                placeholder="https://",
            ),
        ]
    described = (
        []
        if section is Section.CERTIFICATIONS
        else [text_area(ENTRY, "Description", ENTRY_PREFIX + "description")]
    )
    return [*own, *dates, *described]


def entry_form(section: Section, heading: str) -> rx.Component:
    return rx.form(
        rx.flex(
            rx.heading(heading, as_="h3", size="3"),
            rx.grid(
                *_entry_fields(section), columns=rx.breakpoints(initial="1", md="2"), spacing=SPACE_DEFAULT
            ),
            rx.flex(
                rx.button(
                    "Cancel", type="button", variant="soft", color_scheme="gray", on_click=S.cancel_entry
                ),
                submit_button("Save", loading=S.entry_saving),
                justify="end",
                spacing="3",
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        on_submit=S.save_entry,
        reset_on_submit=False,
        key=S.entry_key,
        aria_label=heading,
        padding="1rem",
        border=f"1px solid {rx.color('gray', 6)}",
        border_radius="var(--radius-3)",
        data_testid=f"{section.value}-form",
    )


def _move_button(section: Section, entry: rx.Var, offset: int, *, disabled: rx.Var) -> rx.Component:
    word = "up" if offset < 0 else "down"
    return row_button(
        f"arrow-{word}",
        word.capitalize(),
        aria_label="Move " + entry["title"].to(str) + f" {word}",
        disabled=disabled,
        on_click=S.move_entry(section.value, entry["id"].to(str), offset),
        id=f"move-{word}-" + entry["id"].to(str),
    )


def _entry_card(section: Section, entry: rx.Var, index: rx.Var[int], count: rx.Var[int]) -> rx.Component:
    title = entry["title"].to(str)
    entry_id = entry["id"].to(str)
    text = TEXTS[section]
    card = rx.flex(
        rx.flex(
            rx.text(title, weight="bold"),
            rx.text(entry["subtitle"].to(str), color=TEXT_MUTED),
            rx.text(entry["period"].to(str), size="2", color=TEXT_MUTED),
            direction="column",
            spacing="1",
            flex="1",
            min_width="12rem",
        ),
        rx.flex(
            _move_button(section, entry, -1, disabled=index == 0),
            _move_button(section, entry, 1, disabled=index == count - 1),
            row_button(
                "pencil", "Edit", aria_label="Edit " + title, on_click=S.start_entry(section.value, entry_id)
            ),
            confirm_dialog(
                row_button("trash-2", "Remove", aria_label="Remove " + title, color_scheme="red"),
                title=f"Remove this {text.noun}?",
                description="It leaves your profile at once.",
                confirm_label="Remove",
                on_confirm=S.remove_entry(section.value, entry_id),
            ),
            spacing=SPACE_TIGHT,
            wrap="wrap",
            align="start",
        ),
        justify="between",
        spacing="3",
        wrap="wrap",
        padding="0.75rem",
        border_radius="var(--radius-3)",
        background=rx.color("gray", 2),
    )
    return rx.el.li(
        rx.cond(
            (S.editing_section == section.value) & (S.editing_id == entry_id),
            entry_form(section, f"Edit {text.noun}"),
            card,
        ),
        list_style="none",
        data_testid=f"{section.value}-entry",
    )


def entries_section(section: Section, entries: rx.Var) -> rx.Component:
    text = TEXTS[section]
    count = entries.length()
    return section_card(
        text.title,
        rx.cond(
            count > 0,
            rx.el.ol(
                rx.foreach(entries, lambda entry, index: _entry_card(section, entry, index, count)),
                display="flex",
                flex_direction="column",
                gap="0.75rem",
                padding="0",
                margin="0",
                aria_label=text.title,
            ),
            empty_state(text.empty, icon=text.icon),
        ),
        rx.cond(
            (S.editing_section == section.value) & (S.editing_id == NEW),
            entry_form(section, f"Add {text.noun}"),
            rx.box(
                rx.button(
                    rx.icon("plus", size=16, aria_hidden="true"),
                    f"Add {text.noun}",
                    type="button",
                    variant="soft",
                    on_click=S.start_entry(section.value, NEW),
                ),
            ),
        ),
        section_id=section.value,
        intro=text.intro,
    )
