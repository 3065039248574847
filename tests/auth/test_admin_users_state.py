"""What the admin page's state holds: plain strings an administrator may see, nothing secret."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import Session

from jobhub.admin.users_state import AdminUsersState, _uuid, detail_view, parse_expiry, row_view
from jobhub.auth import admin_users as service
from jobhub.auth.models import Role, UserRole
from jobhub.auth.passwords import hash_password
from jobhub.auth.principal import resolve_principal
from jobhub.auth.session_tokens import issue_session
from jobhub.platform.errors import Invalid, NotFound
from tests.factories import add, make_user

SECRET_WORDS = ("password", "hash", "secret", "token", "backup", "mfa_secret")


def test_no_state_var_is_named_for_a_secret() -> None:
    names = [name for name in AdminUsersState.base_vars if not name.startswith("_")]

    assert names
    assert not [name for name in names if any(word in name for word in SECRET_WORDS)]


def test_the_views_sent_to_the_browser_hold_no_secret(db: Session) -> None:
    admin = make_user(user_type="admin")
    target = make_user(
        password_hash=hash_password("a long enough password"),
        mfa_enabled=True,
        mfa_secret="JBSWY3DPEHPK3PXP",
        mfa_backup_codes=["backup-code-1"],
        password_reset_token="reset-me",
    )
    add(db, admin, target)
    add(db, UserRole(user_id=admin.id, role_id=db.scalars(select(Role.id).where(Role.name == "admin")).one()))
    token = issue_session(db, target.id)
    principal = resolve_principal(db, issue_session(db, admin.id))

    detail = detail_view(service.user_detail(db, principal, target.id))
    [row] = [
        row_view(r) for r in service.list_users(db, principal, service.UserFilters(search=target.email)).rows
    ]

    shown = repr(detail) + repr(row)
    for secret in (target.password_hash, "JBSWY3DPEHPK3PXP", "backup-code-1", "reset-me", token):
        assert secret not in shown
    assert detail["mfa"] == "on" and detail["active_sessions"] == "1"
    assert all(isinstance(value, str) for value in (*detail.values(), *row.values()))


def test_an_expiry_without_a_zone_is_read_as_utc() -> None:
    assert parse_expiry("2030-05-01T09:30") == datetime(2030, 5, 1, 9, 30, tzinfo=UTC)
    assert parse_expiry("   ") is None


@given(st.text(max_size=60))
def test_any_expiry_text_is_a_moment_nothing_or_a_field_message(value: str) -> None:
    try:
        moment = parse_expiry(value)
    except Invalid as refused:
        assert refused.field == "expires_at"
    else:
        assert moment is None or moment.tzinfo is not None


def test_a_browser_id_that_is_not_a_uuid_reads_as_a_missing_account() -> None:
    with pytest.raises(NotFound):
        _uuid("../../etc/passwd")
    assert _uuid(str(uuid.UUID(int=1))) == uuid.UUID(int=1)
