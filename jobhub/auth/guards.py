"""Page guards: a page declares who may see it; its on_load checks that on the server.

Declare a guarded page with ``guarded_page`` instead of ``PageSpec``::

    from jobhub.auth.guards import SIGNED_IN, guarded_page, needs_permission, only_for

    PAGES = (
        guarded_page(nav.SETTINGS_ACCOUNT, account_page, "Account", SIGNED_IN, on_load=AccountState.load),
        guarded_page(nav.EMPLOYER_DASHBOARD, dashboard, "Dashboard", only_for(UserType.EMPLOYER)),
        guarded_page(nav.ADMIN_USERS, users_page, "Users", needs_permission(USERS_MANAGE)),
    )

On load the principal is resolved from the session cookie (never from anything the browser
says about itself). Anonymous visitors go to ``/login?next=<this path and query>`` (URL-encoded,
and only ever a site-relative path, so the login page cannot be turned into an open
redirect); signed-in visitors who do not qualify go to ``/forbidden``. Only an admitted visitor
gets the page's own ``on_load`` handler, which runs as the guard's follow-up.

A guard decides what a page *shows*; it is not the security boundary. A browser can send any
event it likes, so every handler of the page's state still resolves the principal and the
service it calls still runs ``require(...)``. Inside a state, ``GuardState.admit(access)``
gives the same decision (for handlers that want to redirect instead of raising).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.auth.routes import HOME, safe_next
from jobhub.auth.state import AuthState
from jobhub.pages.registry import PageSpec
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_error


@dataclass(frozen=True)
class Access:
    """Who may see a page: any signed-in user, narrowed by user type and/or a permission."""

    user_types: frozenset[str] = field(default_factory=frozenset)
    permission: str | None = None

    def admits(self, principal: Principal) -> bool:
        if self.user_types and principal.user_type not in self.user_types:
            return False
        return self.permission is None or principal.has_permission(self.permission)


SIGNED_IN = Access()


def only_for(*user_types: str) -> Access:
    return Access(user_types=frozenset(user_types))


def needs_permission(permission: str) -> Access:
    return Access(permission=permission)


def login_url(path_and_query: str) -> str:
    """``/login?next=...`` back to where the visitor was; a path that is not safe becomes none."""
    target = safe_next(path_and_query)
    if target == HOME:
        return nav.LOGIN
    return f"{nav.LOGIN}?{urlencode({'next': target})}"


def redirect_for(principal: Principal | None, access: Access, path_and_query: str) -> str | None:
    """Where a visitor must go instead of this page, or ``None`` to let them in."""
    if principal is None:
        return login_url(path_and_query)
    if not access.admits(principal):
        return nav.FORBIDDEN
    return None


def current_path_and_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


@dataclass(frozen=True)
class _GuardedRoute:
    access: Access
    on_load: Any


# Filled at import time by ``guarded_page``: static configuration, identical in every worker.
_GUARDED_ROUTES: dict[str, _GuardedRoute] = {}


def _route_key(route: str) -> str:
    return "/" + route.strip("/")


class GuardState(AuthState):
    """Base for states that want the guard's decision inside their own handlers."""

    def admit(self, access: Access) -> EventSpec | None:
        """``None`` when the current session qualifies, else the redirect to return."""
        url = self.router.url
        target = redirect_for(self.current_principal(), access, current_path_and_query(url.path, url.query))
        return rx.redirect(target, replace=True) if target else None


class ReloadingState(GuardState, mixin=True):
    """A guarded page that reloads its data after each change: the loading flag, one
    transaction per reload, and a session that ended meanwhile sent to sign in and back.

    Put it first among the page state's bases, with the real parent after it
    (``class AlertsState(ReloadingState, GuardState)``), and define ``_reload``.
    """

    loading: bool = True

    def _reload(self, db: Session, who: Principal | None) -> None:
        raise NotImplementedError

    def _refusal(self, exc: DomainError) -> EventSpec:
        """A session that ended meanwhile goes to sign in and back here; anything else is a toast."""
        if isinstance(exc, SignInRequired):
            url = self.router.url
            return rx.redirect(login_url(current_path_and_query(url.path, url.query)))
        return toast_error(exc.message)

    def _refresh(self) -> Iterator[EventSpec | None]:
        self.loading = True
        yield
        try:
            with session_scope() as db:
                self._reload(db, self.current_principal(db))
        except DomainError as exc:
            yield self._refusal(exc)
        finally:
            self.loading = False


class PageGuardState(GuardState):
    """The on_load of every guarded page: finds the page's access by its matched route."""

    @rx.event
    def enforce(self) -> Any:
        guarded = _GUARDED_ROUTES.get(_route_key(self.router.route_id or self.router.url.path))
        if guarded is None:
            # A route that was never declared guarded has nothing to enforce; refuse rather than guess.
            return rx.redirect(nav.FORBIDDEN, replace=True)
        refusal = self.admit(guarded.access)
        if refusal is not None:
            return refusal
        return guarded.on_load


def guarded_page(
    route: str,
    component: Callable[[], rx.Component],
    title: str,
    access: Access,
    *,
    on_load: Any = None,
    description: str | None = None,
) -> PageSpec:
    """A ``PageSpec`` whose on_load admits only ``access``, then runs the page's own ``on_load``."""
    _GUARDED_ROUTES[_route_key(route)] = _GuardedRoute(access, on_load)
    extra = {"description": description} if description else {}
    return PageSpec(route=route, component=component, title=title, on_load=PageGuardState.enforce, **extra)
