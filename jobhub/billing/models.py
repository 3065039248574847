"""Tables of the `billing` schema: plans, subscriptions, payments, and the saga log.

Money is ``NUMERIC(10,2)`` in the plan's currency (never float). The columns of the document's
alternative ``subscriptions`` version are folded in where Stripe needs them: trial and period
bounds, ``cancel_at_period_end`` and the Stripe ids that webhooks arrive with.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Column, Index, Numeric, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from jobhub.platform.columns import (
    check_in,
    counter,
    created_at,
    currency_code,
    enum_default,
    flag,
    timestamp,
    updated_at,
    uuid_pk,
)
from jobhub.platform.event_tables import event_tables

SCHEMA = "billing"

DomainEvent, OutboxEvent = event_tables(SCHEMA)


class PlanAudience(StrEnum):
    JOB_SEEKER = "job_seeker"
    EMPLOYER = "employer"


class PlanType(StrEnum):
    """What a plan entitles to; ``job_seeker_free`` is added to the document's set so that the
    free tier is a plan like the others rather than the absence of one."""

    JOB_SEEKER_FREE = "job_seeker_free"
    JOB_SEEKER_PREMIUM = "job_seeker_premium"
    EMPLOYER_BASIC = "employer_basic"
    EMPLOYER_PREMIUM = "employer_premium"
    ENTERPRISE = "enterprise"


class BillingCycle(StrEnum):
    MONTHLY = "monthly"
    YEARLY = "yearly"


class SubscriptionStatus(StrEnum):
    """The document's statuses plus Stripe's ``trialing`` and ``past_due`` (payment retrying)."""

    TRIALING = "trialing"
    ACTIVE = "active"
    PAST_DUE = "past_due"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    SUSPENDED = "suspended"


class TransactionType(StrEnum):
    SUBSCRIPTION = "subscription"
    JOB_POSTING = "job_posting"
    PREMIUM_FEATURE = "premium_feature"
    FEATURED_LISTING = "featured_listing"


class PaymentStatus(StrEnum):
    """The document's statuses plus Stripe's PaymentIntent ones, spelt as Stripe sends them."""

    PENDING = "pending"
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    COMPLETED = "completed"
    FAILED = "failed"
    REFUNDED = "refunded"
    CANCELED = "canceled"


class SagaStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    COMPENSATING = "compensating"


MONEY = Numeric(10, 2)


def _not_negative(*columns: str, name: str) -> CheckConstraint:
    return CheckConstraint(" AND ".join(f"{c} >= 0" for c in columns), name=name)


class SubscriptionPlan(SQLModel, table=True):
    """A plan on sale; a NULL price means that cycle is not offered (free plans have 0.00).

    Stripe prices one interval per Price, so the document's single ``stripe_price_id`` is one
    per cycle here. ``features`` is what the pricing page lists, ``limits`` what services enforce
    (e.g. ``{"active_jobs": 5}``; a missing key means unlimited).
    """

    __tablename__ = "subscription_plans"
    __table_args__ = (
        check_in("user_type", PlanAudience),
        check_in("plan_type", PlanType),
        _not_negative("price_monthly", "price_yearly", "trial_days", name="amounts"),
        Index("idx_subscription_plans_user_type", "user_type"),
        Index("idx_subscription_plans_active", "is_active"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    name: str = Field(sa_type=String(100))
    description: str | None = Field(default=None, sa_type=Text)
    user_type: str = Field(sa_type=String(20))
    plan_type: str = Field(sa_type=String(50))
    price_monthly: Decimal | None = Field(default=None, sa_type=MONEY)
    price_yearly: Decimal | None = Field(default=None, sa_type=MONEY)
    currency: str = currency_code()
    stripe_price_id_monthly: str | None = Field(default=None, sa_type=String(255), unique=True)
    stripe_price_id_yearly: str | None = Field(default=None, sa_type=String(255), unique=True)
    trial_days: int = counter()
    features: dict[str, Any] = Field(sa_type=JSONB(none_as_null=True))
    limits: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    is_active: bool = flag(True)
    sort_order: int = counter()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class UserSubscription(SQLModel, table=True):
    """A user's subscription to a plan; ``amount`` is the price agreed, kept when the plan changes."""

    __tablename__ = "user_subscriptions"
    __table_args__ = (
        check_in("status", SubscriptionStatus),
        check_in("billing_cycle", BillingCycle),
        _not_negative("amount", name="amount"),
        Index("idx_user_subscriptions_user_id", "user_id"),
        Index("idx_user_subscriptions_plan_id", "plan_id"),
        Index("idx_user_subscriptions_status", "status"),
        Index("idx_user_subscriptions_expires_at", "expires_at"),
        Index("idx_user_subscriptions_current_period_end", "current_period_end"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    plan_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.subscription_plans.id")
    status: str = enum_default(SubscriptionStatus.ACTIVE)
    billing_cycle: str | None = Field(default=None, sa_type=String(20))
    amount: Decimal = Field(sa_type=MONEY)
    currency: str = currency_code()
    started_at: datetime = created_at()
    expires_at: datetime | None = timestamp()
    current_period_start: datetime | None = timestamp()
    current_period_end: datetime | None = timestamp()
    trial_end: datetime | None = timestamp()
    cancel_at_period_end: bool = flag(False)
    cancelled_at: datetime | None = timestamp()
    cancellation_reason: str | None = Field(default=None, sa_type=Text)
    auto_renew: bool = flag(True)
    stripe_customer_id: str | None = Field(default=None, sa_type=String(255))
    stripe_subscription_id: str | None = Field(default=None, sa_type=String(255), unique=True)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class PaymentTransaction(SQLModel, table=True):
    """A charge or refund; ``metadata_`` maps to the ``metadata`` column, a name SQLModel reserves."""

    __tablename__ = "payment_transactions"
    __table_args__ = (
        check_in("transaction_type", TransactionType),
        check_in("status", PaymentStatus),
        Index("idx_payment_transactions_user_id", "user_id"),
        Index("idx_payment_transactions_subscription_id", "subscription_id"),
        Index("idx_payment_transactions_status", "status"),
        Index("idx_payment_transactions_created_at", "created_at"),
        Index("idx_payment_transactions_type", "transaction_type"),
        Index("idx_payment_transactions_processed_at", "processed_at"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    subscription_id: uuid.UUID | None = Field(default=None, foreign_key=f"{SCHEMA}.user_subscriptions.id")
    transaction_type: str = Field(sa_type=String(50))
    amount: Decimal = Field(sa_type=MONEY)
    currency: str = currency_code()
    status: str = enum_default(PaymentStatus.PENDING)
    payment_method: str | None = Field(default=None, sa_type=String(50))
    stripe_payment_intent_id: str | None = Field(default=None, sa_type=String(255))
    stripe_charge_id: str | None = Field(default=None, sa_type=String(255))
    failure_reason: str | None = Field(default=None, sa_type=Text)
    metadata_: dict[str, Any] | None = Field(
        default=None, sa_column=Column("metadata", JSONB(none_as_null=True))
    )
    processed_at: datetime | None = timestamp()
    created_at: datetime = created_at()


class SagaInstance(SQLModel, table=True):
    """A multi-step operation across contexts (e.g. pay, then feature a job), resumable by step.

    ``correlation_id`` ties it to the domain events it caused; a failed step runs compensations
    while ``status`` is ``compensating``.
    """

    __tablename__ = "saga_instances"
    __table_args__ = (
        check_in("status", SagaStatus),
        Index("idx_saga_instances_type", "saga_type"),
        Index("idx_saga_instances_status", "status"),
        Index("idx_saga_instances_correlation", "correlation_id"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    saga_type: str = Field(sa_type=String(100))
    saga_data: dict[str, Any] = Field(sa_type=JSONB(none_as_null=True))
    current_step: str = Field(sa_type=String(100))
    status: str = enum_default(SagaStatus.RUNNING)
    correlation_id: uuid.UUID = Field(unique=True)
    started_at: datetime = created_at()
    completed_at: datetime | None = timestamp()
    error_message: str | None = Field(default=None, sa_type=Text)
