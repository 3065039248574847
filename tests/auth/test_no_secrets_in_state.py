"""What Reflex would send the browser of a signed-in user with MFA on holds no secret.

The state tree is built as the event processor builds it (root state, router data with the
request's headers, the page's on_load run), then serialised with Reflex's own
``json_dumps``: the full hydrate payload (``dict()``) and the delta of the event. Neither
may contain the password or its hash, the TOTP secret (plain or sealed), a backup code
(plain or hashed), the session token or its hash.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from reflex.state import State
from reflex_base.utils import format
from sqlalchemy import Engine

from jobhub.auth.security_state import LoginVerifyState, SecurityState
from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session
from jobhub.auth.state import AuthState
from jobhub.platform.db import session_scope
from tests.auth.support import add_seeker, delete_users, enrol_mfa, secrets_of

PASSWORD = "correct horse battery staple"
SECURITY_PAGE = "/settings/security"


@dataclass(frozen=True)
class SignedIn:
    user_id: uuid.UUID
    token: str
    other_token: str
    secrets: tuple[str, ...]


@pytest.fixture
def signed_in(engine: Engine) -> Iterator[SignedIn]:
    """A committed user with MFA on and two sessions; every secret it has, to look for."""
    with session_scope() as db:
        user = add_seeker(
            db, f"state.{uuid.uuid4().hex[:10]}@example.test", "Sam", "State", password=PASSWORD
        )
        secret, codes = enrol_mfa(db, user)
        token = issue_session(db, user.id, user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0")
        other = issue_session(db, user.id, user_agent="Mozilla/5.0 (iPhone) Safari/604.1")
        found = secrets_of(user, PASSWORD, secret, codes, [token, other])
        user_id = user.id
    yield SignedIn(user_id=user_id, token=token, other_token=other, secrets=found)
    delete_users(engine, [user_id])


def _root(token: str, path: str) -> State:
    """The root state with the router data a websocket event of this browser carries."""
    root = State(_reflex_internal_init=True)
    router_data = {
        "headers": {"cookie": f"{SESSION_COOKIE}={token}; theme=dark", "user-agent": "pytest-browser"},
        "pathname": path,
        "asPath": path,
        "query": {},
        "token": str(uuid.uuid4()),
        "sid": "socket-1",
        "ip": "127.0.0.1",
    }
    root.router_data = root._update_router_vars(router_data, {})
    return root


def _substate(root: State, cls: type[AuthState]) -> AuthState:
    return root.get_substate(cls.get_full_name().split("."))


def _sent(root: State) -> str:
    """The hydrate payload and the event's delta, serialised as Reflex serialises them."""
    return format.json_dumps(root.dict()) + format.json_dumps(root.get_delta())


def _assert_no_secret(payload: str, account: SignedIn) -> None:
    leaked = [secret for secret in account.secrets if secret and secret in payload]
    assert not leaked


def test_the_security_page_state_of_a_user_with_mfa_holds_no_secret(signed_in: SignedIn) -> None:
    root = _root(signed_in.token, SECURITY_PAGE)
    page = _substate(root, SecurityState)

    SecurityState.load.fn(page)

    payload = _sent(root)
    assert page.mfa_enabled and page.backup_codes_left == 10
    assert len(page.sessions) == 2 and page.sessions[0]["current"] == "yes"
    assert (page.enrol_key, page.enrol_qr) == ("", "")
    assert '"mfa_enabled' in payload and "Firefox on Linux" in payload
    _assert_no_secret(payload, signed_in)


def test_a_revoke_event_sends_back_no_secret_either(signed_in: SignedIn) -> None:
    root = _root(signed_in.token, SECURITY_PAGE)
    page = _substate(root, SecurityState)
    SecurityState.load.fn(page)
    other_id = next(row["id"] for row in page.sessions if not row["current"])

    list(SecurityState.revoke.fn(page, other_id))

    assert len(page.sessions) == 1
    _assert_no_secret(_sent(root), signed_in)


def test_the_verify_and_base_auth_states_hold_no_secret(signed_in: SignedIn) -> None:
    root = _root(signed_in.token, "/login/verify")

    LoginVerifyState.load.fn(_substate(root, LoginVerifyState))
    AuthState.refresh_session.fn(_substate(root, AuthState))

    _assert_no_secret(_sent(root), signed_in)


def test_no_state_var_is_named_for_a_secret() -> None:
    words = ("password", "hash", "secret", "token")
    for cls in (SecurityState, LoginVerifyState):
        public = [name for name in cls.base_vars if not name.startswith("_")]
        assert not [name for name in public if any(word in name for word in words)]
