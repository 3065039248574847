"""The search page ``/jobs``: search bar with autocomplete, facets, active filters, results, pages.

Every control that changes the search is a link or leads to one (see ``search_view``), so
the page is mostly rendering. Facets sit in a sidebar on wide screens and in a "Filters"
sheet on phones. Keyboard shortcuts ("/", j/k, arrows) live in ``assets/job_search_keys.js``.
"""

from __future__ import annotations

from collections.abc import Mapping

import reflex as rx

from jobhub.jobs.alert_dialog import save_alert_button
from jobhub.jobs.job_card import job_card
from jobhub.jobs.recommendation_view import recommended_section
from jobhub.jobs.search_params import RADIUS_CHOICES, DistanceUnit
from jobhub.jobs.search_state import ANY_RADIUS, KEYWORD, LOCATION, SearchState
from jobhub.jobs.search_view import SORT_LABELS
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import empty_state, skeleton_lines
from jobhub.ui.layout import DESKTOP, MOBILE, page_layout
from jobhub.ui.links import text_link
from jobhub.ui.theme import BORDER, SPACE_DEFAULT, SPACE_SECTION, SPACE_TIGHT, SURFACE_RAISED, TEXT_MUTED

KEYS_SCRIPT = "/job_search_keys.js"
KEYWORD_INPUT_ID = "search-keywords"
LOCATION_INPUT_ID = "search-location"
SIDEBAR_WIDTH = "16rem"
SUGGEST_DEBOUNCE_MS = 200
RESULTS_HEADING_ID = "results-heading"


def _bare_list(*children: rx.Component, gap: str = "0.5rem", **props: object) -> rx.Component:
    """A ``<ul>`` laid out as a wrapping row (or ``flex_direction="column"``) without bullets or indent."""
    bare = {"padding": "0", "margin": "0", "list_style": "none"}
    return rx.el.ul(*children, display="flex", flex_wrap="wrap", gap=gap, **bare, **props)


def _option_id(kind: str, index: rx.Var[int] | int) -> rx.Var[str] | str:
    return f"{kind}-option-" + rx.Var.create(index).to(str)


def _combobox(
    kind: str, *, input_id: str, name: str, label: str, placeholder: str, value: rx.Var[str], on_type: object
) -> rx.Component:
    """A text box with a suggestion list (ARIA 1.2 combobox): arrows move, Enter takes, Escape closes."""
    listbox_id = f"{kind}-listbox"
    is_open = (SearchState.suggest_for == kind) & (SearchState.options.length() > 0)
    has_active = is_open & (SearchState.active_option >= 0)

    def option(item: rx.Var, index: rx.Var[int]) -> rx.Component:
        return rx.el.li(
            rx.text(item["label"], as_="span", size="2"),
            rx.text(item["kind_label"], as_="span", size="1", color=TEXT_MUTED),
            display="flex",
            justify_content="space-between",
            gap="0.5rem",
            id=_option_id(kind, index),
            role="option",
            aria_selected=rx.cond(SearchState.active_option == index, "true", "false"),
            on_mouse_down=[rx.prevent_default, SearchState.pick(index)],
            padding="0.4rem 0.75rem",
            cursor="pointer",
            background=rx.cond(SearchState.active_option == index, rx.color("accent", 4), "transparent"),
            _hover={"background": rx.color("accent", 3)},
        )

    box = rx.debounce_input(
        rx.input(
            id=input_id,
            name=name,
            placeholder=placeholder,
            type="search",
            size="3",
            auto_complete="off",
            role="combobox",
            aria_autocomplete="list",
            aria_controls=listbox_id,
            aria_expanded=rx.cond(is_open, "true", "false"),
            aria_activedescendant=rx.cond(has_active, _option_id(kind, SearchState.active_option), ""),
            on_change=on_type,
            on_key_down=SearchState.option_key,
            on_blur=SearchState.close_options,
            width="100%",
        ),
        value=value,
        debounce_timeout=SUGGEST_DEBOUNCE_MS,
        force_notify_on_blur=False,
    )
    return rx.box(
        rx.el.label(label, html_for=input_id, class_name="jh-visually-hidden"),
        box,
        rx.el.ul(
            rx.foreach(SearchState.options, option),
            id=listbox_id,
            role="listbox",
            aria_label=f"{label} suggestions",
            hidden=~is_open,
            position="absolute",
            top="100%",
            left="0",
            right="0",
            z_index="10",
            margin="0.25rem 0 0",
            padding="0.25rem 0",
            list_style="none",
            background=SURFACE_RAISED,
            border=f"1px solid {BORDER}",
            border_radius="var(--radius-3)",
            box_shadow="var(--shadow-4)",
        ),
        position="relative",
        flex="1",
        width="100%",
    )


