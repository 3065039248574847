"""The jobs schema enforces the document's rules itself, so no service bug can store a bad row."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from jobhub.jobs.models import (
    SENDING_FREQUENCIES,
    AlertFrequency,
    ApplicationStatus,
    EmploymentType,
    ExperienceLevel,
    Job,
    JobApplication,
    JobStatus,
    JobView,
    RemotePolicy,
    SalaryPeriod,
    SavedJob,
)
from tests.factories import (
    Case,
    Rows,
    add,
    make_alert,
    make_application,
    make_category,
    make_job,
    make_saved_search,
    overrides_id,
    refused,
)

REFERENCE_DATA = Path(__file__).resolve().parents[2] / "alembic" / "reference_data"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def category(**overrides: Any) -> Rows:
    return [make_category(**overrides)]


def job(**overrides: Any) -> Rows:
    return [make_job(**overrides)]


def application(**overrides: Any) -> Rows:
    posting = make_job()
    return [posting, make_application(posting, **overrides)]


def alert(**overrides: Any) -> Rows:
    return [make_alert(**overrides)]


def saved_search(**overrides: Any) -> Rows:
    return [make_saved_search(**overrides)]


BUILDERS: dict[str, Callable[..., Rows]] = {
    "jobs": job,
    "job_applications": application,
    "job_search_alerts": alert,
    "saved_searches": saved_search,
}


@pytest.mark.parametrize(
    ("table", "field", "values"),
    [
        ("jobs", "employment_type", EmploymentType),
        ("jobs", "experience_level", ExperienceLevel),
        ("jobs", "remote_policy", RemotePolicy),
        ("jobs", "salary_period", SalaryPeriod),
        ("jobs", "status", JobStatus),
        ("job_applications", "status", ApplicationStatus),
        ("job_search_alerts", "frequency", SENDING_FREQUENCIES),
        ("saved_searches", "alert_frequency", AlertFrequency),
    ],
)
def test_every_listed_value_is_accepted(
    db: Session, table: str, field: str, values: tuple[StrEnum, ...]
) -> None:
    for value in values:
        add(db, *BUILDERS[table](**{field: value}))


@pytest.mark.parametrize(
    ("table", "overrides"),
    [
        ("jobs", {"employment_type": "permanent"}),
        ("jobs", {"experience_level": "guru"}),
        ("jobs", {"remote_policy": "anywhere"}),
        ("jobs", {"salary_period": "fortnightly"}),
        ("jobs", {"status": "archived"}),
        ("jobs", {"salary_min": 120_000, "salary_max": 90_000}),
        ("jobs", {"latitude": 91.0, "longitude": 0.0}),
        ("jobs", {"latitude": 0.0, "longitude": -181.0}),
        ("job_applications", {"status": "ghosted"}),
        ("job_applications", {"rating": 0}),
        ("job_applications", {"rating": 6}),
        ("job_search_alerts", {"frequency": AlertFrequency.NEVER}),
        ("saved_searches", {"alert_frequency": "hourly"}),
    ],
    ids=overrides_id,
)
def test_a_row_outside_the_checks_is_refused(db: Session, table: str, overrides: dict[str, Any]) -> None:
    refused(db, *BUILDERS[table](**overrides))


def test_a_posting_with_pay_range_coordinates_and_rating_is_accepted(db: Session) -> None:
    rows = job(salary_min=90_000, salary_max=90_000, latitude=52.52, longitude=13.405)
    add(db, *rows, JobApplication(job_id=rows[0].id, applicant_id=uuid.uuid4(), rating=5))


def duplicate_category_name() -> tuple[Rows, SQLModel, SQLModel]:
    existing = category(name="Platform Engineering", slug="platform-engineering")
    return existing, *category(name="Platform Engineering"), *category(name="Platform Operations")


def duplicate_category_slug() -> tuple[Rows, SQLModel, SQLModel]:
    existing = category(slug="platform")
    return existing, *category(slug="platform"), *category(slug="platform-ops")


def duplicate_job_slug() -> tuple[Rows, SQLModel, SQLModel]:
    return job(slug="rust-developer"), *job(slug="rust-developer"), *job(slug="rust-developer-2")


def duplicate_application() -> tuple[Rows, SQLModel, SQLModel]:
    posting, first = application()
    assert isinstance(first, JobApplication)
    again = JobApplication(job_id=posting.id, applicant_id=first.applicant_id)
    return [posting, first], again, JobApplication(job_id=posting.id, applicant_id=uuid.uuid4())


def duplicate_saved_job() -> tuple[Rows, SQLModel, SQLModel]:
    posting, user = make_job(), uuid.uuid4()
    first = SavedJob(user_id=user, job_id=posting.id)
    return (
        [posting, first],
        SavedJob(user_id=user, job_id=posting.id),
        SavedJob(user_id=uuid.uuid4(), job_id=posting.id),
    )


DUPLICATES: list[Case] = [
    duplicate_category_name,
    duplicate_category_slug,
    duplicate_job_slug,
    duplicate_application,
    duplicate_saved_job,
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


def test_categories_nest_under_a_parent(db: Session) -> None:
    (parent,) = category()
    add(db, parent, *category(parent_id=parent.id))
    refused(db, *category(parent_id=uuid.uuid4()))


def test_search_ranks_title_above_skills_and_company_above_description(db: Session) -> None:
    in_title = make_job(title="Rust Developer", description="Build services.")
    in_keywords = make_job(title="Backend Developer", search_keywords="Rust PostgreSQL Ferrous Systems")
    in_description = make_job(title="Platform Developer", description="Some Rust experience helps.")
    elsewhere = make_job(title="Product Designer", description="Figma and research.")
    add(db, in_description, elsewhere, in_keywords, in_title)

    query = func.websearch_to_tsquery("english", "rust")
    rank = func.ts_rank(Job.search_vector, query)
    ranked = db.execute(
        select(Job.id, rank)
        .where(Job.search_vector.bool_op("@@")(query))
        .where(Job.id.in_([in_title.id, in_keywords.id, in_description.id, elsewhere.id]))
        .order_by(rank.desc())
    ).all()

    assert [row.id for row in ranked] == [in_title.id, in_keywords.id, in_description.id]
    assert ranked[0][1] > ranked[1][1] > ranked[2][1]


@pytest.mark.parametrize(
    "viewer", [{"viewer_id": uuid.UUID(int=7)}, {"ip_address": "203.0.113.7"}], ids=["user", "anonymous-ip"]
)
def test_a_viewer_counts_once_per_job_and_utc_hour(db: Session, viewer: dict[str, Any]) -> None:
    posting = make_job()
    ten_past_ten = datetime(2026, 3, 2, 10, 5, tzinfo=UTC)
    add(db, posting, JobView(job_id=posting.id, viewed_at=ten_past_ten, **viewer))

    add(db, JobView(job_id=posting.id, viewed_at=ten_past_ten + timedelta(hours=1), **viewer))
    add(db, JobView(job_id=posting.id, viewed_at=ten_past_ten, viewer_id=uuid.uuid4()))
    add(db, JobView(job_id=posting.id, viewed_at=ten_past_ten))
    add(db, JobView(job_id=posting.id, viewed_at=ten_past_ten))

    same_hour_in_india = datetime(2026, 3, 2, 16, 5, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    refused(db, JobView(job_id=posting.id, viewed_at=same_hour_in_india, **viewer))


def _load(name: str) -> list[dict[str, Any]]:
    return json.loads((REFERENCE_DATA / name).read_text(encoding="utf-8"))


def test_job_categories_are_a_two_level_tree_with_unique_names_and_slugs() -> None:
    tree = _load("job_categories.json")
    nodes = [node for top in tree for node in (top, *top["children"])]

    assert len(tree) >= 12
    assert all(set(top) == {"name", "slug", "description", "children"} for top in tree)
    assert all(3 <= len(top["children"]) <= 8 for top in tree)
    assert all(set(child) == {"name", "slug", "description"} for top in tree for child in top["children"])
    assert len({node["name"] for node in nodes}) == len(nodes)
    assert len({node["slug"] for node in nodes}) == len(nodes)
    assert all(SLUG.match(node["slug"]) and len(node["name"]) <= 100 for node in nodes)


def test_skills_are_a_taxonomy_of_300_or_more_unique_names() -> None:
    skills = _load("skills.json")

    assert 300 <= len(skills) <= 400
    assert all(set(skill) == {"name", "category"} for skill in skills)
    assert len({skill["name"].casefold() for skill in skills}) == len(skills)
    assert all(0 < len(skill["name"]) <= 100 and skill["name"] == skill["name"].strip() for skill in skills)
    assert all(re.fullmatch(r"[a-z_]{2,50}", skill["category"]) for skill in skills)
    assert len({skill["category"] for skill in skills}) >= 10
