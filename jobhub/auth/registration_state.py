"""Page states of /register, /verify-email, /forgot-password and /reset-password.

They hold no password: each form posts natively to a route of ``account_routes``, which
redirects back here. A refused or answered form's values and messages come from the signed
flash cookie (see ``account_routes``), read from the websocket's request headers on load.
``form_key`` changes with every flash so the uncontrolled inputs mount again with the
kept values as their defaults (an input's default applies only when it mounts).

The reset token is kept in ``token`` because the form must post it back; it is the token
already in the page's own address, so the browser learns nothing new.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import reflex as rx

from jobhub.auth.account_routes import FORM_ERROR, Flash, read_flash
from jobhub.auth.audit import RequestContext
from jobhub.auth.password_reset import check_reset_link
from jobhub.auth.registration import SELF_SERVICE_TYPES
from jobhub.auth.state import AuthState
from jobhub.auth.verification import VerificationFailed, VerificationProblem, verify_email
from jobhub.platform.db import session_scope
from jobhub.platform.errors import Invalid
from jobhub.ui.feedback import GENERIC_ERROR

log = logging.getLogger(__name__)

VERIFY_MESSAGES: dict[str, str] = {
    VerificationProblem.EXPIRED: "This link has expired (links work for 24 hours). Ask for a new one below.",
    VerificationProblem.USED: "This link has been used already: your address is confirmed. You can sign in.",
    VerificationProblem.INVALID: (
        "This confirmation link is not valid. A newer link may have replaced it: use the latest mail, "
        "or ask for a new link below."
    ),
}


class FlashFormState(AuthState):
    """What every page here shares: the flash, the form-level message and the remount key."""

    form_error: str = ""
    form_key: str = "initial"

    def _flash(self, form: str) -> Flash | None:
        headers = self.router.headers
        cookie = headers.cookie or headers.raw_headers.get("cookie")
        flash = read_flash(cookie, form, self.router.url.query_parameters.get("f"))
        self.form_key = flash.id if flash else "initial"
        self.form_error = flash.errors.get(FORM_ERROR, "") if flash else ""
        return flash

    def _query(self, name: str) -> str:
        return str(self.router.url.query_parameters.get(name) or "")


class RegisterPageState(FlashFormState):
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    user_type: str = "job_seeker"
    sent: bool = False
    user_type_error: str = ""
    email_error: str = ""
    password_error: str = ""
    first_name_error: str = ""
    last_name_error: str = ""

    @rx.event
    def load(self) -> None:
        self.current_principal()
        flash = self._flash("register")
        values, errors = (flash.values, flash.errors) if flash else ({}, {})
        self.sent = self._query("sent") == "1" and flash is not None
        self.email = values.get("email", "")
        self.first_name = values.get("first_name", "")
        self.last_name = values.get("last_name", "")
        wanted = values.get("user_type") or self._query("type")
        self.user_type = wanted if wanted in SELF_SERVICE_TYPES else "job_seeker"
        self.user_type_error = errors.get("user_type", "")
        self.email_error = errors.get("email", "")
        self.password_error = errors.get("password", "")
        self.first_name_error = errors.get("first_name", "")
        self.last_name_error = errors.get("last_name", "")


class VerifyEmailPageState(FlashFormState):
    """``status``: "" (ask for a link), "checking", "verified", "sent", or a ``VerificationProblem``."""

    status: str = ""
    message: str = ""
    email: str = ""
    email_error: str = ""

    @rx.event
    def load(self) -> Iterator[None]:
        self.current_principal()
        flash = self._flash("verify")
        self.email = flash.values.get("email", "") if flash else ""
        self.email_error = flash.errors.get("email", "") if flash else ""
        self.message = ""
        token = self._query("token")
        if not token:
            self.status = "sent" if self._query("sent") == "1" and flash is not None else ""
            return
        self.status = "checking"
        yield
        try:
            with session_scope() as db:
                verified = verify_email(db, token, RequestContext.of(None, self.router.headers.user_agent))
        except VerificationFailed as exc:
            self.status, self.message = exc.problem.value, VERIFY_MESSAGES[exc.problem]
            return
        except Exception:
            log.exception("verifying an email address failed unexpectedly")
            self.status, self.message = VerificationProblem.INVALID.value, GENERIC_ERROR
            return
        self.status = "verified"
        self.email = verified.email


class ForgotPasswordPageState(FlashFormState):
    email: str = ""
    email_error: str = ""
    sent: bool = False

    @rx.event
    def load(self) -> None:
        self.current_principal()
        flash = self._flash("forgot")
        self.email = flash.values.get("email", "") if flash else ""
        self.email_error = flash.errors.get("email", "") if flash else ""
        self.sent = self._query("sent") == "1" and flash is not None


class ResetPasswordPageState(FlashFormState):
    """``status``: "checking", "ready" (show the form), "invalid" (the link failed) or "done"."""

    status: str = "checking"
    token: str = ""
    account_email: str = ""
    link_error: str = ""
    password_error: str = ""
    password_confirm_error: str = ""

    @rx.event
    def load(self) -> Iterator[None]:
        self.current_principal()
        flash = self._flash("reset")
        errors = flash.errors if flash else {}
        self.password_error = errors.get("password", "")
        self.password_confirm_error = errors.get("password_confirm", "")
        if self._query("done") == "1":
            self.status, self.token = "done", ""
            return
        self.token = self._query("token")
        self.status = "checking"
        yield
        try:
            with session_scope() as db:
                self.account_email = check_reset_link(db, self.token)
        except Invalid as exc:
            self.status, self.link_error, self.token = "invalid", exc.message, ""
            return
        self.status = "ready"
