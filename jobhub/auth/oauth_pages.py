"""The "Continue with Google/LinkedIn/GitHub" buttons and the ``/settings/connections`` page.

The buttons are a plain ``GET`` form whose buttons each name their provider's start route
(``formaction``), so the choice of account type and the return path travel as query
parameters without any Reflex event, and the browser leaves for the provider in one full
navigation. Connecting from settings is a real link to the same start route with
``intent=link``; disconnecting is a Reflex event behind a confirmation.
"""

from __future__ import annotations

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink

from jobhub.auth.guards import SIGNED_IN, guarded_page
from jobhub.auth.oauth_routes import OAUTH_PREFIX
from jobhub.auth.oauth_state import YES, OAuthButtonsState, OAuthConnectionsState
from jobhub.auth.settings_layout import settings_layout
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import confirm_dialog, empty_state
from jobhub.ui.forms import NativeForm, backend_url
from jobhub.ui.page_parts import loading_lines, message_callout
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

OAUTH_FORM_LABEL = "Continue with another account"
USER_TYPE_CHOICES = (("job_seeker", "Job seeker"), ("employer", "Employer"))


def _start_url(provider: rx.Var[str], query: str = "") -> rx.Var[str]:
    return backend_url(OAUTH_PREFIX + "/").to(str) + provider.to(str) + "/start" + query


def _provider_button(provider: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.button(
        "Continue with " + provider["label"],
        type="submit",
        variant="outline",
        size="3",
        width="100%",
        custom_attrs={"formAction": _start_url(provider["id"])},
    )


def _user_type_choice(value: str, label: str) -> rx.Component:
    input_id = f"oauth-user-type-{value}"
    return rx.flex(
        rx.el.input(
            type="radio",
            name="user_type",
            value=value,
            id=input_id,
            default_checked=value == USER_TYPE_CHOICES[0][0],
            style={"width": "1.1rem", "height": "1.1rem", "margin": "0"},
        ),
        rx.el.label(label, html_for=input_id),
        align="center",
        spacing="2",
    )


def _user_type_fieldset() -> rx.Component:
    """Only read when the provider's account is new to us; existing accounts keep their type."""
    return rx.el.fieldset(
        rx.el.legend("If this creates a new account, it is for a", font_size="0.875rem", color=TEXT_MUTED),
        rx.flex(*[_user_type_choice(value, label) for value, label in USER_TYPE_CHOICES], spacing="4"),
        border="none",
        padding="0",
        margin="0",
    )


def oauth_buttons(next_path: rx.Var[str] | str = nav.HOME) -> rx.Component:
    """A button per configured provider (none at all when no provider is configured)."""
    return rx.box(
        rx.cond(
            OAuthButtonsState.oauth_providers.length() > 0,
            NativeForm.create(
                rx.flex(
                    rx.flex(
                        rx.separator(size="4", flex="1"),
                        rx.text("or", size="2", color=TEXT_MUTED),
                        rx.separator(size="4", flex="1"),
                        align="center",
                        spacing="3",
                        aria_hidden="true",
                    ),
                    rx.foreach(OAuthButtonsState.oauth_providers, _provider_button),
                    _user_type_fieldset(),
                    rx.el.input(type="hidden", name="next", value=next_path),
                    rx.el.input(type="hidden", name="intent", value="login"),
                    direction="column",
                    spacing=SPACE_TIGHT,
                    width="100%",
                ),
                action=backend_url(OAUTH_PREFIX),
                method="get",
                aria_label=OAUTH_FORM_LABEL,
                width="100%",
            ),
        ),
        on_mount=OAuthButtonsState.load_providers,
        width="100%",
    )


def _connect_link(row: rx.Var[dict[str, str]]) -> rx.Component:
    """A full navigation to the backend (not client routing): the provider's page comes next."""
    return rx.button(
        ReactRouterLink.create(
            "Connect " + row["label"], to=_start_url(row["provider"], "?intent=link"), reload_document=True
        ),
        as_child=True,
        variant="outline",
    )


def _disconnect(row: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.cond(
        row["can_unlink"] == YES,
        confirm_dialog(
            rx.button(
                "Disconnect " + row["label"],
                variant="soft",
                color_scheme="red",
                loading=OAuthConnectionsState.unlinking == row["provider"],
            ),
            title="Disconnect this account?",
            description="You will no longer be able to sign in with it. You can connect it again later.",
            confirm_label="Disconnect",
            on_confirm=OAuthConnectionsState.disconnect(row["provider"]),
        ),
        rx.text(
            "This is your only way to sign in, so it stays connected until you set a password "
            "or connect another account.",
            size="2",
            color=TEXT_MUTED,
        ),
    )


def _connection_card(row: rx.Var[dict[str, str]]) -> rx.Component:
    connected = row["connected"] == YES
    return rx.card(
        rx.flex(
            rx.flex(
                rx.heading(row["label"], as_="h2", size="4"),
                rx.badge(
                    rx.cond(connected, "Connected", "Not connected"),
                    color_scheme=rx.cond(connected, "green", "gray"),
                ),
                align="center",
                spacing="3",
            ),
            rx.cond(connected, _disconnect(row), _connect_link(row)),
            direction="column",
            spacing=SPACE_TIGHT,
            align="start",
        ),
        width="100%",
    )


def connections_page() -> rx.Component:
    return settings_layout(
        "Connected accounts",
        rx.text(
            "Sign in with Google, LinkedIn or GitHub as well as (or instead of) your password.",
            color=TEXT_MUTED,
        ),
        message_callout(OAuthConnectionsState.error_message, error=True),
        message_callout(OAuthConnectionsState.notice, error=False),
        rx.cond(
            OAuthConnectionsState.loading,
            loading_lines("Loading", 4),
            rx.cond(
                OAuthConnectionsState.connection_rows.length() > 0,
                rx.flex(
                    rx.foreach(OAuthConnectionsState.connection_rows, _connection_card),
                    direction="column",
                    spacing=SPACE_DEFAULT,
                    width="100%",
                ),
                empty_state(
                    "No sign-in providers are set up",
                    "Signing in with Google, LinkedIn or GitHub has not been enabled on this site.",
                    icon="link",
                ),
            ),
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.SETTINGS_CONNECTIONS,
        connections_page,
        "Connected accounts",
        SIGNED_IN,
        on_load=OAuthConnectionsState.load,
    ),
)
