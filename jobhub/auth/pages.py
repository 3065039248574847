"""``/login`` and ``/logout``: plain HTML forms posting to the backend's HTTP routes.

The password goes from the browser straight to ``POST /auth/login`` and never through
Reflex state; the answer is a redirect and a full page load, after which the websocket
connects with the new ``HttpOnly`` cookie and the navigation shows the signed-in user.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.login_messages import LoginErrorCode, message_for
from jobhub.auth.oauth_pages import oauth_buttons
from jobhub.auth.routes import LOGIN_PATH, LOGOUT_PATH
from jobhub.auth.state import AuthState, LoginPageState
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.forms import (
    backend_url,
    current_password_field,
    email_field,
    native_form,
    stacked_native_form,
    submit_button,
)
from jobhub.ui.links import text_link
from jobhub.ui.page_parts import SIGN_IN_FORM_WIDTH, message_callout, narrow_column
from jobhub.ui.theme import TEXT_MUTED

LOGIN_ERROR_ID = "login-error"


def login_form() -> rx.Component:
    return stacked_native_form(
        email_field(),
        current_password_field(),
        rx.el.label(
            rx.el.input(type="checkbox", name="remember", value="on", id="field-remember"),
            " Keep me signed in on this device for 14 days",
            html_for="field-remember",
            display="flex",
            gap="0.5rem",
            align_items="center",
        ),
        rx.el.input(type="hidden", name="next", value=LoginPageState.next_path),
        submit_button("Sign in", width="100%"),
        action=backend_url(LOGIN_PATH),
        aria_label="Sign in",
    )


def login_page() -> rx.Component:
    return narrow_column(
        rx.heading("Sign in", as_="h1", size="8"),
        rx.text("Welcome back. Sign in with your email and password.", color=TEXT_MUTED),
        message_callout(LoginPageState.error_message, error=True, element_id=LOGIN_ERROR_ID),
        rx.cond(
            LoginPageState.error_message == message_for(LoginErrorCode.UNVERIFIED),
            text_link("No mail? Send me a new confirmation link", nav.VERIFY_EMAIL, size="2"),
        ),
        login_form(),
        oauth_buttons(LoginPageState.next_path),
        text_link("Forgot your password?", nav.FORGOT_PASSWORD, size="2"),
        rx.text("New to JobHub? ", text_link("Create an account", nav.REGISTER), size="2", color=TEXT_MUTED),
        max_width=SIGN_IN_FORM_WIDTH,
    )


def logout_page() -> rx.Component:
    """The button shows before the session is resolved: signing out anonymously is harmless."""
    return narrow_column(
        rx.heading("Sign out", as_="h1", size="8"),
        rx.text(
            rx.cond(
                AuthState.is_authenticated,
                "You are signed in as " + AuthState.display_name + ".",
                "Signing out ends your session on this device.",
            ),
            color=TEXT_MUTED,
        ),
        native_form(submit_button("Sign out"), action=backend_url(LOGOUT_PATH), aria_label="Sign out"),
        max_width=SIGN_IN_FORM_WIDTH,
    )


PAGES: tuple[PageSpec, ...] = (
    PageSpec(route=nav.LOGIN, component=login_page, title="Sign in", on_load=LoginPageState.load),
    PageSpec(route=nav.LOGOUT, component=logout_page, title="Sign out"),
)
