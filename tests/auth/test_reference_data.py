"""Migration 0002 seeds what the code relies on, and its downgrade removes exactly that."""

from __future__ import annotations

import json
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, select, text
from sqlmodel import Session

from jobhub.auth.models import Permission, Role, RolePermission
from jobhub.auth.permissions import (
    ALL_PERMISSIONS,
    COMPANIES_CREATE,
    COMPANIES_READ,
    COMPANIES_UPDATE,
    JOBS_APPLY,
    JOBS_CREATE,
    JOBS_DELETE,
    JOBS_READ,
    JOBS_UPDATE,
    USERS_MANAGE,
    USERS_READ,
    USERS_UPDATE,
    RoleName,
)
from jobhub.billing.models import PlanAudience, PlanType, SubscriptionPlan
from jobhub.jobs.models import JobCategory
from jobhub.notifications.models import Channel, NotificationTemplate
from jobhub.platform.migrations import alembic_config
from jobhub.profiles.models import Skill

REFERENCE_DATA = Path(__file__).resolve().parents[2] / "alembic" / "reference_data"

SEEKER = {JOBS_READ, JOBS_APPLY, USERS_READ, USERS_UPDATE, COMPANIES_READ}
EMPLOYER = {
    JOBS_READ,
    JOBS_CREATE,
    JOBS_UPDATE,
    JOBS_DELETE,
    USERS_READ,
    USERS_UPDATE,
    COMPANIES_READ,
    COMPANIES_CREATE,
    COMPANIES_UPDATE,
}
EXPECTED_GRANTS = {
    RoleName.JOB_SEEKER: SEEKER,
    RoleName.EMPLOYER: EMPLOYER,
    RoleName.ADMIN: set(ALL_PERMISSIONS),
    RoleName.MODERATOR: {JOBS_READ, JOBS_DELETE, USERS_READ, USERS_MANAGE, COMPANIES_READ, COMPANIES_UPDATE},
    RoleName.PREMIUM_JOB_SEEKER: SEEKER,
    RoleName.ENTERPRISE_EMPLOYER: EMPLOYER,
}
TEMPLATE_EVENTS = {
    "welcome",
    "verify_email",
    "password_reset",
    "application_received",
    "new_applicant",
    "application_status_changed",
    "new_message",
    "job_alert_digest",
    "interview_scheduled",
    "offer_made",
    "company_invitation",
    "job_expiring",
    "saved_job_reminder",
}
SEEDED_TABLES = (
    "auth.roles",
    "auth.permissions",
    "auth.role_permissions",
    "billing.subscription_plans",
    "notifications.notification_templates",
    "jobs.job_categories",
    "profiles.skills",
)


def load(name: str) -> Any:
    return json.loads((REFERENCE_DATA / name).read_text(encoding="utf-8"))


def placeholders(template: str | None) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template or "") if field}


def test_the_six_roles_are_seeded_and_the_first_four_are_system_roles(db: Session) -> None:
    seeded = dict(db.execute(select(Role.name, Role.is_system_role)).tuples().all())

    assert set(seeded) == set(RoleName)
    assert {name for name, system in seeded.items() if system} == {
        RoleName.JOB_SEEKER,
        RoleName.EMPLOYER,
        RoleName.ADMIN,
        RoleName.MODERATOR,
    }


def test_the_eleven_permissions_are_seeded_as_resource_and_action(db: Session) -> None:
    seeded = db.execute(select(Permission.name, Permission.resource, Permission.action)).tuples().all()

    assert sorted(name for name, _, _ in seeded) == sorted(ALL_PERMISSIONS)
    assert len(ALL_PERMISSIONS) == 11
    assert all(name == f"{resource}:{action}" for name, resource, action in seeded)


