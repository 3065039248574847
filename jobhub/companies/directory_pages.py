"""The company directory ``/companies``: a search form, filters, and a page of company cards.

Every control leads to a new URL (see ``directory_state``), so this module is rendering only.
On phones the form and filters stand one under another and the cards (``directory_card``)
take one column.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.companies.directory_card import company_card
from jobhub.companies.directory_state import ANY
from jobhub.companies.directory_state import DirectoryState as S
from jobhub.companies.labels import SIZE_LABELS
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, empty_state
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link
from jobhub.ui.tables import pagination
from jobhub.ui.theme import SPACE_DEFAULT, TEXT_MUTED

COUNT_ID = "directory-count"


def _labelled(label: str, control: rx.Component, *, html_for: str | None = None) -> rx.Component:
    return rx.flex(
        rx.el.label(label, html_for=html_for, font_size="var(--font-size-2)", color=TEXT_MUTED)
        if html_for
        else rx.text(label, size="2", color=TEXT_MUTED, as_="span"),
        control,
        direction="column",
        spacing="1",
        width=rx.breakpoints(initial="100%", sm="auto"),
        flex=rx.breakpoints(initial="none", sm="1"),
    )


def search_form() -> rx.Component:
    return rx.form(
        rx.flex(
            _labelled(
                "Company",
                rx.input(
                    id="directory-q",
                    name="q",
                    type="search",
                    default_value=S.q,
                    placeholder="Name or keyword",
                    auto_complete="off",
                    size="3",
                    width="100%",
                ),
                html_for="directory-q",
            ),
            _labelled(
                "Location",
                rx.input(
                    id="directory-location",
                    name="location",
                    type="search",
                    default_value=S.location,
                    placeholder="City or country",
                    size="3",
                    width="100%",
                ),
                html_for="directory-location",
            ),
            rx.button(rx.icon("search", size=16, aria_hidden="true"), "Search", type="submit", size="3"),
            direction=rx.breakpoints(initial="column", sm="row"),
            align=rx.breakpoints(initial="stretch", sm="end"),
            spacing="3",
            width="100%",
        ),
        on_submit=S.submit,
        reset_on_submit=False,
        role="search",
        aria_label="Search companies",
        # A new URL brings new defaults; the key remounts the inputs to show them.
        key=S.q + "|" + S.location,
        width="100%",
    )


def _select(
    label: str, value: rx.Var[str], on_change: Any, items: rx.Component, test_id: str
) -> rx.Component:
    return _labelled(
        label,
        rx.select.root(
            rx.select.trigger(aria_label=label, width="100%", data_testid=test_id),
            rx.select.content(items),
            value=value,
            on_change=on_change,
        ),
    )


def filters() -> rx.Component:
    return rx.flex(
        _select(
            "Industry",
            S.industry,
            S.set_industry,
            rx.fragment(
                rx.select.item("All industries", value=ANY),
                rx.foreach(S.industries, lambda industry: rx.select.item(industry, value=industry)),
            ),
            "industry-filter",
        ),
        _select(
            "Size",
            S.size,
            S.set_size,
            rx.fragment(
                rx.select.item("Any size", value=ANY),
                *[rx.select.item(label, value=size) for size, label in SIZE_LABELS.items()],
            ),
            "size-filter",
        ),
        rx.el.label(
            rx.switch(checked=S.verified, on_change=S.set_verified, data_testid="verified-filter"),
            rx.text("Verified only", size="2"),
            display="flex",
            align_items="center",
            gap="0.5rem",
            padding_bottom="0.5rem",
        ),
        direction=rx.breakpoints(initial="column", sm="row"),
        align=rx.breakpoints(initial="stretch", sm="end"),
        spacing="3",
        width="100%",
    )


def _empty() -> rx.Component:
    return rx.cond(
        S.filtered,
        empty_state(
            "No companies match",
            "Try fewer filters, another spelling, or a nearby city.",
            icon="filter-x",
            action=button_link("Show every company", nav.COMPANIES, variant="soft"),
        ),
        empty_state(
            "No companies yet", "Companies appear here as soon as they create their page.", icon="building-2"
        ),
    )


def results() -> rx.Component:
    """Skeletons only on the first load; a new search keeps the old cards, dimmed, until it answers."""
    grid = rx.grid(
        rx.foreach(S.items, company_card),
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="4",
        as_="ul",
        aria_labelledby=COUNT_ID,
        padding="0",
        margin="0",
        opacity=rx.cond(S.loading, "0.6", "1"),
        transition="opacity 120ms",
    )
    found = rx.flex(
        grid,
        rx.cond(
            S.pages > 1,
            pagination(
                S.page, S.pages, on_previous=S.previous_page, on_next=S.next_page, label="Company pages"
            ),
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )
    body = rx.cond(
        S.loading & (S.items.length() == 0),
        card_skeletons(6, label="Loading companies"),
        rx.cond(
            S.failed,
            empty_state(
                "We couldn't load the directory", "Please reload the page in a moment.", icon="cloud-off"
            ),
            rx.cond(S.items.length() > 0, found, _empty()),
        ),
    )
    return rx.box(
        body,
        aria_busy=rx.cond(S.loading, "true", "false"),
        data_testid="directory-results",
        width="100%",
    )


def directory_page() -> rx.Component:
    return page_layout(
        rx.flex(
            rx.heading("Companies", as_="h1", size=rx.breakpoints(initial="7", md="8")),
            rx.text("Who is hiring, what they are like, and how many jobs they have open.", color=TEXT_MUTED),
            search_form(),
            filters(),
            rx.cond(S.notice != "", rx.callout(S.notice, icon="info", color_scheme="amber", role="status")),
            rx.text(
                S.total_text,
                id=COUNT_ID,
                color=TEXT_MUTED,
                aria_live="polite",
                data_testid="directory-count",
            ),
            results(),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        route=nav.COMPANIES,
        component=directory_page,
        title="Companies",
        description="Companies hiring on JobHub: search by name, industry, size and location.",
        on_load=S.load,
    ),
)
