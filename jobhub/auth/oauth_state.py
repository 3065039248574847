"""Reflex state for the OAuth buttons and ``/settings/connections``: view data only.

No token, subject id or secret reaches the browser: the buttons know a provider's name
and label, the connections page whether each provider is connected and may be
disconnected. Which providers are offered is read when a page loads (not when the app
compiles), so setting a provider's credentials takes effect on the next restart of the
backend without rebuilding the frontend.
"""

from __future__ import annotations

from collections.abc import Iterator

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.guards import GuardState
from jobhub.auth.login_messages import message_for
from jobhub.auth.oauth import LABELS, OAuthProvider, configured_providers, connections, unlink
from jobhub.auth.principal import Principal
from jobhub.auth.state import AuthState
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError
from jobhub.settings import get_settings
from jobhub.ui.feedback import toast_error, toast_success

YES = "yes"
NO = "no"


class OAuthButtonsState(AuthState):
    """The configured providers, as ``{"id", "label"}``, for the "Continue with …" buttons."""

    oauth_providers: list[dict[str, str]] = []

    @rx.event
    def load_providers(self) -> None:
        self.oauth_providers = [
            {"id": config.provider.value, "label": config.label}
            for config in configured_providers(get_settings())
        ]


def _linked_notice(provider: str | None) -> str:
    try:
        return f"{LABELS[OAuthProvider(provider or '')]} is now connected to your account."
    except ValueError:
        return ""


class OAuthConnectionsState(GuardState):
    """``/settings/connections``: one row per provider, and the provider being disconnected."""

    connection_rows: list[dict[str, str]] = []
    loading: bool = True
    unlinking: str = ""
    notice: str = ""
    error_message: str = ""

    def _show(self, db: Session, principal: Principal) -> None:
        self.connection_rows = [
            {
                "provider": view.provider,
                "label": view.label,
                "connected": YES if view.connected else NO,
                "can_unlink": YES if view.can_unlink else NO,
            }
            for view in connections(db, principal, get_settings())
        ]

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        """After the guard: the rows, and what the OAuth callback said in ``?linked=`` or ``?error=``."""
        params = self.router.url.query_parameters
        self.notice = _linked_notice(params.get("linked"))
        self.error_message = message_for(params.get("error"))
        self.loading = True
        yield
        try:
            with session_scope() as db:
                self._show(db, self.require_principal(db))
        except DomainError as exc:
            yield toast_error(exc.message)
        finally:
            self.loading = False

    @rx.event
    def disconnect(self, provider: str) -> Iterator[EventSpec | None]:
        self.unlinking = provider
        self.notice, self.error_message = "", ""
        yield
        try:
            with session_scope() as db:
                principal = self.require_principal(db)
                unlink(db, principal, provider, self._context())
                self._show(db, principal)
            yield toast_success(f"{LABELS[OAuthProvider(provider)]} is disconnected.")
        except DomainError as exc:
            yield toast_error(exc.message)
        finally:
            self.unlinking = ""
