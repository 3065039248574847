"""Registration rules: password policy, field checks, duplicates in any case, what a new account gets."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import passwords
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuditLog, Role, User, UserRole, UserStatus
from jobhub.auth.password_policy import (
    ONE_CHARACTER,
    SAME_AS_EMAIL,
    TOO_COMMON,
    TOO_LONG,
    TOO_SHORT,
    common_passwords,
    password_problem,
)
from jobhub.auth.registration import FIELDS, RegistrationForm, RegistrationInvalid, register
from jobhub.platform.event_types import USER_REGISTERED
from jobhub.platform.signed_links import LinkPurpose, hash_nonce, read
from tests.auth.support import audit_actions, event_types_of
from tests.factories import add, make_user

PASSWORD = "violet tractor nine lemons"
CONTEXT = RequestContext.of("203.0.113.5", "pytest")


def form(**overrides: str) -> RegistrationForm:
    values = {
        "user_type": "job_seeker",
        "email": f"new.{uuid.uuid4().hex[:8]}@example.test",
        "password": PASSWORD,
        "first_name": "Ada",
        "last_name": "Lovelace",
    }
    return RegistrationForm(**(values | overrides))


def user_by_email(db: Session, email: str) -> User | None:
    return db.scalars(select(User).where(User.email == email.lower())).one_or_none()


def users_count(db: Session) -> int:
    return len(db.scalars(select(User.id)).all())


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short pass", TOO_SHORT),
        ("x" * 129, TOO_LONG),
        ("aaaaaaaaaaaaaa", ONE_CHARACTER),
        ("123qweasdzxc", TOO_COMMON),
        ("Password12345!", TOO_COMMON),
        ("QWERTY123456", TOO_COMMON),
        ("ada.lovelace@example.test", SAME_AS_EMAIL),
        ("ada.lovelace", None),
        ("twelve chars", None),
        ("x" * 127 + "y", None),
    ],
)
def test_password_policy(password: str, problem: str | None) -> None:
    email = "ada.lovelace@example.test" if problem == SAME_AS_EMAIL else "someone@example.test"
    assert password_problem(password, email=email) == problem


def test_the_local_part_of_the_email_is_refused_as_password() -> None:
    assert password_problem("ada.lovelace1", email="ada.lovelace1@example.test") == SAME_AS_EMAIL


def test_the_common_password_list_has_thousands_of_entries() -> None:
    assert len(common_passwords()) > 10_000 and "password" in common_passwords()


def test_registration_creates_a_pending_account_with_role_audit_event_and_mail(db: Session) -> None:
    submitted = form(email="  Ada.New@Example.TEST ", first_name="  Ada ", user_type="employer")
    mail = register(db, submitted, CONTEXT).mail
    assert mail is not None

    user = user_by_email(db, "ada.new@example.test")
    assert user is not None
    assert (user.status, user.email_verified, user.user_type) == (
        UserStatus.PENDING_VERIFICATION,
        False,
        "employer",
    )
    assert user.first_name == "Ada" and passwords.verify_password(PASSWORD, user.password_hash)
    role_names = db.scalars(
        select(Role.name).join(UserRole, UserRole.role_id == Role.id).where(UserRole.user_id == user.id)
    ).all()
    assert role_names == ["employer"]
    actions = audit_actions(db, user.id)
    assert AuditAction.REGISTER in actions
    assert mail.to == "ada.new@example.test" and "/verify-email?token=" in mail.text
    token = mail.text.split("token=")[1].split()[0]
    claim = read(token, LinkPurpose.VERIFY_EMAIL, timedelta(hours=24))
    assert claim.subject == str(user.id) and user.email_verification_token == claim.nonce_hash
    assert user.email_verification_token != hash_nonce(token)


def test_registration_emits_user_registered(db: Session) -> None:
    register(db, form(email="emits@example.test"), CONTEXT)
    user = user_by_email(db, "emits@example.test")
    assert user is not None
    types = event_types_of(db, user.id)
    assert USER_REGISTERED in types


@pytest.mark.parametrize("typed", ["taken@example.test", "TAKEN@Example.Test", " taken@example.test "])
def test_an_existing_address_in_any_case_changes_nothing_and_mails_its_owner(db: Session, typed: str) -> None:
    owner = make_user(email="taken@example.test", status=UserStatus.ACTIVE, email_verified=True)
    owner.password_hash = passwords.hash_password("the owners own password")
    add(db, owner)
    before = users_count(db)

    registered = register(db, form(email=typed, first_name="Mallory"), CONTEXT)
    mail = registered.mail

    assert users_count(db) == before
    db.refresh(owner)
    assert passwords.verify_password("the owners own password", owner.password_hash)
    assert registered.email == "taken@example.test" and mail is not None
    assert mail.to == "taken@example.test" and mail.subject == "You already have a JobHub account"
    assert "/login" in mail.text and "/forgot-password" in mail.text and "Mallory" not in mail.text
    audited = db.scalars(select(AuditLog.action).where(AuditLog.resource_id == owner.id)).all()
    assert AuditAction.REGISTER_EXISTING_EMAIL in audited


def test_an_existing_unverified_address_gets_a_fresh_verification_link(db: Session) -> None:
    pending = make_user(email="pending@example.test", status=UserStatus.PENDING_VERIFICATION)
    add(db, pending)
    mail = register(db, form(email="pending@example.test"), CONTEXT).mail
    assert mail is not None and "/verify-email?token=" in mail.text
    db.refresh(pending)
    assert pending.email_verification_token is not None


def test_all_bad_fields_are_reported_at_once_and_nothing_is_stored(db: Session) -> None:
    before = users_count(db)
    with pytest.raises(RegistrationInvalid) as refused:
        register(
            db,
            form(
                user_type="admin", email="not-an-email", password="short", first_name=" ", last_name="x" * 101
            ),
            CONTEXT,
        )
    assert set(refused.value.errors) == {"user_type", "email", "password", "first_name", "last_name"}
    assert users_count(db) == before


@pytest.mark.parametrize("user_type", ["admin", "moderator", "", "JOB_SEEKER"])
def test_only_seekers_and_employers_may_register(db: Session, user_type: str) -> None:
    with pytest.raises(RegistrationInvalid) as refused:
        register(db, form(user_type=user_type), CONTEXT)
    assert set(refused.value.errors) == {"user_type"}


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "Ada\nBcc: x@evil.test", "Ada\x00"])
def test_names_must_be_one_to_a_hundred_printable_characters(db: Session, name: str) -> None:
    with pytest.raises(RegistrationInvalid) as refused:
        register(db, form(last_name=name), CONTEXT)
    assert set(refused.value.errors) == {"last_name"}


def test_a_hundred_character_name_is_accepted(db: Session) -> None:
    register(db, form(email="long.name@example.test", last_name="y" * 100), CONTEXT)
    user = user_by_email(db, "long.name@example.test")
    assert user is not None and len(user.last_name) == 100


@pytest.mark.parametrize(
    "email", ["plain", "a@b", "@example.test", "a b@example.test", "a@" + "x" * 250 + ".test"]
)
def test_malformed_addresses_are_refused(db: Session, email: str) -> None:
    with pytest.raises(RegistrationInvalid) as refused:
        register(db, form(email=email), CONTEXT)
    assert "email" in refused.value.errors


def test_the_password_may_not_be_the_email(db: Session) -> None:
    with pytest.raises(RegistrationInvalid) as refused:
        register(db, form(email="Same.As.Mail@example.test", password="same.as.mail@example.test"), CONTEXT)
    assert refused.value.errors == {"password": SAME_AS_EMAIL}


def test_a_deleted_accounts_address_is_neither_reused_nor_mailed(db: Session) -> None:
    gone = make_user(email="gone@example.test", deleted_at=datetime.now(UTC))
    add(db, gone)
    before = users_count(db)
    registered = register(db, form(email="gone@example.test"), CONTEXT)
    assert (registered.email, registered.mail, users_count(db)) == ("gone@example.test", None, before)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    user_type=st.text(max_size=30),
    email=st.text(max_size=300),
    password=st.text(max_size=200),
    first_name=st.text(max_size=150),
    last_name=st.text(max_size=150),
)
def test_arbitrary_text_is_refused_with_field_messages_and_stores_nothing(
    db: Session, user_type: str, email: str, password: str, first_name: str, last_name: str
) -> None:
    before = users_count(db)
    with pytest.raises(RegistrationInvalid) as refused:
        register(db, RegistrationForm(user_type, email, password, first_name, last_name), CONTEXT)
    assert refused.value.errors and set(refused.value.errors) <= set(FIELDS)
    assert users_count(db) == before
