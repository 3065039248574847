"""The notifications schema refuses unknown channels, priorities and statuses, and duplicates."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import time
from enum import StrEnum
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from jobhub.notifications.models import (
    AlertFrequency,
    Channel,
    DeliveryStatus,
    NotificationDeliveryLog,
    NotificationPreference,
    NotificationTemplate,
    Priority,
    UserNotification,
)

Rows = list[SQLModel]


def add(db: Session, *rows: SQLModel) -> None:
    """Flush row by row: with no relationships declared, SQLAlchemy does not order inserts by key."""
    for row in rows:
        db.add(row)
        db.flush()


def refused(db: Session, *rows: SQLModel) -> None:
    with pytest.raises(IntegrityError):
        add(db, *rows)


def make_template(**overrides: Any) -> NotificationTemplate:
    values = {
        "name": f"test_{uuid.uuid4().hex[:10]}.email",
        "type": Channel.EMAIL,
        "subject_template": "Hello {first_name}",
        "body_template": "Welcome, {first_name}.",
        "variables": ["first_name"],
    }
    return NotificationTemplate(**(values | overrides))


def make_notification(**overrides: Any) -> UserNotification:
    values = {
        "user_id": uuid.uuid4(),
        "type": "new_message",
        "title": "New message from Ada",
        "message": "Are you free on Friday?",
    }
    return UserNotification(**(values | overrides))


def template(**overrides: Any) -> Rows:
    return [make_template(**overrides)]


def notification(**overrides: Any) -> Rows:
    return [make_notification(**overrides)]


def preference(**overrides: Any) -> Rows:
    return [NotificationPreference(**({"user_id": uuid.uuid4()} | overrides))]


def delivery(**overrides: Any) -> Rows:
    parent = make_notification()
    values = {"notification_id": parent.id, "delivery_type": Channel.EMAIL, "recipient": "ada@example.test"}
    return [parent, NotificationDeliveryLog(**(values | overrides))]


BUILDERS: dict[str, Callable[..., Rows]] = {
    "notification_templates": template,
    "user_notifications": notification,
    "notification_preferences": preference,
    "notification_delivery_log": delivery,
}


@pytest.mark.parametrize(
    ("table", "field", "values"),
    [
        ("notification_templates", "type", Channel),
        ("user_notifications", "priority", Priority),
        ("notification_preferences", "frequency_job_alerts", AlertFrequency),
        ("notification_delivery_log", "delivery_type", Channel),
        ("notification_delivery_log", "status", DeliveryStatus),
    ],
)
def test_every_listed_value_is_accepted(db: Session, table: str, field: str, values: type[StrEnum]) -> None:
    for value in values:
        add(db, *BUILDERS[table](**{field: value}))


@pytest.mark.parametrize(
    ("table", "overrides"),
    [
        ("notification_templates", {"type": "fax"}),
        ("user_notifications", {"priority": "critical"}),
        ("notification_preferences", {"frequency_job_alerts": "monthly"}),
        ("notification_delivery_log", {"delivery_type": "pigeon"}),
        ("notification_delivery_log", {"status": "read"}),
    ],
    ids=lambda p: p if isinstance(p, str) else "-".join(map(str, p.values())),
)
def test_a_row_outside_the_checks_is_refused(db: Session, table: str, overrides: dict[str, Any]) -> None:
    refused(db, *BUILDERS[table](**overrides))


def test_a_template_name_is_unique(db: Session) -> None:
    first = make_template()
    add(db, first, make_template(name=f"{first.name}.v2"))
    refused(db, make_template(name=first.name, type=Channel.IN_APP))


def test_one_preference_row_per_user(db: Session) -> None:
    (first,) = preference(quiet_hours_start=time(22, 0), quiet_hours_end=time(7, 0))
    add(db, first, *preference())
    refused(db, NotificationPreference(user_id=first.user_id))


def test_mail_without_an_in_app_notification_is_logged(db: Session) -> None:
    add(db, *delivery(notification_id=None, recipient="new.user@example.test"))


def test_deliveries_go_with_their_notification(db: Session) -> None:
    parent, attempt = delivery()
    add(db, parent, attempt)

    db.execute(delete(UserNotification).where(UserNotification.id == parent.id))

    gone = select(NotificationDeliveryLog).where(NotificationDeliveryLog.id == attempt.id)
    assert db.scalars(gone).all() == []
