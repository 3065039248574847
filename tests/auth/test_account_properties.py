"""Arbitrary input to every account form handler: a refusal or a success, never a crash, and a
refused submission changes no row (a wrong password only counts towards the lockout).

Each example runs in a savepoint rolled back afterwards, so examples cannot see each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth import account, account_email, account_erasure
from jobhub.auth.account import AccountRefusal, ProfileInvalid
from jobhub.auth.audit import RequestContext
from jobhub.auth.models import AuthSession, User
from jobhub.auth.passwords import hash_password
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.session_tokens import issue_session
from tests.factories import add, make_user

CONTEXT = RequestContext.of("203.0.113.5", "hypothesis")
PASSWORD = "correct horse battery staple"
PASSWORD_HASH = hash_password(PASSWORD)
COUNTED = {"failed_login_attempts", "locked_until", "updated_at"}
EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

texts = st.text(max_size=300)
form_values = st.one_of(
    texts, st.none(), st.integers(), st.sampled_from(["Europe/Berlin", "en", "https://a.b/c"])
)
profile_forms = st.dictionaries(st.sampled_from([*account.PROFILE_FIELDS, "email", "id"]), form_values)


@pytest.fixture
def who(db: Session) -> tuple[User, Principal]:
    user = make_user(password_hash=PASSWORD_HASH)
    add(db, user)
    principal = resolve_principal(db, issue_session(db, user.id))
    assert principal is not None
    return user, principal


@contextmanager
def _example(db: Session) -> Iterator[None]:
    savepoint = db.begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()
        db.expire_all()


def _snapshot(db: Session, user: User) -> tuple[dict[str, Any], int]:
    db.expire_all()
    row = db.get(User, user.id)
    assert row is not None
    sessions = db.scalar(
        select(func.count()).where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None))
    )
    return row.model_dump(), int(sessions or 0)


def _refused_changes_nothing(db: Session, user: User, action: Callable[[], object]) -> None:
    before, live = _snapshot(db, user)
    try:
        action()
    except (AccountRefusal, ProfileInvalid):
        after, live_after = _snapshot(db, user)
        changed = {key for key in before if before[key] != after[key]}
        assert changed <= COUNTED, changed
        assert live_after == live


@EXAMPLES
@given(form=profile_forms)
def test_any_profile_form(db: Session, who: tuple[User, Principal], form: dict[str, Any]) -> None:
    user, principal = who
    with _example(db):
        _refused_changes_nothing(db, user, lambda: account.update_profile(db, principal, form, CONTEXT))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(current=st.one_of(texts, st.just(PASSWORD)), new=texts, again=texts)
def test_any_password_form(
    db: Session, who: tuple[User, Principal], current: str, new: str, again: str
) -> None:
    user, principal = who
    with _example(db):
        _refused_changes_nothing(
            db, user, lambda: account.change_password(db, principal, current, new, again, CONTEXT)
        )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(email=st.one_of(texts, st.emails()), password=st.one_of(texts, st.just(PASSWORD)))
def test_any_email_form(db: Session, who: tuple[User, Principal], email: str, password: str) -> None:
    user, principal = who
    with _example(db):
        _refused_changes_nothing(
            db,
            user,
            lambda: account_email.request_email_change(
                db, principal, email, password, CONTEXT, "/confirm-email-change"
            ),
        )


@EXAMPLES
@given(token=st.one_of(texts, st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.", max_size=400)))
def test_any_email_link(db: Session, who: tuple[User, Principal], token: str) -> None:
    user, _principal = who
    with _example(db):
        _refused_changes_nothing(db, user, lambda: account_email.confirm_email_change(db, token, CONTEXT))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(password=texts, word=st.one_of(texts, st.sampled_from(["DELETE", " DELETE ", "delete"])))
def test_any_delete_form(db: Session, who: tuple[User, Principal], password: str, word: str) -> None:
    user, principal = who
    with _example(db):
        _refused_changes_nothing(
            db, user, lambda: account_erasure.delete_account(db, principal, password, word, CONTEXT)
        )
