"""Arbitrary text in the admin forms (search, reason, role name): a domain error at worst,
never a crash, and a refused action changes no row."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth import admin_user_actions as actions
from jobhub.auth import admin_users as service
from jobhub.auth.admin_users import UserFilters
from jobhub.auth.audit import RequestContext
from jobhub.auth.models import AuditLog, Role, User, UserRole
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.session_tokens import issue_session
from jobhub.platform.errors import DomainError, Invalid
from tests.factories import add, make_user

CONTEXT = RequestContext.of(None, None)
FIXTURE_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def admin(db: Session) -> Principal:
    user = make_user(user_type="admin")
    add(db, user)
    role_id = db.scalars(select(Role.id).where(Role.name == "admin")).one()
    add(db, UserRole(user_id=user.id, role_id=role_id))
    principal = resolve_principal(db, issue_session(db, user.id))
    assert principal is not None
    return principal


@pytest.fixture
def target(db: Session) -> User:
    user = make_user()
    add(db, user)
    return user


def _snapshot(db: Session, user_id: uuid.UUID) -> tuple[str, int, int]:
    status = db.scalars(select(User.status).where(User.id == user_id)).one()
    audits = db.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.resource_id == user_id)) or 0
    grants = db.scalar(select(func.count()).select_from(UserRole).where(UserRole.user_id == user_id)) or 0
    return status, audits, grants


@FIXTURE_SETTINGS
@given(search=st.text(max_size=300), user_type=st.sampled_from(["", "employer", "job_seeker"]))
def test_any_search_text_lists_or_explains(
    db: Session, admin: Principal, search: str, user_type: str
) -> None:
    page = service.list_users(db, admin, UserFilters(search=search, user_type=user_type))

    assert page.page >= 1 and len(page.rows) <= service.PAGE_SIZE


@FIXTURE_SETTINGS
@given(reason=st.text(max_size=600))
def test_any_reason_suspends_or_is_refused_without_a_change(
    db: Session, admin: Principal, target: User, reason: str
) -> None:
    before = _snapshot(db, target.id)
    savepoint = db.begin_nested()
    try:
        actions.suspend_user(db, admin, target.id, reason, CONTEXT)
    except Invalid as refused:
        assert refused.field == "reason"
        assert _snapshot(db, target.id) == before
    else:
        status, audits, _ = _snapshot(db, target.id)
        assert status == "suspended" and audits == before[1] + 1
    finally:
        savepoint.rollback()


@FIXTURE_SETTINGS
@given(role=st.text(max_size=80))
def test_any_role_name_is_granted_only_when_it_exists(
    db: Session, admin: Principal, target: User, role: str
) -> None:
    before = _snapshot(db, target.id)
    savepoint = db.begin_nested()
    try:
        actions.assign_role(db, admin, target.id, role, CONTEXT)
    except DomainError:
        assert _snapshot(db, target.id) == before
    else:
        assert service.clean_text(role, 50) in service.role_names(db)
    finally:
        savepoint.rollback()
