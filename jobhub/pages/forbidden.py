"""The 403 page where page guards send signed-in visitors who may not see a page.

It says so plainly and offers a way on: the home page, and for anyone not signed in (a
session that ended in another tab) the sign-in page. ``forbidden_panel`` is the same
message as a component, for a page that refuses only part of itself.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.state import AuthState
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link
from jobhub.ui.theme import NARROW_MAX_WIDTH, TEXT_MUTED

FORBIDDEN_HEADING = "You don't have access to this page"


def forbidden_panel(heading: str = FORBIDDEN_HEADING) -> rx.Component:
    return rx.flex(
        rx.text("Error 403", size="2", weight="bold", color=TEXT_MUTED),
        rx.heading(heading, as_="h1", size="8"),
        rx.text(
            rx.cond(
                AuthState.is_authenticated,
                "You are signed in as " + AuthState.display_name + ", and this account is not allowed "
                "to see it. If you think it should be, ask a JobHub administrator.",
                "Please sign in with an account that is allowed to see it.",
            ),
            size="4",
            color=TEXT_MUTED,
        ),
        rx.flex(
            button_link("Go to the home page", nav.HOME, icon="house"),
            rx.cond(
                AuthState.is_authenticated,
                button_link("Sign out", nav.LOGOUT, icon="log-out", variant="soft"),
                button_link("Sign in", nav.LOGIN, icon="log-in", variant="soft"),
            ),
            spacing="3",
            wrap="wrap",
        ),
        direction="column",
        spacing="4",
        padding_y="3rem",
    )


def forbidden_page() -> rx.Component:
    return page_layout(forbidden_panel(), width=NARROW_MAX_WIDTH)


PAGES: tuple[PageSpec, ...] = (
    PageSpec(route=nav.FORBIDDEN, component=forbidden_page, title="Access denied"),
)
