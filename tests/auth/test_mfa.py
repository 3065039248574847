"""Two-step verification as a service: enrolment, codes, replay, backup codes, turning it off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlmodel import Session

from jobhub.auth import mfa
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.backup_codes import hash_backup_code
from jobhub.auth.models import User
from jobhub.auth.passwords import hash_password
from jobhub.auth.principal import Principal
from jobhub.platform.errors import Conflict
from jobhub.platform.event_types import USER_MFA_DISABLED, USER_MFA_ENABLED, USER_MFA_FAILED
from tests.auth.support import audit_actions, enrol_mfa, event_types_of
from tests.factories import add, make_user

PASSWORD = "correct horse battery staple"
CONTEXT = RequestContext.of("203.0.113.9", "pytest")
NOW = datetime(2026, 11, 25, 10, 0, 0, tzinfo=UTC)


def _principal(user: User) -> Principal:
    return Principal(user_id=user.id, user_type=str(user.user_type))


def _enrolled(db: Session) -> tuple[User, str, list[str]]:
    """A user with MFA on; returns the plain secret (read back from the sealed column) and codes."""
    user = make_user(password_hash=hash_password(PASSWORD))
    add(db, user)
    mfa.begin_enrolment(db, _principal(user))
    secret = mfa.open_secret(user.mfa_secret)
    assert secret is not None
    code = pyotp.TOTP(secret).at(NOW - timedelta(seconds=60))
    codes = mfa.confirm_enrolment(db, _principal(user), code, CONTEXT, now=NOW - timedelta(seconds=60))
    return user, secret, codes


def test_enrolment_keeps_the_secret_sealed_and_shows_a_qr_and_key_once(db: Session) -> None:
    user = make_user()
    add(db, user)

    shown = mfa.begin_enrolment(db, _principal(user))

    secret = mfa.open_secret(user.mfa_secret)
    assert secret and secret not in (user.mfa_secret or "")
    assert shown.manual_key.replace(" ", "") == secret
    assert shown.qr_data_uri.startswith("data:image/svg+xml;base64,")
    assert not user.mfa_enabled


def test_a_wrong_confirmation_code_leaves_mfa_off(db: Session) -> None:
    user = make_user()
    add(db, user)
    mfa.begin_enrolment(db, _principal(user))

    with pytest.raises(mfa.MfaRefused) as refused:
        mfa.confirm_enrolment(db, _principal(user), "000000", CONTEXT, now=NOW)

    assert refused.value.code == mfa.MfaFieldCode.CODE
    assert not user.mfa_enabled and user.mfa_backup_codes is None
    assert audit_actions(db, user.id) == [AuditAction.MFA_FAILURE]
    assert event_types_of(db, user.id) == [USER_MFA_FAILED]


def test_confirming_turns_mfa_on_with_ten_hashed_backup_codes(db: Session) -> None:
    user, _, codes = _enrolled(db)

    assert user.mfa_enabled
    assert len(codes) == 10 and len(set(codes)) == 10
    assert sorted(user.mfa_backup_codes or []) == sorted(hash_backup_code(c) for c in codes)
    assert not set(codes) & set(user.mfa_backup_codes or [])
    assert AuditAction.MFA_ENABLED in audit_actions(db, user.id)
    assert USER_MFA_ENABLED in event_types_of(db, user.id)


def test_a_current_totp_is_accepted_and_the_same_step_is_refused_after(db: Session) -> None:
    user, secret, _ = _enrolled(db)
    code = pyotp.TOTP(secret).at(NOW)

    assert mfa.accept_code(db, user, code, CONTEXT, now=NOW) == mfa.CodeKind.TOTP
    with pytest.raises(mfa.MfaRefused):
        mfa.accept_code(db, user, code, CONTEXT, now=NOW + timedelta(seconds=5))

    assert audit_actions(db, user.id)[-1] == AuditAction.MFA_FAILURE


def test_the_previous_step_is_still_accepted_but_an_older_one_is_not(db: Session) -> None:
    user, secret, _ = _enrolled(db)
    totp = pyotp.TOTP(secret)

    assert mfa.accept_code(db, user, totp.at(NOW - timedelta(seconds=30)), CONTEXT, now=NOW)
    with pytest.raises(mfa.MfaRefused):
        mfa.accept_code(db, user, totp.at(NOW + timedelta(seconds=90)), CONTEXT, now=NOW)


def test_a_code_from_before_the_last_used_step_cannot_be_replayed(db: Session) -> None:
    user, secret, _ = _enrolled(db)
    totp = pyotp.TOTP(secret)
    mfa.accept_code(db, user, totp.at(NOW + timedelta(seconds=30)), CONTEXT, now=NOW)

    with pytest.raises(mfa.MfaRefused):
        mfa.accept_code(db, user, totp.at(NOW), CONTEXT, now=NOW)


def test_a_backup_code_works_once_whatever_its_case_and_spacing(db: Session) -> None:
    user, _, codes = _enrolled(db)
    typed = " " + codes[3].upper().replace("-", " ") + " "

    assert mfa.accept_code(db, user, typed, CONTEXT, now=NOW) == mfa.CodeKind.BACKUP
    assert len(user.mfa_backup_codes or []) == 9
    with pytest.raises(mfa.MfaRefused):
        mfa.accept_code(db, user, codes[3], CONTEXT, now=NOW)


def test_turning_off_needs_the_password(db: Session) -> None:
    user, secret, _ = _enrolled(db)

    with pytest.raises(mfa.MfaRefused) as refused:
        mfa.disable(db, _principal(user), "wrong password", pyotp.TOTP(secret).at(NOW), CONTEXT, now=NOW)

    assert refused.value.field == "password"
    assert user.mfa_enabled


def test_turning_off_needs_a_code(db: Session) -> None:
    user, _, _ = _enrolled(db)

    with pytest.raises(mfa.MfaRefused) as refused:
        mfa.disable(db, _principal(user), PASSWORD, "123456", CONTEXT, now=NOW)

    assert refused.value.field == "code"
    assert user.mfa_enabled


def test_turning_off_with_password_and_code_forgets_the_secret_and_codes(db: Session) -> None:
    user, secret, _ = _enrolled(db)

    mfa.disable(db, _principal(user), PASSWORD, pyotp.TOTP(secret).at(NOW), CONTEXT, now=NOW)

    assert not user.mfa_enabled
    assert (user.mfa_secret, user.mfa_backup_codes, user.mfa_last_used_step) == (None, None, None)
    assert audit_actions(db, user.id)[-1] == AuditAction.MFA_DISABLED
    assert USER_MFA_DISABLED in event_types_of(db, user.id)


def test_new_backup_codes_need_a_code_and_void_the_old_ones(db: Session) -> None:
    user, secret, old = _enrolled(db)
    with pytest.raises(mfa.MfaRefused):
        mfa.regenerate_backup_codes(db, _principal(user), "nope", CONTEXT, now=NOW)

    new = mfa.regenerate_backup_codes(db, _principal(user), pyotp.TOTP(secret).at(NOW), CONTEXT, now=NOW)

    assert len(new) == 10 and not set(new) & set(old)
    with pytest.raises(mfa.MfaRefused):
        mfa.accept_code(db, user, old[0], CONTEXT, now=NOW)
    assert mfa.accept_code(db, user, new[0], CONTEXT, now=NOW) == mfa.CodeKind.BACKUP
    assert AuditAction.MFA_BACKUP_CODES_REGENERATED in audit_actions(db, user.id)


def test_setting_up_again_while_on_is_a_conflict(db: Session) -> None:
    user, _, _ = _enrolled(db)

    with pytest.raises(Conflict):
        mfa.begin_enrolment(db, _principal(user))


def test_a_secret_sealed_with_another_key_opens_as_nothing() -> None:
    assert mfa.open_secret("gAAAAABnot-a-token") is None
    assert mfa.open_secret(None) is None


def test_the_overview_follows_set_up_and_a_used_backup_code(db: Session) -> None:
    user = make_user(password_hash=hash_password("a long enough password"))
    add(db, user)
    who = Principal(user_id=user.id, user_type=str(user.user_type))
    assert mfa.overview(db, who) == mfa.MfaOverview(
        enabled=False, has_password=True, backup_codes_left=0, pending=None
    )

    started = mfa.begin_enrolment(db, who)
    assert mfa.overview(db, who).pending == started

    _, codes = enrol_mfa(db, user)
    mfa.accept_code(db, user, codes[0], RequestContext())
    status = mfa.overview(db, who)
    assert (status.enabled, status.backup_codes_left, status.pending) == (True, 9, None)
