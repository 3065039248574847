"""State of ``/settings/security`` and ``/login/verify``: view data only, never a secret.

The forms that carry a code or a password post natively to ``mfa_routes``; this state
turns the short codes they come back with into sentences, and runs the events that carry
nothing secret (start or cancel the set-up, end a session). What the browser receives:
whether MFA is on, how many backup codes are left, the signed-in devices as plain dicts
(row id, device, IP, times; no token or hash) and, only while setting up, the QR image
and manual key, which every load clears once MFA is on.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth import mfa, sessions_service
from jobhub.auth.guards import GuardState, login_url
from jobhub.auth.mfa_routes import (
    MFA_DISABLED_NOTICE,
    VERIFY_ERROR_CODE,
    VERIFY_ERROR_EXPIRED,
    VERIFY_ERROR_LOCKED,
)
from jobhub.auth.principal import Principal
from jobhub.auth.routes import safe_next
from jobhub.auth.state import AuthState
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_error, toast_success

CODES_SAVED_NOTICE = "codes_saved"
NOTICES = {
    MFA_DISABLED_NOTICE: "Two-step verification is off. Signing in now needs only your password.",
    CODES_SAVED_NOTICE: "Two-step verification is on. Keep your backup codes somewhere safe.",
}
VERIFY_MESSAGES = {
    VERIFY_ERROR_CODE: "That code is not valid. Enter the current 6-digit code or a backup code.",
    VERIFY_ERROR_EXPIRED: "Your sign-in has expired. Please sign in again with your email and password.",
    VERIFY_ERROR_LOCKED: "Too many failed attempts. Try again later.",
}


def format_moment(moment: datetime) -> str:
    return moment.strftime("%d %b %Y, %H:%M UTC")


def session_row(view: sessions_service.SessionView) -> dict[str, str]:
    """A session as the page lists it: plain strings, ``current`` is "yes" or ""."""
    device = f"{view.browser} on {view.system}" if view.system != sessions_service.UNKNOWN else view.browser
    return {
        "id": view.id,
        "device": device,
        "kind": view.kind,
        "ip": view.ip or "Unknown address",
        "created": format_moment(view.created_at),
        "last_active": format_moment(view.last_active_at),
        "current": "yes" if view.is_current else "",
    }


class SecurityState(GuardState):
    mfa_enabled: bool = False
    # The account signs in with a password, so turning MFA off asks for it.
    email_sign_in: bool = True
    backup_codes_left: int = 0
    enrolling: bool = False
    enrol_qr: str = ""
    enrol_key: str = ""
    mfa_error: str = ""
    mfa_notice: str = ""
    sessions: list[dict[str, str]] = []
    loaded: bool = False
    starting: bool = False
    revoking: str = ""
    revoking_others: bool = False

    def _show(self, db: Session, principal: Principal) -> None:
        status = mfa.overview(db, principal)
        self.mfa_enabled = status.enabled
        self.email_sign_in = status.has_password
        self.backup_codes_left = status.backup_codes_left
        pending = status.pending
        self.enrolling = pending is not None
        self.enrol_qr = pending.qr_data_uri if pending else ""
        self.enrol_key = pending.manual_key if pending else ""
        self.sessions = [session_row(view) for view in sessions_service.list_sessions(db, principal)]
        self.loaded = True

    def _sign_in_again(self) -> EventSpec:
        return rx.redirect(login_url(nav.SETTINGS_SECURITY))

    @rx.event
    def load(self) -> EventSpec | None:
        params = self.router.url.query_parameters
        error = params.get("mfa_error")
        self.mfa_error = (
            mfa.MESSAGES.get(str(error), mfa.MESSAGES[mfa.MfaFieldCode.UNAVAILABLE]) if error else ""
        )
        self.mfa_notice = NOTICES.get(str(params.get("mfa") or ""), "")
        with session_scope() as db:
            principal = self.current_principal(db)
            if principal is None:
                return self._sign_in_again()
            self._show(db, principal)
        return None

    @rx.event
    def start_enrolment(self) -> Iterator[EventSpec | None]:
        self.starting = True
        yield
        try:
            with session_scope() as db:
                principal = self.current_principal(db)
                if principal is None:
                    yield self._sign_in_again()
                    return
                mfa.begin_enrolment(db, principal)
                self.mfa_error = ""
                self._show(db, principal)
        except DomainError as exc:
            yield toast_error(exc.message)
        finally:
            self.starting = False

    @rx.event
    def cancel_enrolment(self) -> EventSpec | None:
        with session_scope() as db:
            principal = self.current_principal(db)
            if principal is None:
                return self._sign_in_again()
            mfa.cancel_enrolment(db, principal)
            self.mfa_error = ""
            self._show(db, principal)
        return None

    @rx.event
    def revoke(self, session_id: str) -> Iterator[EventSpec | None]:
        self.revoking = str(session_id)[: sessions_service.SESSION_ID_MAX]
        yield
        try:
            with session_scope() as db:
                principal = self.current_principal(db)
                if principal is None:
                    yield self._sign_in_again()
                    return
                sessions_service.revoke_session(db, principal, str(session_id), self._context())
                self._show(db, principal)
            yield toast_success("That device is signed out.")
        except DomainError as exc:
            yield toast_error(exc.message)
        finally:
            self.revoking = ""

    @rx.event
    def revoke_others(self) -> Iterator[EventSpec | None]:
        self.revoking_others = True
        yield
        try:
            with session_scope() as db:
                principal = self.current_principal(db)
                if principal is None:
                    yield self._sign_in_again()
                    return
                ended = sessions_service.revoke_other_sessions(db, principal, self._context())
                self._show(db, principal)
            yield toast_success(
                "Every other device is signed out." if ended else "No other device was signed in."
            )
        finally:
            self.revoking_others = False


class LoginVerifyState(AuthState):
    """The second sign-in step's page: an error sentence and where to start over."""

    error_message: str = ""
    next_path: str = "/"

    @rx.event
    def load(self) -> None:
        self.current_principal()
        params = self.router.url.query_parameters
        error = str(params.get("error") or "")
        self.error_message = VERIFY_MESSAGES.get(error, VERIFY_MESSAGES[VERIFY_ERROR_CODE]) if error else ""
        self.next_path = safe_next(params.get("next"))
