"""Email verification: one use, 24 hours, the right purpose and key, the latest link only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import User, UserStatus
from jobhub.auth.verification import (
    VerificationFailed,
    VerificationProblem,
    issue_verification_mail,
    resend_verification,
    verify_email,
)
from jobhub.platform import signed_links
from jobhub.platform.event_types import USER_EMAIL_VERIFIED
from jobhub.platform.signed_links import LinkPurpose
from tests.auth.support import audit_actions, event_types_of
from tests.factories import add, make_user

CONTEXT = RequestContext.of("203.0.113.5", "pytest")


def token_in(text: str) -> str:
    return text.split("token=")[1].split()[0]


@pytest.fixture
def pending(db: Session) -> User:
    user = make_user(status=UserStatus.PENDING_VERIFICATION)
    add(db, user)
    return user


def mailed_token(db: Session, user: User, now: datetime | None = None) -> str:
    mail = issue_verification_mail(db, user, CONTEXT, now=now or datetime.now(UTC))
    return token_in(mail.text)


def refused(db: Session, token: str, problem: VerificationProblem, now: datetime | None = None) -> None:
    with pytest.raises(VerificationFailed) as failure:
        verify_email(db, token, CONTEXT, now=now)
    assert failure.value.problem is problem


def test_a_valid_link_activates_and_verifies_with_audit_and_event(db: Session, pending: User) -> None:
    verified = verify_email(db, mailed_token(db, pending), CONTEXT)
    db.refresh(pending)
    assert verified.email == pending.email
    assert (pending.status, pending.email_verified) == (UserStatus.ACTIVE, True)
    assert pending.email_verification_token is None and pending.email_verification_expires_at is None
    actions = audit_actions(db, pending.id)
    assert AuditAction.EMAIL_VERIFIED in actions
    events = event_types_of(db, pending.id)
    assert USER_EMAIL_VERIFIED in events


def test_a_link_works_once(db: Session, pending: User) -> None:
    token = mailed_token(db, pending)
    verify_email(db, token, CONTEXT)
    refused(db, token, VerificationProblem.USED)


def test_a_link_expires_after_24_hours(db: Session, pending: User) -> None:
    token = mailed_token(db, pending)
    refused(db, token, VerificationProblem.EXPIRED, now=datetime.now(UTC) + timedelta(hours=24, minutes=1))
    db.refresh(pending)
    assert pending.status == UserStatus.PENDING_VERIFICATION


def test_the_stored_expiry_is_enforced_too(db: Session, pending: User) -> None:
    token = mailed_token(db, pending)
    pending.email_verification_expires_at = datetime.now(UTC) - timedelta(seconds=1)
    add(db, pending)
    refused(db, token, VerificationProblem.EXPIRED)


def test_a_newer_link_voids_the_older_one(db: Session, pending: User) -> None:
    older, newer = mailed_token(db, pending), mailed_token(db, pending)
    refused(db, older, VerificationProblem.INVALID)
    verify_email(db, newer, CONTEXT)


def test_a_reset_link_does_not_verify(db: Session, pending: User) -> None:
    issued = signed_links.issue(LinkPurpose.RESET_PASSWORD, pending.id, extra={"email": pending.email})
    pending.email_verification_token = issued.nonce_hash
    pending.email_verification_expires_at = datetime.now(UTC) + timedelta(hours=1)
    add(db, pending)
    refused(db, issued.token, VerificationProblem.INVALID)


def test_a_tampered_link_is_refused(db: Session, pending: User) -> None:
    token = mailed_token(db, pending)
    refused(db, token[:-2] + ("AA" if not token.endswith("AA") else "BB"), VerificationProblem.INVALID)


def test_a_link_for_a_previous_address_is_refused(db: Session, pending: User) -> None:
    token = mailed_token(db, pending)
    pending.email = f"changed.{pending.email}"
    add(db, pending)
    refused(db, token, VerificationProblem.INVALID)


def test_verification_does_not_lift_a_suspension(db: Session) -> None:
    suspended = make_user(status=UserStatus.SUSPENDED)
    add(db, suspended)
    verify_email(db, mailed_token(db, suspended), CONTEXT)
    db.refresh(suspended)
    assert (suspended.status, suspended.email_verified) == (UserStatus.SUSPENDED, True)


def test_resend_mails_a_pending_account_in_any_case(db: Session, pending: User) -> None:
    mail = resend_verification(db, f"  {pending.email.upper()} ", CONTEXT)
    assert mail is not None and mail.to == pending.email
    verify_email(db, token_in(mail.text), CONTEXT)


def test_resend_mails_nobody_for_unknown_or_verified_addresses(db: Session) -> None:
    active = make_user(status=UserStatus.ACTIVE, email_verified=True)
    add(db, active)
    assert resend_verification(db, "nobody@example.test", CONTEXT) is None
    assert resend_verification(db, active.email, CONTEXT) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_arbitrary_text_never_verifies_and_changes_nothing(db: Session, pending: User, text: str) -> None:
    with pytest.raises(VerificationFailed):
        verify_email(db, text, CONTEXT)
    assert resend_verification(db, text, CONTEXT) is None or text.strip().lower() == pending.email
    db.refresh(pending)
    assert (pending.status, pending.email_verified) == (UserStatus.PENDING_VERIFICATION, False)
