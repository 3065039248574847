"""``/admin/users``: find an account, look at it, and suspend, ban, reactivate or change its roles.

Guarded for ``users:manage`` (admins and moderators); the service checks again on every
action, and role changes need the admin role itself.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.admin.users_state import ANY, STATUSES, USER_TYPES, AdminUsersState
from jobhub.auth.guards import guarded_page, needs_permission
from jobhub.auth.permissions import USERS_MANAGE
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import confirm_dialog
from jobhub.ui.forms import field_ids, form_field, submit_button
from jobhub.ui.layout import page_layout
from jobhub.ui.page_parts import loading_lines
from jobhub.ui.tables import Column, data_table, pagination
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

DETAIL_ID = "user-detail"
STATUS_COLOURS = {"active": "green", "suspended": "amber", "banned": "red", "pending_verification": "gray"}


def _label(value: str) -> str:
    return "Any" if value == ANY else value.replace("_", " ").capitalize()


def _select(
    name: str, values: tuple[str, ...] | rx.Var, *, default: str | rx.Var, placeholder: str = ""
) -> rx.Component:
    items = (
        [rx.select.item(_label(value), value=value) for value in values]
        if isinstance(values, tuple)
        else [rx.foreach(values, lambda value: rx.select.item(value, value=value))]
    )
    return rx.select.root(
        rx.select.trigger(id=field_ids(name)[0], placeholder=placeholder, width="100%"),
        rx.select.content(*items),
        name=name,
        default_value=default,
        size="3",
    )


def _status_badge(status: rx.Var) -> rx.Component:
    return rx.match(
        status,
        *[(value, rx.badge(_label(value), color_scheme=colour)) for value, colour in STATUS_COLOURS.items()],
        rx.badge(status),
    )


def _row_form(
    *fields: rx.Component, submit: rx.Component, columns: dict[str, str], **form_props: Any
) -> rx.Component:
    """A full-width form whose fields stand side by side (in ``columns``), its button at their foot."""
    return rx.form(
        rx.grid(
            *fields,
            rx.flex(submit, align="end"),
            columns=columns,
            spacing=SPACE_DEFAULT,
            width="100%",
        ),
        width="100%",
        **form_props,
    )


def filters_form() -> rx.Component:
    return _row_form(
        form_field(
            "Search by email or name",
            "search",
            input_type="search",
            default_value=AdminUsersState.search,
            auto_complete="off",
            max_length=200,
        ),
        form_field("User type", "user_type", control=_select("user_type", USER_TYPES, default=ANY)),
        form_field("Status", "status", control=_select("status", STATUSES, default=ANY)),
        submit=submit_button("Search", loading=AdminUsersState.loading),
        columns={"initial": "1", "md": "4fr 2fr 2fr 1fr"},
        on_submit=AdminUsersState.apply_filters,
        reset_on_submit=False,
        aria_label="Find accounts",
        role="search",
    )


def _name_cell(row: rx.Var) -> rx.Component:
    return rx.button(
        row["name"],
        variant="ghost",
        on_click=AdminUsersState.select_user(row["id"]),
        aria_label="Open " + row["name"].to(str),
        aria_controls=DETAIL_ID,
    )


COLUMNS = (
    Column("Name", "name", render=_name_cell),
    Column("Email", "email"),
    Column("Type", "user_type"),
    Column("Status", "status", render=lambda row: _status_badge(row["status"])),
    Column("Created", "created_at"),
    Column("Last sign-in", "last_login_at"),
)


def users_table() -> rx.Component:
    return rx.flex(
        rx.text(AdminUsersState.total.to(str), " accounts", color=TEXT_MUTED, aria_live="polite"),
        rx.cond(
            AdminUsersState.loading & (AdminUsersState.rows.length() == 0),
            loading_lines("Loading accounts", 6),
            data_table(
                COLUMNS,
                AdminUsersState.rows,
                caption="Accounts",
                empty_title="No accounts match",
                empty_description="Try another part of the email or name, or set the filters back to Any.",
            ),
        ),
        pagination(
            AdminUsersState.page,
            AdminUsersState.page_count,
            on_previous=AdminUsersState.previous_page,
            on_next=AdminUsersState.next_page,
            label="Account pages",
        ),
        direction="column",
        spacing=SPACE_TIGHT,
        width="100%",
    )


def _facts() -> rx.Component:
    facts = (
        ("Email", "email"),
        ("Type", "user_type"),
        ("Status", "status"),
        ("Email verified", "email_verified"),
        ("Created", "created_at"),
        ("Last sign-in", "last_login_at"),
        ("Two-factor sign-in", "mfa"),
        ("Active sessions", "active_sessions"),
    )
    return rx.data_list.root(
        *[
            rx.data_list.item(rx.data_list.label(label), rx.data_list.value(AdminUsersState.selected[key]))
            for label, key in facts
        ],
        orientation={"initial": "vertical", "sm": "horizontal"},
    )


def _detail_section(title: str, *children: rx.Component) -> rx.Component:
    """One part of the account detail panel, under an ``h3`` (the account's name is its ``h2``)."""
    return rx.flex(
        rx.heading(title, as_="h3", size="4"),
        *children,
        direction="column",
        spacing=SPACE_TIGHT,
        width="100%",
    )


def _roles() -> rx.Component:
    return _detail_section(
        "Roles",
        rx.cond(
            AdminUsersState.roles.length() > 0,
            rx.el.ul(
                rx.foreach(
                    AdminUsersState.roles,
                    lambda grant: rx.el.li(
                        rx.flex(
                            rx.text(grant["role"], weight="bold"),
                            rx.badge(
                                grant["state"],
                                color_scheme=rx.cond(grant["state"] == "active", "green", "gray"),
                            ),
                            rx.text(
                                "by ",
                                grant["assigned_by"],
                                " on ",
                                grant["assigned_at"],
                                ", ",
                                grant["expires_at"],
                                size="2",
                                color=TEXT_MUTED,
                            ),
                            rx.cond(
                                AdminUsersState.can_manage_roles,
                                rx.button(
                                    "Remove",
                                    size="1",
                                    variant="soft",
                                    color_scheme="red",
                                    on_click=AdminUsersState.remove_role(grant["role"]),
                                    loading=AdminUsersState.busy,
                                    aria_label="Remove role " + grant["role"].to(str),
                                ),
                            ),
                            align="center",
                            spacing=SPACE_TIGHT,
                            wrap="wrap",
                        )
                    ),
                ),
                style={"listStyle": "none", "padding": 0, "margin": 0, "display": "grid", "gap": "0.5rem"},
            ),
            rx.text("No roles.", color=TEXT_MUTED),
        ),
        rx.cond(
            AdminUsersState.can_manage_roles,
            _assign_role_form(),
            rx.text("Only administrators grant or remove roles.", size="2", color=TEXT_MUTED),
        ),
    )


def _assign_role_form() -> rx.Component:
    return _row_form(
        form_field(
            "Role",
            "role",
            control=_select("role", AdminUsersState.role_options, default="", placeholder="Choose a role"),
            error=AdminUsersState.role_error,
        ),
        form_field(
            "Expires (UTC, optional)",
            "expires_at",
            input_type="datetime-local",
            error=AdminUsersState.expires_error,
            help_text="Leave empty for a permanent role.",
        ),
        submit=submit_button("Assign role", loading=AdminUsersState.busy),
        columns={"initial": "1", "sm": "2fr 2fr 1fr"},
        on_submit=AdminUsersState.assign_role,
        reset_on_submit=True,
        aria_label="Assign a role",
    )


def _status_actions() -> rx.Component:
    status = AdminUsersState.selected["status"]
    reason_id = field_ids("reason")[0]
    suspend = rx.button(
        "Suspend", color_scheme="amber", on_click=AdminUsersState.suspend, loading=AdminUsersState.busy
    )
    ban = confirm_dialog(
        rx.button("Ban", color_scheme="red", loading=AdminUsersState.busy),
        title="Ban this account?",
        description="The account is signed out everywhere and cannot sign in until it is reactivated.",
        confirm_label="Ban account",
        on_confirm=AdminUsersState.ban,
    )
    reactivate = rx.button("Reactivate", on_click=AdminUsersState.reactivate, loading=AdminUsersState.busy)
    return _detail_section(
        "Status",
        form_field(
            "Reason",
            "reason",
            control=rx.text_area(
                id=reason_id,
                name="reason",
                value=AdminUsersState.reason,
                on_change=AdminUsersState.set_reason,
                required=True,
                max_length=500,
                aria_invalid=rx.cond(AdminUsersState.reason_error != "", "true", "false"),
                aria_describedby=f"{field_ids('reason')[1]} {field_ids('reason')[2]}",
                width="100%",
            ),
            help_text="Required for every status change; it goes into the audit log.",
            error=AdminUsersState.reason_error,
            required=True,
        ),
        rx.flex(
            rx.match(
                status,
                ("active", rx.fragment(suspend, ban)),
                ("pending_verification", rx.fragment(suspend, ban)),
                ("suspended", rx.fragment(reactivate, ban)),
                ("banned", reactivate),
                rx.fragment(),
            ),
            spacing=SPACE_TIGHT,
            wrap="wrap",
        ),
    )


def _audit_trail() -> rx.Component:
    return _detail_section(
        "Recent activity",
        data_table(
            (
                Column("Action", "action"),
                Column("When", "at"),
                Column("By", "actor"),
                Column("Details", "summary"),
            ),
            AdminUsersState.audit,
            caption="Recent activity of this account",
            empty_title="No activity recorded yet",
        ),
    )


def detail_panel() -> rx.Component:
    return rx.cond(
        AdminUsersState.selected_id != "",
        rx.card(
            rx.flex(
                rx.flex(
                    rx.heading(AdminUsersState.selected["name"], as_="h2", size="6"),
                    rx.button(
                        "Close", variant="soft", color_scheme="gray", on_click=AdminUsersState.close_detail
                    ),
                    justify="between",
                    align="center",
                    width="100%",
                ),
                _facts(),
                _status_actions(),
                _roles(),
                _audit_trail(),
                direction="column",
                spacing=SPACE_DEFAULT,
                width="100%",
            ),
            id=DETAIL_ID,
            role="region",
            aria_label="Account details",
            width="100%",
        ),
    )


def users_page() -> rx.Component:
    return page_layout(
        rx.flex(
            rx.heading("Users", as_="h1", size="8"),
            rx.text("Find an account to see its roles, sessions and recent activity.", color=TEXT_MUTED),
            filters_form(),
            detail_panel(),
            users_table(),
            direction="column",
            spacing=SPACE_DEFAULT,
            width="100%",
        )
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.ADMIN_USERS,
        users_page,
        "Users",
        needs_permission(USERS_MANAGE),
        on_load=AdminUsersState.load,
        description="Find, suspend, ban and reactivate accounts and manage their roles.",
    ),
)