def _choice_select(
    name: str, label: str, value: rx.Var[str], items: Mapping[str, str], on_change: object, size: str = "3"
) -> rx.Component:
    """A select named ``label`` for screen readers (its visible text is the chosen item)."""
    return rx.select.root(
        rx.select.trigger(aria_label=label),
        rx.select.content(*[rx.select.item(text, value=key) for key, text in items.items()]),
        name=name,
        value=value,
        on_change=on_change,
        size=size,
    )


def search_bar() -> rx.Component:
    radii = {ANY_RADIUS: "Any distance", **{str(r): f"Within {r}" for r in RADIUS_CHOICES}}
    unit_items = {unit.value: unit.value for unit in DistanceUnit}
    return rx.form(
        rx.flex(
            _combobox(
                KEYWORD,
                input_id=KEYWORD_INPUT_ID,
                name="q",
                label="Keywords",
                placeholder="Job title, skill or company",
                value=SearchState.keyword_text,
                on_type=SearchState.type_keyword,
            ),
            _combobox(
                LOCATION,
                input_id=LOCATION_INPUT_ID,
                name="location",
                label="Location",
                placeholder="City",
                value=SearchState.location_text,
                on_type=SearchState.type_location,
            ),
            rx.flex(
                _choice_select("radius", "Distance", SearchState.radius, radii, SearchState.set_radius),
                _choice_select("unit", "Unit", SearchState.unit, unit_items, SearchState.set_unit),
                rx.button(
                    rx.icon("search", aria_hidden="true"), "Search", type="submit", size="3", flex_grow="1"
                ),
                spacing=SPACE_TIGHT,
                wrap="wrap",
            ),
            direction=rx.breakpoints(initial="column", md="row"),
            spacing=SPACE_TIGHT,
            width="100%",
        ),
        on_submit=SearchState.submit,
        role="search",
        aria_label="Search jobs",
        width="100%",
    )


def _facet_option(option: rx.Var) -> rx.Component:
    """A checkbox per value, named with its count; ticking it follows the link to that search."""
    return rx.el.li(
        rx.checkbox(
            rx.flex(
                rx.text(option.label, rx.el.span(", ", class_name="jh-visually-hidden"), as_="span"),
                rx.text(option.count_label, as_="span", color=TEXT_MUTED, data_testid="facet-count"),
                spacing="2",
            ),
            checked=option.selected,
            on_change=rx.redirect(option.href),
        ),
        padding_y="0.2rem",
    )


def facets() -> rx.Component:
    def group(item: rx.Var) -> rx.Component:
        return rx.el.fieldset(
            rx.el.legend(rx.heading(item.title, as_="h3", size="2"), margin_bottom="0.25rem"),
            _bare_list(rx.foreach(item.options, _facet_option), flex_direction="column", gap="0"),
            border="none",
            padding="0",
            margin="0",
            data_facet=item.key,
        )

    return rx.flex(
        rx.foreach(SearchState.groups, group),
        direction="column",
        spacing=SPACE_DEFAULT,
        width="100%",
    )


