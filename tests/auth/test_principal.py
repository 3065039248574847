"""Session tokens: only their hash is stored, and only a live session of an active user resolves."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.models import AuthSession, User
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.session_tokens import issue_session, revoke_session, token_from_cookie_header


def _user(db: Session, *, user_type: str = "job_seeker", status: str = "active") -> User:
    user = User(
        email=f"{uuid.uuid4().hex[:10]}@example.test",
        first_name="Ada",
        last_name="Lovelace",
        user_type=user_type,
        status=status,
    )
    db.add(user)
    db.flush()
    return user


def test_an_issued_session_stores_only_the_sha256_of_its_token(db: Session) -> None:
    user = _user(db)

    token = issue_session(db, user.id)

    stored = db.scalars(select(AuthSession).where(AuthSession.user_id == user.id)).one()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_hash
    assert len(token) >= 43


def test_a_live_session_resolves_to_its_user(db: Session) -> None:
    user = _user(db, user_type="employer")
    token = issue_session(db, user.id)

    principal = resolve_principal(db, token)

    assert isinstance(principal, Principal)
    assert principal.user_id == user.id
    assert principal.user_type == "employer"
    assert principal.is_employer
    assert principal.display_name == "Ada Lovelace"


@pytest.mark.parametrize("token", [None, "", "not-a-token-anyone-issued"])
def test_no_or_unknown_token_is_anonymous(db: Session, token: str | None) -> None:
    assert resolve_principal(db, token) is None


def test_an_expired_session_is_anonymous(db: Session) -> None:
    user = _user(db)
    token = issue_session(db, user.id, lifetime=timedelta(minutes=5))

    later = datetime.now(UTC) + timedelta(minutes=6)

    assert resolve_principal(db, token, now=later) is None


def test_a_revoked_session_is_anonymous(db: Session) -> None:
    user = _user(db)
    token = issue_session(db, user.id)

    assert revoke_session(db, token) is True

    assert resolve_principal(db, token) is None
    assert revoke_session(db, token) is False


@pytest.mark.parametrize("status", ["suspended", "banned", "pending_verification"])
def test_a_session_of_an_inactive_user_is_anonymous(db: Session, status: str) -> None:
    user = _user(db, status=status)
    token = issue_session(db, user.id)

    assert resolve_principal(db, token) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("jobhub_session=abc123", "abc123"),
        ("theme=dark; jobhub_session=abc123; other=1", "abc123"),
        ('bad"cookie=\\x; jobhub_session=abc123', "abc123"),
        ("jobhub_session=", None),
        ("jobhub_session_old=abc", None),
        ("", None),
        (None, None),
    ],
)
def test_the_token_is_read_from_the_cookie_header(header: str | None, expected: str | None) -> None:
    assert token_from_cookie_header(header) == expected
