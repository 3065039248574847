"""The public company page ``/companies/[slug]``: who they are, what it is like there, their open jobs.

The cover runs across the top with the logo over its lower edge; below, two columns on wide
screens (the story and the jobs; a side column of facts, ratings and team size), one on
phones. Title, description, canonical link and JSON-LD come from state (React hoists them
into ``<head>``), and a company that is not public tells crawlers not to index the page. The
rich text is HTML the service already sanitized, the only reason ``rx.html`` is safe.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.companies.company_page_side import facts_card, rating_card
from jobhub.companies.company_page_story import (
    benefits_section,
    culture_section,
    decorative_icon,
    page_section,
    photos_section,
)
from jobhub.companies.company_state import CompanyPageState as S
from jobhub.jobs.job_card import job_card
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, empty_state
from jobhub.ui.forms import stored_file_url
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import loading_lines
from jobhub.ui.tables import pagination
from jobhub.ui.theme import PROSE, SPACE_DEFAULT, SPACE_SECTION, SURFACE, TEXT_MUTED

SIDE_WIDTH = "20rem"
JOBS_HEADING_ID = "open-jobs-heading"
COVER_HEIGHT = rx.breakpoints(initial="8rem", md="13rem")


def head_tags() -> rx.Component:
    return rx.fragment(
        rx.cond(S.canonical_url != "", rx.el.link(rel="canonical", href=S.canonical_url)),
        rx.cond(S.json_ld != "", rx.el.script(S.json_ld, type="application/ld+json", id="organization-ld")),
        rx.cond(S.not_found, rx.el.meta(name="robots", content="noindex")),
    )


def cover() -> rx.Component:
    return rx.cond(
        S.cover_image_url != "",
        rx.image(
            src=stored_file_url(S.cover_image_url),
            alt="",
            width="100%",
            height=COVER_HEIGHT,
            object_fit="cover",
            border_radius="var(--radius-4)",
            data_testid="company-cover",
        ),
        rx.box(
            width="100%",
            height=COVER_HEIGHT,
            border_radius="var(--radius-4)",
            background=f"linear-gradient(120deg, {rx.color('accent', 4)}, {rx.color('accent', 7)})",
        ),
    )


def header() -> rx.Component:
    return rx.flex(
        cover(),
        rx.flex(
            rx.avatar(
                src=stored_file_url(S.logo_url),
                fallback=S.name[0],
                alt=S.name + " logo",
                size=rx.breakpoints(initial="6", md="8"),
                radius="large",
                border=f"4px solid {rx.color('gray', 1)}",
                background=rx.color("gray", 1),
                margin_top=rx.breakpoints(initial="-2.5rem", md="-4rem"),
                margin_left="1rem",
                flex_shrink="0",
                data_testid="company-logo",
            ),
            rx.flex(
                rx.flex(
                    rx.heading(
                        S.name, as_="h1", size=rx.breakpoints(initial="7", md="8"), word_break="break-word"
                    ),
                    rx.cond(
                        S.verified,
                        rx.badge(
                            decorative_icon("badge-check", 14), "Verified", color_scheme="green", size="2"
                        ),
                    ),
                    align="center",
                    spacing="3",
                    wrap="wrap",
                ),
                rx.cond(S.tagline != "", rx.text(S.tagline, size="4", color=TEXT_MUTED)),
                direction="column",
                spacing="1",
                min_width="0",
            ),
            spacing="4",
            align=rx.breakpoints(initial="start", md="end"),
            direction=rx.breakpoints(initial="column", sm="row"),
        ),
        direction="column",
        spacing="3",
    )


def _job(hit: rx.Var[dict[str, Any]]) -> rx.Component:
    return rx.el.li(
        job_card(hit, saved=S.saved_ids.contains(hit["id"]), on_toggle_save=S.toggle_save(hit["id"])),
        list_style="none",
    )


def jobs_section() -> rx.Component:
    count = rx.cond(S.jobs_total == 1, "1 open job", S.jobs_total.to(str) + " open jobs")
    listing = rx.flex(
        rx.cond(
            S.jobs_loading,
            card_skeletons(4, label="Loading more jobs"),
            rx.el.ul(
                rx.foreach(S.jobs, _job),
                aria_labelledby=JOBS_HEADING_ID,
                display="grid",
                grid_template_columns="minmax(0, 1fr)",
                gap="1rem",
                padding="0",
                margin="0",
                data_testid="company-jobs",
            ),
        ),
        rx.cond(
            S.jobs_pages > 1,
            pagination(
                S.jobs_page,
                S.jobs_pages,
                on_previous=S.previous_jobs,
                on_next=S.next_jobs,
                label="Open jobs pages",
            ),
        ),
        text_link(
            rx.flex(
                "See them all in job search", decorative_icon("arrow-right"), align="center", spacing="1"
            ),
            S.all_jobs_href,
            size="2",
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )
    return rx.el.section(
        rx.flex(
            rx.heading("Open jobs", as_="h2", size="5", id=JOBS_HEADING_ID),
            rx.text(count, color=TEXT_MUTED, size="2", data_testid="company-jobs-total"),
            align="baseline",
            justify="between",
            wrap="wrap",
            gap="0.5rem",
            margin_bottom="0.75rem",
        ),
        rx.cond(
            S.jobs_total > 0,
            listing,
            empty_state(
                "No open jobs right now",
                "Save a search alert for this company to hear about its next opening.",
                icon="briefcase",
                action=button_link("Search all jobs", nav.JOBS, icon="search", variant="soft"),
            ),
        ),
        aria_labelledby=JOBS_HEADING_ID,
    )


def company_content() -> rx.Component:
    main = rx.flex(
        page_section(S.about_html != "", "About", "about-heading", rx.html(S.about_html, style=PROSE)),
        culture_section(),
        benefits_section(),
        photos_section(),
        jobs_section(),
        direction="column",
        spacing="6",
        min_width="0",
    )
    side = rx.el.aside(
        rx.flex(facts_card(), rating_card(), direction="column", spacing=SPACE_DEFAULT),
        aria_label="About the company",
    )
    return rx.flex(
        header(),
        rx.grid(
            main,
            side,
            grid_template_columns=rx.breakpoints(initial="minmax(0, 1fr)", md=f"minmax(0, 1fr) {SIDE_WIDTH}"),
            gap="2rem",
            align_items="start",
        ),
        direction="column",
        spacing=SPACE_SECTION,
    )


def not_found() -> rx.Component:
    return empty_state(
        "We can't find this company",
        "Its page may have moved to a new address, or it is not on JobHub any more. "
        "The directory lists every company that is.",
        icon="building-2",
        action=button_link("Browse companies", nav.COMPANIES, icon="search"),
    )


def company_page() -> rx.Component:
    return page_layout(
        head_tags(),
        rx.cond(
            S.loading,
            rx.flex(
                rx.skeleton(
                    height="10rem", width="100%", border_radius="var(--radius-4)", aria_hidden="true"
                ),
                loading_lines("Loading the company", 6),
                direction="column",
                spacing=SPACE_DEFAULT,
                background=SURFACE,
            ),
            rx.cond(
                S.not_found,
                not_found(),
                rx.cond(
                    S.failed,
                    empty_state(
                        "We couldn't load this company",
                        "Please reload the page in a moment.",
                        icon="cloud-off",
                    ),
                    company_content(),
                ),
            ),
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        route=nav.COMPANY_DETAIL,
        component=company_page,
        # Vars in an f-string stay live: Reflex renders the <title> and description from state.
        title=f"{S.seo_title}",
        description=f"{S.seo_description}",
        on_load=S.load,
    ),
)
