"""Links that navigate inside the app without a reload and keep AA contrast on hover.

``rx.link`` darkens to accent step 8 on hover, which is below 3:1 on a light page, so
these helpers keep step 11 and underline instead. A link styled as a button is one
``<a>`` (Radix ``asChild``), never a button nested inside an anchor.
"""

from __future__ import annotations

from typing import Any, Literal

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink

from jobhub.ui.theme import TEXT_LINK

ButtonVariant = Literal["solid", "soft", "outline", "ghost", "surface"]


def current_page_attr(href: str) -> rx.Var:
    """``aria-current="page"`` on the link of the page being shown."""
    return rx.cond(rx.State.router.url.path == href, "page", "false")


def text_link(label: str | rx.Component, href: str, **props: Any) -> rx.Component:
    props.setdefault("color", TEXT_LINK)
    props.setdefault("_hover", {"color": TEXT_LINK, "text_decoration": "underline"})
    return rx.link(label, href=href, **props)


def button_link(
    label: str,
    href: str,
    *,
    icon: str | None = None,
    variant: ButtonVariant = "solid",
    size: Literal["1", "2", "3", "4"] = "2",
    **props: Any,
) -> rx.Component:
    """A call to action that is a real link (middle-click and "open in new tab" work)."""
    children: list[Any] = [rx.icon(icon, size=16, aria_hidden="true")] if icon else []
    children.append(label)
    return rx.button(
        ReactRouterLink.create(*children, to=href),
        as_child=True,
        variant=variant,
        size=size,
        **props,
    )
