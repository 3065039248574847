"""The billing schema refuses unknown plan kinds and statuses, negative money, and duplicate Stripe ids."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, SQLModel

from jobhub.billing.models import (
    BillingCycle,
    PaymentStatus,
    PlanAudience,
    PlanType,
    SagaInstance,
    SagaStatus,
    SubscriptionPlan,
    SubscriptionStatus,
    TransactionType,
    UserSubscription,
)
from tests.factories import (
    Case,
    Rows,
    add,
    make_plan,
    make_saga,
    make_subscription,
    make_transaction,
    overrides_id,
    refused,
    stripe_id,
)


def plan(**overrides: Any) -> Rows:
    return [make_plan(**overrides)]


def subscription(**overrides: Any) -> Rows:
    offered = make_plan()
    return [offered, make_subscription(offered, **overrides)]


def transaction(**overrides: Any) -> Rows:
    return [make_transaction(**overrides)]


def saga(**overrides: Any) -> Rows:
    return [make_saga(**overrides)]


BUILDERS: dict[str, Callable[..., Rows]] = {
    "subscription_plans": plan,
    "user_subscriptions": subscription,
    "payment_transactions": transaction,
    "saga_instances": saga,
}


@pytest.mark.parametrize(
    ("table", "field", "values"),
    [
        ("subscription_plans", "user_type", PlanAudience),
        ("subscription_plans", "plan_type", PlanType),
        ("user_subscriptions", "status", SubscriptionStatus),
        ("user_subscriptions", "billing_cycle", BillingCycle),
        ("payment_transactions", "transaction_type", TransactionType),
        ("payment_transactions", "status", PaymentStatus),
        ("saga_instances", "status", SagaStatus),
    ],
)
def test_every_listed_value_is_accepted(db: Session, table: str, field: str, values: type[StrEnum]) -> None:
    for value in values:
        add(db, *BUILDERS[table](**{field: value}))


@pytest.mark.parametrize(
    ("table", "overrides"),
    [
        ("subscription_plans", {"user_type": "admin"}),
        ("subscription_plans", {"plan_type": "lifetime"}),
        ("subscription_plans", {"price_monthly": Decimal("-1.00")}),
        ("subscription_plans", {"trial_days": -7}),
        ("user_subscriptions", {"status": "paused"}),
        ("user_subscriptions", {"billing_cycle": "weekly"}),
        ("user_subscriptions", {"amount": Decimal("-0.01")}),
        ("payment_transactions", {"transaction_type": "donation"}),
        ("payment_transactions", {"status": "requires_action"}),
        ("saga_instances", {"status": "compensated"}),
    ],
    ids=overrides_id,
)
def test_a_row_outside_the_checks_is_refused(db: Session, table: str, overrides: dict[str, Any]) -> None:
    refused(db, *BUILDERS[table](**overrides))


def duplicate_stripe_price(column: str) -> Case:
    def case() -> tuple[Rows, SQLModel, SQLModel]:
        price = stripe_id("price")
        return (
            plan(**{column: price}),
            make_plan(**{column: price}),
            make_plan(**{column: stripe_id("price")}),
        )

    case.__name__ = f"duplicate_{column}"
    return case


def duplicate_stripe_subscription() -> tuple[Rows, SQLModel, SQLModel]:
    offered, first = subscription(stripe_subscription_id=stripe_id("sub"))
    assert isinstance(offered, SubscriptionPlan) and isinstance(first, UserSubscription)
    return (
        [offered, first],
        make_subscription(offered, stripe_subscription_id=first.stripe_subscription_id),
        make_subscription(offered, stripe_subscription_id=stripe_id("sub")),
    )


def duplicate_saga_correlation() -> tuple[Rows, SQLModel, SQLModel]:
    (first,) = saga()
    assert isinstance(first, SagaInstance)
    return [first], make_saga(correlation_id=first.correlation_id), make_saga()


DUPLICATES: list[Case] = [
    duplicate_stripe_price("stripe_price_id_monthly"),
    duplicate_stripe_price("stripe_price_id_yearly"),
    duplicate_stripe_subscription,
    duplicate_saga_correlation,
]


@pytest.mark.parametrize("case", DUPLICATES, ids=lambda case: case.__name__)
def test_a_duplicate_is_refused(db: Session, case: Case) -> None:
    existing, duplicate, _ = case()
    add(db, *existing)
    refused(db, duplicate)


@pytest.mark.parametrize("case", DUPLICATES, ids=lambda case: case.__name__)
def test_a_distinct_row_is_accepted(db: Session, case: Case) -> None:
    existing, _, distinct = case()
    add(db, *existing, distinct)


def test_money_is_exact_and_metadata_lands_in_its_column(db: Session) -> None:
    offered, subscribed = subscription(amount=Decimal("19.99"))
    assert isinstance(subscribed, UserSubscription)
    (paid,) = transaction(
        subscription_id=subscribed.id,
        transaction_type=TransactionType.SUBSCRIPTION,
        amount=Decimal("19.99"),
        metadata_={"invoice": "in_123"},
    )
    add(db, offered, subscribed, paid)
    db.expire_all()

    stored = db.execute(
        text("SELECT amount, metadata FROM billing.payment_transactions WHERE id = :id"), {"id": paid.id}
    ).one()
    assert stored == (Decimal("19.99"), {"invoice": "in_123"})
    assert (subscribed.status, subscribed.currency, subscribed.auto_renew) == (
        SubscriptionStatus.ACTIVE,
        "USD",
        True,
    )
