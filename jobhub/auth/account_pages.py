"""``/settings/account``: profile basics, email address, password, data export, account deletion.

The profile card is a Reflex form (nothing secret in it). The email, password and deletion
cards are native forms posting to ``account_routes_settings`` so a password never enters Reflex
state; their outcome comes back as a code in the URL, shown in a ``role="alert"`` callout.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.account import DELETE_WORD, LANGUAGES, timezones
from jobhub.auth.account_routes_settings import (
    ACCOUNT_DELETED_PAGE,
    DELETE_PATH,
    EMAIL_CONFIRM_PAGE,
    EMAIL_PATH,
    EXPORT_PATH,
    PASSWORD_PATH,
)
from jobhub.auth.account_state import AccountState, EmailConfirmState
from jobhub.auth.guards import SIGNED_IN, guarded_page
from jobhub.auth.password_policy import MIN_LENGTH
from jobhub.auth.settings_layout import settings_layout
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.forms import (
    backend_url,
    email_field,
    field_ids,
    form_field,
    stacked_native_form,
    submit_button,
)
from jobhub.ui.links import text_link
from jobhub.ui.page_parts import message_callout, narrow_page, section_card
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED


def _native_select(name: str, options: list[tuple[str, str]], value: rx.Var[str]) -> rx.Component:
    """A native ``<select>``: the browser's own list is keyboard and phone friendly with 600 zones."""
    input_id, help_id, error_id = field_ids(name)
    return rx.el.select(
        *[rx.el.option(label, value=key) for key, label in options],
        id=input_id,
        name=name,
        default_value=value,
        aria_describedby=f"{help_id} {error_id}",
        width="100%",
        height="var(--space-7)",
        padding_x="var(--space-2)",
        border="1px solid var(--gray-a7)",
        border_radius="var(--radius-2)",
        background_color="var(--color-surface)",
        color="var(--gray-12)",
        font_size="var(--font-size-3)",
    )


def _profile_field(label: str, name: str, **props: object) -> rx.Component:
    return form_field(
        label,
        name,
        default_value=getattr(AccountState, name),
        error=AccountState.errors[name],
        **props,
    )


def profile_card() -> rx.Component:
    zones = [(zone, zone.replace("_", " ")) for zone in timezones()]
    return section_card(
        "Profile",
        rx.form(
            rx.flex(
                rx.grid(
                    _profile_field("First name", "first_name", required=True, auto_complete="given-name"),
                    _profile_field("Last name", "last_name", required=True, auto_complete="family-name"),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing=SPACE_DEFAULT,
                    width="100%",
                ),
                _profile_field(
                    "Avatar URL",
                    "avatar_url",
                    input_type="url",
                    auto_complete="photo",
                    help_text="A link to a picture, starting with https://.",
                ),
                _profile_field(
                    "Phone",
                    "phone",
                    input_type="tel",
                    auto_complete="tel",
                    help_text="With the country code, e.g. +49 30 1234567.",
                ),
                _profile_field("Location", "location", auto_complete="address-level2"),
                rx.grid(
                    form_field(
                        "Time zone",
                        "timezone",
                        control=_native_select("timezone", zones, AccountState.timezone),
                        error=AccountState.errors["timezone"],
                    ),
                    form_field(
                        "Language",
                        "language",
                        control=_native_select("language", list(LANGUAGES.items()), AccountState.language),
                        error=AccountState.errors["language"],
                    ),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing=SPACE_DEFAULT,
                    width="100%",
                ),
                submit_button("Save profile", loading=AccountState.saving),
                direction="column",
                spacing=SPACE_DEFAULT,
            ),
            key=AccountState.form_version,
            on_submit=AccountState.save_profile,
            reset_on_submit=False,
            aria_label="Profile",
        ),
    )


def _password_input(
    label: str, field_key: str, name: str, auto_complete: str, **props: object
) -> rx.Component:
    """A password field whose element id differs from its form ``name`` (several forms share ``password``)."""
    input_id, _, error_id = field_ids(field_key)
    return form_field(
        label,
        field_key,
        control=rx.input(
            id=input_id,
            name=name,
            type="password",
            required=True,
            auto_complete=auto_complete,
            aria_describedby=error_id,
            max_length=128,
            size="3",
            width="100%",
            **props,
        ),
        required=True,
    )


def email_card() -> rx.Component:
    return section_card(
        "Email address",
        rx.text("You sign in with ", rx.text.strong(AccountState.email), "."),
        message_callout(AccountState.email_notice, error=False, element_id="email-notice"),
        message_callout(AccountState.email_error, error=True, element_id="email-error"),
        stacked_native_form(
            email_field("New email address", default_value=AccountState.email_draft),
            _password_input("Current password", "email_password", "password", "current-password"),
            submit_button("Send confirmation link"),
            action=backend_url(EMAIL_PATH),
            aria_label="Change email",
        ),
        intro="We send a link to the new address; your address changes when you open it (within 24 hours).",
    )


