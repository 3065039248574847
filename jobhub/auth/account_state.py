"""State of ``/settings/account`` and of the page the email-change link opens.

Thin: the profile form is a Reflex event (no secret in it) turned into one service call in one
transaction; the password, email and deletion forms are native posts to
``account_routes_settings``, and this state only turns the codes they redirect back with into
our sentences. The form is keyed by ``form_version`` so it is rebuilt with the stored values
after a load or a save, and left alone (keeping what was typed) after a refusal.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth import account, account_email
from jobhub.auth.account import PROFILE_FIELDS, AccountRefusal, ProfileInvalid, ProfileView
from jobhub.auth.account_routes import read_flash
from jobhub.auth.account_routes_settings import EMAIL_FLASH_FORM
from jobhub.auth.audit import RequestContext
from jobhub.auth.authorization import SignInRequired
from jobhub.auth.guards import GuardState, login_url
from jobhub.auth.state import AuthState
from jobhub.platform import mail
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_error, toast_success

log = logging.getLogger(__name__)

SAVED_MESSAGE = "Your profile is saved."
PASSWORD_CHANGED_MESSAGE = "Your password was changed and every other device was signed out."
EMAIL_SENT_MESSAGE = "Check your new inbox: the address changes once you open the link we sent there."


def _no_errors() -> dict[str, str]:
    return dict.fromkeys(PROFILE_FIELDS, "")


class AccountState(GuardState):
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    avatar_url: str = ""
    phone: str = ""
    location: str = ""
    timezone: str = "UTC"
    language: str = "en"
    has_password: bool = True
    errors: dict[str, str] = _no_errors()
    form_version: int = 0
    loaded: bool = False
    saving: bool = False

    password_notice: str = ""
    password_error: str = ""
    email_notice: str = ""
    email_error: str = ""
    # The new address typed into a refused email form, back from the flash cookie.
    email_draft: str = ""
    delete_error: str = ""

    def _show(self, view: ProfileView) -> None:
        for name in PROFILE_FIELDS:
            setattr(self, name, getattr(view, name))
        self.email = view.email
        self.has_password = view.has_password
        self.form_version += 1
        self.loaded = True

    def _sign_in_again(self) -> EventSpec:
        return rx.redirect(login_url(nav.SETTINGS_ACCOUNT))

    @rx.event
    def load(self) -> EventSpec | None:
        """After the guard admitted the visitor: stored values, and what a native form came back with."""
        params = self.router.url.query_parameters
        self.password_notice = PASSWORD_CHANGED_MESSAGE if params.get("password") == "changed" else ""
        self.email_notice = EMAIL_SENT_MESSAGE if params.get("email") == "sent" else ""
        self.password_error = account.message_for(params.get("password_error"))
        self.email_error = account.message_for(params.get("email_error"))
        self.delete_error = account.message_for(params.get("delete_error"))
        headers = self.router.headers
        flash = read_flash(
            headers.cookie or headers.raw_headers.get("cookie"), EMAIL_FLASH_FORM, params.get("f")
        )
        self.email_draft = flash.values.get("email", "") if flash else ""
        self.errors = _no_errors()
        try:
            with session_scope() as db:
                self._show(account.profile_of(db, self.current_principal(db)))
        except SignInRequired:
            return self._sign_in_again()
        return None

    @rx.event
    def save_profile(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        self.saving = True
        yield
        try:
            with session_scope() as db:
                view = account.update_profile(db, self.current_principal(db), form_data, self._context())
                # The navigation shows the new name at once: the principal is read again from the row.
                self.current_principal(db)
        except SignInRequired:
            yield self._sign_in_again()
            return
        except ProfileInvalid as exc:
            self.errors = _no_errors() | exc.errors
            yield toast_error("Some fields need another look.")
            return
        except DomainError as exc:
            yield toast_error(exc.message)
            return
        finally:
            self.saving = False
        self.errors = _no_errors()
        self._show(view)
        yield toast_success(SAVED_MESSAGE)


class EmailConfirmState(AuthState):
    """The page a mailed email-change link opens: the change happens in its on_load.

    The link works in any browser (the token proves the mailbox; the password was checked when
    the change was asked for). Mail scanners that fetch links do not run the page's script, so
    they cannot use the link up.
    """

    done: bool = False
    message: str = ""

    @rx.event
    def confirm(self) -> None:
        self.current_principal()
        self.done = False
        token = self.router.url.query_parameters.get("token", "")
        notice: mail.Message | None = None
        try:
            with session_scope() as db:
                changed = account_email.confirm_email_change(db, str(token), RequestContext.of(None, None))
                notice = account_email.email_changed_notice(db, changed)
        except AccountRefusal as exc:
            self.message = exc.message
            return
        try:
            mail.send(notice)
        except Exception:
            log.exception("the notice to the replaced address could not be sent")
        self.done = True
        self.message = f"Your account now uses {changed.new_email}."
        self.current_principal()
