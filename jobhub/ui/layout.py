"""The page frame: skip link, header navigation (desktop and mobile), main landmark, footer.

The navigation adapts to ``AuthState.user_kind``; every page wraps its content in
``page_layout`` so landmarks, focus order and the colour-mode toggle are the same
everywhere. The mobile menu is a Radix dialog: it traps focus, closes on Escape and
returns focus to the menu button.
"""

from __future__ import annotations

from datetime import UTC, datetime

import reflex as rx

from jobhub.auth.state import AuthState
from jobhub.ui import navigation as nav
from jobhub.ui.links import button_link, current_page_attr, text_link
from jobhub.ui.theme import BORDER, CONTENT_MAX_WIDTH, PAGE_GUTTER, SPACE_DEFAULT, SURFACE, TEXT_MUTED

MAIN_CONTENT_ID = "main-content"
DESKTOP = rx.breakpoints(initial="none", md="flex")
MOBILE = rx.breakpoints(initial="flex", md="none")


def skip_link() -> rx.Component:
    """First tab stop on every page; visible only while focused (see assets/jobhub.css).

    The router turns the hash link into client navigation, which scrolls but does not
    move focus, so the click also focuses ``<main>`` for keyboard and screen-reader users.
    """
    return rx.el.a(
        "Skip to content",
        href=f"#{MAIN_CONTENT_ID}",
        class_name="jh-skip-link",
        on_click=rx.set_focus(MAIN_CONTENT_ID),
    )


def brand() -> rx.Component:
    return rx.link(
        rx.flex(
            rx.icon("briefcase-business", size=22, aria_hidden="true"),
            rx.text("JobHub", weight="bold", size="5"),
            align="center",
            spacing="2",
        ),
        href=nav.HOME,
        color=rx.color("gray", 12),
        underline="none",
        aria_label="JobHub home",
    )


def _nav_item(link: nav.NavLink, *, in_menu: bool = False) -> rx.Component:
    item = text_link(
        rx.flex(
            rx.icon(link.icon, size=16, aria_hidden="true"),
            link.label,
            align="center",
            spacing="2",
        ),
        link.href,
        color=rx.color("gray", 12),
        weight="medium",
        size="3" if in_menu else "2",
        aria_current=current_page_attr(link.href),
        class_name="jh-nav-link",
        padding_y="0.5rem" if in_menu else "0.25rem",
    )
    return rx.dialog.close(item) if in_menu else item


def _by_kind(**by_kind: rx.Component) -> rx.Component:
    """Pick the component for the current user kind (anonymous is the default)."""
    cases = [(kind, component) for kind, component in by_kind.items() if kind != "anonymous"]
    return rx.match(AuthState.user_kind, *cases, by_kind["anonymous"])


def _main_links(*, in_menu: bool = False) -> rx.Component:
    direction = "column" if in_menu else "row"
    return _by_kind(
        **{
            kind: rx.flex(
                *[_nav_item(link, in_menu=in_menu) for link in links],
                direction=direction,
                spacing="1" if in_menu else "5",
                align="start" if in_menu else "center",
            )
            for kind, links in nav.MAIN_LINKS.items()
        },
    )


def _primary_action(*, in_menu: bool = False) -> rx.Component:
    def action(link: nav.NavLink | None) -> rx.Component:
        if link is None:
            return rx.fragment()
        button = button_link(link.label, link.href, icon=link.icon, width="100%" if in_menu else "auto")
        return rx.dialog.close(button) if in_menu else button

    return _by_kind(**{kind: action(link) for kind, link in nav.PRIMARY_ACTION.items()})


def _account(*, in_menu: bool = False) -> rx.Component:
    signed_out = button_link(
        nav.NAV_SIGN_IN.label,
        nav.NAV_SIGN_IN.href,
        icon=nav.NAV_SIGN_IN.icon,
        variant="soft",
        width="100%" if in_menu else "auto",
    )
    # The name leads to the account settings, where people look for "my account".
    account_link = text_link(
        rx.flex(
            rx.icon("circle-user", size=18, aria_hidden="true"),
            rx.text(AuthState.display_name, size="2", weight="medium", class_name="jh-account-name"),
            align="center",
            spacing="2",
        ),
        nav.SETTINGS_ACCOUNT,
        title="Account settings",
        aria_current=current_page_attr(nav.SETTINGS_ACCOUNT),
    )
    signed_in = rx.flex(
        rx.dialog.close(account_link) if in_menu else account_link,
        text_link(nav.NAV_SIGN_OUT.label, nav.NAV_SIGN_OUT.href, size="2"),
        direction="column" if in_menu else "row",
        align="start" if in_menu else "center",
        spacing="3",
    )
    return rx.cond(AuthState.is_authenticated, signed_in, signed_out)


