"""Every (seeded role, permission) cell: a user holding only that role is let through ``require``
exactly when ``alembic/reference_data/role_permissions.json`` grants it.

The expectation is read from the same file the migration seeds from, and the decision goes
through a real session token and ``resolve_principal``, so a drift anywhere between the seed,
the principal's query and ``require`` fails a named cell.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.authorization import require
from jobhub.auth.models import Role, UserRole
from jobhub.auth.permissions import ALL_PERMISSIONS
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.session_tokens import issue_session
from jobhub.platform.errors import Forbidden
from tests.factories import add, make_user

REFERENCE_DATA = Path(__file__).resolve().parents[2] / "alembic" / "reference_data"
GRANTS: dict[str, list[str]] = json.loads((REFERENCE_DATA / "role_permissions.json").read_text())
ROLES: list[str] = [row["name"] for row in json.loads((REFERENCE_DATA / "roles.json").read_text())]
CELLS = [
    (role, permission, permission in GRANTS.get(role, [])) for role in ROLES for permission in ALL_PERMISSIONS
]


def _role_id(db: Session, name: str) -> object:
    return db.scalars(select(Role.id).where(Role.name == name)).one()


def _principal_with(db: Session, role: str, **grant: object) -> Principal | None:
    user = make_user()
    add(db, user)
    add(db, UserRole(user_id=user.id, role_id=_role_id(db, role), **grant))
    return resolve_principal(db, issue_session(db, user.id))


def _allowed(principal: Principal | None, permission: str) -> bool:
    try:
        require(principal, permission)
    except Forbidden:
        return False
    return True


def test_the_matrix_covers_every_seeded_role_and_all_eleven_permissions() -> None:
    assert len(ROLES) == 6
    assert len(ALL_PERMISSIONS) == 11
    assert set(GRANTS) <= set(ROLES)


@pytest.mark.parametrize(("role", "permission", "granted"), CELLS, ids=[f"{r}-{p}" for r, p, _ in CELLS])
def test_a_user_holding_only_this_role(db: Session, role: str, permission: str, granted: bool) -> None:
    principal = _principal_with(db, role)

    assert principal is not None
    assert principal.roles == {role}
    assert _allowed(principal, permission) is granted


@pytest.mark.parametrize("role", ROLES)
def test_a_temporary_role_that_has_expired_grants_nothing(db: Session, role: str) -> None:
    principal = _principal_with(db, role, expires_at=datetime.now(UTC) - timedelta(seconds=1))

    assert principal is not None
    assert principal.roles == frozenset()
    assert not any(_allowed(principal, permission) for permission in ALL_PERMISSIONS)


def test_a_temporary_role_grants_until_it_expires(db: Session) -> None:
    user = make_user()
    add(db, user)
    expires = datetime.now(UTC) + timedelta(hours=1)
    add(db, UserRole(user_id=user.id, role_id=_role_id(db, "moderator"), expires_at=expires))
    token = issue_session(db, user.id, lifetime=timedelta(days=1))

    before = resolve_principal(db, token, now=expires - timedelta(minutes=1))
    after = resolve_principal(db, token, now=expires + timedelta(minutes=1))

    assert _allowed(before, "users:manage")
    assert after is not None and not _allowed(after, "users:manage")


@pytest.mark.parametrize("role", ROLES)
def test_an_inactive_grant_grants_nothing(db: Session, role: str) -> None:
    principal = _principal_with(db, role, is_active=False)

    assert principal is not None
    assert not any(_allowed(principal, permission) for permission in ALL_PERMISSIONS)


def test_the_user_type_alone_grants_nothing(db: Session) -> None:
    user = make_user(user_type="admin")
    add(db, user)

    principal = resolve_principal(db, issue_session(db, user.id))

    assert principal is not None
    assert not any(_allowed(principal, permission) for permission in ALL_PERMISSIONS)


def test_nobody_signed_in_is_refused_everything() -> None:
    assert not any(_allowed(None, permission) for permission in ALL_PERMISSIONS)
