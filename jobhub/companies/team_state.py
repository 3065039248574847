"""State of ``/employer/team``: the chosen company's members and invitations, and the changes.

Each handler resolves the principal again, finds the member's company again (a removed
member's next click finds nothing) and makes one service call in one transaction, then
reloads the team in the same transaction. Ids from the browser are only ever looked up by
the services inside that company.

An invitation's mail is sent after its transaction committed, by a background event, so
the page answers at once and a slow mail server holds up nobody. The message (its link
included) waits in the backend var ``_outgoing`` for that event and never reaches the browser.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any, TypeVar

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.guards import ReloadingState
from jobhub.auth.principal import Principal
from jobhub.companies import invitations, teams
from jobhub.companies.employer_area import EmployerState
from jobhub.companies.invitations import AlreadyInvited, InvitationSent
from jobhub.companies.models import TeamRole
from jobhub.companies.team_roles import ROLE_FIELD
from jobhub.companies.team_views import TeamView
from jobhub.platform import mail
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Invalid, NotFound
from jobhub.platform.mail import MailError, Message
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_error, toast_success

log = logging.getLogger(__name__)

T = TypeVar("T")
DEFAULT_ROLE = TeamRole.RECRUITER.value
MAIL_FAILED = "The invitation is saved, but its mail could not be sent. Try “Resend” in a few minutes."
FORM_FIELDS = (invitations.EMAIL_FIELD, ROLE_FIELD)


def _id(value: str, message: str) -> uuid.UUID:
    """An id from the browser; anything that is not one is a row that does not exist."""
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound(message) from exc


class TeamState(ReloadingState, EmployerState):
    members: list[dict[str, Any]] = []
    invitations: list[dict[str, Any]] = []
    role_options: list[dict[str, str]] = []
    email_error: str = ""
    role_error: str = ""
    busy: bool = False
    # Changes after each sent invitation, so the form mounts again empty.
    invite_form_key: int = 0
    # The one "Change role" dialog, opened for one member at a time.
    role_dialog_open: bool = False
    role_dialog_name: str = ""
    role_dialog_role: str = ""

    _role_member_id: str = ""
    _outgoing: list[Message] = []

    @rx.var
    def default_role(self) -> str:
        values = [option["value"] for option in self.role_options]
        return DEFAULT_ROLE if DEFAULT_ROLE in values else (values[0] if values else "")

    def _show(self, view: TeamView | None) -> None:
        self.members = [dataclasses.asdict(m) for m in view.members] if view else []
        self.invitations = [dataclasses.asdict(i) for i in view.invitations] if view else []
        self.role_options = [dataclasses.asdict(r) for r in view.grantable_roles] if view else []

    def _reload(self, db: Session, who: Principal | None) -> None:
        member = self._load_employer(db, who)
        self._show(teams.list_team(db, who, member.company_id) if member else None)

    def _company(self, db: Session, who: Principal | None) -> uuid.UUID:
        if who is None:
            raise SignInRequired()
        return self._require_membership(db, who).company_id

    def _act(
        self,
        action: Callable[[Session, Principal, uuid.UUID], T],
        done: Callable[[T], Iterable[EventSpec]],
        *,
        invite_form: bool = False,
    ) -> Iterator[EventSpec | None]:
        """``action`` on the chosen company and the reload, in one transaction; then ``done``'s events.

        With ``invite_form`` a message about the address or role stays next to its field; any
        other refusal is a toast.
        """
        self.busy = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                company = self._company(db, who)
                assert who is not None
                result = action(db, who, company)
                self._reload(db, who)
        except Invalid as exc:
            if not invite_form or exc.field not in FORM_FIELDS:
                yield self._refusal(exc)
                return
            self.email_error = exc.message if exc.field == invitations.EMAIL_FIELD else ""
            self.role_error = exc.message if exc.field == ROLE_FIELD else ""
            return
        except AlreadyInvited as exc:
            resend = TeamState.resend(str(exc.invitation_id))
            yield toast_error(exc.message, action={"label": "Resend", "on_click": resend})
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        finally:
            self.busy = False
        yield from done(result)

    def _send_later(self, done: str) -> Callable[[InvitationSent], list[EventSpec]]:
        """After commit: the mail waits in the backend for ``deliver_mail``; the form empties."""

        def queued(sent: InvitationSent) -> list[EventSpec]:
            self._outgoing = [*self._outgoing, sent.mail]
            self.invite_form_key += 1
            return [toast_success(done.format(email=sent.invitation.email)), TeamState.deliver_mail]

        return queued

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.email_error, self.role_error = "", ""
        yield from self._refresh()

    @rx.event
    def invite(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        self.email_error, self.role_error = "", ""
        email, role = form_data.get("email", ""), form_data.get("role", "")
        yield from self._act(
            lambda db, who, company: invitations.invite_member(db, who, company, email, role),
            self._send_later("Invitation sent to {email}."),
            invite_form=True,
        )

    @rx.event
    def resend(self, invitation_id: str) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who, company: invitations.resend_invitation(
                db, who, company, _id(invitation_id, invitations.NO_SUCH_INVITATION)
            ),
            self._send_later("A new invitation link is on its way to {email}."),
        )

    @rx.event
    def revoke(self, invitation_id: str) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who, company: invitations.revoke_invitation(
                db, who, company, _id(invitation_id, invitations.NO_SUCH_INVITATION)
            ),
            lambda _: [toast_success("Invitation withdrawn: its link no longer works.")],
        )

    @rx.event
    def open_role_dialog(self, member_id: str) -> None:
        """The role dialog for one listed member; what it sends is checked by the service again."""
        member = next((m for m in self.members if m["id"] == member_id), None)
        if member is None:
            return
        self._role_member_id = member_id
        self.role_dialog_name, self.role_dialog_role = member["name"], member["role"]
        self.role_dialog_open = True

    @rx.event
    def set_role_dialog_open(self, value: bool) -> None:
        self.role_dialog_open = bool(value)

    @rx.event
    def set_role_dialog_role(self, value: str) -> None:
        self.role_dialog_role = str(value)

    @rx.event
    def save_role(self) -> Iterator[EventSpec | None]:
        role, member_id = self.role_dialog_role, self._role_member_id
        self.role_dialog_open = False
        yield from self._act(
            lambda db, who, company: teams.change_role(
                db, who, company, _id(member_id, teams.NO_SUCH_MEMBER), role, context=self._context()
            ),
            lambda member: [toast_success(f"{member.name} is now {member.role_label.lower()}.")],
        )

    @rx.event
    def remove(self, member_id: str) -> Iterator[EventSpec | None]:
        yield from self._act(
            lambda db, who, company: teams.remove_member(
                db, who, company, _id(member_id, teams.NO_SUCH_MEMBER), context=self._context()
            ),
            lambda _: [toast_success("Removed from the team. They no longer see its employer pages.")],
        )

    @rx.event
    def leave(self) -> Iterator[EventSpec | None]:
        name = self.company_name
        yield from self._act(
            lambda db, who, company: teams.leave_company(db, who, company),
            lambda _: [toast_success(f"You left {name}."), rx.redirect(nav.EMPLOYER_DASHBOARD)],
        )

    @rx.event(background=True)
    async def deliver_mail(self) -> AsyncIterator[EventSpec]:
        """Send the invitations this tab queued; a failure is logged and the inviter told to resend."""
        async with self:
            waiting, self._outgoing = list(self._outgoing), []
        for message in waiting:
            try:
                await asyncio.to_thread(mail.send, message)
            except (MailError, ValueError):
                log.exception("could not mail the invitation to %s", message.to)
                yield toast_error(MAIL_FAILED)
