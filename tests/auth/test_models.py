"""The auth schema refuses what the document forbids, whatever a service might try to store."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlmodel import Session, SQLModel

from jobhub.auth.models import (
    AuditLog,
    AuditSeverity,
    AuthSession,
    RolePermission,
    User,
    UserRole,
    UserStatus,
    UserType,
)
from tests.factories import (
    Case,
    Rows,
    add,
    make_audit_log,
    make_permission,
    make_role,
    make_session,
    make_user,
    overrides_id,
    refused,
    tag,
)


def user(**overrides: Any) -> Rows:
    return [make_user(**overrides)]


def audit_log(**overrides: Any) -> Rows:
    return [make_audit_log(**overrides)]


BUILDERS: dict[str, Callable[..., Rows]] = {"users": user, "audit_logs": audit_log}


@pytest.mark.parametrize(
    ("table", "field", "values"),
    [
        ("users", "user_type", UserType),
        ("users", "status", UserStatus),
        ("audit_logs", "severity", AuditSeverity),
    ],
)
def test_every_listed_value_is_accepted(db: Session, table: str, field: str, values: type[StrEnum]) -> None:
    for value in values:
        add(db, *BUILDERS[table](**{field: value}))


@pytest.mark.parametrize(
    ("table", "overrides"),
    [
        ("users", {"user_type": "recruiter"}),
        ("users", {"status": "deleted"}),
        ("audit_logs", {"severity": "info"}),
    ],
    ids=overrides_id,
)
def test_a_row_outside_the_checks_is_refused(db: Session, table: str, overrides: dict[str, Any]) -> None:
    refused(db, *BUILDERS[table](**overrides))


def duplicate_email() -> tuple[Rows, SQLModel, SQLModel]:
    return user(email="ada@example.test"), make_user(email="ada@example.test"), make_user()


def duplicate_oauth_id(column: str) -> Case:
    def case() -> tuple[Rows, SQLModel, SQLModel]:
        return user(**{column: "12345"}), make_user(**{column: "12345"}), make_user(**{column: "67890"})

    case.__name__ = f"duplicate_{column}"
    return case


def duplicate_role_name() -> tuple[Rows, SQLModel, SQLModel]:
    name = f"recruiter-{tag()}"
    return [make_role(name=name)], make_role(name=name), make_role(name=f"sourcer-{tag()}")


def duplicate_user_role() -> tuple[Rows, SQLModel, SQLModel]:
    person, role, other = make_user(), make_role(), make_role()
    first = UserRole(user_id=person.id, role_id=role.id)
    return (
        [person, role, other, first],
        UserRole(user_id=person.id, role_id=role.id),
        UserRole(user_id=person.id, role_id=other.id),
    )


def duplicate_permission_name() -> tuple[Rows, SQLModel, SQLModel]:
    name = f"reports:{tag()}"
    return [make_permission(name=name)], make_permission(name=name), make_permission()


def duplicate_role_permission() -> tuple[Rows, SQLModel, SQLModel]:
    role, permission, other = make_role(), make_permission(), make_permission()
    first = RolePermission(role_id=role.id, permission_id=permission.id)
    return (
        [role, permission, other, first],
        RolePermission(role_id=role.id, permission_id=permission.id),
        RolePermission(role_id=role.id, permission_id=other.id),
    )


def duplicate_session_hash(column: str) -> Case:
    def case() -> tuple[Rows, SQLModel, SQLModel]:
        person = make_user()
        first = make_session(person, **{column: "f" * 64})
        return [person, first], make_session(person, **{column: "f" * 64}), make_session(person)

    case.__name__ = f"duplicate_session_{column}"
    return case


DUPLICATES: list[Case] = [
    duplicate_email,
    duplicate_oauth_id("google_id"),
    duplicate_oauth_id("linkedin_id"),
    duplicate_oauth_id("github_id"),
    duplicate_role_name,
    duplicate_user_role,
    duplicate_permission_name,
    duplicate_role_permission,
    duplicate_session_hash("token_hash"),
    duplicate_session_hash("refresh_token_hash"),
]


@pytest.mark.parametrize("case", DUPLICATES, ids=lambda case: case.__name__)
def test_a_duplicate_is_refused(db: Session, case: Case) -> None:
    existing, duplicate, _ = case()
    add(db, *existing)
    refused(db, duplicate)


@pytest.mark.parametrize("case", DUPLICATES, ids=lambda case: case.__name__)
def test_a_distinct_row_is_accepted(db: Session, case: Case) -> None:
    existing, _, distinct = case()
    add(db, *existing, distinct)


def test_a_user_without_a_password_gets_the_documented_defaults(db: Session) -> None:
    person = make_user()
    add(db, person)
    db.expire(person)

    assert person.password_hash is None
    assert (person.status, person.timezone, person.language) == (UserStatus.ACTIVE, "UTC", "en")
    assert (person.email_verified, person.mfa_enabled, person.failed_login_attempts) == (False, False, 0)


def test_an_audit_entry_outlives_its_purged_session(db: Session) -> None:
    person = make_user()
    signed_in = make_session(person)
    entry = make_audit_log(user_id=person.id, session_id=signed_in.id, ip_address="192.0.2.7")
    add(db, person, signed_in, entry)

    db.execute(delete(AuthSession).where(AuthSession.id == signed_in.id))
    db.expire_all()

    kept = db.scalars(select(AuditLog).where(AuditLog.id == entry.id)).one()
    assert (kept.user_id, kept.session_id, str(kept.ip_address)) == (person.id, None, "192.0.2.7")


def test_deleting_a_user_takes_their_sessions_and_role_grants(db: Session) -> None:
    person, role = make_user(), make_role()
    add(db, person, role, make_session(person), UserRole(user_id=person.id, role_id=role.id))

    db.execute(delete(User).where(User.id == person.id))

    assert db.scalars(select(AuthSession).where(AuthSession.user_id == person.id)).all() == []
    assert db.scalars(select(UserRole).where(UserRole.user_id == person.id)).all() == []
