"""The "Recommended for you" section: shared job cards, each with the reason it was chosen.

Shown to signed-in job seekers only (anyone else has nothing to be recommended). Any page
whose state takes ``SaveToggleState`` and ``RecommendationState`` can place it (the landing
page, the blank ``/jobs`` search): a saved job shows as such on its card's save toggle.
"""

from __future__ import annotations

from typing import cast

import reflex as rx

from jobhub.auth.models import UserType
from jobhub.jobs.job_card import job_card
from jobhub.jobs.recommendation_state import RecommendationState
from jobhub.jobs.recommendations import ADD_SKILLS, NO_MATCHES
from jobhub.jobs.saved_state import SaveToggleState
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, empty_state
from jobhub.ui.links import button_link, text_link
from jobhub.ui.theme import SPACE_DEFAULT, TEXT_MUTED

HEADING_ID = "recommended-heading"


def _reason(hit: rx.Var) -> rx.Component:
    return rx.flex(
        rx.icon("sparkles", size=14, aria_hidden="true", flex_shrink="0", margin_top="0.2rem"),
        rx.text(
            rx.el.span("Why: ", class_name="jh-visually-hidden"),
            hit["reason"].to(str),
            size="2",
            data_testid="recommendation-reason",
        ),
        spacing="1",
        color=TEXT_MUTED,
    )


def _card(state: type[RecommendationState], hit: rx.Var) -> rx.Component:
    toggles = cast(type[SaveToggleState], state)
    return job_card(
        hit,
        saved=toggles.saved_ids.contains(hit["id"]),
        on_toggle_save=toggles.toggle_save(hit["id"]),
        highlight=state.recommended_highlight,
        extra=_reason(hit),
    )


def _cards(state: type[RecommendationState]) -> rx.Component:
    return rx.grid(
        rx.foreach(
            state.recommended,
            lambda hit: rx.el.li(_card(state, hit), list_style="none", data_testid="recommended-job"),
        ),
        columns=rx.breakpoints(initial="1", sm="2", md="3"),
        spacing=SPACE_DEFAULT,
        width="100%",
        as_="ul",
        aria_labelledby=HEADING_ID,
        padding="0",
        margin="0",
    )


def _empty(state: type[RecommendationState]) -> rx.Component:
    return rx.cond(
        state.recommendations_need_skills,
        empty_state("Add your skills to get recommendations", ADD_SKILLS, icon="list-plus"),
        empty_state(
            "No recommendations yet",
            NO_MATCHES,
            icon="sparkles",
            action=button_link("Browse all jobs", nav.JOBS, variant="soft"),
        ),
    )


def recommended_section(state: type[RecommendationState]) -> rx.Component:
    """The section for ``state``'s page: skeletons while loading, the cards, or what to do next."""
    body = rx.cond(
        state.recommendations_loading,
        card_skeletons(3, label="Loading your recommendations"),
        rx.cond(
            state.recommendations_failed,
            empty_state(
                "We couldn't load your recommendations",
                "Please reload the page in a moment.",
                icon="cloud-off",
            ),
            rx.cond(state.recommended.length() > 0, _cards(state), _empty(state)),
        ),
    )
    section = rx.el.section(
        rx.flex(
            rx.heading("Recommended for you", as_="h2", size="6", id=HEADING_ID),
            text_link("Search all jobs", nav.JOBS),
            justify="between",
            align="baseline",
            margin_bottom="1rem",
        ),
        body,
        aria_labelledby=HEADING_ID,
        data_testid="recommended-section",
    )
    return rx.cond(state.user_kind == UserType.JOB_SEEKER.value, section)
