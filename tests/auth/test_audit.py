"""Every audit row is also a domain event, including the ones no flow has a specific event for."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.login import InvalidCredentials, login
from jobhub.auth.models import AuditLog, AuditSeverity, DomainEvent
from jobhub.platform.event_types import AUDIT_RECORDED
from tests.factories import add, make_user

ACTIONS = [value for name, value in vars(AuditAction).items() if name.isupper()]


def _audit_events(db: Session, correlation_id: uuid.UUID) -> list[DomainEvent]:
    """Only this test's events: route tests in the same database commit theirs."""
    rows = select(DomainEvent).where(
        DomainEvent.event_type == AUDIT_RECORDED, DomainEvent.correlation_id == correlation_id
    )
    return list(db.scalars(rows).all())


def test_each_action_is_emitted_once_with_its_row_and_no_details(db: Session) -> None:
    user = make_user()
    add(db, user)
    context = RequestContext.of("203.0.113.9", "pytest")
    for action in ACTIONS:
        audit.record(db, action, AuditSeverity.WARN, context, user_id=user.id, details={"secret": "x"})
    db.flush()
    events = _audit_events(db, context.correlation_id)
    rows = {row.id: row for row in db.scalars(select(AuditLog).where(AuditLog.user_id == user.id))}
    assert sorted(event.event_data["action"] for event in events) == sorted(ACTIONS)
    for event in events:
        row = rows[uuid.UUID(event.event_data["audit_id"])]
        assert row.action == event.event_data["action"]
        assert event.aggregate_id == row.id
        assert event.event_data["subject_id"] == str(user.id)
        assert event.correlation_id == context.correlation_id
        assert "secret" not in str(event.event_data)


def test_a_failed_login_for_an_unknown_address_is_evented_without_a_user(db: Session) -> None:
    correlation_id = uuid.uuid4()
    with pytest.raises(InvalidCredentials):
        login(db, "nobody@example.test", "wrong password 123", correlation_id=correlation_id)
    (event,) = _audit_events(db, correlation_id)
    assert event.event_data["action"] == AuditAction.LOGIN_FAILURE
    assert event.event_data["subject_id"] is None
    assert str(event.aggregate_id) == event.event_data["audit_id"]