def filters_sheet() -> rx.Component:
    """The facets on a phone: a sheet from the right that stays open while filters are ticked."""
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.button(
                rx.icon("sliders-horizontal", aria_hidden="true"),
                "Filters",
                rx.cond(SearchState.chips.length() > 0, rx.badge(SearchState.chips.length().to(str))),
                variant="soft",
                display=MOBILE,
            )
        ),
        rx.dialog.content(
            rx.flex(
                rx.dialog.title("Filters", size="4", margin="0"),
                rx.dialog.close(
                    rx.icon_button(
                        rx.icon("x", aria_hidden="true"), variant="ghost", aria_label="Close filters"
                    )
                ),
                justify="between",
                align="center",
            ),
            rx.dialog.description("Narrow the results", class_name="jh-visually-hidden"),
            rx.box(facets(), overflow_y="auto", flex="1"),
            rx.dialog.close(rx.button("Show ", SearchState.total_text, width="100%")),
            class_name="jh-mobile-menu",
            aria_label="Filters",
        ),
    )


def _chip(chip: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.link(
            chip.label,
            rx.icon("x", size=14, aria_hidden="true"),
            href=chip.href,
            aria_label="Remove filter: " + chip.label.to(str),
            underline="none",
            size="2",
            display="inline-flex",
            align_items="center",
            gap="0.25rem",
            padding="0.2rem 0.6rem",
            border_radius="var(--radius-6)",
            background=rx.color("accent", 3),
            color=rx.color("accent", 11),
            data_testid="filter-chip",
        ),
    )


