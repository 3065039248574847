"""Tables of the `notifications` schema: templates, in-app notifications, preferences, deliveries.

``user_id`` refers to auth users and so is a plain UUID. One notification may be delivered on
several channels; each attempt is a row of ``notification_delivery_log``.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, String, Text, Time
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from jobhub.platform.columns import (
    check_in,
    created_at,
    enum_default,
    flag,
    text_default,
    timestamp,
    updated_at,
    url_column,
    uuid_pk,
)
from jobhub.platform.event_tables import event_tables

SCHEMA = "notifications"

DomainEvent, OutboxEvent = event_tables(SCHEMA)


class Channel(StrEnum):
    """How a notification reaches a person: a template's ``type`` and a delivery's ``delivery_type``."""

    EMAIL = "email"
    PUSH = "push"
    SMS = "sms"
    IN_APP = "in_app"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class AlertFrequency(StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"
    BOUNCED = "bounced"


class NotificationTemplate(SQLModel, table=True):
    """A message per event and channel, named ``<event>.<channel>`` since names are unique.

    Templates use ``{placeholder}`` fields; ``variables`` lists the ones a sender must supply.
    """

    __tablename__ = "notification_templates"
    __table_args__ = (
        check_in("type", Channel),
        Index("idx_notification_templates_name", "name"),
        Index("idx_notification_templates_type", "type"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    name: str = Field(sa_type=String(100), unique=True)
    type: str = Field(sa_type=String(50))
    subject_template: str | None = Field(default=None, sa_type=Text)
    body_template: str = Field(sa_type=Text)
    variables: list[str] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    is_active: bool = flag(True)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class UserNotification(SQLModel, table=True):
    """What the bell shows; ``type`` is the event (e.g. ``application_status_changed``)."""

    __tablename__ = "user_notifications"
    __table_args__ = (
        check_in("priority", Priority),
        Index("idx_user_notifications_user_id", "user_id"),
        Index("idx_user_notifications_type", "type"),
        Index("idx_user_notifications_read", "user_id", "is_read"),
        Index("idx_user_notifications_created_at", "created_at"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    type: str = Field(sa_type=String(50))
    title: str = Field(sa_type=String(255))
    message: str = Field(sa_type=Text)
    data: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    is_read: bool = flag(False)
    read_at: datetime | None = timestamp()
    action_url: str | None = url_column()
    priority: str = enum_default(Priority.NORMAL)
    expires_at: datetime | None = timestamp()
    created_at: datetime = created_at()


class NotificationPreference(SQLModel, table=True):
    """One row per user; quiet hours are wall-clock times in ``timezone``."""

    __tablename__ = "notification_preferences"
    __table_args__ = (
        check_in("frequency_job_alerts", AlertFrequency),
        Index("idx_notification_preferences_user_id", "user_id"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = Field(unique=True)
    email_enabled: bool = flag(True)
    push_enabled: bool = flag(True)
    sms_enabled: bool = flag(False)
    in_app_enabled: bool = flag(True)
    job_alerts: bool = flag(True)
    application_updates: bool = flag(True)
    messages: bool = flag(True)
    marketing: bool = flag(False)
    weekly_digest: bool = flag(True)
    frequency_job_alerts: str = enum_default(AlertFrequency.IMMEDIATE)
    quiet_hours_start: time | None = Field(default=None, sa_type=Time)
    quiet_hours_end: time | None = Field(default=None, sa_type=Time)
    timezone: str = text_default("UTC", 50)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class NotificationDeliveryLog(SQLModel, table=True):
    """One attempt to deliver on one channel, with the provider's id for its webhooks.

    ``notification_id`` is NULL for mail that has no in-app notification (e-mail
    verification, password reset); a delivery goes with its notification when that is purged.
    """

    __tablename__ = "notification_delivery_log"
    __table_args__ = (
        check_in("delivery_type", Channel),
        check_in("status", DeliveryStatus),
        Index("idx_notification_delivery_log_notification_id", "notification_id"),
        Index("idx_notification_delivery_log_status", "status"),
        Index("idx_notification_delivery_log_sent_at", "sent_at"),
        Index("idx_notification_delivery_log_type", "delivery_type"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    notification_id: uuid.UUID | None = Field(
        default=None, foreign_key=f"{SCHEMA}.user_notifications.id", ondelete="CASCADE", nullable=True
    )
    delivery_type: str = Field(sa_type=String(20))
    recipient: str = Field(sa_type=String(255))
    status: str = enum_default(DeliveryStatus.PENDING)
    provider: str | None = Field(default=None, sa_type=String(50))
    provider_message_id: str | None = Field(default=None, sa_type=String(255))
    error_message: str | None = Field(default=None, sa_type=Text)
    sent_at: datetime | None = timestamp()
    delivered_at: datetime | None = timestamp()
    opened_at: datetime | None = timestamp()
    clicked_at: datetime | None = timestamp()
    created_at: datetime = created_at()
