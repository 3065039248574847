"""Committed seekers signed in for the profile states' tests, and the state tree a browser tab has.

The handlers open their own transactions, so these accounts cannot live in the rolled-back
``db`` session; ``seekers`` removes them and every profile row they made afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

import pytest
from reflex.state import State
from reflex_base.utils import format
from sqlalchemy import Engine, text

from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session
from jobhub.auth.state import AuthState
from jobhub.platform.db import session_scope
from tests.auth.support import add_seeker, delete_users

S = TypeVar("S", bound=AuthState)

_PROFILE_ROWS = (
    "DELETE FROM profiles.outbox_events WHERE aggregate_id IN "
    "(SELECT id FROM profiles.user_profiles WHERE user_id = ANY(:ids))",
    "DELETE FROM profiles.domain_events WHERE user_id = ANY(:ids)",
    "DELETE FROM profiles.user_skills WHERE user_id = ANY(:ids)",
    "DELETE FROM profiles.experience WHERE user_id = ANY(:ids)",
    "DELETE FROM profiles.education WHERE user_id = ANY(:ids)",
    "DELETE FROM profiles.certifications WHERE user_id = ANY(:ids)",
    "DELETE FROM profiles.user_profiles WHERE user_id = ANY(:ids)",
)


@dataclass(frozen=True)
class Account:
    user_id: uuid.UUID
    token: str


class Seekers:
    def __init__(self) -> None:
        self.made: list[Account] = []

    def new(self, first: str = "Ada", last: str = "Lovelace") -> Account:
        with session_scope() as db:
            user = add_seeker(db, f"profile.{uuid.uuid4().hex[:10]}@example.test", first, last)
            account = Account(user.id, issue_session(db, user.id))
        self.made.append(account)
        return account


@pytest.fixture
def seekers(engine: Engine) -> Iterator[Seekers]:
    made = Seekers()
    yield made
    ids = [account.user_id for account in made.made]
    with engine.begin() as conn:
        for statement in _PROFILE_ROWS:
            conn.execute(text(statement), {"ids": ids})
    delete_users(engine, ids)


def tab(cls: type[S], path: str, token: str | None) -> S:
    """The page state of a browser tab on ``path``, signed in with ``token`` (or anonymous)."""
    root = State(_reflex_internal_init=True)
    cookie = f"{SESSION_COOKIE}={token}" if token else ""
    root.router_data = root._update_router_vars(
        {
            "headers": {"cookie": cookie, "user-agent": "pytest-browser"},
            "pathname": path,
            "asPath": path,
            "query": {},
            "token": str(uuid.uuid4()),
            "sid": "socket-1",
            "ip": "192.0.2.10",
        },
        {},
    )
    return root.get_substate(cls.get_full_name().split("."))  # type: ignore[return-value]


def sent(state: AuthState) -> str:
    """What Reflex would send this tab's browser: the hydrate payload and the delta."""
    root = state._get_root_state()
    return format.json_dumps(root.dict()) + format.json_dumps(root.get_delta())
