"""The notifications schema refuses unknown channels, priorities and statuses, and duplicates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from enum import StrEnum
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlmodel import Session

from jobhub.notifications.models import (
    AlertFrequency,
    Channel,
    DeliveryStatus,
    NotificationDeliveryLog,
    NotificationPreference,
    Priority,
    UserNotification,
)
from tests.factories import (
    Rows,
    add,
    make_delivery,
    make_notification,
    make_preference,
    make_template,
    overrides_id,
    refused,
)


def template(**overrides: Any) -> Rows:
    return [make_template(**overrides)]


def notification(**overrides: Any) -> Rows:
    return [make_notification(**overrides)]


def preference(**overrides: Any) -> Rows:
    return [make_preference(**overrides)]


def delivery(**overrides: Any) -> Rows:
    parent = make_notification()
    return [parent, make_delivery(parent, **overrides)]


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
    ids=overrides_id,
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