def active_filters() -> rx.Component:
    return rx.cond(
        SearchState.chips.length() > 0,
        rx.flex(
            _bare_list(rx.foreach(SearchState.chips, _chip), aria_label="Active filters"),
            text_link("Clear all", SearchState.clear_href, size="2"),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
    )


def results_header() -> rx.Component:
    return rx.flex(
        rx.heading(
            rx.cond(SearchState.loading, "Searching…", SearchState.total_text),
            as_="h2",
            size="4",
            id=RESULTS_HEADING_ID,
            aria_live="polite",
            data_testid="result-count",
        ),
        rx.flex(
            filters_sheet(),
            _choice_select("sort", "Sort by", SearchState.sort, SORT_LABELS, SearchState.set_sort, size="2"),
            spacing=SPACE_TIGHT,
            align="center",
        ),
        justify="between",
        align="center",
        wrap="wrap",
        gap="0.5rem",
    )


def _result_skeletons() -> rx.Component:
    return rx.box(
        rx.el.span("Searching", class_name="jh-visually-hidden", role="status"),
        rx.flex(
            *[rx.card(skeleton_lines(3), aria_hidden="true") for _ in range(4)],
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        width="100%",
    )


def results_list() -> rx.Component:
    return _bare_list(
        rx.foreach(
            SearchState.hits,
            lambda hit, index: rx.el.li(
                job_card(
                    hit,
                    saved=SearchState.saved_ids.contains(hit["id"]),
                    on_toggle_save=SearchState.toggle_save(hit["id"]),
                    highlight=SearchState.seeker_skills,
                    on_open=SearchState.open_result(index),
                ),
            ),
        ),
        aria_labelledby=RESULTS_HEADING_ID,
        flex_direction="column",
        gap="1rem",
        data_testid="results",
    )


def no_results() -> rx.Component:
    """Nothing matched: offer the spelling fix, filters to drop, and an alert for later."""
    did_you_mean = rx.cond(
        SearchState.suggestion != "",
        rx.text(
            "Did you mean ",
            text_link(
                SearchState.suggestion, SearchState.suggestion_href, weight="bold", data_testid="did-you-mean"
            ),
            "?",
        ),
    )
    drop_filters = rx.cond(
        SearchState.chips.length() > 0,
        rx.flex(
            rx.text("Or remove a filter:", color=TEXT_MUTED),
            active_filters(),
            direction="column",
            spacing="2",
        ),
    )
    later = rx.flex(
        rx.text("Or hear about new matches as they are posted:", color=TEXT_MUTED),
        save_alert_button(SearchState),
        direction="column",
        align="center",
        spacing="2",
    )
    return empty_state(
        "No jobs match this search",
        "Check the spelling, use fewer words, or widen the distance.",
        icon="search-x",
        action=rx.flex(did_you_mean, drop_filters, later, direction="column", align="center", spacing="4"),
    )


def pagination() -> rx.Component:
    def number(link: rx.Var) -> rx.Component:
        return rx.el.li(
            rx.cond(
                link.href == "",
                rx.text(link.label, color=TEXT_MUTED, aria_hidden="true"),
                rx.link(
                    link.label,
                    href=link.href,
                    aria_current=rx.cond(link.current, "page", "false"),
                    aria_label="Page " + link.label.to(str),
                    weight=rx.cond(link.current, "bold", "regular"),
                    padding="0.25rem 0.6rem",
                    border_radius="var(--radius-2)",
                    background=rx.cond(link.current, rx.color("accent", 4), "transparent"),
                ),
            ),
        )

    def step(label: str, href: rx.Var[str], icon: str) -> rx.Component:
        return rx.cond(
            href != "", text_link(rx.flex(label, rx.icon(icon, size=16, aria_hidden="true")), href)
        )

    return rx.cond(
        SearchState.pages.length() > 0,
        rx.el.nav(
            rx.flex(
                step("Previous", SearchState.prev_href, "chevron-left"),
                _bare_list(rx.foreach(SearchState.pages, number), gap="0.25rem", align_items="center"),
                step("Next", SearchState.next_href, "chevron-right"),
                align="center",
                justify="center",
                spacing=SPACE_DEFAULT,
                wrap="wrap",
            ),
            aria_label="Pages of results",
        ),
    )


def notices() -> rx.Component:
    return rx.foreach(
        SearchState.notices,
        lambda notice: rx.callout(notice, icon="info", color_scheme="gray", role="status", size="1"),
    )


def results() -> rx.Component:
    """Recommendations above a blank search; the alert button once a search has results."""
    save_search = rx.cond(
        ~SearchState.is_blank & (SearchState.hits.length() > 0),
        rx.box(save_alert_button(SearchState, size="2")),
    )
    return rx.flex(
        rx.cond(SearchState.is_blank, recommended_section(SearchState)),
        results_header(),
        active_filters(),
        save_search,
        notices(),
        rx.cond(
            SearchState.loading,
            _result_skeletons(),
            rx.cond(
                SearchState.failed,
                empty_state("We couldn't search just now", "Please try again in a moment.", icon="cloud-off"),
                rx.cond(
                    SearchState.hits.length() > 0, rx.fragment(results_list(), pagination()), no_results()
                ),
            ),
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
        flex="1",
        min_width="0",
        aria_busy=rx.cond(SearchState.loading, "true", "false"),
    )


def search_page() -> rx.Component:
    return page_layout(
        rx.flex(
            rx.heading("Job search", as_="h1", size="7"),
            search_bar(),
            rx.flex(
                rx.el.aside(
                    rx.heading("Filters", as_="h2", size="4", margin_bottom="0.75rem"),
                    facets(),
                    aria_label="Filters",
                    width=SIDEBAR_WIDTH,
                    flex_shrink="0",
                    display=DESKTOP,
                    flex_direction="column",
                ),
                results(),
                spacing=SPACE_SECTION,
                align="start",
                width="100%",
            ),
            rx.script(src=KEYS_SCRIPT),
            direction="column",
            spacing=SPACE_DEFAULT,
            data_search_page="",
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        route=nav.JOBS,
        component=search_page,
        title="Search jobs",
        description="Search open jobs by keyword, place, pay and remote policy; every job shows its pay.",
        on_load=SearchState.load,
    ),
)
