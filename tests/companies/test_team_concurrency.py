"""Two owners stepping down at the same moment: the company row's lock makes the second wait,
then count one owner and refuse, so the company is never left without an owner.

Real concurrent transactions need committed rows, removed after the test.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select, text
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies import teams
from jobhub.companies.models import CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.companies.team_roles import role_flags
from jobhub.platform.db import session_scope
from jobhub.platform.errors import Conflict
from tests.auth.support import delete_users
from tests.factories import make_company, make_user, principal_with_role

WAIT_SECONDS = 10


@pytest.fixture
def two_owners(engine: Engine) -> Iterator[tuple[uuid.UUID, list[tuple[Principal, uuid.UUID]]]]:
    with session_scope() as db:
        company = make_company()
        db.add(company)
        db.flush()
        owners = []
        for _ in range(2):
            user = make_user(user_type="employer")
            db.add(user)
            db.flush()
            row = CompanyEmployee(
                company_id=company.id, user_id=user.id, team_role=TeamRole.OWNER, **role_flags(TeamRole.OWNER)
            )
            db.add(row)
            db.flush()
            owners.append((principal_with_role("employer", user_id=user.id), row.id))
        company_id = company.id
    yield company_id, owners
    with engine.begin() as conn:
        for table in ("company_employees", "outbox_events", "domain_events"):
            column = "company_id" if table == "company_employees" else "aggregate_id"
            conn.execute(text(f"DELETE FROM companies.{table} WHERE {column} = :id"), {"id": company_id})
        conn.execute(text("DELETE FROM auth.audit_logs WHERE resource_id = :id"), {"id": company_id})
        conn.execute(text("DELETE FROM companies.companies WHERE id = :id"), {"id": company_id})
    delete_users(engine, [who.user_id for who, _ in owners])


def test_two_owners_stepping_down_at_once_leave_one_owner(
    engine: Engine, two_owners: tuple[uuid.UUID, list[tuple[Principal, uuid.UUID]]]
) -> None:
    company_id, [(first, first_row), (second, second_row)] = two_owners
    outcome: dict[str, object] = {}

    def step_down_too() -> None:
        with Session(engine) as other:
            try:
                teams.change_role(other, second, company_id, second_row, "admin")
                other.commit()
                outcome["done"] = True
            except Conflict as exc:
                outcome["refused"] = exc.message

    with Session(engine) as db:
        teams.change_role(db, first, company_id, first_row, "admin")
        racer = threading.Thread(target=step_down_too)
        racer.start()
        racer.join(timeout=1)
        assert racer.is_alive(), "the second change must wait for the first transaction"
        db.commit()
    racer.join(timeout=WAIT_SECONDS)

    assert "needs at least one owner" in str(outcome.get("refused"))
    with session_scope() as db:
        owners = db.scalar(
            select(func.count()).where(
                CompanyEmployee.company_id == company_id,
                CompanyEmployee.team_role == TeamRole.OWNER,
                CompanyEmployee.employment_status == EmploymentStatus.ACTIVE,
            )
        )
    assert owners == 1
