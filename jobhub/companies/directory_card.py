"""One company in the directory: logo, name (the card's one link), verified badge, facts, open jobs.

The name's link stretches over the whole card, as the job cards' titles do, so a click anywhere
opens the company while the tab order and screen readers meet one link per card.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.ui.forms import stored_file_url
from jobhub.ui.links import text_link
from jobhub.ui.theme import TEXT_BODY, TEXT_MUTED

CARD_LINK_CLASS = "jh-company-card-link"
_STRETCHED = {"content": '""', "position": "absolute", "inset": "0", "z_index": "0"}
_FOCUS_RING = {"outline": "2px solid var(--accent-9)", "outline_offset": "2px"}


def company_card(company: rx.Var[dict[str, Any]]) -> rx.Component:
    name = company["name"].to(str)
    facts = rx.flex(
        rx.cond(company["industry"] != "", rx.text(company["industry"].to(str), size="2")),
        rx.cond(company["size"] != "", rx.text(company["size"].to(str), size="2")),
        rx.cond(
            company["headquarters"] != "",
            rx.flex(
                rx.icon("map-pin", size=14, aria_hidden="true"),
                rx.text(company["headquarters"].to(str), size="2"),
                align="center",
                spacing="1",
            ),
        ),
        spacing="3",
        wrap="wrap",
        color=TEXT_MUTED,
    )
    title = rx.heading(
        text_link(
            name,
            company["href"].to(str),
            class_name=CARD_LINK_CLASS,
            color=TEXT_BODY,
            _hover={"color": TEXT_BODY, "text_decoration": "underline"},
            _after=_STRETCHED,
            _focus_visible={"outline": "none"},
        ),
        as_="h2",
        size="4",
    )
    return rx.el.li(
        rx.card(
            rx.flex(
                rx.flex(
                    rx.avatar(
                        src=stored_file_url(company["logo_url"].to(str)),
                        fallback=name[0],
                        size="4",
                        radius="medium",
                        aria_hidden="true",
                        flex_shrink="0",
                    ),
                    rx.flex(
                        rx.flex(
                            title,
                            rx.cond(
                                company["verified"].to(bool),
                                rx.badge(
                                    rx.icon("badge-check", size=12, aria_hidden="true"),
                                    "Verified",
                                    color_scheme="green",
                                ),
                            ),
                            align="center",
                            spacing="2",
                            wrap="wrap",
                        ),
                        rx.cond(
                            company["tagline"] != "",
                            rx.text(company["tagline"].to(str), size="2", color=TEXT_MUTED),
                        ),
                        direction="column",
                        spacing="1",
                        min_width="0",
                    ),
                    spacing="3",
                    align="start",
                ),
                facts,
                rx.badge(
                    rx.icon("briefcase", size=12, aria_hidden="true"),
                    company["open_jobs_text"].to(str),
                    variant="soft",
                    color_scheme=rx.cond(company["open_jobs"].to(int) > 0, "indigo", "gray"),
                    width="fit-content",
                    data_testid="open-jobs",
                ),
                direction="column",
                spacing="3",
            ),
            position="relative",
            height="100%",
            style={f"&:has(.{CARD_LINK_CLASS}:focus-visible)": _FOCUS_RING},
        ),
        list_style="none",
        data_testid="company-card",
    )
