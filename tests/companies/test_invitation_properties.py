"""Any text in the invite form: a field message or a stored invitation, never a crash.

Each example runs in a savepoint rolled back afterwards (and with empty rate limits), so
examples cannot see each other. A refused example leaves no invitation behind; a stored one
holds the address as ``email-validator`` normalises it and one of the four roles.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.companies import invitation_acceptance, invitations
from jobhub.companies.invitation_acceptance import LinkProblem
from jobhub.companies.models import CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.platform import rate_limits
from jobhub.platform.errors import Invalid
from tests.companies.team_support import employee, named_team
from tests.factories import Team

EXAMPLES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

emails = st.one_of(
    st.emails(),
    st.emails().map(lambda e: f"  {e.upper()} "),
    st.text(max_size=300),
    st.sampled_from(["a@b", "@example.test", "a@@example.test", "a@example.test\x00", "ä@exämple.test"]),
)
roles = st.one_of(st.sampled_from([*TeamRole, " owner ", "OWNER", "", "admin\x00"]), st.text(max_size=30))


@pytest.fixture
def team(db: Session) -> Team:
    return named_team(db)


@contextmanager
def _example(db: Session) -> Iterator[None]:
    rate_limits.reset_limiter()
    savepoint = db.begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()
        db.expire_all()


def _pending(db: Session, team: Team) -> int:
    return int(
        db.scalar(
            select(func.count()).where(
                CompanyEmployee.company_id == team.company.id,
                CompanyEmployee.employment_status == EmploymentStatus.PENDING,
            )
        )
        or 0
    )


def _valid(address: str) -> bool:
    try:
        validate_email(address.strip(), check_deliverability=False, test_environment=True)
    except EmailNotValidError:
        return False
    return True


@EXAMPLES
@given(email=emails, role=roles)
def test_any_invite_form_is_refused_cleanly_or_stored(db: Session, team: Team, email: str, role: str) -> None:
    with _example(db):
        try:
            sent = invitations.invite_member(db, team.owner, team.company.id, email, role)
        except Invalid as exc:
            assert exc.field in ("email", "role") and exc.message
            assert _pending(db, team) == 0
            return
        row = employee(db, sent.invitation.id)
        assert _valid(email) and row.team_role in {r.value for r in TeamRole}
        assert row.invitation_email == row.invitation_email.lower() and "\x00" not in row.invitation_email
        assert sent.mail.to == row.invitation_email


@EXAMPLES
@given(token=st.one_of(st.text(max_size=400), st.binary(max_size=200).map(lambda b: b.hex())))
def test_any_token_is_a_clear_problem_never_a_crash(db: Session, token: str) -> None:
    preview = invitation_acceptance.invitation_preview(db, token)

    assert preview.problem == LinkProblem.INVALID and preview.message
