"""``/settings/security`` (two-step verification, signed-in devices) and ``/login/verify``.

Every form that carries a code or a password is a native post to ``mfa_routes``; the
buttons that carry nothing secret (set up, cancel, sign a device out) are Reflex events
with a spinner. The code field is ``autocomplete="one-time-code"`` with a numeric keypad,
and still accepts a backup code (letters) typed into it.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.guards import SIGNED_IN, guarded_page
from jobhub.auth.mfa_routes import BACKUP_CODES_PATH, DISABLE_PATH, ENABLE_PATH, VERIFY_PATH
from jobhub.auth.security_state import LoginVerifyState, SecurityState
from jobhub.auth.settings_layout import settings_layout
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import confirm_dialog, empty_state, skeleton_lines
from jobhub.ui.forms import (
    backend_url,
    current_password_field,
    form_field,
    stacked_native_form,
    submit_button,
)
from jobhub.ui.links import text_link
from jobhub.ui.page_parts import SIGN_IN_FORM_WIDTH, message_callout, narrow_column, section_card
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

MFA_ERROR_ID = "mfa-error"
MANUAL_KEY_ID = "mfa-manual-key"


def code_field(label: str = "Code", help_text: str | None = None) -> rx.Component:
    """Six digits from the app, or a backup code (letters too): numeric keypad, any text accepted."""
    return form_field(
        label,
        "code",
        required=True,
        auto_complete="one-time-code",
        input_mode="numeric",
        max_length=32,
        spell_check=False,
        auto_capitalize="off",
        help_text=help_text,
    )


def _setup_off() -> rx.Component:
    return rx.flex(
        rx.text(
            "Add a second step to signing in: a code from an authenticator app on your phone "
            "(Google Authenticator, 1Password, Authy and others).",
        ),
        rx.box(
            rx.button(
                "Set up two-step verification",
                on_click=SecurityState.start_enrolment,
                loading=SecurityState.starting,
                size="3",
                id="mfa-start",
            )
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def _setup_steps() -> rx.Component:
    return rx.flex(
        rx.text("1. Scan this QR code with your authenticator app.", weight="medium"),
        rx.image(
            src=SecurityState.enrol_qr,
            alt="QR code to add JobHub to your authenticator app",
            width="12rem",
            height="12rem",
            background="white",
            border_radius="var(--radius-2)",
        ),
        rx.text("Cannot scan it? Type this key into the app instead:", size="2", color=TEXT_MUTED),
        rx.code(SecurityState.enrol_key, id=MANUAL_KEY_ID, size="3", width="fit-content"),
        rx.text("2. Enter the 6-digit code the app shows.", weight="medium"),
        stacked_native_form(
            code_field("Code from the app"),
            rx.flex(
                submit_button("Turn on"),
                rx.button(
                    "Cancel",
                    type="button",
                    variant="soft",
                    color_scheme="gray",
                    size="3",
                    on_click=SecurityState.cancel_enrolment,
                ),
                spacing=SPACE_TIGHT,
                wrap="wrap",
            ),
            action=backend_url(ENABLE_PATH),
            aria_label="Confirm two-step verification",
        ),
        direction="column",
        spacing=SPACE_TIGHT,
    )


def _mfa_on() -> rx.Component:
    return rx.flex(
        rx.flex(
            rx.badge("On", color_scheme="green", size="2"),
            rx.text(
                "Signing in asks for a code from your app. Backup codes left: ",
                rx.el.strong(SecurityState.backup_codes_left.to_string(), id="backup-codes-left"),
            ),
            spacing=SPACE_TIGHT,
            align="center",
            wrap="wrap",
        ),
        rx.heading("New backup codes", as_="h3", size="3"),
        rx.text(
            "The old codes stop working. Enter a current code to get ten new ones.",
            size="2",
            color=TEXT_MUTED,
        ),
        stacked_native_form(
            code_field("Current code"),
            rx.box(submit_button("Get new backup codes", variant="soft")),
            action=backend_url(BACKUP_CODES_PATH),
            aria_label="New backup codes",
        ),
        rx.heading("Turn off", as_="h3", size="3"),
        stacked_native_form(
            rx.cond(SecurityState.email_sign_in, current_password_field()),
            code_field("Current code", help_text="A code from your app or a backup code."),
            rx.box(submit_button("Turn off two-step verification", color_scheme="red", variant="soft")),
            action=backend_url(DISABLE_PATH),
            aria_label="Turn off two-step verification",
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def mfa_card() -> rx.Component:
    return section_card(
        "Two-step verification",
        message_callout(SecurityState.mfa_error, error=True, element_id=MFA_ERROR_ID),
        message_callout(SecurityState.mfa_notice, error=False, element_id="mfa-notice"),
        rx.cond(
            ~SecurityState.loaded,
            skeleton_lines(3),
            rx.cond(
                SecurityState.mfa_enabled,
                _mfa_on(),
                rx.cond(SecurityState.enrolling, _setup_steps(), _setup_off()),
            ),
        ),
    )


def _session_item(row: rx.Var[dict[str, str]]) -> rx.Component:
    is_current = row["current"] != ""
    return rx.el.li(
        rx.flex(
            rx.flex(
                rx.flex(
                    rx.text(row["device"], weight="medium"),
                    rx.cond(is_current, rx.badge("This device", color_scheme="green")),
                    spacing=SPACE_TIGHT,
                    align="center",
                    wrap="wrap",
                ),
                rx.text(row["kind"], " · ", row["ip"], size="2", color=TEXT_MUTED),
                rx.text(
                    "Signed in ",
                    row["created"],
                    " · last active ",
                    row["last_active"],
                    size="2",
                    color=TEXT_MUTED,
                ),
                direction="column",
                spacing="1",
            ),
            rx.cond(
                is_current,
                rx.fragment(),
                rx.button(
                    "Sign out",
                    variant="soft",
                    color_scheme="red",
                    on_click=SecurityState.revoke(row["id"]),
                    loading=SecurityState.revoking == row["id"],
                    aria_label="Sign out " + row["device"] + " at " + row["ip"],
                ),
            ),
            justify="between",
            align="center",
            gap="1rem",
            wrap="wrap",
        ),
        padding_y="0.75rem",
        border_bottom="1px solid var(--gray-a5)",
        list_style="none",
    )


def sessions_card() -> rx.Component:
    others = SecurityState.sessions.length() > 1
    return section_card(
        "Where you are signed in",
        rx.cond(
            ~SecurityState.loaded,
            skeleton_lines(3),
            rx.flex(
                rx.el.ul(
                    rx.foreach(SecurityState.sessions, _session_item), padding="0", margin="0", id="sessions"
                ),
                rx.cond(
                    others,
                    rx.box(
                        confirm_dialog(
                            rx.button(
                                "Sign out all other devices",
                                variant="soft",
                                color_scheme="red",
                                loading=SecurityState.revoking_others,
                            ),
                            title="Sign out all other devices?",
                            description="Every browser but this one will need to sign in again.",
                            confirm_label="Sign them out",
                            on_confirm=SecurityState.revoke_others,
                        )
                    ),
                    empty_state(
                        "No other devices",
                        "Only this browser is signed in to your account.",
                        icon="monitor-check",
                    ),
                ),
                direction="column",
                spacing=SPACE_DEFAULT,
            ),
        ),
        intro="Sign out any browser you do not recognise, then change your password.",
    )


def security_page() -> rx.Component:
    return settings_layout("Security", mfa_card(), sessions_card())


def verify_page() -> rx.Component:
    return narrow_column(
        rx.heading("Two-step verification", as_="h1", size="8"),
        rx.text(
            "Enter the 6-digit code from your authenticator app, or one of your backup codes.",
            color=TEXT_MUTED,
        ),
        message_callout(LoginVerifyState.error_message, error=True, element_id="verify-error"),
        stacked_native_form(
            code_field(),
            submit_button("Verify", width="100%"),
            action=backend_url(VERIFY_PATH),
            aria_label="Two-step verification",
        ),
        rx.text(
            "Lost your phone and your codes? ",
            text_link("Start again", nav.LOGIN),
            " or contact support.",
            size="2",
            color=TEXT_MUTED,
        ),
        max_width=SIGN_IN_FORM_WIDTH,
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(nav.SETTINGS_SECURITY, security_page, "Security", SIGNED_IN, on_load=SecurityState.load),
    PageSpec(
        route=nav.LOGIN_MFA,
        component=verify_page,
        title="Two-step verification",
        on_load=LoginVerifyState.load,
    ),
)
