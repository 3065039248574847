"""The profile editor ``/profile``: the meter with its next step, the profile's fields, skills and
the ordered sections, for job seekers only.

The basics are one form (handle, headline, place, wishes, who may see it, links) saved at once,
with every refused field marked in place. Skills and the three sections save per item, so a
seeker can fill the profile a piece at a time and watch the meter rise.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.companies.company_fields import URL_MAX
from jobhub.pages.registry import PageSpec
from jobhub.profiles import profile_form as rules
from jobhub.profiles.history_forms import Section
from jobhub.profiles.labels import AVAILABILITY_LABELS, REMOTE_LABELS, VISIBILITY_HELP, VISIBILITY_LABELS
from jobhub.profiles.profile_editor_fields import (
    Bound,
    check_input,
    section_card,
    select_input,
    text_area,
    text_input,
)
from jobhub.profiles.profile_editor_sections import entries_section
from jobhub.profiles.profile_editor_skills import skills_section
from jobhub.profiles.profile_editor_state import ProfileEditorState as S
from jobhub.profiles.profile_handles import HANDLE_MAX
from jobhub.ui import navigation as nav
from jobhub.ui.forms import field_ids, form_field, submit_button
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link
from jobhub.ui.page_parts import loading_lines
from jobhub.ui.theme import SPACE_DEFAULT, TEXT_MUTED

BASICS: Bound = (S.values, S.errors)
HANDLE_HELP = "Your page is /u/ and this: letters, digits and single hyphens. Empty keeps the one shown."


def meter() -> rx.Component:
    return rx.card(
        rx.flex(
            rx.flex(
                rx.heading("Profile strength", as_="h2", size="4", id="meter-heading"),
                rx.text(S.percent.to(str) + "%", weight="bold", size="5", data_testid="completeness-percent"),
                justify="between",
                align="center",
            ),
            rx.progress(
                value=S.percent,
                max=100,
                aria_labelledby="meter-heading",
                aria_valuetext=S.percent.to(str) + " percent complete",
            ),
            rx.text(
                rx.el.strong("Next: "),
                S.next_step,
                size="2",
                color=TEXT_MUTED,
                data_testid="completeness-next",
                role="status",
            ),
            direction="column",
            spacing="2",
        ),
        width="100%",
    )


def visibility_field() -> rx.Component:
    input_id, _, error_id = field_ids("profile_visibility")
    control = rx.radio_group.root(
        rx.flex(
            *[
                rx.el.label(
                    rx.flex(
                        rx.radio_group.item(value=value.value, aria_label=label),
                        rx.flex(
                            rx.text(label, weight="medium"),
                            rx.text(VISIBILITY_HELP[value], size="2", color=TEXT_MUTED),
                            direction="column",
                        ),
                        spacing="2",
                        align="start",
                    ),
                )
                for value, label in VISIBILITY_LABELS.items()
            ],
            direction="column",
            spacing="3",
        ),
        id=input_id,
        name="profile_visibility",
        default_value=BASICS[0].get("profile_visibility", "public").to(str),
        aria_describedby=error_id,
    )
    return form_field(
        "Who may see your profile",
        "profile_visibility",
        error=S.errors.get("profile_visibility", "").to(str),
        control=control,
    )


def basics_form() -> rx.Component:
    return rx.form(
        rx.flex(
            section_card(
                "About you",
                rx.grid(
                    text_input(
                        BASICS,
                        "Profile address",
                        "handle",
                        max_length=HANDLE_MAX,
                        help_text=HANDLE_HELP,
                        placeholder=S.suggested_handle,
                        auto_complete="off",
                    ),
                    text_input(
                        BASICS,
                        "Headline",
                        "headline",
                        max_length=rules.HEADLINE_MAX,
                        placeholder="Data engineer who ships",
                    ),
                    text_input(
                        BASICS,
                        "Location",
                        "location",
                        max_length=rules.LOCATION_MAX,
                        placeholder="Leipzig, Germany",
                    ),
                    select_input(BASICS, "Availability", "availability", AVAILABILITY_LABELS),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing=SPACE_DEFAULT,
                ),
                text_area(
                    BASICS,
                    "Summary",
                    "summary",
                    help_text="A few lines on what you are good at and what you want next.",
                    rows=5,
                ),
                check_input(BASICS, "Open to work: show employers I am looking", "open_to_work"),
                section_id="about",
            ),
            section_card(
                "What you are looking for",
                rx.grid(
                    text_input(
                        BASICS,
                        "Desired roles",
                        "desired_roles",
                        help_text=f"Separated by commas, up to {rules.ROLES_MAX}.",
                    ),
                    text_input(
                        BASICS,
                        "Desired yearly pay",
                        "desired_salary_range",
                        max_length=rules.SALARY_MAX,
                        placeholder="90k-120k USD",
                        help_text="Shown to recruiters and employers you apply to, never to the public.",
                    ),
                    select_input(BASICS, "Remote work", "remote_preference", REMOTE_LABELS),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing=SPACE_DEFAULT,
                ),
                section_id="wishes",
            ),
            section_card("Visibility", visibility_field(), section_id="visibility"),
            section_card(
                "Links",
                rx.grid(
                    *[
                        text_input(
                            BASICS, label, field, input_mode="url", max_length=URL_MAX, placeholder="https://"
                        )
                        for field, label in rules.LINK_FIELDS.items()
                    ],
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing=SPACE_DEFAULT,
                ),
                section_id="links",
            ),
            rx.flex(
                rx.cond(
                    S.errors.length() > 0,
                    rx.text(
                        "Some fields need another look: they are marked above.",
                        color=rx.color("red", 11),
                        size="2",
                        role="alert",
                    ),
                ),
                submit_button("Save profile", loading=S.saving),
                justify="end",
                align="center",
                spacing="3",
                wrap="wrap",
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        on_submit=S.save,
        reset_on_submit=False,
        key=S.form_key,
        aria_label="Your profile",
        width="100%",
    )


def editor_page() -> rx.Component:
    return page_layout(
        rx.flex(
            rx.flex(
                rx.heading("Your profile", as_="h1", size="8"),
                rx.flex(
                    button_link("Your resumes", nav.PROFILE_RESUMES, icon="file-user", variant="soft"),
                    rx.cond(
                        S.public_path != "",
                        button_link("View public page", S.public_path, icon="external-link", variant="soft"),
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                justify="between",
                align="center",
                wrap="wrap",
                spacing="3",
            ),
            rx.cond(
                S.loading,
                loading_lines("Loading your profile", 8),
                rx.flex(
                    meter(),
                    basics_form(),
                    skills_section(),
                    entries_section(Section.EXPERIENCE, S.experience),
                    entries_section(Section.EDUCATION, S.education),
                    entries_section(Section.CERTIFICATIONS, S.certifications),
                    direction="column",
                    spacing=SPACE_DEFAULT,
                ),
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.PROFILE,
        editor_page,
        "Your profile",
        only_for(UserType.JOB_SEEKER),
        on_load=S.load,
        description="Your JobHub profile: what employers see, and who may see it.",
    ),
)
