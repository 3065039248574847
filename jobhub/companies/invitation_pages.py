"""``/invitation?token=…``: the page a mailed invitation opens.

It says who invited which address to which company as what, then offers what fits the
visitor: sign in or create an employer account (both lead back here), the "Join" button
for the invited account, or an explanation for another account, a job seeker account, or
a link that expired, was used, withdrawn or replaced.
"""

from __future__ import annotations

import reflex as rx

from jobhub.companies.invitation_acceptance import ViewerFit
from jobhub.companies.invitation_state import REGISTER_AS_EMPLOYER, InvitationState, PageStatus
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import message_callout, narrow_column
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

State = InvitationState
AFTER_REGISTERING = (
    "New to JobHub? After creating the account, confirm your address from the mail we send, sign in, "
    "and open this invitation again."
)


def _offer() -> rx.Component:
    return rx.card(
        rx.flex(
            rx.text(
                rx.text.strong(State.invited_by),
                " invited ",
                rx.text.strong(State.email, word_break="break-all"),
                " to join ",
                rx.text.strong(State.company_name),
                " as ",
                State.role_phrase,
                ".",
            ),
            rx.text("The invitation expires on ", State.expires_on, ".", size="2", color=TEXT_MUTED),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        width="100%",
    )


def _signed_out() -> rx.Component:
    return rx.flex(
        rx.text("Sign in with the employer account for ", rx.text.strong(State.email), " to join."),
        rx.flex(
            rx.button(
                rx.link(
                    rx.icon("log-in", size=16, aria_hidden="true"),
                    "Sign in",
                    href=State.sign_in_url,
                    underline="none",
                ),
                as_child=True,
                size="3",
            ),
            button_link("Create an employer account", REGISTER_AS_EMPLOYER, variant="soft", size="3"),
            spacing=SPACE_TIGHT,
            wrap="wrap",
        ),
        rx.text(AFTER_REGISTERING, size="2", color=TEXT_MUTED),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def _can_join() -> rx.Component:
    return rx.button(
        rx.icon("user-plus", size=18, aria_hidden="true"),
        "Join ",
        State.company_name,
        " as ",
        State.role_label.lower(),
        size="3",
        on_click=State.join,
        loading=State.joining,
        width={"initial": "100%", "sm": "auto"},
    )


def _cannot_join() -> rx.Component:
    return rx.flex(
        message_callout(State.viewer_message, error=True, element_id="invitation-refusal"),
        rx.flex(
            button_link("Sign out", nav.LOGOUT, icon="log-out", variant="soft"),
            spacing=SPACE_TIGHT,
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def _already_member() -> rx.Component:
    return rx.flex(
        rx.callout(State.viewer_message, icon="info", role="status", width="100%"),
        button_link("Go to your team", nav.EMPLOYER_TEAM, icon="users"),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def _ready() -> rx.Component:
    return rx.flex(
        _offer(),
        rx.match(
            State.viewer,
            (ViewerFit.SIGNED_OUT.value, _signed_out()),
            (ViewerFit.CAN_JOIN.value, _can_join()),
            (ViewerFit.ALREADY_MEMBER.value, _already_member()),
            _cannot_join(),
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def _problem() -> rx.Component:
    return rx.flex(
        message_callout(State.message, error=True, element_id="invitation-problem"),
        rx.text(
            "Already on a team? Your companies are in the ",
            text_link("employer area", nav.EMPLOYER_DASHBOARD),
            ".",
            size="2",
            color=TEXT_MUTED,
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def _checking() -> rx.Component:
    return rx.flex(rx.spinner(size="3"), rx.text("Opening your invitation…"), align="center", spacing="3")


def invitation_page() -> rx.Component:
    return narrow_column(
        rx.heading(
            rx.cond(State.status == PageStatus.READY, "Join " + State.company_name, "Your invitation"),
            as_="h1",
            size="8",
        ),
        rx.match(
            State.status,
            (PageStatus.CHECKING.value, _checking()),
            (PageStatus.READY.value, _ready()),
            _problem(),
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        route=nav.INVITATION,
        component=invitation_page,
        title="Your invitation",
        on_load=InvitationState.load,
    ),
)
