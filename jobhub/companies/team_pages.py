"""``/employer/team``: who works on the company in JobHub, and for managers the means to change it.

Everyone on the team sees the members with their roles and join dates. Owners and admins
also see addresses, an invite form offering only the roles they may grant, the pending
invitations with resend and withdraw, and on each member "Change role" (one dialog) and
"Remove" (behind a confirmation). Everyone may leave; the last owner is told to hand over
first. Guarded for employers; the services check the role again on every action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.companies.employer_area import EmployerState, employer_layout
from jobhub.companies.invitations import EMAIL_MAX
from jobhub.companies.team_roles import ROLE_FIELD
from jobhub.companies.team_state import TeamState
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, confirm_dialog
from jobhub.ui.forms import field_ids, form_field, submit_button
from jobhub.ui.layout import page_layout
from jobhub.ui.page_parts import section_card
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

ROLE_HELP = (
    "Owners can do everything, including adding and removing owners. Admins edit the company page, "
    "manage the team and post jobs. Recruiters post and manage jobs. Hiring managers follow the "
    "company's jobs and team."
)
INVITE_INTRO = (
    "We mail them a link that works for seven days. They join with an employer account at that address."
)
REMOVE_TEXT = "They lose access to this company's employer pages at once. You can invite them again later."
LEAVE_INTRO = (
    "Stop working on this company in JobHub. If you are its only owner, make someone else owner first."
)
LEAVE_TEXT = "You lose access to its employer pages at once. Someone on the team can invite you again."
ROW_STYLE = {"border_top": "1px solid var(--gray-5)", "padding_y": "0.75rem", "list_style": "none"}


def _list(items: rx.Var, render: Callable[[rx.Var], rx.Component], label: str, test_id: str) -> rx.Component:
    return rx.el.ul(
        rx.foreach(items, lambda item: rx.el.li(render(item), data_testid=test_id, **ROW_STYLE)),
        aria_label=label,
        padding="0",
        margin="0",
        width="100%",
    )


def _role_select(field: str, **binding: Any) -> rx.Component:
    """The roles the viewer may grant; ``binding`` makes it a form field or a controlled select."""
    return rx.select.root(
        rx.select.trigger(id=field_ids(field)[0], width="100%"),
        rx.select.content(
            rx.foreach(
                TeamState.role_options, lambda option: rx.select.item(option["label"], value=option["value"])
            )
        ),
        size="3",
        **binding,
    )


def invite_form() -> rx.Component:
    return section_card(
        "Invite someone",
        rx.form(
            rx.grid(
                form_field(
                    "Email address",
                    "email",
                    input_type="email",
                    required=True,
                    auto_complete="off",
                    max_length=EMAIL_MAX,
                    error=TeamState.email_error,
                ),
                form_field(
                    "Role",
                    ROLE_FIELD,
                    control=_role_select(ROLE_FIELD, name=ROLE_FIELD, default_value=TeamState.default_role),
                    error=TeamState.role_error,
                ),
                rx.flex(submit_button("Send invitation", loading=TeamState.busy), align="end"),
                columns={"initial": "1", "md": "3fr 2fr auto"},
                spacing=SPACE_DEFAULT,
                width="100%",
            ),
            on_submit=TeamState.invite,
            reset_on_submit=False,
            key=TeamState.invite_form_key.to(str),
            aria_label="Invite someone to the team",
            width="100%",
        ),
        rx.text(ROLE_HELP, size="2", color=TEXT_MUTED),
        intro=INVITE_INTRO,
    )


def _member_controls(member: rx.Var) -> rx.Component:
    name = member["name"].to(str)
    return rx.flex(
        rx.cond(
            member["can_change_role"].to(bool),
            rx.button(
                rx.icon("user-cog", size=14, aria_hidden="true"),
                "Change role",
                variant="soft",
                size="1",
                on_click=TeamState.open_role_dialog(member["id"].to(str)),
                aria_label="Change the role of " + name,
            ),
        ),
        rx.cond(
            member["can_remove"].to(bool),
            confirm_dialog(
                rx.button(
                    rx.icon("user-minus", size=14, aria_hidden="true"),
                    "Remove",
                    variant="soft",
                    color_scheme="red",
                    size="1",
                    aria_label="Remove " + name + " from the team",
                ),
                title="Remove from the team?",
                description=REMOVE_TEXT,
                confirm_label="Remove from the team",
                on_confirm=TeamState.remove(member["id"].to(str)),
            ),
        ),
        spacing=SPACE_TIGHT,
        wrap="wrap",
    )


def member_row(member: rx.Var) -> rx.Component:
    return rx.flex(
        rx.flex(
            rx.flex(
                rx.text(member["name"].to(str), weight="medium"),
                rx.cond(member["is_you"].to(bool), rx.badge("You", variant="outline")),
                rx.badge(member["role_label"].to(str), variant="soft"),
                rx.cond(member["is_last_owner"].to(bool), rx.badge("Only owner", color_scheme="amber")),
                spacing=SPACE_TIGHT,
                align="center",
                wrap="wrap",
            ),
            rx.cond(
                member["email"].to(str) != "",
                rx.text(member["email"].to(str), size="2", color=TEXT_MUTED, word_break="break-all"),
            ),
            rx.text("Joined ", member["joined_on"].to(str), size="2", color=TEXT_MUTED),
            direction="column",
            spacing="1",
            min_width="0",
        ),
        _member_controls(member),
        justify="between",
        align="center",
        wrap="wrap",
        gap="0.75rem",
    )


def _invitation_controls(invitation: rx.Var) -> rx.Component:
    email = invitation["email"].to(str)
    return rx.cond(
        invitation["can_manage"].to(bool),
        rx.flex(
            rx.button(
                rx.icon("send", size=14, aria_hidden="true"),
                "Resend",
                variant="soft",
                size="1",
                on_click=TeamState.resend(invitation["id"].to(str)),
                loading=TeamState.busy,
                aria_label="Resend the invitation to " + email,
            ),
            confirm_dialog(
                rx.button(
                    rx.icon("x", size=14, aria_hidden="true"),
                    "Withdraw",
                    variant="soft",
                    color_scheme="red",
                    size="1",
                    aria_label="Withdraw the invitation to " + email,
                ),
                title="Withdraw this invitation?",
                description="The link in the mail stops working. You can invite the address again.",
                confirm_label="Withdraw invitation",
                on_confirm=TeamState.revoke(invitation["id"].to(str)),
            ),
            spacing=SPACE_TIGHT,
            wrap="wrap",
        ),
    )


def invitation_row(invitation: rx.Var) -> rx.Component:
    expired = invitation["is_expired"].to(bool)
    return rx.flex(
        rx.flex(
            rx.flex(
                rx.text(invitation["email"].to(str), weight="medium", word_break="break-all"),
                rx.badge(invitation["role_label"].to(str), variant="soft"),
                rx.cond(expired, rx.badge("Expired", color_scheme="red")),
                spacing=SPACE_TIGHT,
                align="center",
                wrap="wrap",
            ),
            rx.text(
                "Invited by ",
                invitation["invited_by"].to(str),
                rx.el.span(" · ", aria_hidden="true"),
                rx.cond(expired, "Expired on ", "Expires on "),
                invitation["expires_on"].to(str),
                size="2",
                color=TEXT_MUTED,
            ),
            direction="column",
            spacing="1",
            min_width="0",
        ),
        _invitation_controls(invitation),
        justify="between",
        align="center",
        wrap="wrap",
        gap="0.75rem",
    )


def role_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Change role"),
            rx.dialog.description(
                "Choose what ",
                rx.text.strong(TeamState.role_dialog_name),
                " may do for this company.",
                color=TEXT_MUTED,
                margin_bottom="1rem",
            ),
            rx.flex(
                rx.el.label("Role", html_for=field_ids("member_role")[0], font_weight="500"),
                _role_select(
                    "member_role", value=TeamState.role_dialog_role, on_change=TeamState.set_role_dialog_role
                ),
                rx.flex(
                    rx.dialog.close(rx.button("Cancel", type="button", variant="soft", color_scheme="gray")),
                    rx.button("Save role", on_click=TeamState.save_role, loading=TeamState.busy),
                    spacing=SPACE_TIGHT,
                    justify="end",
                    margin_top="0.5rem",
                ),
                direction="column",
                spacing=SPACE_TIGHT,
            ),
            max_width="26rem",
        ),
        open=TeamState.role_dialog_open,
        on_open_change=TeamState.set_role_dialog_open,
    )


def members_section() -> rx.Component:
    return section_card(
        "Members",
        rx.text(
            TeamState.members.length().to(str),
            rx.cond(TeamState.members.length() == 1, " person", " people"),
            " on the team",
            size="2",
            color=TEXT_MUTED,
            aria_live="polite",
        ),
        _list(TeamState.members, member_row, "Team members", "team-member"),
    )


def invitations_section() -> rx.Component:
    return section_card(
        "Pending invitations",
        rx.cond(
            TeamState.invitations.length() > 0,
            _list(TeamState.invitations, invitation_row, "Pending invitations", "team-invitation"),
            rx.text("No invitations are waiting. Invite someone above.", size="2", color=TEXT_MUTED),
        ),
    )


def leave_section() -> rx.Component:
    return section_card(
        "Leave the company",
        rx.box(
            confirm_dialog(
                rx.button(
                    rx.icon("log-out", size=16, aria_hidden="true"),
                    "Leave the company",
                    variant="soft",
                    color_scheme="red",
                ),
                title="Leave the company?",
                description=LEAVE_TEXT,
                confirm_label="Leave the company",
                on_confirm=TeamState.leave,
            )
        ),
        intro=LEAVE_INTRO,
    )


def team_page() -> rx.Component:
    return page_layout(
        employer_layout(
            "Team",
            rx.flex(
                rx.text(
                    "Everyone who works on ",
                    rx.text.strong(EmployerState.company_name),
                    " in JobHub. ",
                    rx.cond(
                        EmployerState.can_manage_team,
                        "Invite colleagues and choose what each may do.",
                        "Owners and admins invite people and change roles.",
                    ),
                    color=TEXT_MUTED,
                ),
                rx.cond(EmployerState.can_manage_team, invite_form()),
                rx.cond(
                    TeamState.loading & (TeamState.members.length() == 0),
                    card_skeletons(2, label="Loading the team"),
                    members_section(),
                ),
                rx.cond(EmployerState.can_manage_team, invitations_section()),
                leave_section(),
                role_dialog(),
                direction="column",
                spacing=SPACE_DEFAULT,
                width="100%",
            ),
        )
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.EMPLOYER_TEAM,
        team_page,
        "Team",
        only_for(UserType.EMPLOYER),
        on_load=TeamState.load,
        description="Your company's team on JobHub: members, roles and invitations.",
    ),
)
