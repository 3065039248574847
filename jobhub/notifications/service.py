"""Functions other contexts call to reach a person: in-app notifications (the bell) and preferences.

Other contexts never write ``notifications`` tables themselves; they call these functions in
their own transaction, so a notification exists exactly when the change that caused it commits.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlmodel import Session

from jobhub.notifications.models import NotificationPreference, UserNotification


def in_app_enabled(db: Session, user_id: uuid.UUID) -> bool:
    """Whether the user wants in-app notifications; a user who never chose gets them."""
    enabled = db.execute(
        select(NotificationPreference.in_app_enabled).where(NotificationPreference.user_id == user_id)
    ).scalar_one_or_none()
    return enabled is not False


def notify(
    db: Session,
    user_id: uuid.UUID,
    type: str,
    title: str,
    message: str,
    action_url: str | None = None,
) -> uuid.UUID | None:
    """Add an in-app notification; its id, or ``None`` when the user turned in-app notifications off.

    ``type`` names what happened (e.g. ``saved_job.reminder``) so the bell can group and filter.
    """
    if not in_app_enabled(db, user_id):
        return None
    notification = UserNotification(
        user_id=user_id, type=type, title=title[:255], message=message, action_url=action_url
    )
    db.add(notification)
    db.flush()
    return notification.id


def wants_job_alert_mail(db: Session, user_id: uuid.UUID) -> bool:
    """Whether job alert digests may be mailed: e-mail and job alerts both on (the defaults)."""
    row = db.execute(
        select(NotificationPreference.email_enabled, NotificationPreference.job_alerts).where(
            NotificationPreference.user_id == user_id
        )
    ).one_or_none()
    return row is None or (row.email_enabled and row.job_alerts)


def wants_email(db: Session, user_id: uuid.UUID) -> bool:
    """Whether the user takes e-mail at all (on unless they turned it off): for service mail
    such as a posting about to expire, which has no switch of its own."""
    enabled = db.execute(
        select(NotificationPreference.email_enabled).where(NotificationPreference.user_id == user_id)
    ).scalar_one_or_none()
    return enabled is not False
