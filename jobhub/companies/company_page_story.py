"""The story part of the public company page: sections of text, values, benefits and photos.

Each section is an ``h2`` region that is left out while the company has nothing to say in it.
"""

from __future__ import annotations

import reflex as rx

from jobhub.companies.approved_content import PhotoView
from jobhub.companies.company_state import CompanyPageState as S
from jobhub.ui.forms import stored_file_url
from jobhub.ui.theme import PROSE, TEXT_MUTED


def decorative_icon(name: str | rx.Var[str], size: int = 16) -> rx.Component:
    """An icon beside words that say the same: screen readers skip it."""
    return rx.icon(name, size=size, aria_hidden="true", flex_shrink="0")


def page_section(shown: rx.Var[bool], title: str, section_id: str, *content: rx.Component) -> rx.Component:
    return rx.cond(
        shown,
        rx.el.section(
            rx.heading(title, as_="h2", size="5", id=section_id, margin_bottom="0.75rem"),
            *content,
            aria_labelledby=section_id,
        ),
    )


def _bullets(items: rx.Var[list[str]], label: str) -> rx.Component:
    return rx.el.ul(
        rx.foreach(
            items,
            lambda item: rx.el.li(
                rx.flex(decorative_icon("circle-check", 16), rx.text(item, size="2"), spacing="2")
            ),
        ),
        aria_label=label,
        display="grid",
        gap="0.5rem",
        list_style="none",
        padding="0",
        margin="0",
    )


def _value(item: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.card(
            rx.text(item["name"], weight="bold"),
            rx.cond(item["description"] != "", rx.text(item["description"], size="2", color=TEXT_MUTED)),
            size="1",
            height="100%",
        ),
        list_style="none",
    )


def culture_section() -> rx.Component:
    return page_section(
        (S.culture_html != "") | (S.values.length() > 0),
        "Culture and values",
        "culture-heading",
        rx.cond(S.culture_html != "", rx.html(S.culture_html, style=PROSE)),
        rx.cond(
            S.values.length() > 0,
            rx.grid(
                rx.foreach(S.values, _value),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                as_="ul",
                aria_label="Values",
                padding="0",
                margin="0",
            ),
        ),
    )


def _perk_group(title: str, items: rx.Var[list[str]]) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.flex(
            rx.heading(title, as_="h3", size="3"), _bullets(items, title), direction="column", spacing="2"
        ),
    )


def benefits_section() -> rx.Component:
    return page_section(
        (S.benefits.length() > 0) | (S.perks.length() > 0),
        "Benefits and perks",
        "benefits-heading",
        rx.grid(
            _perk_group("Benefits", S.benefits),
            _perk_group("Perks", S.perks),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="4",
        ),
    )


def _photo(photo: rx.Var[PhotoView]) -> rx.Component:
    return rx.el.figure(
        rx.image(
            src=stored_file_url(photo.url),
            alt=photo.alt,
            width="100%",
            aspect_ratio="4 / 3",
            object_fit="cover",
            border_radius="var(--radius-3)",
            loading="lazy",
        ),
        rx.cond(photo.caption != "", rx.el.figcaption(rx.text(photo.caption, size="1", color=TEXT_MUTED))),
        margin="0",
    )


def photos_section() -> rx.Component:
    return page_section(
        S.photos.length() > 0,
        "Photos",
        "photos-heading",
        rx.grid(rx.foreach(S.photos, _photo), columns=rx.breakpoints(initial="2", md="3"), spacing="3"),
    )
