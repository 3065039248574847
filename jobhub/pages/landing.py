"""The landing page: a search box, live figures, a seeker's recommendations and the newest jobs."""

from __future__ import annotations

import reflex as rx

from jobhub.jobs.recommendation_view import recommended_section
from jobhub.pages.landing_state import LandingState
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, empty_state
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link, text_link
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_SECTION, SPACE_TIGHT, SURFACE, TEXT_MUTED

SEARCH_INPUT_ID = "landing-search"


def search_box() -> rx.Component:
    return rx.form(
        rx.el.label("Search jobs", html_for=SEARCH_INPUT_ID, class_name="jh-visually-hidden"),
        rx.flex(
            rx.input(
                rx.input.slot(rx.icon("search", aria_hidden="true")),
                id=SEARCH_INPUT_ID,
                name="q",
                type="search",
                placeholder="Job title, skill or company",
                size="3",
                flex="1",
                enter_key_hint="search",
            ),
            rx.button("Search jobs", type="submit", size="3"),
            direction=rx.breakpoints(initial="column", sm="row"),
            spacing=SPACE_TIGHT,
            width="100%",
        ),
        on_submit=LandingState.search,
        role="search",
        width="100%",
        max_width="40rem",
    )


def figure(value: rx.Var[int], label: str, test_id: str) -> rx.Component:
    return rx.flex(
        rx.cond(
            LandingState.loading,
            rx.skeleton(height="2.25rem", width="4rem"),
            rx.text(
                rx.cond(LandingState.failed, "\u2013", value.to(str)),
                size="8",
                weight="bold",
                data_testid=test_id,
            ),
        ),
        rx.text(label, color=TEXT_MUTED, size="2"),
        direction="column",
        spacing="1",
    )


def hero() -> rx.Component:
    return rx.flex(
        rx.heading(
            "Find work with the pay on the posting", as_="h1", size=rx.breakpoints(initial="8", md="9")
        ),
        rx.text(
            "Every job on JobHub shows its salary range, and every application gets an answer.",
            size="4",
            color=TEXT_MUTED,
            max_width="40rem",
        ),
        search_box(),
        rx.flex(
            figure(LandingState.open_jobs, "open jobs", "open-jobs-count"),
            figure(LandingState.companies, "companies hiring", "companies-count"),
            spacing=SPACE_SECTION,
            aria_live="polite",
        ),
        direction="column",
        spacing="5",
        padding_y=rx.breakpoints(initial="1rem", md="3rem"),
    )


def job_card(card: rx.Var) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.heading(
                text_link(card.title, f"{nav.JOBS}/" + card.slug.to(str), color=rx.color("gray", 12)),
                as_="h3",
                size="4",
            ),
            rx.text(card.company_name, weight="medium"),
            rx.flex(
                rx.icon("map-pin", size=14, aria_hidden="true"),
                rx.text(rx.cond(card.location != "", card.location, "Location not stated"), size="2"),
                align="center",
                spacing="1",
                color=TEXT_MUTED,
            ),
            rx.flex(
                rx.icon("banknote", size=14, aria_hidden="true"),
                rx.text(rx.cond(card.salary != "", card.salary, "Pay not stated"), size="2"),
                align="center",
                spacing="1",
                color=TEXT_MUTED,
            ),
            rx.text(card.posted, size="1", color=TEXT_MUTED),
            direction="column",
            spacing="2",
        ),
        data_testid="job-card",
        size="2",
        height="100%",
    )


def newest_jobs() -> rx.Component:
    cards = rx.grid(
        rx.foreach(LandingState.newest, lambda card: rx.el.li(job_card(card), list_style="none")),
        columns=rx.breakpoints(initial="1", sm="2", md="3"),
        spacing=SPACE_DEFAULT,
        width="100%",
        as_="ul",
        aria_label="Newest jobs",
        padding="0",
        margin="0",
    )
    nothing_yet = empty_state(
        "No jobs are published yet",
        "New postings appear here the moment an employer publishes them.",
        icon="briefcase",
        action=button_link("Post the first job", nav.POST_JOB, icon="circle-plus"),
    )
    could_not_load = empty_state(
        "We couldn't load the newest jobs",
        "Please reload the page in a moment.",
        icon="cloud-off",
    )
    return rx.el.section(
        rx.flex(
            rx.heading("Newest jobs", as_="h2", size="6", id="newest-jobs-heading"),
            text_link("See all jobs", nav.JOBS),
            justify="between",
            align="baseline",
            margin_bottom="1rem",
        ),
        rx.cond(
            LandingState.loading,
            card_skeletons(6, label="Loading the newest jobs"),
            rx.cond(
                LandingState.failed,
                could_not_load,
                rx.cond(LandingState.newest.length() > 0, cards, nothing_yet),
            ),
        ),
        aria_labelledby="newest-jobs-heading",
    )


def audiences() -> rx.Component:
    def panel(title: str, text: str, action: rx.Component) -> rx.Component:
        return rx.flex(
            rx.heading(title, as_="h2", size="5"),
            rx.text(text, color=TEXT_MUTED),
            action,
            direction="column",
            spacing="3",
            align="start",
            padding="1.5rem",
            border_radius="var(--radius-4)",
            background=SURFACE,
        )

    return rx.grid(
        panel(
            "Looking for work?",
            "Save jobs, apply in one click with your profile and follow every application.",
            button_link("Create a seeker account", nav.REGISTER, variant="soft"),
        ),
        panel(
            "Hiring?",
            "Publish a job with its pay range and move applicants through your pipeline.",
            button_link("Post a job", nav.POST_JOB, variant="soft"),
        ),
        columns=rx.breakpoints(initial="1", sm="2"),
        spacing=SPACE_DEFAULT,
    )


def landing() -> rx.Component:
    return page_layout(
        rx.flex(
            hero(),
            recommended_section(LandingState),
            newest_jobs(),
            # The sign-up invitations are for visitors; signed-in users already chose.
            rx.cond(LandingState.is_authenticated, rx.fragment(), audiences()),
            direction="column",
            spacing=SPACE_SECTION,
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        route=nav.HOME,
        component=landing,
        title="JobHub: jobs with the pay on the posting",
        on_load=[LandingState.load, LandingState.load_recommendations],
    ),
)
