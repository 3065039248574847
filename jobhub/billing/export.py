"""The billing context's part of "export my data": subscriptions (with the plan's name) and payments."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from jobhub.billing.models import PaymentTransaction, SubscriptionPlan, UserSubscription
from jobhub.platform.data_export import json_value, row_dict, rows


def export_user_data(db: Session, user_id: uuid.UUID) -> dict[str, Any]:
    subscriptions = db.execute(
        select(UserSubscription, SubscriptionPlan.name)
        .join(SubscriptionPlan, SubscriptionPlan.id == UserSubscription.plan_id)
        .where(UserSubscription.user_id == user_id)
    ).all()
    return {
        "subscriptions": [row_dict(row) | {"plan": json_value(name)} for row, name in subscriptions],
        "payments": rows(
            db.scalars(
                select(PaymentTransaction)
                .where(PaymentTransaction.user_id == user_id)
                .order_by(PaymentTransaction.created_at)
            )
        ),
    }
