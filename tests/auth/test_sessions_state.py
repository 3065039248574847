"""The security page's Reflex handlers: what they show, what they refuse, each re-checking the session."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from urllib.parse import urlencode

import pytest
from reflex.state import State
from sqlalchemy import Engine, select

from jobhub.auth.models import AuthSession
from jobhub.auth.principal import resolve_principal
from jobhub.auth.security_state import SecurityState
from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session, revoke_session
from jobhub.platform.db import session_scope
from tests.auth.support import add_seeker, delete_users

SECURITY_PAGE = "/settings/security"


@pytest.fixture
def make_user(engine: Engine) -> Iterator[Callable[[], uuid.UUID]]:
    created: list[uuid.UUID] = []

    def make() -> uuid.UUID:
        with session_scope() as db:
            user = add_seeker(db, f"handler.{uuid.uuid4().hex[:10]}@example.test", "Hal", "Handler")
            created.append(user.id)
            return user.id

    yield make
    delete_users(engine, created)


def _token(user_id: uuid.UUID) -> str:
    with session_scope() as db:
        return issue_session(db, user_id, user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0")


def _page(token: str, query: dict[str, str] | None = None) -> SecurityState:
    """The page's state as an event of a browser holding ``token`` sees it."""
    root = State(_reflex_internal_init=True)
    headers = {"user-agent": "pytest-browser", "cookie": f"{SESSION_COOKIE}={token}"}
    path = SECURITY_PAGE + ("?" + urlencode(query) if query else "")
    router_data = {"headers": headers, "pathname": SECURITY_PAGE, "asPath": path, "query": query or {}}
    root.router_data = root._update_router_vars(
        {**router_data, "token": "t", "sid": "s", "ip": "127.0.0.1"}, {}
    )
    page = root.get_substate(SecurityState.get_full_name().split("."))
    assert isinstance(page, SecurityState)
    return page


def _live(user_id: uuid.UUID) -> int:
    with session_scope() as db:
        query = select(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        return len(db.scalars(query).all())


def test_setting_up_shows_a_key_and_cancelling_clears_it(make_user: Callable[[], uuid.UUID]) -> None:
    page = _page(_token(make_user()))
    SecurityState.load.fn(page)
    assert not page.enrolling

    list(SecurityState.start_enrolment.fn(page))

    assert page.enrolling and len(page.enrol_key.replace(" ", "")) == 32
    assert page.enrol_qr.startswith("data:image/svg+xml;base64,")
    assert not page.starting

    SecurityState.cancel_enrolment.fn(page)

    assert (page.enrolling, page.enrol_key, page.enrol_qr) == (False, "", "")


def test_a_refused_code_comes_back_as_a_message_and_keeps_the_same_key(
    make_user: Callable[[], uuid.UUID],
) -> None:
    token = _token(make_user())
    page = _page(token)
    list(SecurityState.start_enrolment.fn(page))
    key = page.enrol_key

    reloaded = _page(token, {"mfa_error": "code"})
    SecurityState.load.fn(reloaded)

    assert reloaded.enrol_key == key
    assert reloaded.mfa_error.startswith("That code is not valid")


def test_revoking_someone_elses_session_through_the_page_changes_nothing(
    make_user: Callable[[], uuid.UUID],
) -> None:
    victim = make_user()
    victim_token = _token(victim)
    with session_scope() as db:
        victim_principal = resolve_principal(db, victim_token)
    assert victim_principal is not None
    page = _page(_token(make_user()))

    events = list(SecurityState.revoke.fn(page, str(victim_principal.session_id)))

    assert _live(victim) == 1
    assert any("already ended" in str(event) for event in events)
    assert page.revoking == ""


def test_an_ended_session_makes_every_handler_send_to_sign_in(make_user: Callable[[], uuid.UUID]) -> None:
    user = make_user()
    token = _token(user)
    _token(user)
    with session_scope() as db:
        revoke_session(db, token)
    page = _page(token)

    load = SecurityState.load.fn(page)
    revoke_others = list(SecurityState.revoke_others.fn(page))

    assert "/login?next=%2Fsettings%2Fsecurity" in str(load)
    assert any("/login?next=" in str(event) for event in revoke_others)
    assert _live(user) == 1
    assert (page.is_authenticated, page.sessions) == (False, [])
