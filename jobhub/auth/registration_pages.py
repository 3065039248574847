"""``/register`` and ``/verify-email``: native forms posting to ``account_routes``.

The password field carries a strength meter computed in the browser
(``assets/password_strength.js``), so nothing is sent while typing; the server's policy is
what decides. Values kept after a refused submit arrive through the page state as input
defaults (see ``registration_state``).
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.account_routes import REGISTER_PATH, RESEND_VERIFICATION_PATH
from jobhub.auth.oauth_pages import oauth_buttons
from jobhub.auth.password_policy import MAX_LENGTH, MIN_LENGTH
from jobhub.auth.registration import NAME_MAX
from jobhub.auth.registration_state import FlashFormState, RegisterPageState, VerifyEmailPageState
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.forms import (
    backend_url,
    email_field,
    email_request_form,
    field_ids,
    form_field,
    stacked_native_form,
    submit_button,
)
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import message_callout, narrow_column
from jobhub.ui.theme import ERROR_TEXT, SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

STRENGTH_SCRIPT = "/password_strength.js"
PASSWORD_HELP = f"At least {MIN_LENGTH} characters. A few unrelated words are strong and easy to remember."


def notice(*children: rx.Component | str | rx.Var, element_id: str) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("mail-check")),
        rx.callout.text(*children),
        color_scheme="green",
        role="status",
        id=element_id,
        width="100%",
    )


def form_error(state: type[FlashFormState]) -> rx.Component:
    return message_callout(state.form_error, error=True, element_id="form-error")


def new_password_field(name: str, label: str, error: rx.Var[str], *, meter: bool = True) -> rx.Component:
    """A ``new-password`` input; with ``meter``, the browser-side strength meter under it."""
    meter_id = f"{name}-strength"
    extra = {"custom_attrs": {"data-strength-meter": meter_id}} if meter else {}
    field = form_field(
        label,
        name,
        input_type="password",
        required=True,
        auto_complete="new-password",
        help_text=PASSWORD_HELP if meter else None,
        error=error,
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
        **extra,
    )
    if not meter:
        return field
    return rx.flex(
        field,
        rx.el.meter(
            id=meter_id,
            min=0,
            max=4,
            low=2,
            high=3,
            optimum=4,
            hidden=True,
            aria_label="Password strength",
            style={"width": "100%", "height": "0.6rem"},
        ),
        rx.el.p(id=f"{meter_id}-text", aria_live="polite", font_size="var(--font-size-2)", color=TEXT_MUTED),
        rx.script(src=STRENGTH_SCRIPT),
        direction="column",
        spacing=SPACE_TIGHT,
        width="100%",
    )


def _user_type_choice(value: str, label: str, hint: str) -> rx.Component:
    input_id = f"user-type-{value}"
    return rx.el.label(
        rx.el.input(
            type="radio",
            id=input_id,
            name="user_type",
            value=value,
            required=True,
            default_checked=RegisterPageState.user_type == value,
            # A new key when the loaded type arrives remounts the input: defaultChecked counts at
            # mount only, and /register?type=employer sometimes kept "Find a job" checked.
            key=RegisterPageState.user_type + f"-{value}",
            aria_describedby=field_ids("user_type")[2],
            style={"width": "1.1rem", "height": "1.1rem", "margin": "0.2rem 0 0 0"},
        ),
        rx.flex(
            rx.text(label, weight="medium"), rx.text(hint, size="2", color=TEXT_MUTED), direction="column"
        ),
        html_for=input_id,
        style={
            "display": "flex",
            "gap": "0.6rem",
            "align_items": "flex-start",
            "padding": "0.75rem",
            "border": "1px solid var(--gray-6)",
            "border_radius": "var(--radius-3)",
            "cursor": "pointer",
            "flex": "1 1 12rem",
        },
    )


def _user_type_field() -> rx.Component:
    error_id = field_ids("user_type")[2]
    return rx.el.fieldset(
        rx.el.legend("I want to", font_weight="500", margin_bottom="0.4rem"),
        rx.flex(
            _user_type_choice("job_seeker", "Find a job", "Build a profile, search and apply."),
            _user_type_choice("employer", "Hire", "Post jobs and review applicants."),
            wrap="wrap",
            gap="0.75rem",
        ),
        rx.text(
            RegisterPageState.user_type_error,
            id=error_id,
            size="2",
            color=ERROR_TEXT,
            aria_live="polite",
            display=rx.cond(RegisterPageState.user_type_error != "", "block", "none"),
        ),
        style={"border": "none", "padding": "0", "margin": "0", "width": "100%"},
    )


def registration_form() -> rx.Component:
    state = RegisterPageState
    return stacked_native_form(
        _user_type_field(),
        rx.flex(
            form_field(
                "First name",
                "first_name",
                required=True,
                auto_complete="given-name",
                max_length=NAME_MAX,
                default_value=state.first_name,
                error=state.first_name_error,
            ),
            form_field(
                "Last name",
                "last_name",
                required=True,
                auto_complete="family-name",
                max_length=NAME_MAX,
                default_value=state.last_name,
                error=state.last_name_error,
            ),
            direction=rx.breakpoints(initial="column", sm="row"),
            spacing=SPACE_DEFAULT,
            width="100%",
        ),
        email_field(default_value=state.email, error=state.email_error),
        new_password_field("password", "Password", state.password_error),
        submit_button("Create account", width="100%"),
        action=backend_url(REGISTER_PATH),
        aria_label="Create an account",
        key=state.form_key,
    )


def _check_inbox() -> rx.Component:
    return rx.flex(
        notice(
            "Check your inbox: we sent a message to ",
            rx.text.strong(RegisterPageState.email),
            ". Open the link in it within 24 hours to confirm your address, then sign in.",
            element_id="register-sent",
        ),
        rx.text(
            "No mail after a few minutes? Look in your spam folder, or ",
            text_link("ask for a new link", nav.VERIFY_EMAIL),
            ".",
            size="2",
            color=TEXT_MUTED,
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def register_page() -> rx.Component:
    return narrow_column(
        rx.heading("Create your account", as_="h1", size="8"),
        rx.text("Free for job seekers and employers.", color=TEXT_MUTED),
        form_error(RegisterPageState),
        rx.cond(RegisterPageState.sent, _check_inbox(), rx.fragment(registration_form(), oauth_buttons())),
        rx.text("Already have an account? ", text_link("Sign in", nav.LOGIN), size="2", color=TEXT_MUTED),
    )


def resend_form(state: type[VerifyEmailPageState]) -> rx.Component:
    return email_request_form(
        action=backend_url(RESEND_VERIFICATION_PATH),
        submit_label="Send a new link",
        aria_label="Send a new confirmation link",
        email=state.email,
        error=state.email_error,
        key=state.form_key,
    )


def _verify_content() -> rx.Component:
    state = VerifyEmailPageState
    sign_in = button_link("Sign in", nav.LOGIN, size="3")
    return rx.match(
        state.status,
        (
            "checking",
            rx.flex(rx.spinner(size="3"), rx.text("Confirming your address…"), align="center", spacing="3"),
        ),
        (
            "verified",
            rx.flex(
                notice(
                    "Your address ", rx.text.strong(state.email), " is confirmed.", element_id="verify-done"
                ),
                sign_in,
                direction="column",
                spacing=SPACE_DEFAULT,
            ),
        ),
        ("used", rx.flex(rx.text(state.message), sign_in, direction="column", spacing=SPACE_DEFAULT)),
        (
            "sent",
            rx.flex(
                notice(
                    "If an account at ",
                    rx.text.strong(state.email),
                    " is waiting for confirmation, we sent it a new link. It works for 24 hours.",
                    element_id="verify-sent",
                ),
                text_link("Back to sign in", nav.LOGIN),
                direction="column",
                spacing=SPACE_DEFAULT,
            ),
        ),
        rx.flex(
            message_callout(state.message, error=True, element_id="verify-error"),
            rx.text("Enter the address you registered with and we will send you a new confirmation link."),
            resend_form(state),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
    )


def verify_email_page() -> rx.Component:
    return narrow_column(
        rx.heading("Confirm your email address", as_="h1", size="8"),
        form_error(VerifyEmailPageState),
        _verify_content(),
    )


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        route=nav.REGISTER, component=register_page, title="Create an account", on_load=RegisterPageState.load
    ),
    PageSpec(
        route=nav.VERIFY_EMAIL,
        component=verify_email_page,
        title="Confirm your email",
        on_load=VerifyEmailPageState.load,
    ),
)
