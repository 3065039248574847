"""The editor's skills: each with a level select and a years field that save as they change, and
a form with a type-ahead over the taxonomy to add one (only names the taxonomy holds are kept).
"""

from __future__ import annotations

import reflex as rx

from jobhub.profiles.profile_editor_fields import row_button, section_card
from jobhub.profiles.profile_editor_state import ProfileEditorState as S
from jobhub.profiles.profile_skills import PROFICIENCY_LABELS, YEARS_MAX
from jobhub.ui.forms import field_ids, form_field, submit_button
from jobhub.ui.theme import TEXT_MUTED


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
            row_button(
                "x",
                "Remove",
                aria_label="Remove " + name,
                color_scheme="red",
                on_click=S.remove_skill(skill_id),
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