def color_mode_toggle() -> rx.Component:
    return rx.icon_button(
        rx.color_mode.icon(),
        on_click=rx.toggle_color_mode,
        variant="ghost",
        color_scheme="gray",
        size="2",
        aria_label=rx.color_mode_cond(light="Switch to dark mode", dark="Switch to light mode"),
        title=rx.color_mode_cond(light="Switch to dark mode", dark="Switch to light mode"),
    )


def mobile_menu() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.icon_button(
                rx.icon("menu", aria_hidden="true"),
                variant="soft",
                color_scheme="gray",
                size="2",
                aria_label="Open menu",
                id="mobile-menu-button",
            )
        ),
        rx.dialog.content(
            rx.flex(
                rx.dialog.title("Menu", size="4", margin="0"),
                rx.dialog.close(
                    rx.icon_button(
                        rx.icon("x", aria_hidden="true"),
                        variant="ghost",
                        color_scheme="gray",
                        aria_label="Close menu",
                    )
                ),
                justify="between",
                align="center",
            ),
            rx.dialog.description("Site navigation", class_name="jh-visually-hidden"),
            rx.el.nav(_main_links(in_menu=True), aria_label="Mobile"),
            rx.separator(),
            rx.flex(_primary_action(in_menu=True), _account(in_menu=True), direction="column", spacing="3"),
            class_name="jh-mobile-menu",
            aria_label="Menu",
        ),
    )


def site_header() -> rx.Component:
    return rx.el.header(
        rx.flex(
            brand(),
            rx.el.nav(_main_links(), aria_label="Main", display=DESKTOP, margin_left="2rem"),
            rx.spacer(),
            rx.flex(_primary_action(), _account(), display=DESKTOP, align="center", spacing="4"),
            color_mode_toggle(),
            rx.box(mobile_menu(), display=MOBILE),
            align="center",
            spacing="4",
            max_width=CONTENT_MAX_WIDTH,
            margin_x="auto",
            padding_x=PAGE_GUTTER,
            height="4rem",
        ),
        border_bottom=f"1px solid {BORDER}",
        background=rx.color("gray", 1),
        position="sticky",
        top="0",
        z_index="10",
    )


def site_footer() -> rx.Component:
    year = datetime.now(UTC).year
    return rx.el.footer(
        rx.flex(
            rx.text(f"© {year} JobHub: jobs with the pay on the posting.", size="2", color=TEXT_MUTED),
            rx.el.nav(
                rx.flex(
                    *[text_link(link.label, link.href, size="2") for link in nav.FOOTER_LINKS],
                    spacing="4",
                    wrap="wrap",
                ),
                aria_label="Footer",
            ),
            direction=rx.breakpoints(initial="column", sm="row"),
            justify="between",
            spacing=SPACE_DEFAULT,
            max_width=CONTENT_MAX_WIDTH,
            margin_x="auto",
            padding_x=PAGE_GUTTER,
            padding_y="2rem",
        ),
        border_top=f"1px solid {BORDER}",
        background=SURFACE,
        margin_top="auto",
    )


def page_layout(*children: rx.Component, width: str = CONTENT_MAX_WIDTH) -> rx.Component:
    """Header, a focusable ``<main>`` (the skip link's target) holding ``children``, footer."""
    return rx.flex(
        skip_link(),
        site_header(),
        rx.el.main(
            rx.box(*children, max_width=width, margin_x="auto", padding_x=PAGE_GUTTER, padding_y="2rem"),
            id=MAIN_CONTENT_ID,
            tab_index=-1,
            flex="1",
            width="100%",
            class_name="jh-main",
        ),
        site_footer(),
        direction="column",
        min_height="100vh",
    )
