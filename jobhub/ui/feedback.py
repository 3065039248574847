"""Empty states, loading skeletons, toasts and the confirm dialog every page reuses.

``toast_for_error`` is the one place an exception becomes words a user sees: domain
errors carry a message written for people, everything else becomes a generic sentence
(the details go to the log, never to the browser).

No ``from __future__ import annotations`` here: Reflex checks the backend exception
handler's annotations at startup and cannot resolve postponed (string) ones.
"""

import logging
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from jobhub.platform.errors import DomainError, StoreUnavailable
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, SURFACE, TEXT_MUTED

log = logging.getLogger(__name__)

GENERIC_ERROR = "Something went wrong on our side. Please try again in a moment."
UNAVAILABLE_ERROR = "JobHub is having trouble reaching its database. Please try again shortly."
ERROR_TOAST_ID = "jobhub-error"


def empty_state(
    title: str,
    description: str = "",
    *,
    icon: str = "inbox",
    action: rx.Component | None = None,
) -> rx.Component:
    """A friendly block for "nothing yet", with an optional next step."""
    return rx.flex(
        rx.icon(icon, size=40, color=TEXT_MUTED, aria_hidden="true"),
        rx.heading(title, as_="h3", size="4", text_align="center"),
        rx.text(description, color=TEXT_MUTED, text_align="center", max_width="32rem")
        if description
        else rx.fragment(),
        action if action is not None else rx.fragment(),
        direction="column",
        align="center",
        spacing=SPACE_TIGHT,
        padding="2.5rem 1rem",
        border_radius="var(--radius-4)",
        background=SURFACE,
        width="100%",
    )


def skeleton_lines(count: int = 3) -> rx.Component:
    """Placeholder text lines while data loads; hidden from screen readers (status says loading)."""
    return rx.flex(
        *[rx.skeleton(height="1rem", width="100%" if i % 2 == 0 else "70%") for i in range(count)],
        direction="column",
        spacing=SPACE_TIGHT,
        aria_hidden="true",
        width="100%",
    )


def card_skeletons(count: int = 6, *, label: str = "Loading") -> rx.Component:
    """A grid of card-shaped placeholders with one announcement for assistive technology."""
    return rx.box(
        rx.el.span(label, class_name="jh-visually-hidden", role="status"),
        rx.grid(
            *[
                rx.card(
                    rx.flex(
                        rx.skeleton(height="1.25rem", width="80%"),
                        rx.skeleton(height="0.9rem", width="50%"),
                        rx.skeleton(height="0.9rem", width="60%"),
                        direction="column",
                        spacing=SPACE_TIGHT,
                    ),
                    aria_hidden="true",
                )
                for _ in range(count)
            ],
            columns={"initial": "1", "sm": "2", "md": "3"},
            spacing=SPACE_DEFAULT,
            width="100%",
        ),
        width="100%",
    )


def toast_success(message: str | rx.Var[str], **props: Any) -> EventSpec:
    return rx.toast.success(message, **props)


def toast_info(message: str | rx.Var[str], **props: Any) -> EventSpec:
    return rx.toast.info(message, **props)


def toast_error(message: str | rx.Var[str], **props: Any) -> EventSpec:
    """An error toast that replaces the previous one instead of stacking."""
    props.setdefault("id", ERROR_TOAST_ID)
    props.setdefault("close_button", True)
    return rx.toast.error(message, **props)


def user_message(exc: BaseException) -> str:
    """What a person may read about ``exc``; nothing internal leaks through."""
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, StoreUnavailable):
        return UNAVAILABLE_ERROR
    return GENERIC_ERROR


def toast_for_error(exception: Exception) -> EventSpec:
    """The app's backend exception handler: log the details, show a safe toast."""
    if isinstance(exception, DomainError):
        log.info("domain error shown to the user: %s", exception.message)
    else:
        log.error("unhandled error in an event handler", exc_info=exception)
    return toast_error(user_message(exception))


def confirm_dialog(
    trigger: rx.Component,
    *,
    title: str,
    description: str,
    confirm_label: str,
    on_confirm: rx.EventHandler | Any,
    destructive: bool = True,
) -> rx.Component:
    """Ask before an action that cannot be undone; Cancel has focus first (Radix alert dialog)."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(description, color=TEXT_MUTED),
            rx.flex(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(
                        confirm_label,
                        color_scheme="red" if destructive else None,
                        on_click=on_confirm,
                    )
                ),
                spacing=SPACE_TIGHT,
                justify="end",
                margin_top="1rem",
            ),
            max_width="28rem",
        ),
    )
