"""State of ``/invitation?token=…``: what the link offers, and joining with it.

Not guarded: anybody holding the link sees what it offers, so a signed-out invitee learns
which account to sign in with, and the sign-in and registration links bring them back here.
The token is read from the page's own address on every event (the browser already has it),
never kept in a public var. Joining picks the new company for the ``/employer`` pages
(``EmployerState._company_id``, which this state shares as their common parent).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from enum import StrEnum
from urllib.parse import urlencode

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.guards import current_path_and_query, login_url
from jobhub.auth.models import UserType
from jobhub.companies import invitation_acceptance as acceptance
from jobhub.companies.employer_area import EmployerState
from jobhub.companies.invitation_acceptance import InvitationPreview, InvitationUnusable
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import GENERIC_ERROR, toast_success

log = logging.getLogger(__name__)

REGISTER_AS_EMPLOYER = f"{nav.REGISTER}?{urlencode({'type': UserType.EMPLOYER.value})}"


class PageStatus(StrEnum):
    CHECKING = "checking"
    READY = "ready"
    PROBLEM = "problem"


class InvitationState(EmployerState):
    status: str = PageStatus.CHECKING
    message: str = ""
    company_name: str = ""
    role_label: str = ""
    role_phrase: str = ""
    invited_by: str = ""
    email: str = ""
    expires_on: str = ""
    viewer: str = acceptance.ViewerFit.SIGNED_OUT
    viewer_message: str = ""
    sign_in_url: str = nav.LOGIN
    joining: bool = False

    def _token(self) -> str:
        return str(self.router.url.query_parameters.get("token") or "")

    def _show(self, preview: InvitationPreview) -> None:
        self.status = PageStatus.PROBLEM if preview.problem else PageStatus.READY
        self.message = preview.message
        self.company_name, self.role_label, self.role_phrase = (
            preview.company_name,
            preview.role_label,
            preview.role_phrase,
        )
        self.invited_by, self.email, self.expires_on = preview.invited_by, preview.email, preview.expires_on
        self.viewer, self.viewer_message = preview.viewer, preview.viewer_message

    @rx.event
    def load(self) -> Iterator[None]:
        url = self.router.url
        self.sign_in_url = login_url(current_path_and_query(url.path, url.query))
        self.status, self.joining = PageStatus.CHECKING, False
        yield
        try:
            with session_scope() as db:
                self._show(acceptance.invitation_preview(db, self._token(), self.current_principal(db)))
        except Exception:
            log.exception("showing an invitation failed unexpectedly")
            self.status, self.message = PageStatus.PROBLEM, GENERIC_ERROR

    @rx.event
    def join(self) -> Iterator[EventSpec | None]:
        self.joining = True
        yield
        try:
            with session_scope() as db:
                joined = acceptance.accept_invitation(db, self.current_principal(db), self._token())
        except SignInRequired:
            yield rx.redirect(self.sign_in_url)
            return
        except InvitationUnusable as exc:
            self.status, self.message = PageStatus.PROBLEM, exc.message
            return
        except DomainError as exc:
            # The account changed since the page loaded (another tab): show where it stands now.
            with session_scope() as db:
                self._show(acceptance.invitation_preview(db, self._token(), self.current_principal(db)))
            self.viewer_message = self.viewer_message or exc.message
            return
        finally:
            self.joining = False
        self._company_id = joined.company_id
        yield toast_success(f"Welcome to the {joined.company_name} team.")
        yield rx.redirect(nav.EMPLOYER_DASHBOARD)
