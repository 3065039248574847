"""Password reset: no enumeration, one use, one hour, every session ended, lock cleared, owner told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import passwords
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuthSession, User, UserStatus
from jobhub.auth.password_policy import TOO_COMMON, TOO_SHORT
from jobhub.auth.password_reset import (
    LINK_EXPIRED,
    LINK_PROBLEM,
    MISMATCH,
    check_reset_link,
    request_reset,
    reset_password,
)
from jobhub.auth.verification import issue_verification_mail
from jobhub.platform.errors import Invalid
from jobhub.platform.event_types import USER_PASSWORD_RESET
from tests.auth.support import audit_actions, event_types_of
from tests.factories import add, make_session, make_user

CONTEXT = RequestContext.of("203.0.113.5", "pytest")
OLD = "the old password of mine"
NEW = "a brand new passphrase"


def token_in(text: str) -> str:
    return text.split("token=")[1].split()[0]


@pytest.fixture
def user(db: Session) -> User:
    row = make_user(status=UserStatus.ACTIVE, email_verified=True, password_hash=passwords.hash_password(OLD))
    add(db, row)
    return row


def reset_token(db: Session, user: User) -> str:
    mail = request_reset(db, user.email, CONTEXT)
    assert mail is not None
    return token_in(mail.text)


def test_request_mails_a_one_hour_link_from_the_template(db: Session, user: User) -> None:
    mail = request_reset(db, user.email.upper(), CONTEXT)
    assert mail is not None and mail.to == user.email
    assert mail.subject == "Reset your JobHub password" and "60 minutes" in mail.text
    assert "/reset-password?token=" in mail.text
    db.refresh(user)
    assert user.password_reset_token is not None and user.password_reset_expires_at is not None
    actions = audit_actions(db, user.id)
    assert AuditAction.PASSWORD_RESET_REQUESTED in actions


@pytest.mark.parametrize("status", [UserStatus.SUSPENDED, UserStatus.BANNED])
def test_closed_accounts_and_unknown_addresses_get_no_mail(db: Session, status: UserStatus) -> None:
    closed = make_user(status=status)
    deleted = make_user(deleted_at=datetime.now(UTC))
    add(db, closed, deleted)
    assert request_reset(db, closed.email, CONTEXT) is None
    assert request_reset(db, deleted.email, CONTEXT) is None
    assert request_reset(db, "nobody@example.test", CONTEXT) is None


def test_reset_sets_the_password_clears_the_lock_and_ends_every_session(db: Session, user: User) -> None:
    user.failed_login_attempts, user.locked_until = 7, datetime.now(UTC) + timedelta(hours=1)
    add(db, user, make_session(user), make_session(user))
    token = reset_token(db, user)
    assert check_reset_link(db, token) == user.email

    done, mail = reset_password(db, token, NEW, NEW, CONTEXT)

    db.refresh(user)
    assert passwords.verify_password(NEW, user.password_hash) and not passwords.verify_password(
        OLD, user.password_hash
    )
    assert (user.failed_login_attempts, user.locked_until, user.password_reset_token) == (0, None, None)
    sessions = db.scalars(select(AuthSession).where(AuthSession.user_id == user.id)).all()
    assert done.sessions_revoked == 2 and all(s.revoked_at is not None and not s.is_active for s in sessions)
    assert mail.to == user.email and mail.subject == "Your JobHub password was changed"
    actions = audit_actions(db, user.id)
    assert AuditAction.PASSWORD_RESET in actions
    events = event_types_of(db, user.id)
    assert USER_PASSWORD_RESET in events


def test_a_reset_link_works_once(db: Session, user: User) -> None:
    token = reset_token(db, user)
    reset_password(db, token, NEW, NEW, CONTEXT)
    with pytest.raises(Invalid, match=LINK_PROBLEM):
        reset_password(db, token, "another new passphrase", "another new passphrase", CONTEXT)


def test_a_reset_link_expires_after_an_hour(db: Session, user: User) -> None:
    token = reset_token(db, user)
    later = datetime.now(UTC) + timedelta(minutes=61)
    with pytest.raises(Invalid, match=LINK_EXPIRED):
        reset_password(db, token, NEW, NEW, CONTEXT, now=later)
    db.refresh(user)
    assert passwords.verify_password(OLD, user.password_hash)


def test_a_newer_request_voids_the_older_link(db: Session, user: User) -> None:
    older = reset_token(db, user)
    reset_token(db, user)
    with pytest.raises(Invalid, match=LINK_PROBLEM):
        check_reset_link(db, older)


def test_a_verification_link_does_not_reset(db: Session, user: User) -> None:
    mail = issue_verification_mail(db, user, CONTEXT, now=datetime.now(UTC))
    with pytest.raises(Invalid, match=LINK_PROBLEM):
        reset_password(db, token_in(mail.text), NEW, NEW, CONTEXT)


@pytest.mark.parametrize(
    ("password", "confirmation", "field", "message"),
    [
        ("short", "short", "password", TOO_SHORT),
        ("qwerty123456", "qwerty123456", "password", TOO_COMMON),
        (NEW, NEW + "!", "password_confirm", MISMATCH),
    ],
)
def test_the_new_password_follows_the_policy_and_is_typed_twice(
    db: Session, user: User, password: str, confirmation: str, field: str, message: str
) -> None:
    token = reset_token(db, user)
    with pytest.raises(Invalid) as refused:
        reset_password(db, token, password, confirmation, CONTEXT)
    assert (refused.value.field, refused.value.message) == (field, message)
    db.refresh(user)
    assert passwords.verify_password(OLD, user.password_hash) and user.password_reset_token is not None


def test_a_reset_from_the_mailed_link_verifies_a_pending_account(db: Session) -> None:
    pending = make_user(status=UserStatus.PENDING_VERIFICATION, password_hash=passwords.hash_password(OLD))
    add(db, pending)
    reset_password(db, reset_token(db, pending), NEW, NEW, CONTEXT)
    db.refresh(pending)
    assert (pending.status, pending.email_verified) == (UserStatus.ACTIVE, True)


def test_a_suspension_after_the_request_voids_the_link(db: Session, user: User) -> None:
    token = reset_token(db, user)
    user.status = UserStatus.SUSPENDED
    add(db, user)
    with pytest.raises(Invalid, match=LINK_PROBLEM):
        reset_password(db, token, NEW, NEW, CONTEXT)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.text(max_size=400), password=st.text(max_size=200), confirmation=st.text(max_size=200))
def test_arbitrary_text_never_resets_a_password(
    db: Session, user: User, token: str, password: str, confirmation: str
) -> None:
    with pytest.raises(Invalid):
        reset_password(db, token, password, confirmation, CONTEXT)
    assert request_reset(db, token, CONTEXT) is None or token.strip().lower() == user.email
    db.refresh(user)
    assert passwords.verify_password(OLD, user.password_hash)
