"""The notifications context's part of "export my data": notifications, preferences, their delivery log."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from jobhub.notifications.models import NotificationDeliveryLog, NotificationPreference, UserNotification
from jobhub.platform.data_export import row_dict, rows


def export_user_data(db: Session, user_id: uuid.UUID) -> dict[str, Any]:
    preference = db.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user_id)
    ).one_or_none()
    mine = select(UserNotification.id).where(UserNotification.user_id == user_id)
    return {
        "notifications": rows(
            db.scalars(
                select(UserNotification)
                .where(UserNotification.user_id == user_id)
                .order_by(UserNotification.created_at)
            )
        ),
        "preferences": row_dict(preference) if preference else None,
        "deliveries": rows(
            db.scalars(
                select(NotificationDeliveryLog).where(NotificationDeliveryLog.notification_id.in_(mine))
            ),
            exclude=("provider_message_id",),
        ),
    }