def test_each_role_holds_exactly_its_permissions(db: Session) -> None:
    rows = db.execute(
        select(Role.name, Permission.name)
        .join(RolePermission, RolePermission.role_id == Role.id)
        .join(Permission, Permission.id == RolePermission.permission_id)
    ).tuples()
    granted: dict[str, set[str]] = {}
    for role, permission in rows:
        granted.setdefault(role, set()).add(permission)

    assert granted == EXPECTED_GRANTS
    assert len(granted[RoleName.ADMIN]) == 11


def test_plans_cover_both_audiences_with_exact_prices(db: Session) -> None:
    plans = db.scalars(select(SubscriptionPlan).order_by(SubscriptionPlan.sort_order)).all()

    assert [plan.plan_type for plan in plans] == list(PlanType)
    assert [plan.user_type for plan in plans] == [PlanAudience.JOB_SEEKER] * 2 + [PlanAudience.EMPLOYER] * 3
    assert all(plan.features and plan.currency == "USD" for plan in plans)
    free, *paid = plans
    assert free.price_monthly == free.price_yearly == 0
    assert all(0 < plan.price_yearly < 12 * plan.price_monthly for plan in paid)
    assert [plan.price_monthly for plan in paid] == sorted(plan.price_monthly for plan in paid)


def test_templates_exist_for_every_event_and_list_exactly_their_placeholders(db: Session) -> None:
    templates = db.scalars(select(NotificationTemplate)).all()
    events = {template.name.rsplit(".", 1)[0] for template in templates}

    assert events == TEMPLATE_EVENTS
    for template in templates:
        assert template.name.endswith(f".{template.type}")
        assert template.type in {Channel.EMAIL, Channel.IN_APP}
        assert template.is_active and template.subject_template
        used = placeholders(template.subject_template) | placeholders(template.body_template)
        assert sorted(used) == template.variables, template.name
    assert {t.name for t in templates} >= {f"{event}.{Channel.EMAIL}" for event in TEMPLATE_EVENTS}


def test_job_categories_are_seeded_as_a_two_level_tree_in_file_order(db: Session) -> None:
    tree = load("job_categories.json")
    seeded = {c.slug: c for c in db.scalars(select(JobCategory))}

    assert len(seeded) == len(tree) + sum(len(top["children"]) for top in tree)
    for position, top in enumerate(tree):
        parent = seeded[top["slug"]]
        assert (parent.parent_id, parent.sort_order, parent.name) == (None, position, top["name"])
        for child_position, child in enumerate(top["children"]):
            assert (seeded[child["slug"]].parent_id, seeded[child["slug"]].sort_order) == (
                parent.id,
                child_position,
            )


def test_skills_are_seeded_verified(db: Session) -> None:
    expected = {skill["name"]: skill["category"] for skill in load("skills.json")}
    seeded = db.execute(select(Skill.name, Skill.category).where(Skill.is_verified)).tuples().all()

    assert dict(seeded) == expected


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() for table in SEEDED_TABLES
        }


@pytest.fixture
def custom_role(engine: Engine) -> Iterator[str]:
    """A role an admin added after the migration: committed, so the downgrade sees it."""
    name = "talent_partner"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO auth.roles (name) VALUES (:name)"), {"name": name})
    yield name
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM auth.roles WHERE name = :name"), {"name": name})


def test_downgrade_removes_exactly_the_seeded_rows_and_upgrade_restores_the_same_ids(
    engine: Engine, database_url: str, custom_role: str
) -> None:
    config = alembic_config(database_url)
    with engine.connect() as conn:
        ids_before = set(conn.execute(text("SELECT id FROM auth.roles")).scalars())

    command.downgrade(config, "0001")
    try:
        with engine.connect() as conn:
            left = conn.execute(text("SELECT name FROM auth.roles")).scalars().all()
        counts = _counts(engine)
    finally:
        command.upgrade(config, "head")

    assert left == [custom_role]
    assert counts == dict.fromkeys(SEEDED_TABLES, 0) | {"auth.roles": 1}
    with engine.connect() as conn:
        assert set(conn.execute(text("SELECT id FROM auth.roles")).scalars()) == ids_before
