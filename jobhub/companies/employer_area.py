"""What every ``/employer/*`` page shares: the company being worked on, and the area's frame.

``EmployerState`` is the parent of each employer page's state, so the chosen company is one
value per browser tab across Home, Jobs, Company page and Team. Its id stays in the backend
var ``_company_id``; each handler asks :meth:`EmployerState._membership` for the member's
place in that company *again* (a removed member loses access on their next click), and the
services still check the role with ``team_access.require_team``. The public vars are hints
for what to show (``can_post_jobs`` hides a button); they decide nothing.

A page state subclasses it and calls ``self._load_employer(db, who)`` first in its ``load``::

    class EmployerJobsState(EmployerState):
        @rx.event
        def load(self):
            with session_scope() as db:
                member = self._load_employer(db, self.current_principal(db))
                if member is None:
                    return  # the frame shows "create your company"
                ...
"""

from __future__ import annotations

import uuid

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.guards import GuardState
from jobhub.auth.principal import Principal
from jobhub.companies.team_access import Membership, TeamAction, memberships_of
from jobhub.platform.db import session_scope
from jobhub.platform.errors import NotFound
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import empty_state, toast_success
from jobhub.ui.links import button_link, current_page_attr, text_link
from jobhub.ui.page_parts import loading_lines

SECTIONS: tuple[nav.NavLink, ...] = (
    nav.NavLink("Home", nav.EMPLOYER_DASHBOARD, "layout-dashboard"),
    nav.NavLink("Jobs", nav.EMPLOYER_JOBS, "briefcase"),
    nav.NavLink("Company page", nav.EMPLOYER_COMPANY, "building-2"),
    nav.NavLink("Team", nav.EMPLOYER_TEAM, "users"),
)
NO_COMPANY_TITLE = "Set up your company first"
NO_COMPANY_TEXT = (
    "Job seekers meet your jobs through your company page. Create it, then post jobs and "
    "invite your team. If a colleague already created it, ask them to invite you."
)


class EmployerState(GuardState):
    _company_id: str = ""

    employer_loading: bool = True
    has_company: bool = False
    company_id: str = ""
    company_name: str = ""
    company_slug: str = ""
    team_role_label: str = ""
    # {"id", "name", "role"} of every company whose team the user is on, for the switcher.
    company_options: list[dict[str, str]] = []
    can_edit_company: bool = False
    can_manage_team: bool = False
    can_post_jobs: bool = False

    def _membership(self, db: Session, who: Principal | None) -> Membership | None:
        """The member's place in the chosen company now (else their first company), or ``None``."""
        if who is None:
            return None
        memberships = memberships_of(db, who.user_id)
        chosen = next((m for m in memberships if str(m.company_id) == self._company_id), None)
        return chosen or (memberships[0] if memberships else None)

    def _require_membership(self, db: Session, who: Principal | None) -> Membership:
        """Like :meth:`_membership` for handlers that act: no company is ``NotFound``."""
        member = self._membership(db, who)
        if member is None:
            raise NotFound("You are not on a company's team yet.")
        return member

    def _show_membership(self, member: Membership | None, memberships: list[Membership]) -> None:
        self._company_id = str(member.company_id) if member else ""
        self.has_company = member is not None
        self.company_id = self._company_id
        self.company_name = member.company_name if member else ""
        self.company_slug = member.company_slug if member else ""
        self.team_role_label = member.role_label if member else ""
        self.company_options = [
            {"id": str(m.company_id), "name": m.company_name, "role": m.role_label} for m in memberships
        ]
        self.can_edit_company = bool(member and member.may(TeamAction.EDIT_COMPANY))
        self.can_manage_team = bool(member and member.may(TeamAction.MANAGE_TEAM))
        self.can_post_jobs = bool(member and member.may(TeamAction.POST_JOBS))

    def _load_employer(self, db: Session, who: Principal | None) -> Membership | None:
        """Refresh the frame's company data in the caller's transaction; the membership or ``None``."""
        memberships = memberships_of(db, who.user_id) if who else []
        member = self._membership(db, who)
        self._show_membership(member, memberships)
        self.employer_loading = False
        return member

    @rx.event
    def switch_company(self, company_id: str) -> list[EventSpec] | None:
        """Work on another of the user's companies; an id outside their memberships changes nothing."""
        with session_scope() as db:
            who = self.current_principal(db)
            memberships = memberships_of(db, who.user_id) if who else []
            member = next((m for m in memberships if str(m.company_id) == company_id), None)
            if member is None:
                return None
            self._company_id = str(member.company_id)
            self._show_membership(member, memberships)
        # A reload runs the page's own ``load`` for the company now chosen (this state survives it).
        return [
            toast_success(f"Now working on {member.company_name}."),
            rx.call_script("window.location.reload()"),
        ]

    def _company_uuid(self) -> uuid.UUID | None:
        return uuid.UUID(self._company_id) if self._company_id else None


def _section_link(link: nav.NavLink) -> rx.Component:
    current = rx.State.router.url.path == link.href
    return text_link(
        rx.flex(rx.icon(link.icon, size=16, aria_hidden="true"), link.label, align="center", spacing="2"),
        link.href,
        aria_current=current_page_attr(link.href),
        padding_y="0.25rem",
        font_weight=rx.cond(current, "bold", "normal"),
        text_decoration=rx.cond(current, "underline", "none"),
        text_underline_offset="0.4em",
    )


def company_switcher() -> rx.Component:
    """The company being worked on; a select only when the user is on more than one team."""
    return rx.cond(
        EmployerState.company_options.length() > 1,
        rx.el.label(
            rx.text("Company", size="2", color_scheme="gray"),
            rx.select.root(
                rx.select.trigger(aria_label="Company you are working on"),
                rx.select.content(
                    rx.foreach(
                        EmployerState.company_options,
                        lambda option: rx.select.item(option["name"], value=option["id"]),
                    )
                ),
                value=EmployerState.company_id,
                on_change=EmployerState.switch_company,
            ),
            display="flex",
            align_items="center",
            gap="0.5rem",
        ),
        rx.cond(
            EmployerState.has_company,
            rx.text(
                EmployerState.company_name,
                rx.el.span(" · ", aria_hidden="true"),
                EmployerState.team_role_label,
                size="2",
                color_scheme="gray",
            ),
        ),
    )


def no_company_state() -> rx.Component:
    return empty_state(
        NO_COMPANY_TITLE,
        NO_COMPANY_TEXT,
        icon="building-2",
        action=button_link("Create your company page", nav.EMPLOYER_COMPANY, icon="circle-plus"),
    )


def employer_layout(
    title: str | rx.Var[str], *children: rx.Component, needs_company: bool = True
) -> rx.Component:
    """The ``h1`` ``title`` over the area's section links and company; ``children`` are the page.

    With ``needs_company`` (every page but the company editor, which also creates one), a user
    on no team sees the "create your company" prompt instead of the page.
    """
    body = rx.cond(
        EmployerState.employer_loading,
        loading_lines("Loading your company", 4),
        rx.cond(EmployerState.has_company, rx.fragment(*children), no_company_state())
        if needs_company
        else rx.fragment(*children),
    )
    return rx.flex(
        rx.flex(
            rx.el.nav(
                rx.flex(*[_section_link(link) for link in SECTIONS], spacing="4", wrap="wrap"),
                aria_label="Employer sections",
            ),
            company_switcher(),
            justify="between",
            align="center",
            wrap="wrap",
            gap="0.75rem",
        ),
        rx.heading(title, as_="h1", size=rx.breakpoints(initial="7", md="8")),
        body,
        direction="column",
        spacing="5",
        width="100%",
    )
