"""The job editor: ``/employer/jobs/new`` and ``/employer/jobs/[id]``, with its live preview.

Two tabs: Edit (the posting's sections, each a card) and Preview, which draws the unsaved
posting with the job page's own components (``job_posting_parts``), so what the employer
sees is what seekers will see. The buttons are the lifecycle steps the posting's status
allows; a refused publish marks the fields (pay first) and keeps what was typed; a
near-duplicate opens a dialog with a link to the other job. Guarded for employers.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.companies.employer_area import employer_layout
from jobhub.jobs.job_posting_parts import icon, posting_content
from jobhub.jobs.models import SalaryPeriod
from jobhub.jobs.posting_editor_actions import action_bar, duplicate_dialog
from jobhub.jobs.posting_editor_parts import (
    area_field,
    category_field,
    choice_field,
    skills_pickers,
    text_field,
)
from jobhub.jobs.posting_editor_state import EDIT_TAB, PREVIEW_TAB
from jobhub.jobs.posting_editor_state import PostingEditorState as S
from jobhub.jobs.posting_form import CURRENCIES, F
from jobhub.jobs.posting_row import STATUS_COLORS
from jobhub.jobs.posting_rules import MAX_LIFETIME_DAYS
from jobhub.jobs.screening_questions_editor import questions_editor
from jobhub.jobs.search import LABELS
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import empty_state
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import loading_lines, section_card
from jobhub.ui.theme import BORDER, SPACE_DEFAULT, TEXT_MUTED

PERIOD_LABELS = {
    SalaryPeriod.HOURLY: "Per hour",
    SalaryPeriod.DAILY: "Per day",
    SalaryPeriod.WEEKLY: "Per week",
    SalaryPeriod.MONTHLY: "Per month",
    SalaryPeriod.YEARLY: "Per year",
}
MARKDOWN_HELP = "Markdown works: **bold**, *italic*, lists starting with - and [links](https://example.com)."
EDITOR_FORM = "Job posting"
PAY_INTRO = (
    "A salary range is required to publish: pay-transparency laws ask for it, and seekers filter by it."
)


def _grid(*children: rx.Component) -> rx.Component:
    return rx.grid(*children, columns=rx.breakpoints(initial="1", sm="2"), spacing="4", width="100%")


def basics() -> rx.Component:
    return section_card(
        "The job",
        text_field("Job title", F.TITLE, required=True, max_length=150),
        _grid(
            category_field(),
            choice_field("Employment type", F.EMPLOYMENT_TYPE, LABELS["type"], optional=False),
            choice_field("Level", F.LEVEL, LABELS["level"]),
            choice_field("Remote work", F.REMOTE, LABELS["remote"]),
        ),
        text_field(
            "Location",
            F.LOCATION,
            placeholder="City, Country",
            help_text="Leave empty for a fully remote job.",
        ),
        rx.cond(
            S.location_hint != "", rx.text(icon("map-pin"), " ", S.location_hint, size="2", color=TEXT_MUTED)
        ),
    )


def pay() -> rx.Component:
    return section_card(
        "Pay",
        rx.cond(
            S.pay_notice != "",
            rx.callout(
                S.pay_notice, icon="scale", color_scheme="amber", role="alert", data_testid="pay-notice"
            ),
        ),
        _grid(
            text_field("Lowest pay", F.SALARY_MIN, input_mode="numeric", placeholder="85000"),
            text_field("Highest pay", F.SALARY_MAX, input_mode="numeric", placeholder="105000"),
            choice_field("Currency", F.CURRENCY, {code: code for code in CURRENCIES}, optional=False),
            choice_field("Pay period", F.PERIOD, PERIOD_LABELS),
        ),
        rx.flex(
            rx.text("Seekers will read: ", size="2", color=TEXT_MUTED),
            rx.text(rx.cond(S.pay_stated != "", S.pay_stated, "no pay yet"), weight="bold", size="2"),
            rx.cond(S.pay_yearly != "", rx.text("(", S.pay_yearly, ")", size="2", color=TEXT_MUTED)),
            spacing="1",
            wrap="wrap",
            aria_live="polite",
            data_testid="pay-line",
        ),
        rx.text(
            rx.checkbox(checked=S.show_salary, on_change=S.set_show_salary, disabled=~S.can_edit),
            " Show the pay on the posting",
            as_="label",
            size="2",
            display="flex",
            align_items="center",
            gap="0.5rem",
        ),
        intro=PAY_INTRO,
    )


def content() -> rx.Component:
    return section_card(
        "What the job is",
        area_field("Description", F.DESCRIPTION, rows="8", help_text=MARKDOWN_HELP, required=True),
        area_field("Responsibilities", F.RESPONSIBILITIES),
        area_field("Requirements", F.REQUIREMENTS),
        area_field("Benefits", F.BENEFITS, rows="4"),
    )


def application() -> rx.Component:
    return section_card(
        "Applying",
        questions_editor(),
        text_field(
            "External application link",
            F.APPLY_URL,
            input_type="url",
            placeholder="https://",
            help_text="Only if applicants should apply on your own site.",
        ),
        _grid(
            text_field("Application deadline", F.DEADLINE, input_type="date"),
            text_field(
                "Expires on",
                F.EXPIRES_ON,
                input_type="date",
                help_text=f"Empty: 30 days after publishing. At most {MAX_LIFETIME_DAYS} days.",
            ),
        ),
    )


def preview() -> rx.Component:
    inert = (
        rx.button(icon("bookmark"), "Save job", variant="soft", size="3", width="100%", disabled=True),
        rx.button(
            icon("share-2"), "Copy link to share", variant="outline", size="3", width="100%", disabled=True
        ),
    )
    return rx.flex(
        rx.callout(
            "This is how job seekers will see the posting, with what you typed (saved or not).",
            icon="eye",
            width="100%",
        ),
        rx.box(
            posting_content(S.preview, *inert, title_as="h2"),
            border=f"1px dashed {TEXT_MUTED}",
            border_radius="var(--radius-4)",
            padding=rx.breakpoints(initial="1rem", md="2rem"),
            data_testid="posting-preview",
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def editor() -> rx.Component:
    return rx.flex(
        rx.flex(
            rx.badge(
                S.status_label, color_scheme=rx.match(S.status, *STATUS_COLORS.items(), "gray"), size="2"
            ),
            text_link("Back to your jobs", nav.EMPLOYER_JOBS, size="2"),
            spacing="3",
            align="center",
        ),
        rx.tabs.root(
            rx.tabs.list(
                rx.tabs.trigger("Edit", value=EDIT_TAB), rx.tabs.trigger("Preview", value=PREVIEW_TAB)
            ),
            rx.tabs.content(
                rx.el.form(
                    rx.flex(
                        basics(),
                        pay(),
                        section_card("Skills", skills_pickers()),
                        content(),
                        application(),
                        direction="column",
                        spacing=SPACE_DEFAULT,
                    ),
                    aria_label=EDITOR_FORM,
                    on_submit=rx.prevent_default,
                ),
                value=EDIT_TAB,
                padding_top="1rem",
            ),
            rx.tabs.content(preview(), value=PREVIEW_TAB, padding_top="1rem"),
            value=S.tab,
            on_change=S.show_tab,
        ),
        # Stays in reach at the bottom of the screen however long the form is.
        rx.box(
            action_bar(),
            position="sticky",
            bottom="0",
            z_index="2",
            background="var(--color-background)",
            border_top=f"1px solid {BORDER}",
            padding_y="0.75rem",
        ),
        duplicate_dialog(),
        direction="column",
        spacing=SPACE_DEFAULT,
        width="100%",
    )


def editor_page() -> rx.Component:
    return page_layout(
        employer_layout(
            rx.cond(S.is_new, "Post a job", "Edit job"),
            rx.cond(
                S.loading,
                loading_lines("Loading the job", 6),
                rx.cond(
                    S.not_found,
                    empty_state(
                        "This job does not exist or is not one of your company's",
                        "It may have been deleted, or it belongs to another company.",
                        icon="briefcase",
                        action=button_link("Back to your jobs", nav.EMPLOYER_JOBS),
                    ),
                    editor(),
                ),
            ),
        )
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(nav.POST_JOB, editor_page, "Post a job", only_for(UserType.EMPLOYER), on_load=S.load),
    guarded_page(nav.EMPLOYER_JOB_EDIT, editor_page, "Edit job", only_for(UserType.EMPLOYER), on_load=S.load),
)
