"""Form fields whose label, help text and error message are wired for screen readers.

Most forms submit through a Reflex event; ``native_form`` is for the few that must be a
real browser POST to a plain HTTP route (login and logout, which set an ``HttpOnly``
cookie no websocket event can set), so their fields never enter Reflex state.

Every input gets a visible ``<label for>``, ``aria-describedby`` pointing at its help text
and error message, and ``aria-invalid`` while an error is shown, so assistive technology
announces the same things a sighted user sees. Pages pass plain values or state Vars.
"""

from __future__ import annotations

import json
from typing import Any

import reflex as rx
from reflex_base.vars.base import Var, VarData
from reflex_components_core.el.elements.base import BaseHTML

from jobhub.ui.theme import ERROR_TEXT, SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

FieldText = str | rx.Var | None


def field_ids(name: str) -> tuple[str, str, str]:
    """The input, help and error element ids of field ``name`` (unique per form)."""
    base = f"field-{name}"
    return base, f"{base}-help", f"{base}-error"


def _has_text(value: FieldText) -> rx.Var | bool:
    if value is None:
        return False
    if isinstance(value, rx.Var):
        return value.to(str) != ""
    return value != ""


def form_field(
    label: str,
    name: str,
    *,
    control: rx.Component | None = None,
    input_type: str = "text",
    help_text: str | None = None,
    error: FieldText = None,
    required: bool = False,
    **input_props: Any,
) -> rx.Component:
    """A labelled field; pass ``control`` for a select or textarea built with ``field_ids``.

    The error element is always rendered (empty when there is no error) with
    ``aria-live="polite"`` so that a message appearing after submit is announced.
    """
    input_id, help_id, error_id = field_ids(name)
    has_error = _has_text(error)
    described_by = " ".join(part for part in (help_id if help_text else "", error_id) if part)
    if control is None:
        control = rx.input(
            id=input_id,
            name=name,
            type=input_type,
            required=required,
            aria_describedby=described_by,
            aria_invalid=rx.cond(has_error, "true", "false"),
            size="3",
            width="100%",
            **input_props,
        )
    label_children: list[rx.Component | str] = [label]
    if required:
        label_children.append(rx.el.span(" (required)", color=TEXT_MUTED, font_weight="normal"))
    help_element = rx.text(help_text, id=help_id, size="2", color=TEXT_MUTED) if help_text else rx.fragment()
    return rx.flex(
        rx.el.label(*label_children, html_for=input_id, font_weight="500"),
        help_element,
        control,
        rx.text(
            error if error is not None else "",
            id=error_id,
            size="2",
            color=ERROR_TEXT,
            aria_live="polite",
            display=rx.cond(has_error, "block", "none"),
        ),
        direction="column",
        spacing=SPACE_TIGHT,
        width="100%",
    )


def email_field(label: str = "Email", **props: Any) -> rx.Component:
    """The ``email`` field every sign-in and account form posts, so password managers fill it."""
    return form_field(label, "email", input_type="email", required=True, auto_complete="email", **props)


def current_password_field() -> rx.Component:
    """The ``password`` a form checks before it acts (``current-password``, so managers offer it)."""
    return form_field(
        "Password", "password", input_type="password", required=True, auto_complete="current-password"
    )


def submit_button(label: str, *, loading: rx.Var | bool = False, **props: Any) -> rx.Component:
    """The one primary button style for forms; shows a spinner while the handler runs."""
    return rx.button(label, type="submit", size="3", loading=loading, **props)


class NativeForm(BaseHTML):
    """A ``<form>`` the browser submits itself: ``rx.el.form`` always prevents that."""

    tag = "form"

    action: Var[str]
    method: Var[str]


def backend_url(path: str) -> Var[str]:
    """The absolute URL of ``path`` on the backend, as the browser must reach it.

    Resolved in the browser with Reflex's own ``getBackendURL`` (the one the websocket
    uses), so the form posts to the same host name the websocket connects to and the
    cookie set by the answer reaches the websocket, whichever port each server uses.
    """
    return Var(
        _js_expr=f"new URL({json.dumps(path)}, getBackendURL(env.PING)).href",
        _var_type=str,
        _var_data=VarData(
            imports={
                "$/utils/state": ["getBackendURL"],
                "$/env.json": rx.ImportVar(tag="env", is_default=True),
            }
        ),
    )


def stored_file_url(url: Var[str]) -> Var[str]:
    """Where the browser fetches a stored upload: ``/files/...`` lives on the backend (its own
    port in development), anything else (an external logo URL, "") is left as it is."""
    return Var(
        _js_expr=(
            f"(({url}) && String({url}).startsWith('/files/') "
            f"? new URL({url}, getBackendURL(env.PING)).href : ({url}))"
        ),
        _var_type=str,
        _var_data=VarData.merge(
            url._get_all_var_data(),
            VarData(
                imports={
                    "$/utils/state": ["getBackendURL"],
                    "$/env.json": rx.ImportVar(tag="env", is_default=True),
                }
            ),
        ),
    )


def native_form(*children: rx.Component, action: Var[str] | str, **props: Any) -> rx.Component:
    """A form POSTed by the browser to ``action`` (urlencoded), with a full page load after."""
    return NativeForm.create(*children, action=action, method="post", **props)


def stacked_native_form(
    *children: rx.Component, action: Var[str] | str, aria_label: str, **props: Any
) -> rx.Component:
    """A full-width ``native_form`` whose fields and button stand one under another."""
    return native_form(
        rx.flex(*children, direction="column", spacing=SPACE_DEFAULT, width="100%"),
        action=action,
        aria_label=aria_label,
        width="100%",
        **props,
    )


def email_request_form(
    *,
    action: Var[str] | str,
    submit_label: str,
    aria_label: str,
    email: Var[str],
    error: Var[str],
    key: Var[str],
) -> rx.Component:
    """One email field and a button: all it takes to ask for a mail (a reset or confirmation link).

    ``email`` and ``error`` are what the refused post left behind; a new ``key`` remounts the
    form so the browser shows them instead of what it last had typed in.
    """
    return stacked_native_form(
        email_field(default_value=email, error=error),
        submit_button(submit_label, width="100%"),
        action=action,
        aria_label=aria_label,
        key=key,
    )
