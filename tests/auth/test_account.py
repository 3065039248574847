"""Account settings service: profile rules, password change, email change, erasure."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import account, account_email, account_erasure
from jobhub.auth.account import AccountRefusal, ProfileInvalid, RefusalCode
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.authorization import SignInRequired
from jobhub.auth.login import InvalidCredentials, login
from jobhub.auth.models import AuditLog, AuthSession, User
from jobhub.auth.passwords import hash_password, verify_password
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.session_tokens import issue_session
from jobhub.platform.event_types import USER_DELETED, USER_PASSWORD_CHANGED, USER_PROFILE_UPDATED
from tests.auth.support import audit_actions, event_types_of
from tests.factories import add, make_user

CONTEXT = RequestContext.of("203.0.113.7", "pytest")
PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a much longer new secret 42"
CONFIRM_PAGE = "/confirm-email-change"

VALID_PROFILE = {
    "first_name": "  Ada  ",
    "last_name": "Lovelace",
    "avatar_url": "https://img.example.test/ada.png",
    "phone": "+44 20 7946-0958",
    "location": "London",
    "timezone": "Europe/London",
    "language": "en",
}


def _signed_in(db: Session, **overrides: object) -> tuple[User, str, Principal]:
    user = make_user(password_hash=hash_password(PASSWORD), **overrides)
    add(db, user)
    token = issue_session(db, user.id)
    principal = resolve_principal(db, token)
    assert principal is not None
    return user, token, principal


def _token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


# profile


def test_saving_the_profile_stores_clean_values_and_audits_the_field_names_only(db: Session) -> None:
    user, _token, who = _signed_in(db)

    view = account.update_profile(db, who, VALID_PROFILE, CONTEXT)

    assert (view.first_name, view.phone, view.timezone) == ("Ada", "+442079460958", "Europe/London")
    db.refresh(user)
    assert (user.first_name, user.last_name, user.location) == ("Ada", "Lovelace", "London")
    row = db.scalars(select(AuditLog).where(AuditLog.action == AuditAction.PROFILE_UPDATED)).one()
    assert row.user_id == user.id
    assert set(row.new_values["fields"]) == set(account.PROFILE_FIELDS) - {"language"}
    assert "Ada" not in str(row.new_values)
    assert USER_PROFILE_UPDATED in event_types_of(db, user.id)


def test_saving_unchanged_values_writes_no_audit_row(db: Session) -> None:
    user, _token, who = _signed_in(db)
    account.update_profile(db, who, VALID_PROFILE, CONTEXT)
    account.update_profile(db, who, VALID_PROFILE, CONTEXT)
    assert audit_actions(db, user.id).count(AuditAction.PROFILE_UPDATED) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", ""),
        ("first_name", "   "),
        ("last_name", "x" * 101),
        ("first_name", "Ada\x00"),
        ("avatar_url", "javascript:alert(1)"),
        ("avatar_url", "ftp://example.test/a.png"),
        ("avatar_url", "https://"),
        ("avatar_url", "https://example.test/" + "a" * 500),
        ("avatar_url", "https://exa mple.test/a.png"),
        ("phone", "12345"),
        ("phone", "+1234567890123456"),
        ("phone", "call me"),
        ("phone", "+49+30 123456"),
        ("location", "x" * 256),
        ("timezone", "Mars/Olympus"),
        ("timezone", ""),
        ("language", "xx"),
    ],
)
def test_a_refused_field_is_named_and_nothing_changes(db: Session, field: str, value: str) -> None:
    user, _token, who = _signed_in(db)
    before = user.model_dump()

    with pytest.raises(ProfileInvalid) as refused:
        account.update_profile(db, who, VALID_PROFILE | {field: value}, CONTEXT)

    assert field in refused.value.errors
    db.refresh(user)
    assert user.model_dump() == before
    assert AuditAction.PROFILE_UPDATED not in audit_actions(db, user.id)


def test_every_broken_field_is_reported_at_once(db: Session) -> None:
    _user, _token, who = _signed_in(db)
    with pytest.raises(ProfileInvalid) as refused:
        account.update_profile(db, who, {"first_name": "", "phone": "1", "timezone": "Nowhere"}, CONTEXT)
    assert {"first_name", "last_name", "phone", "timezone", "language"} <= set(refused.value.errors)


def test_optional_fields_may_be_emptied(db: Session) -> None:
    user, _token, who = _signed_in(db, phone="+4930123456", location="Berlin")
    account.update_profile(db, who, VALID_PROFILE | {"phone": "", "location": "", "avatar_url": ""}, CONTEXT)
    db.refresh(user)
    assert (user.phone, user.location, user.avatar_url) == (None, None, None)


def test_anonymous_visitors_cannot_save_a_profile(db: Session) -> None:
    with pytest.raises(SignInRequired):
        account.update_profile(db, None, VALID_PROFILE, CONTEXT)


def test_the_time_zone_list_is_iana_and_sorted() -> None:
    zones = account.timezones()
    assert "Europe/Berlin" in zones and "UTC" in zones
    assert list(zones) == sorted(zones)


# password


def test_changing_the_password_revokes_other_sessions_and_replaces_this_one(db: Session) -> None:
    user, token, who = _signed_in(db)
    other = issue_session(db, user.id)

    changed = account.change_password(db, who, PASSWORD, NEW_PASSWORD, NEW_PASSWORD, CONTEXT)

    db.refresh(user)
    assert verify_password(NEW_PASSWORD, user.password_hash)
    assert resolve_principal(db, token) is None
    assert resolve_principal(db, other) is None
    fresh = resolve_principal(db, changed.token)
    assert fresh is not None and fresh.user_id == user.id
    revoked = db.scalars(
        select(AuthSession).where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_not(None))
    )
    assert {row.revoke_reason for row in revoked} == {account.PASSWORD_CHANGED_REASON}
    assert AuditAction.PASSWORD_CHANGED in audit_actions(db, user.id)
    assert USER_PASSWORD_CHANGED in event_types_of(db, user.id)


def test_the_new_password_signs_in_and_the_old_one_does_not(db: Session) -> None:
    user, _token, who = _signed_in(db)
    account.change_password(db, who, PASSWORD, NEW_PASSWORD, NEW_PASSWORD, CONTEXT)
    assert login(db, user.email, NEW_PASSWORD).principal.user_id == user.id
    with pytest.raises(InvalidCredentials):
        login(db, user.email, PASSWORD)


def test_a_wrong_current_password_is_refused_counted_and_audited(db: Session) -> None:
    user, token, who = _signed_in(db)
    before = user.password_hash

    with pytest.raises(AccountRefusal) as refused:
        account.change_password(db, who, "not my password!", NEW_PASSWORD, NEW_PASSWORD, CONTEXT)

    assert refused.value.code == RefusalCode.CURRENT
    db.refresh(user)
    assert user.password_hash == before and user.failed_login_attempts == 1
    assert AuditAction.PASSWORD_CHECK_FAILED in audit_actions(db, user.id)
    assert resolve_principal(db, token) is not None


def test_five_wrong_current_passwords_lock_the_account_and_stop_checking(db: Session) -> None:
    user, _token, who = _signed_in(db)
    codes = []
    for _ in range(5):
        with pytest.raises(AccountRefusal) as refused:
            account.change_password(db, who, "not my password!", NEW_PASSWORD, NEW_PASSWORD, CONTEXT)
        codes.append(refused.value.code)
    assert codes[-1] == RefusalCode.LOCKED
    with pytest.raises(AccountRefusal) as refused:
        account.change_password(db, who, PASSWORD, NEW_PASSWORD, NEW_PASSWORD, CONTEXT)
    assert refused.value.code == RefusalCode.LOCKED
    db.refresh(user)
    assert user.locked_until is not None and AuditAction.LOCKOUT in audit_actions(db, user.id)


@pytest.mark.parametrize(
    ("new", "confirm", "code"),
    [
        ("short pass", "short pass", RefusalCode.TOO_SHORT),
        ("x" * 129, "x" * 129, RefusalCode.TOO_LONG),
        ("password1234", "password1234", RefusalCode.COMMON),
        ("aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", RefusalCode.ONE_CHARACTER),
        ("password12345!", "password12345!", RefusalCode.COMMON),
        (NEW_PASSWORD, NEW_PASSWORD + "!", RefusalCode.MISMATCH),
        (PASSWORD, PASSWORD, RefusalCode.SAME),
        ("", "", RefusalCode.MISSING),
    ],
)
def test_a_new_password_outside_the_policy_is_refused(db: Session, new: str, confirm: str, code: str) -> None:
    user, token, who = _signed_in(db)
    before = user.password_hash
    with pytest.raises(AccountRefusal) as refused:
        account.change_password(db, who, PASSWORD, new, confirm, CONTEXT)
    assert refused.value.code == code
    db.refresh(user)
    assert user.password_hash == before
    assert resolve_principal(db, token) is not None


def test_the_email_address_is_no_new_password(db: Session) -> None:
    address = f"long.enough.{uuid.uuid4().hex[:6]}@example.com"
    _user, _token, who = _signed_in(db, email=address)
    with pytest.raises(AccountRefusal) as refused:
        account.change_password(db, who, PASSWORD, address, address, CONTEXT)
    assert refused.value.code == RefusalCode.SAME_AS_EMAIL


def test_an_oauth_only_account_has_no_password_to_change(db: Session) -> None:
    user, _token, who = _signed_in(db)
    user.password_hash = None
    add(db, user)
    with pytest.raises(AccountRefusal) as refused:
        account.change_password(db, who, "anything at all", NEW_PASSWORD, NEW_PASSWORD, CONTEXT)
    assert refused.value.code == RefusalCode.NO_PASSWORD


# email


def test_an_email_change_happens_only_when_the_link_is_opened(db: Session) -> None:
    user, _token, who = _signed_in(db)
    old = user.email

    asked = account_email.request_email_change(
        db, who, " New.Address@Example.COM ", PASSWORD, CONTEXT, CONFIRM_PAGE
    )

    assert asked.new_email == "new.address@example.com"
    assert CONFIRM_PAGE in asked.link
    db.refresh(user)
    assert user.email == old
    changed = account_email.confirm_email_change(db, _token_of(asked.link), CONTEXT)
    db.refresh(user)
    assert (changed.old_email, changed.new_email, user.email) == (old, asked.new_email, asked.new_email)
    row = db.scalars(select(AuditLog).where(AuditLog.action == AuditAction.EMAIL_CHANGED)).one()
    assert row.old_values == {"email": old} and row.new_values == {"email": asked.new_email}


def test_the_link_works_once(db: Session) -> None:
    _user, _token, who = _signed_in(db)
    asked = account_email.request_email_change(
        db, who, f"{uuid.uuid4().hex}@example.com", PASSWORD, CONTEXT, CONFIRM_PAGE
    )
    account_email.confirm_email_change(db, _token_of(asked.link), CONTEXT)
    with pytest.raises(AccountRefusal) as refused:
        account_email.confirm_email_change(db, _token_of(asked.link), CONTEXT)
    assert refused.value.code == RefusalCode.LINK_INVALID


def test_a_newer_request_voids_the_older_link(db: Session) -> None:
    _user, _token, who = _signed_in(db)
    first = account_email.request_email_change(
        db, who, f"{uuid.uuid4().hex}@example.com", PASSWORD, CONTEXT, CONFIRM_PAGE
    )
    account_email.request_email_change(
        db, who, f"{uuid.uuid4().hex}@example.com", PASSWORD, CONTEXT, CONFIRM_PAGE
    )
    with pytest.raises(AccountRefusal) as refused:
        account_email.confirm_email_change(db, _token_of(first.link), CONTEXT)
    assert refused.value.code == RefusalCode.LINK_INVALID


def test_the_link_expires_after_a_day(db: Session) -> None:
    user, _token, who = _signed_in(db)
    asked = account_email.request_email_change(
        db, who, f"{uuid.uuid4().hex}@example.com", PASSWORD, CONTEXT, CONFIRM_PAGE
    )
    later = datetime.now(UTC) + timedelta(hours=24, minutes=1)
    with pytest.raises(AccountRefusal) as refused:
        account_email.confirm_email_change(db, _token_of(asked.link), CONTEXT, now=later)
    assert refused.value.code == RefusalCode.LINK_EXPIRED
    db.refresh(user)
    assert user.email != asked.new_email


def test_a_link_of_an_account_suspended_since_is_refused(db: Session) -> None:
    user, _token, who = _signed_in(db)
    asked = account_email.request_email_change(
        db, who, f"{uuid.uuid4().hex}@example.com", PASSWORD, CONTEXT, CONFIRM_PAGE
    )
    user.status = "suspended"
    add(db, user)
    with pytest.raises(AccountRefusal) as refused:
        account_email.confirm_email_change(db, _token_of(asked.link), CONTEXT)
    assert refused.value.code == RefusalCode.LINK_INVALID


@pytest.mark.parametrize("token", ["", "garbage", "a" * 5000, "eyJzdWIiOiJ4In0.bad.sig"])
def test_a_forged_link_is_refused(db: Session, token: str) -> None:
    with pytest.raises(AccountRefusal) as refused:
        account_email.confirm_email_change(db, token, CONTEXT)
    assert refused.value.code == RefusalCode.LINK_INVALID


def test_an_address_of_another_account_is_refused_in_any_case(db: Session) -> None:
    other = make_user(email=f"taken-{uuid.uuid4().hex[:6]}@example.com")
    add(db, other)
    _user, _token, who = _signed_in(db)
    with pytest.raises(AccountRefusal) as refused:
        account_email.request_email_change(db, who, other.email.upper(), PASSWORD, CONTEXT, CONFIRM_PAGE)
    assert refused.value.code == RefusalCode.EMAIL_TAKEN


def test_an_address_taken_after_the_request_is_refused_when_the_link_is_opened(db: Session) -> None:
    user, _token, who = _signed_in(db)
    address = f"{uuid.uuid4().hex}@example.com"
    asked = account_email.request_email_change(db, who, address, PASSWORD, CONTEXT, CONFIRM_PAGE)
    add(db, make_user(email=address))
    with pytest.raises(AccountRefusal) as refused:
        account_email.confirm_email_change(db, _token_of(asked.link), CONTEXT)
    assert refused.value.code == RefusalCode.EMAIL_TAKEN
    db.refresh(user)
    assert user.email != address


@pytest.mark.parametrize(
    ("email", "password", "code"),
    [
        ("not-an-address", PASSWORD, RefusalCode.EMAIL_INVALID),
        ("someone@example.com", "wrong password!", RefusalCode.CURRENT),
        ("", PASSWORD, RefusalCode.MISSING),
    ],
)
def test_an_email_change_request_is_refused(db: Session, email: str, password: str, code: str) -> None:
    user, _token, who = _signed_in(db)
    with pytest.raises(AccountRefusal) as refused:
        account_email.request_email_change(db, who, email, password, CONTEXT, CONFIRM_PAGE)
    assert refused.value.code == code
    db.refresh(user)
    assert user.email_verification_token is None


def test_asking_for_the_current_address_is_refused(db: Session) -> None:
    user, _token, who = _signed_in(db, email=f"me-{uuid.uuid4().hex[:8]}@example.com")
    with pytest.raises(AccountRefusal) as refused:
        account_email.request_email_change(db, who, user.email.upper(), PASSWORD, CONTEXT, CONFIRM_PAGE)
    assert refused.value.code == RefusalCode.EMAIL_SAME


# erasure


def test_deleting_scrubs_revokes_and_keeps_the_audit_trail(db: Session) -> None:
    user, token, who = _signed_in(
        db,
        phone="+4930123456",
        avatar_url="https://a.test/p.png",
        location="Berlin",
        github_id=uuid.uuid4().hex,
    )
    user.mfa_enabled, user.mfa_secret, user.mfa_backup_codes = True, "JBSWY3DPEHPK3PXP", ["code-1"]
    add(db, user)
    other = issue_session(db, user.id)
    account.update_profile(db, who, VALID_PROFILE, CONTEXT)

    account_erasure.delete_account(db, who, PASSWORD, "DELETE", CONTEXT)

    db.refresh(user)
    assert user.deleted_at is not None and user.status == "active"
    assert user.email == f"deleted-{user.id}@deleted.invalid"
    assert (user.first_name, user.last_name) == ("Deleted", "user")
    for field in (
        "password_hash",
        "phone",
        "avatar_url",
        "location",
        "mfa_secret",
        "mfa_backup_codes",
        "github_id",
    ):
        assert getattr(user, field) is None, field
    assert user.mfa_enabled is False
    assert resolve_principal(db, token) is None and resolve_principal(db, other) is None
    assert {AuditAction.PROFILE_UPDATED, AuditAction.ACCOUNT_DELETED} <= set(audit_actions(db, user.id))
    assert USER_DELETED in event_types_of(db, user.id)


def test_a_deleted_user_cannot_sign_in(db: Session) -> None:
    user, _token, who = _signed_in(db)
    email = user.email
    account_erasure.delete_account(db, who, PASSWORD, "DELETE", CONTEXT)
    with pytest.raises(InvalidCredentials):
        login(db, email, PASSWORD)


@pytest.mark.parametrize(
    ("password", "word", "code"),
    [
        (PASSWORD, "delete", RefusalCode.CONFIRM_WORD),
        (PASSWORD, "", RefusalCode.CONFIRM_WORD),
        ("wrong password!", "DELETE", RefusalCode.CURRENT),
        ("", "DELETE", RefusalCode.MISSING),
    ],
)
def test_deleting_needs_the_password_and_the_word(db: Session, password: str, word: str, code: str) -> None:
    user, token, who = _signed_in(db)
    with pytest.raises(AccountRefusal) as refused:
        account_erasure.delete_account(db, who, password, word, CONTEXT)
    assert refused.value.code == code
    db.refresh(user)
    assert user.deleted_at is None and resolve_principal(db, token) is not None


def test_an_oauth_only_account_deletes_with_the_word_alone(db: Session) -> None:
    user = make_user(google_id=uuid.uuid4().hex)
    add(db, user)
    who = resolve_principal(db, issue_session(db, user.id))
    account_erasure.delete_account(db, who, "", "DELETE", CONTEXT)
    db.refresh(user)
    assert user.deleted_at is not None and user.google_id is None


# mails


def test_the_confirmation_goes_to_the_new_address_and_the_notice_to_the_old_one(db: Session) -> None:
    user, _token, who = _signed_in(db, first_name="Ada")
    old = user.email
    new = f"{uuid.uuid4().hex}@example.com"
    asked = account_email.request_email_change(db, who, new, PASSWORD, CONTEXT, CONFIRM_PAGE)

    confirmation = account_email.email_change_mail(db, asked)
    changed = account_email.confirm_email_change(db, _token_of(asked.link), CONTEXT)
    notice = account_email.email_changed_notice(db, changed)

    assert confirmation.to == new and asked.link in confirmation.text
    assert notice.to == old and new in notice.text and asked.link not in notice.text


def test_the_password_mail_names_no_password(db: Session) -> None:
    user, _token, who = _signed_in(db)
    changed = account.change_password(db, who, PASSWORD, NEW_PASSWORD, NEW_PASSWORD, CONTEXT)
    message = account.password_changed_mail(db, changed)
    assert message.to == user.email
    assert NEW_PASSWORD not in message.text and PASSWORD not in message.text
