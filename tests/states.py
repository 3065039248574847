"""A page state as one browser tab's event sees it, for tests that call Reflex handlers directly.

The state is built under a fresh root with the router data a websocket event carries (the
session cookie, the page's path), so ``current_principal`` resolves the session exactly as it
does in the app. Several state tests each wrote this by hand; new ones start here.
"""

from __future__ import annotations

from typing import TypeVar

import reflex as rx
from reflex.state import State

from jobhub.auth.session_tokens import SESSION_COOKIE

PageState = TypeVar("PageState", bound=rx.State)


def tab_state(state_class: type[PageState], token: str, path: str) -> PageState:
    """``state_class`` for a tab on ``path`` signed in with the session ``token``."""
    root = State(_reflex_internal_init=True)
    root.router_data = root._update_router_vars(
        {
            "headers": {"cookie": f"{SESSION_COOKIE}={token}", "user-agent": "pytest-browser"},
            "pathname": path,
            "asPath": path,
            "query": {},
            "token": "tab-1",
            "sid": "socket-1",
            "ip": "192.0.2.10",
        },
        {},
    )
    state = root.get_substate(state_class.get_full_name().split("."))
    assert isinstance(state, state_class)
    return state
