"""``/profile/resumes``: a job seeker's resumes, their reading, and what they suggest for the profile.

Guarded for signed-in job seekers; the service checks again on every action. The list shows
each resume's reading status (a spinner that turns into "Read" or the reason it failed on its
own), the default marker and the row's actions; the suggestions panel beside it offers what the
chosen resume says and the profile lacks.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.pages.registry import PageSpec
from jobhub.profiles.resume_parts import page_intro, resume_row, upload_card
from jobhub.profiles.resume_state import ResumesState
from jobhub.profiles.resume_suggestions_panel import suggestions_panel
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, empty_state
from jobhub.ui.layout import page_layout
from jobhub.ui.theme import SPACE_DEFAULT

LIST_LABEL = "Your resumes"


def resume_list() -> rx.Component:
    return rx.cond(
        ResumesState.loading & (ResumesState.resumes.length() == 0),
        card_skeletons(2, label="Loading your resumes"),
        rx.cond(
            ResumesState.resumes.length() > 0,
            rx.el.ul(
                rx.foreach(ResumesState.resumes, resume_row),
                aria_label=LIST_LABEL,
                display="grid",
                grid_template_columns="minmax(0, 1fr)",
                gap="0.75rem",
                padding="0",
                margin="0",
            ),
            empty_state(
                "No resumes yet",
                "Upload your resume once: apply with it in one click, and let it fill your profile.",
                icon="file-user",
            ),
        ),
    )


def resumes_page() -> rx.Component:
    return page_layout(
        rx.flex(
            page_intro(),
            rx.grid(
                rx.flex(
                    upload_card(), resume_list(), direction="column", spacing=SPACE_DEFAULT, min_width="0"
                ),
                suggestions_panel(),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing=SPACE_DEFAULT,
                align="start",
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        width="64rem",
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.PROFILE_RESUMES,
        resumes_page,
        "Resumes",
        only_for(UserType.JOB_SEEKER),
        on_load=ResumesState.load,
        description="Your resumes: upload, choose the default, and fill your profile from them.",
    ),
)
