"""reference data

Roles, permissions and their mapping, subscription plans, notification templates, job
categories and skills, read from ``alembic/reference_data``: a snapshot frozen with this
revision (a later change to that data is a later revision, never an edit of these files).
Tables are declared here with ``sa.table`` rather than imported from the models, so the
migration keeps working whatever the models become.

Every row gets a UUIDv5 of its kind and natural key, so the ids are the same in every
database and the downgrade deletes exactly these rows and nothing a user added.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 07:00:00
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DATA = Path(__file__).resolve().parent.parent / "reference_data"
NAMESPACE = uuid.UUID("3f6d2a8e-91c4-4b7a-8e15-0c9d4f2b6a71")

Row = dict[str, Any]


def ref_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def load(name: str) -> Any:
    """The parsed file, or None when it is absent (categories and skills are optional)."""
    path = DATA / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _id() -> sa.ColumnClause:
    return sa.column("id", sa.Uuid)


roles = sa.table(
    "roles",
    _id(),
    sa.column("name", sa.String),
    sa.column("description", sa.Text),
    sa.column("is_system_role", sa.Boolean),
    schema="auth",
)
permissions = sa.table(
    "permissions",
    _id(),
    sa.column("name", sa.String),
    sa.column("description", sa.Text),
    sa.column("resource", sa.String),
    sa.column("action", sa.String),
    schema="auth",
)
role_permissions = sa.table(
    "role_permissions",
    _id(),
    sa.column("role_id", sa.Uuid),
    sa.column("permission_id", sa.Uuid),
    schema="auth",
)
subscription_plans = sa.table(
    "subscription_plans",
    _id(),
    sa.column("name", sa.String),
    sa.column("description", sa.Text),
    sa.column("user_type", sa.String),
    sa.column("plan_type", sa.String),
    sa.column("price_monthly", sa.Numeric(10, 2)),
    sa.column("price_yearly", sa.Numeric(10, 2)),
    sa.column("currency", sa.String),
    sa.column("trial_days", sa.Integer),
    sa.column("sort_order", sa.Integer),
    sa.column("features", JSONB),
    sa.column("limits", JSONB),
    schema="billing",
)
notification_templates = sa.table(
    "notification_templates",
    _id(),
    sa.column("name", sa.String),
    sa.column("type", sa.String),
    sa.column("subject_template", sa.Text),
    sa.column("body_template", sa.Text),
    sa.column("variables", JSONB),
    schema="notifications",
)
job_categories = sa.table(
    "job_categories",
    _id(),
    sa.column("name", sa.String),
    sa.column("slug", sa.String),
    sa.column("description", sa.Text),
    sa.column("parent_id", sa.Uuid),
    sa.column("sort_order", sa.Integer),
    schema="jobs",
)
skills = sa.table(
    "skills",
    _id(),
    sa.column("name", sa.String),
    sa.column("category", sa.String),
    sa.column("is_verified", sa.Boolean),
    schema="profiles",
)


def role_rows() -> list[Row]:
    return [{"id": ref_id("role", role["name"]), **role} for role in load("roles.json")]


def permission_rows() -> list[Row]:
    return [{"id": ref_id("permission", p["name"]), **p} for p in load("permissions.json")]


def role_permission_rows() -> list[Row]:
    return [
        {
            "id": ref_id("role_permission", f"{role}:{permission}"),
            "role_id": ref_id("role", role),
            "permission_id": ref_id("permission", permission),
        }
        for role, granted in load("role_permissions.json").items()
        for permission in granted
    ]


def plan_rows() -> list[Row]:
    """Prices are strings in the file so that they stay exact decimals all the way."""
    return [
        {
            "id": ref_id("subscription_plan", plan["plan_type"]),
            **plan,
            "price_monthly": Decimal(plan["price_monthly"]),
            "price_yearly": Decimal(plan["price_yearly"]),
        }
        for plan in load("subscription_plans.json")
    ]


def template_rows() -> list[Row]:
    return [
        {"id": ref_id("notification_template", t["name"]), **t} for t in load("notification_templates.json")
    ]


def category_rows() -> list[Row]:
    """Parents before children (the foreign key); ``sort_order`` is the position among siblings."""
    tree = load("job_categories.json") or []
    parents: list[Row] = []
    children: list[Row] = []
    for position, top in enumerate(tree):
        parent_id = ref_id("job_category", top["slug"])
        parents.append(_category(top, parent_id, None, position))
        for child_position, child in enumerate(top["children"]):
            children.append(
                _category(child, ref_id("job_category", child["slug"]), parent_id, child_position)
            )
    return parents + children


def _category(node: Row, id_: uuid.UUID, parent_id: uuid.UUID | None, position: int) -> Row:
    return {
        "id": id_,
        "name": node["name"],
        "slug": node["slug"],
        "description": node["description"],
        "parent_id": parent_id,
        "sort_order": position,
    }


def skill_rows() -> list[Row]:
    return [
        {"id": ref_id("skill", s["name"]), "name": s["name"], "category": s["category"], "is_verified": True}
        for s in load("skills.json") or []
    ]


SEEDS: list[tuple[sa.TableClause, Callable[[], list[Row]]]] = [
    (roles, role_rows),
    (permissions, permission_rows),
    (role_permissions, role_permission_rows),
    (subscription_plans, plan_rows),
    (notification_templates, template_rows),
    (job_categories, category_rows),
    (skills, skill_rows),
]
"""In insertion order; the downgrade walks it backwards so references go before their targets."""


def upgrade() -> None:
    for table, rows in SEEDS:
        batch = rows()
        if batch:
            op.bulk_insert(table, batch)


def downgrade() -> None:
    """One DELETE per table: a child category and its parent may go in the same statement,
    since a NO ACTION foreign key is checked at the end of the statement."""
    for table, rows in reversed(SEEDS):
        ids = [row["id"] for row in rows()]
        if ids:
            op.execute(table.delete().where(table.c.id.in_(ids)))
