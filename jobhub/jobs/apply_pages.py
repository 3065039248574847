"""``/jobs/[slug]/apply``: resume, cover letter, screening questions, review, submit, confirmation.

One step at a time with a step list on top (the current one marked for screen readers with
``aria-current``), Back and Next below; the review lists everything and each part has a link
back to its step. Guarded for job seekers: anonymous visitors sign in and come back here,
employers are told the page is for seekers. A job that takes no applications says so.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.jobs.applications import COVER_LETTER_MAX
from jobhub.jobs.apply_form import NO_RESUME
from jobhub.jobs.apply_state import STEP_NAMES, Step
from jobhub.jobs.apply_state import ApplyState as S
from jobhub.jobs.screening_answers import ANSWER_MAX, NO, YES
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import empty_state
from jobhub.ui.forms import field_ids, form_field
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import loading_lines, narrow_page
from jobhub.ui.theme import ERROR_TEXT, SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

ROUTE = f"{nav.JOB_DETAIL}/apply"
RESUMES_PATH = "/profile/resumes"


def _job_link() -> rx.Component:
    return text_link(S.title, f"{nav.JOBS}/" + S.slug_shown)


def step_list() -> rx.Component:
    def item(index: int, name: str) -> rx.Component:
        return rx.el.li(
            rx.badge(
                f"{index + 1}. {name}",
                variant=rx.cond(S.step == index, "solid", "soft"),
                color_scheme=rx.cond(S.step >= index, "indigo", "gray"),
                size="2",
            ),
            aria_current=rx.cond(S.step == index, "step", "false"),
            display=rx.cond((index == Step.QUESTIONS) & ~S.has_questions, "none", "block"),
        )

    return rx.el.ol(
        *[item(i, name) for i, name in enumerate(STEP_NAMES)],
        aria_label="Steps of your application",
        display="flex",
        flex_wrap="wrap",
        gap="0.5rem",
        padding="0",
        margin="0",
        list_style="none",
    )


def _choice(value: rx.Var | str, label: rx.Var | str) -> rx.Component:
    return rx.text(
        rx.flex(rx.radio_group.item(value=value), label, spacing="2", align="center"), as_="label", size="2"
    )


def resume_step() -> rx.Component:
    _, _, error_id = field_ids("resume")
    return rx.flex(
        rx.heading("Which resume do you send?", as_="h2", size="5"),
        rx.cond(
            S.resumes.length() == 0,
            rx.callout(
                rx.text(
                    "You have no resume yet. ",
                    text_link("Upload one", RESUMES_PATH),
                    " and come back, or apply with your profile alone.",
                ),
                icon="file-up",
                color_scheme="gray",
            ),
        ),
        rx.radio_group.root(
            rx.flex(
                rx.foreach(S.resumes, lambda r: _choice(r.id, r.label)),
                _choice(NO_RESUME, "No resume: the team sees your profile"),
                direction="column",
                spacing=SPACE_TIGHT,
            ),
            value=S.resume_choice,
            on_change=S.set_resume,
            name="resume",
            aria_label="Resume",
            aria_describedby=error_id,
        ),
        rx.text(S.resume_error, id=error_id, size="2", color=ERROR_TEXT, aria_live="polite"),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def letter_step() -> rx.Component:
    input_id, _, _ = field_ids("cover_letter")
    return rx.flex(
        rx.heading("A cover letter, if you like", as_="h2", size="5"),
        form_field(
            "Cover letter",
            "cover_letter",
            help_text=f"Optional; up to {COVER_LETTER_MAX:,} characters. Why this job, in your words.",
            error=S.letter_error,
            control=rx.text_area(
                id=input_id,
                name="cover_letter",
                default_value=S.cover_letter,
                max_length=COVER_LETTER_MAX,
                rows="10",
                on_blur=S.set_cover_letter,
                width="100%",
            ),
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def question_field(q: rx.Var) -> rx.Component:
    _, _, error_id = field_ids("answer-" + q.key)
    control = rx.match(
        q.type,
        (
            "yes_no",
            rx.radio_group.root(
                rx.flex(_choice(YES, "Yes"), _choice(NO, "No"), spacing="4"),
                value=S.answers[q.key],
                on_change=lambda value: S.set_answer(q.key, value),
                aria_label=q.question,
            ),
        ),
        (
            "choice",
            rx.radio_group.root(
                rx.flex(rx.foreach(q.choices, lambda c: _choice(c, c)), direction="column", spacing="1"),
                value=S.answers[q.key],
                on_change=lambda value: S.set_answer(q.key, value),
                aria_label=q.question,
            ),
        ),
        rx.text_area(
            default_value=S.answers[q.key],
            on_blur=lambda value: S.set_answer(q.key, value),
            max_length=ANSWER_MAX,
            rows="3",
            width="100%",
            aria_label=q.question,
            aria_describedby=error_id,
        ),
    )
    return rx.flex(
        rx.text(
            q.question,
            rx.cond(q.required, rx.el.span(" (required)", color=TEXT_MUTED, font_weight="normal")),
            weight="medium",
        ),
        control,
        rx.text(S.answer_errors[q.key], id=error_id, size="2", color=ERROR_TEXT, aria_live="polite"),
        direction="column",
        spacing="1",
        data_testid="screening-question",
    )


def questions_step() -> rx.Component:
    return rx.flex(
        rx.heading("The employer's questions", as_="h2", size="5"),
        rx.foreach(S.questions, question_field),
        rx.text(S.answers_error, size="2", color=ERROR_TEXT, aria_live="polite"),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def _review_part(title: str, step: Step, *children: rx.Component) -> rx.Component:
    return rx.flex(
        rx.flex(
            rx.heading(title, as_="h3", size="3"),
            rx.button("Change", variant="ghost", size="1", on_click=S.go_to(int(step))),
            justify="between",
            align="center",
        ),
        *children,
        direction="column",
        spacing="1",
    )


def review_step() -> rx.Component:
    return rx.flex(
        rx.heading("Check and send", as_="h2", size="5"),
        _review_part("Resume", Step.RESUME, rx.text(S.resume_label, size="2")),
        _review_part(
            "Cover letter",
            Step.LETTER,
            rx.cond(
                S.cover_letter != "",
                rx.text(S.cover_letter, size="2", white_space="pre-wrap"),
                rx.text("No cover letter", size="2", color=TEXT_MUTED),
            ),
        ),
        rx.cond(
            S.has_questions,
            _review_part(
                "Answers",
                Step.QUESTIONS,
                rx.foreach(
                    S.questions,
                    lambda q: rx.text(
                        rx.text.strong(q.question),
                        " ",
                        rx.cond(S.answers[q.key], S.answers[q.key], "\u2014"),
                        size="2",
                    ),
                ),
            ),
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def navigation_buttons() -> rx.Component:
    return rx.flex(
        rx.cond(
            S.step > Step.RESUME,
            rx.button("Back", variant="soft", color_scheme="gray", size="3", on_click=S.previous_step),
        ),
        rx.cond(
            S.step == Step.REVIEW,
            rx.button("Send application", size="3", loading=S.submitting, on_click=S.submit),
            rx.button("Next", size="3", on_click=S.next_step),
        ),
        justify="end",
        spacing=SPACE_TIGHT,
    )


def steps() -> rx.Component:
    return rx.card(
        rx.flex(
            step_list(),
            rx.match(
                S.step,
                (int(Step.RESUME), resume_step()),
                (int(Step.LETTER), letter_step()),
                (int(Step.QUESTIONS), questions_step()),
                review_step(),
            ),
            navigation_buttons(),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        width="100%",
    )


def confirmation() -> rx.Component:
    return empty_state(
        "Your application is in",
        "The team has been told. Every step they take shows on your tracker, and we mailed you a copy.",
        icon="circle-check",
        action=button_link(
            "Open your applications", f"{nav.APPLICATIONS}/" + S.applied_id, icon="list-checks"
        ),
    )


def already_applied() -> rx.Component:
    return empty_state(
        "You already applied to this job",
        "One application per job: follow it on your tracker.",
        icon="circle-check",
        action=rx.flex(
            rx.text("Applied on " + S.applied_on, size="2"),
            button_link("See where it stands", f"{nav.APPLICATIONS}/" + S.applied_id, icon="list-checks"),
            direction="column",
            align="center",
            spacing=SPACE_TIGHT,
        ),
    )


def apply_page() -> rx.Component:
    return narrow_page(
        rx.heading(rx.cond(S.title != "", "Apply: " + S.title, "Apply"), as_="h1", size="7"),
        rx.cond(S.company_name != "", rx.text(S.company_name, color=TEXT_MUTED)),
        rx.cond(
            S.loading,
            loading_lines("Loading the application form", 6),
            rx.cond(
                S.unavailable != "",
                empty_state(
                    "This job is not taking applications here",
                    "It may have closed, or the company takes applications on its own site.",
                    icon="briefcase",
                    action=rx.flex(
                        rx.text(S.unavailable, size="2", role="status"),
                        button_link("Search open jobs", nav.JOBS, icon="search"),
                        direction="column",
                        align="center",
                        spacing=SPACE_TIGHT,
                    ),
                ),
                rx.cond(
                    S.done,
                    confirmation(),
                    rx.cond(
                        S.applied_id != "",
                        already_applied(),
                        rx.flex(_job_link(), steps(), direction="column", spacing=SPACE_DEFAULT),
                    ),
                ),
            ),
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        ROUTE,
        apply_page,
        "Apply",
        only_for(UserType.JOB_SEEKER),
        on_load=S.load,
        description="Apply to a job with your resume, a cover letter and the employer's questions.",
    ),
)
