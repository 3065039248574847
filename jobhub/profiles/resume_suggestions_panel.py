"""The suggestions panel of ``/profile/resumes``: what the chosen resume offers the profile.

Each suggestion has its own "Add" button and the panel an "Add all"; the service adds rows
only, so the panel says plainly that nothing typed is changed.
"""

from __future__ import annotations

import reflex as rx

from jobhub.profiles.resume_parts import small_button
from jobhub.profiles.resume_state import ResumesState
from jobhub.ui.theme import BORDER, SPACE_TIGHT, TEXT_MUTED

KIND_ICONS = {"skill": "sparkles", "title": "briefcase", "school": "graduation-cap"}
KIND_LABELS = {"skill": "Skill", "title": "Experience", "school": "Education"}


def _suggestion(item: rx.Var) -> rx.Component:
    kind = item["kind"].to(str)
    detail = item["detail"].to(str)
    return rx.el.li(
        rx.flex(
            rx.match(
                kind,
                *[(value, rx.icon(icon, size=16, aria_hidden="true")) for value, icon in KIND_ICONS.items()],
                rx.icon("sparkles", size=16, aria_hidden="true"),
            ),
            rx.flex(
                rx.text(item["label"].to(str), weight="medium", size="2"),
                rx.text(
                    rx.match(kind, *KIND_LABELS.items(), ""),
                    rx.cond(detail != "", " \u00b7 " + detail, ""),
                    size="1",
                    color=TEXT_MUTED,
                ),
                direction="column",
                flex="1",
                min_width="0",
            ),
            small_button(
                "plus",
                "Add",
                "Add " + item["label"].to(str) + " to your profile",
                on_click=ResumesState.accept(item["key"].to(str)),
            ),
            align="center",
            spacing="3",
        ),
        list_style="none",
        padding_y="0.4rem",
        border_bottom=f"1px solid {BORDER}",
        data_testid="suggestion",
    )


def suggestions_panel() -> rx.Component:
    return rx.el.section(
        rx.card(
            rx.flex(
                rx.heading("Suggestions for your profile", as_="h2", size="4", id="suggestions-heading"),
                rx.cond(
                    ResumesState.suggestions.length() > 0,
                    rx.flex(
                        rx.flex(
                            rx.text(
                                "Found in ",
                                rx.text.strong(ResumesState.suggestions_label),
                                ". Adding never changes what you typed.",
                                size="2",
                                color=TEXT_MUTED,
                            ),
                            rx.button(
                                "Add all",
                                size="1",
                                on_click=ResumesState.accept_all,
                                data_testid="accept-all",
                            ),
                            justify="between",
                            align="center",
                            wrap="wrap",
                            spacing=SPACE_TIGHT,
                        ),
                        rx.el.ul(rx.foreach(ResumesState.suggestions, _suggestion), padding="0", margin="0"),
                        direction="column",
                        spacing=SPACE_TIGHT,
                    ),
                    rx.text(
                        rx.cond(
                            ResumesState.suggestions_for != "",
                            "Everything we found in your resume is already on your profile.",
                            rx.cond(
                                ResumesState.waiting,
                                "We are reading your resume; suggestions appear here in a moment.",
                                "Upload a resume we can read, and what it says appears here as suggestions.",
                            ),
                        ),
                        size="2",
                        color=TEXT_MUTED,
                        data_testid="no-suggestions",
                    ),
                ),
                direction="column",
                spacing="3",
            ),
            width="100%",
        ),
        aria_labelledby="suggestions-heading",
        width="100%",
    )
