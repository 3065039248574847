"""The 404 page and the fallback shown when a page fails to render.

Neither shows a stack trace: the details are logged on the server (render errors reach
it through Reflex's frontend exception handler), the person gets a way forward.
"""

from __future__ import annotations

import reflex as rx
from reflex_components_core.base.error_boundary import ErrorBoundary

from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link
from jobhub.ui.theme import NARROW_MAX_WIDTH, TEXT_MUTED

NOT_FOUND_ROUTE = "404"


def not_found() -> rx.Component:
    return page_layout(
        rx.flex(
            rx.text("Error 404", size="2", weight="bold", color=TEXT_MUTED),
            rx.heading("We couldn't find that page", as_="h1", size="8"),
            rx.text(
                "The link may be old or mistyped, or the job may have closed.",
                size="4",
                color=TEXT_MUTED,
            ),
            rx.flex(
                button_link("Go to the home page", nav.HOME, icon="house"),
                button_link("Browse jobs", nav.JOBS, icon="search", variant="soft"),
                spacing="3",
                wrap="wrap",
            ),
            direction="column",
            spacing="4",
            padding_y="3rem",
        ),
        width=NARROW_MAX_WIDTH,
    )


def render_error_fallback() -> rx.Component:
    """Replaces Reflex's default boundary, which prints the error and its stack to the page."""
    return rx.el.div(
        rx.el.div(
            rx.el.h1("Something went wrong showing this page.", style={"fontSize": "1.5rem"}),
            rx.el.p("Please reload the page. If it keeps happening, try again in a few minutes."),
            rx.el.a("Reload", href="", style={"fontWeight": "600", "color": "#3a5bc7"}),
            style={"maxWidth": "36rem", "display": "flex", "flexDirection": "column", "gap": "1rem"},
        ),
        role="alert",
        style={
            "minHeight": "100vh",
            "display": "flex",
            "alignItems": "center",
            "justifyContent": "center",
            "padding": "2rem",
            "background": "#fcfcfd",
            "color": "#1c2024",
            "fontFamily": "system-ui, sans-serif",
        },
    )


def error_boundary(stateful: bool) -> rx.Component:
    """The app wrap for ``App.app_wraps[(55, "ErrorBoundary")]``."""
    props = {} if stateful else {"on_error": rx.noop()}
    return ErrorBoundary.create(fallback_render=render_error_fallback(), **props)


PAGES: tuple[PageSpec, ...] = (PageSpec(route=NOT_FOUND_ROUTE, component=not_found, title="Page not found"),)
