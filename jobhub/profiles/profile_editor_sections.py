"""The editor's lists: skills with their level and years, and the three ordered sections.

Each entry is a card with Up, Down, Edit and Remove buttons. After a move, focus stays on the
button pressed, so Enter or Space moves the entry on, one place a press. Edit swaps the card
for an inline form in place; "Add" opens the same form under the list. Removing asks first.
Skills change as soon as a level is chosen or the years field is left.
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
    section_card,
    select_input,
    text_area,
    text_input,
)
from jobhub.profiles.profile_editor_state import ENTRY_PREFIX, NEW
from jobhub.profiles.profile_editor_state import ProfileEditorState as S
from jobhub.profiles.profile_skills import PROFICIENCY_LABELS, YEARS_MAX
from jobhub.ui.feedback import confirm_dialog, empty_state
from jobhub.ui.forms import field_ids, form_field, submit_button
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


def _skill_row(skill: rx.Var) -> rx.Component:
    name = skill["name"].to(str)
    skill_id = skill["id"].to(str)
    return rx.el.li(
        rx.flex(
            rx.text(name, weight="medium", min_width="8rem"),
            rx.select.root(
                rx.select.trigger(aria_label="How well you know " + name),
                rx.select.content(
                    *[rx.select.item(text, value=value) for value, text in PROFICIENCY_LABELS.items()]
                ),
                value=skill["proficiency"].to(str),
                on_change=lambda level: S.change_skill_level(skill_id, level),
                size="2",
            ),
            rx.input(
                default_value=skill["years"].to(str),
                on_blur=lambda years: S.change_skill_years(skill_id, years),
                input_mode="numeric",
                max_length=2,
                width="5rem",
                aria_label="Years of " + name,
                placeholder="years",
            ),
            rx.button(
                rx.icon("x", size=14, aria_hidden="true"),
                "Remove",
                type="button",
                variant="soft",
                color_scheme="red",
                size="1",
                on_click=S.remove_skill(skill_id),
                aria_label="Remove " + name,
            ),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        list_style="none",
        data_testid="profile-skill",
    )


def skills_section() -> rx.Component:
    input_id, help_id, error_id = field_ids("skill")
    add_form = rx.form(
        rx.flex(
            rx.box(
                rx.el.label("Skill", html_for=input_id, font_weight="500"),
                rx.input(
                    id=input_id,
                    name="skill",
                    value=S.skill_query,
                    on_change=S.search_skill,
                    placeholder="Type a skill, like Python",
                    auto_complete="off",
                    aria_describedby=f"{help_id} {error_id}",
                    aria_invalid=rx.cond(S.skill_error != "", "true", "false"),
                    size="3",
                ),
                flex="1",
                min_width="12rem",
            ),
            form_field(
                "Level",
                "proficiency",
                control=rx.select.root(
                    rx.select.trigger(id=field_ids("proficiency")[0], width="100%"),
                    rx.select.content(
                        *[rx.select.item(text, value=value) for value, text in PROFICIENCY_LABELS.items()]
                    ),
                    name="proficiency",
                    default_value="intermediate",
                    size="3",
                ),
            ),
            form_field("Years", "years", input_mode="numeric", max_length=2, placeholder=f"0-{YEARS_MAX}"),
            submit_button("Add skill"),
            align="end",
            spacing="3",
            wrap="wrap",
        ),
        rx.text(
            "Skills come from our list, so employers' searches find them.",
            id=help_id,
            size="2",
            color=TEXT_MUTED,
        ),
        rx.cond(
            S.skill_options.length() > 0,
            rx.el.ul(
                rx.foreach(
                    S.skill_options,
                    lambda option: rx.el.li(
                        rx.button(
                            option, type="button", variant="soft", size="2", on_click=S.pick_skill(option)
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
                data_testid="skill-options",
            ),
        ),
        rx.text(S.skill_error, id=error_id, size="2", color=rx.color("red", 11), aria_live="polite"),
        on_submit=S.add_skill,
        reset_on_submit=False,
        key=S.skill_key,
        aria_label="Add a skill",
    )
    return section_card(
        "Skills",
        rx.cond(
            S.skills.length() > 0,
            rx.el.ul(
                rx.foreach(S.skills, _skill_row),
                display="flex",
                flex_direction="column",
                gap="0.75rem",
                padding="0",
                margin="0",
                aria_label="Your skills",
            ),
            rx.text("No skills yet: add the ones you use at work.", color=TEXT_MUTED),
        ),
        add_form,
        section_id="skills",
    )


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
    return rx.button(
        rx.icon(f"arrow-{word}", size=14, aria_hidden="true"),
        word.capitalize(),
        type="button",
        variant="soft",
        size="1",
        disabled=disabled,
        on_click=S.move_entry(section.value, entry["id"].to(str), offset),
        aria_label="Move " + entry["title"].to(str) + f" {word}",
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
            rx.button(
                rx.icon("pencil", size=14, aria_hidden="true"),
                "Edit",
                type="button",
                variant="soft",
                size="1",
                on_click=S.start_entry(section.value, entry_id),
                aria_label="Edit " + title,
            ),
            confirm_dialog(
                rx.button(
                    rx.icon("trash-2", size=14, aria_hidden="true"),
                    "Remove",
                    type="button",
                    variant="soft",
                    color_scheme="red",
                    size="1",
                    aria_label="Remove " + title,
                ),
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
