"""The frame every ``/settings/*`` page shares: a heading and one tab-like link per section.

Each section is its own page (its own URL, its own state) so a link can point at
"Security" directly; the frame only keeps the sections and their order in one place.
"""

from __future__ import annotations

import reflex as rx

from jobhub.ui import navigation as nav
from jobhub.ui.links import current_page_attr, text_link
from jobhub.ui.page_parts import narrow_page

SECTIONS: tuple[nav.NavLink, ...] = (
    nav.NavLink("Account", nav.SETTINGS_ACCOUNT, "user"),
    nav.NavLink("Security", nav.SETTINGS_SECURITY, "shield-check"),
    nav.NavLink("Connected accounts", nav.SETTINGS_CONNECTIONS, "link"),
)


def _section_link(link: nav.NavLink) -> rx.Component:
    """The current section is bold and underlined, not only announced by ``aria-current``."""
    current = rx.State.router.url.path == link.href
    return text_link(
        rx.flex(rx.icon(link.icon, size=16, aria_hidden="true"), link.label, align="center", spacing="2"),
        link.href,
        aria_current=current_page_attr(link.href),
        padding_y="0.25rem",
        font_weight=rx.cond(current, "bold", "normal"),
        text_decoration=rx.cond(current, "underline", "none"),
        text_underline_offset="0.4em",
    )


def settings_layout(title: str, *children: rx.Component) -> rx.Component:
    """``title`` is the section's ``h1``; ``children`` are its cards, top to bottom."""
    return narrow_page(
        rx.el.nav(
            rx.flex(*[_section_link(link) for link in SECTIONS], spacing="4", wrap="wrap"),
            aria_label="Settings sections",
        ),
        rx.heading(title, as_="h1", size="8"),
        *children,
        width="100%",
    )
