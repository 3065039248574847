"""The side column of the public company page: the facts at a glance and what reviewers say.

On phones it follows the story and the jobs.
"""

from __future__ import annotations

import reflex as rx

from jobhub.companies.approved_content import RatingDimension
from jobhub.companies.company_page_story import decorative_icon
from jobhub.companies.company_public import Fact, SocialLink
from jobhub.companies.company_state import CompanyPageState as S
from jobhub.ui.theme import TEXT_MUTED


def _fact(fact: rx.Var[Fact]) -> rx.Component:
    value = rx.cond(
        fact.href != "",
        rx.link(
            fact.value,
            href=fact.href,
            is_external=True,
            rel="nofollow noopener",
            size="2",
            word_break="break-all",
        ),
        rx.text(fact.value, size="2"),
    )
    return rx.el.div(
        rx.el.dt(
            rx.flex(
                decorative_icon(fact.icon),
                rx.text(fact.label, size="1"),
                align="center",
                spacing="1",
                color=TEXT_MUTED,
            )
        ),
        rx.el.dd(value, margin="0"),
        display="grid",
        gap="0.125rem",
    )


def _social(link: rx.Var[SocialLink]) -> rx.Component:
    return rx.el.li(
        rx.link(
            rx.flex(decorative_icon("external-link", 14), link.label, align="center", spacing="1"),
            href=link.url,
            is_external=True,
            rel="nofollow noopener me",
            size="2",
        ),
        list_style="none",
    )


def facts_card() -> rx.Component:
    return rx.card(
        rx.flex(
            rx.heading("At a glance", as_="h2", size="4"),
            rx.el.dl(rx.foreach(S.facts, _fact), display="grid", gap="0.75rem", margin="0"),
            rx.flex(
                decorative_icon("users"),
                rx.text(S.team_size, size="2"),
                spacing="2",
                align="center",
                data_testid="team-size",
            ),
            rx.flex(
                decorative_icon("clock"),
                rx.text(S.response_text, size="2"),
                spacing="2",
                align="center",
                data_testid="response-time",
            ),
            rx.cond(
                S.socials.length() > 0,
                rx.el.ul(
                    rx.foreach(S.socials, _social),
                    aria_label="Elsewhere on the web",
                    display="flex",
                    flex_wrap="wrap",
                    gap="0.75rem",
                    padding="0",
                    margin="0",
                ),
            ),
            direction="column",
            spacing="3",
        ),
        width="100%",
    )


def _dimension(dimension: rx.Var[RatingDimension]) -> rx.Component:
    return rx.el.div(
        rx.flex(
            rx.text(dimension.label, size="2"),
            rx.text(dimension.text, size="2", weight="medium"),
            justify="between",
        ),
        rx.progress(value=(dimension.value * 20).to(int), max=100, size="1", aria_hidden="true"),
        display="grid",
        gap="0.25rem",
    )


def rating_card() -> rx.Component:
    summary = rx.flex(
        rx.flex(
            decorative_icon("star", 22),
            rx.text(S.rating_text, size="7", weight="bold", data_testid="company-rating"),
            rx.text("out of 5", size="2", color=TEXT_MUTED),
            align="baseline",
            spacing="2",
        ),
        rx.text(S.review_count_text, size="2", color=TEXT_MUTED),
        rx.foreach(S.rating_dimensions, _dimension),
        rx.cond(S.recommend_text != "", rx.text(S.recommend_text, size="2")),
        direction="column",
        spacing="3",
    )
    return rx.card(
        rx.flex(
            rx.heading("What people say", as_="h2", size="4"),
            rx.cond(
                S.review_count > 0,
                summary,
                rx.text(S.review_count_text, color=TEXT_MUTED, size="2", data_testid="company-rating"),
            ),
            direction="column",
            spacing="3",
        ),
        width="100%",
    )
