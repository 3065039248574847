"""The frame, cards, messages and loading lines the sign-in, account, settings and admin pages share.

Their outcome messages come back from native form posts as page state, so a message is
a callout that exists only while its text is non-empty: an error is ``role="alert"`` (read
out at once), a confirmation ``role="status"`` (read out politely).
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.ui.feedback import skeleton_lines
from jobhub.ui.layout import page_layout
from jobhub.ui.theme import NARROW_MAX_WIDTH, SPACE_DEFAULT, TEXT_MUTED

ACCOUNT_FORM_WIDTH = "28rem"
SIGN_IN_FORM_WIDTH = "26rem"


def narrow_page(*children: rx.Component, **column_props: Any) -> rx.Component:
    """A page in the narrow width whose content stands in one column, top to bottom."""
    return page_layout(
        rx.flex(*children, direction="column", spacing=SPACE_DEFAULT, **column_props),
        width=NARROW_MAX_WIDTH,
    )


def narrow_column(*children: rx.Component, max_width: str = ACCOUNT_FORM_WIDTH) -> rx.Component:
    """A ``narrow_page`` whose column is narrower still and centred: the page of a single form."""
    return narrow_page(*children, width="100%", max_width=max_width, margin_x="auto")


def section_card(title: str, *children: rx.Component, intro: str | None = None) -> rx.Component:
    """One settings section: an ``h2`` under the page's ``h1``, an optional muted intro, its content."""
    return rx.card(
        rx.flex(
            rx.heading(title, as_="h2", size="5"),
            rx.text(intro, color=TEXT_MUTED, size="2") if intro else rx.fragment(),
            *children,
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        width="100%",
    )


def message_callout(message: rx.Var[str], *, error: bool, element_id: str | None = None) -> rx.Component:
    """``message`` in a red alert (``error``) or a green status callout; nothing while it is empty."""
    id_prop = {"id": element_id} if element_id else {}
    return rx.cond(
        message != "",
        rx.callout(
            message,
            icon="triangle-alert" if error else "circle-check",
            color_scheme="red" if error else "green",
            role="alert" if error else "status",
            width="100%",
            **id_prop,
        ),
    )


def loading_lines(label: str, count: int) -> rx.Component:
    """Skeleton lines, which screen readers skip, with ``label`` announced once in their place."""
    return rx.box(rx.el.span(label, class_name="jh-visually-hidden", role="status"), skeleton_lines(count))
