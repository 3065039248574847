"""The one auth base state every page's state inherits: "who is this?" answered in one place.

The session token comes from the ``jobhub_session`` cookie in the websocket's request
headers (an ``HttpOnly`` cookie JavaScript cannot read) and is resolved to a
``Principal`` server-side on every event that needs it. The principal lives only in the
``_principal`` backend var; the browser gets three plain view fields for the navigation.
"""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from jobhub.auth.audit import RequestContext
from jobhub.auth.login_messages import message_for
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.routes import safe_next
from jobhub.auth.session_tokens import token_from_cookie_header
from jobhub.platform.db import session_scope
from jobhub.platform.errors import Forbidden

ANONYMOUS = "anonymous"


class AuthState(rx.State):
    """Base of every page state; subclasses call ``current_principal()`` in each handler."""

    _principal: Principal | None = None

    is_authenticated: bool = False
    display_name: str = ""
    # "anonymous", "job_seeker", "employer" or "admin": what the navigation shows.
    user_kind: str = ANONYMOUS

    def _session_token(self) -> str | None:
        headers = self.router.headers
        return token_from_cookie_header(headers.cookie or headers.raw_headers.get("cookie"))

    def _context(self) -> RequestContext:
        """Where this event came from, for the audit rows its handler writes."""
        return RequestContext.of(self.router.session.client_ip, self.router.headers.user_agent)

    def _publish(self, principal: Principal | None) -> None:
        self._principal = principal
        self.is_authenticated = principal is not None
        self.display_name = principal.display_name if principal else ""
        self.user_kind = principal.user_type if principal else ANONYMOUS

    def current_principal(self, db: Session | None = None) -> Principal | None:
        """Resolve the session again (a logout elsewhere takes effect on the next event).

        Pass the handler's session to keep its one transaction; without one, a short
        read-only transaction is opened.
        """
        token = self._session_token()
        principal = None
        if token and db is not None:
            principal = resolve_principal(db, token)
        elif token:
            with session_scope() as own:
                principal = resolve_principal(own, token)
        self._publish(principal)
        return principal

    def require_principal(self, db: Session | None = None) -> Principal:
        """The signed-in principal, or ``Forbidden`` (shown as a toast) for anonymous users."""
        principal = self.current_principal(db)
        if principal is None:
            raise Forbidden("Please sign in to continue.")
        return principal

    @rx.event
    def refresh_session(self) -> None:
        """On-load handler for pages without their own state: keeps the navigation truthful."""
        self.current_principal()


class LoginPageState(AuthState):
    """What the login page shows: the error named by ``?error=`` and where to go after.

    Holds no credentials: the form posts straight to ``POST /auth/login``.
    """

    error_message: str = ""
    next_path: str = "/"

    @rx.event
    def load(self) -> None:
        self.current_principal()
        params = self.router.url.query_parameters
        self.error_message = message_for(params.get("error"), params.get("retry"))
        self.next_path = safe_next(params.get("next"))
