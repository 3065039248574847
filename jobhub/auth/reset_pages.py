"""``/forgot-password`` and ``/reset-password``: native forms posting to ``account_routes``.

The forgot form answers the same for every address. The reset page checks its link on load
and shows the form only for a link that still works, so nobody types a new password twice
only to learn the link had expired.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.account_routes import FORGOT_PASSWORD_PATH, RESET_PASSWORD_PATH
from jobhub.auth.registration_pages import form_error, new_password_field, notice
from jobhub.auth.registration_state import ForgotPasswordPageState, ResetPasswordPageState
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.forms import backend_url, email_request_form, stacked_native_form, submit_button
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import message_callout, narrow_column
from jobhub.ui.theme import SPACE_DEFAULT, TEXT_MUTED


def forgot_form() -> rx.Component:
    state = ForgotPasswordPageState
    return email_request_form(
        action=backend_url(FORGOT_PASSWORD_PATH),
        submit_label="Send reset link",
        aria_label="Ask for a password reset link",
        email=state.email,
        error=state.email_error,
        key=state.form_key,
    )


def forgot_password_page() -> rx.Component:
    state = ForgotPasswordPageState
    return narrow_column(
        rx.heading("Reset your password", as_="h1", size="8"),
        form_error(state),
        rx.cond(
            state.sent,
            notice(
                "If an account exists for ",
                rx.text.strong(state.email),
                ", we sent it a link to choose a new password. The link works for one hour.",
                element_id="forgot-sent",
            ),
            rx.text(
                "Enter your account's email address and we will mail you a link to choose a new password."
            ),
        ),
        forgot_form(),
        rx.text("Remembered it? ", text_link("Sign in", nav.LOGIN), size="2", color=TEXT_MUTED),
    )


def reset_form() -> rx.Component:
    state = ResetPasswordPageState
    return stacked_native_form(
        rx.text("Choose a new password for ", rx.text.strong(state.account_email), "."),
        # Lets password managers file the new password under the right account.
        rx.el.input(
            type="email",
            name="username",
            auto_complete="username",
            value=state.account_email,
            read_only=True,
            hidden=True,
        ),
        rx.el.input(type="hidden", name="token", value=state.token),
        new_password_field("password", "New password", state.password_error),
        new_password_field(
            "password_confirm", "New password again", state.password_confirm_error, meter=False
        ),
        submit_button("Set new password", width="100%"),
        action=backend_url(RESET_PASSWORD_PATH),
        aria_label="Choose a new password",
        key=state.form_key,
    )


def _reset_content() -> rx.Component:
    state = ResetPasswordPageState
    return rx.match(
        state.status,
        (
            "checking",
            rx.flex(rx.spinner(size="3"), rx.text("Checking your link…"), align="center", spacing="3"),
        ),
        (
            "invalid",
            rx.flex(
                message_callout(state.link_error, error=True, element_id="reset-link-error"),
                button_link("Ask for a new link", nav.FORGOT_PASSWORD, size="3"),
                direction="column",
                spacing=SPACE_DEFAULT,
            ),
        ),
        (
            "done",
            rx.flex(
                notice(
                    "Your password was changed. Every device that was signed in has been signed out.",
                    element_id="reset-done",
                ),
                button_link("Sign in", nav.LOGIN, size="3"),
                direction="column",
                spacing=SPACE_DEFAULT,
            ),
        ),
        rx.flex(form_error(state), reset_form(), direction="column", spacing=SPACE_DEFAULT, width="100%"),
    )


def reset_password_page() -> rx.Component:
    return narrow_column(rx.heading("Choose a new password", as_="h1", size="8"), _reset_content())


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        route=nav.FORGOT_PASSWORD,
        component=forgot_password_page,
        title="Reset your password",
        on_load=ForgotPasswordPageState.load,
    ),
    PageSpec(
        route=nav.RESET_PASSWORD,
        component=reset_password_page,
        title="Choose a new password",
        on_load=ResetPasswordPageState.load,
    ),
)