def password_card() -> rx.Component:
    return section_card(
        "Password",
        message_callout(AccountState.password_notice, error=False, element_id="password-notice"),
        message_callout(AccountState.password_error, error=True, element_id="password-error"),
        stacked_native_form(
            _password_input("Current password", "current_password", "current_password", "current-password"),
            _password_input(
                "New password", "new_password", "new_password", "new-password", min_length=MIN_LENGTH
            ),
            _password_input(
                "New password again", "new_password_confirm", "new_password_confirm", "new-password"
            ),
            submit_button("Change password"),
            action=backend_url(PASSWORD_PATH),
            aria_label="Change password",
        ),
        intro=f"At least {MIN_LENGTH} characters. Every other device is signed out when it changes.",
    )


def export_card() -> rx.Component:
    return section_card(
        "Your data",
        rx.button(
            rx.el.a(
                rx.icon("download", size=16, aria_hidden="true"),
                "Download my data",
                href=backend_url(EXPORT_PATH),
                download="jobhub-data.json",
            ),
            as_child=True,
            size="3",
            width="fit-content",
        ),
        intro="A JSON file with everything JobHub holds about you: account, profile, applications, "
        "messages you sent, notifications and billing.",
    )


def _delete_form() -> rx.Component:
    return stacked_native_form(
        rx.cond(
            AccountState.has_password,
            _password_input("Your password", "delete_password", "password", "current-password"),
        ),
        form_field(
            f"Type {DELETE_WORD} to confirm",
            "confirm",
            required=True,
            auto_complete="off",
            pattern=DELETE_WORD,
            spell_check=False,
        ),
        rx.flex(
            rx.dialog.close(
                rx.button("Cancel", type="button", variant="soft", color_scheme="gray", size="3")
            ),
            rx.button("Delete my account", type="submit", color_scheme="red", size="3"),
            spacing=SPACE_TIGHT,
            justify="end",
        ),
        action=backend_url(DELETE_PATH),
        aria_label="Delete account",
    )


def delete_card() -> rx.Component:
    return section_card(
        "Delete account",
        message_callout(AccountState.delete_error, error=True, element_id="delete-error"),
        rx.dialog.root(
            rx.dialog.trigger(rx.button("Delete my account…", color_scheme="red", variant="soft", size="3")),
            rx.dialog.content(
                rx.dialog.title("Delete your account?"),
                rx.dialog.description(
                    "You are signed out everywhere and cannot sign in again. Your name, email and "
                    "contact details are erased; this cannot be undone.",
                    color=TEXT_MUTED,
                    margin_bottom="1rem",
                ),
                _delete_form(),
                max_width="28rem",
            ),
        ),
        intro="Download your data first if you want to keep a copy.",
    )


def account_page() -> rx.Component:
    return settings_layout(
        "Account",
        rx.cond(
            AccountState.loaded,
            rx.fragment(profile_card(), email_card(), password_card(), export_card(), delete_card()),
            rx.spinner(size="3", aria_label="Loading your account"),
        ),
    )


def email_confirm_page() -> rx.Component:
    return narrow_page(
        rx.heading("Email address", as_="h1", size="8"),
        rx.cond(
            EmailConfirmState.message != "",
            rx.callout(
                EmailConfirmState.message,
                icon=rx.cond(EmailConfirmState.done, "circle-check", "triangle-alert"),
                color_scheme=rx.cond(EmailConfirmState.done, "green", "red"),
                role="alert",
                width="100%",
            ),
            rx.spinner(size="3", aria_label="Confirming"),
        ),
        text_link("Account settings", nav.SETTINGS_ACCOUNT),
    )


def account_deleted_page() -> rx.Component:
    return narrow_page(
        rx.heading("Your account is deleted", as_="h1", size="8"),
        rx.text(
            "You are signed out and your personal details are erased. Thank you for using JobHub.",
            role="status",
        ),
        text_link("Go to the home page", nav.HOME),
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.SETTINGS_ACCOUNT, account_page, "Account settings", SIGNED_IN, on_load=AccountState.load
    ),
    PageSpec(
        route=EMAIL_CONFIRM_PAGE,
        component=email_confirm_page,
        title="Email address",
        on_load=EmailConfirmState.confirm,
    ),
    PageSpec(route=ACCOUNT_DELETED_PAGE, component=account_deleted_page, title="Account deleted"),
)
