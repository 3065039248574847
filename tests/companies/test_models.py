"""The companies schema refuses what the document forbids: unknown statuses, bad ratings, duplicates."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from jobhub.companies.models import (
    RATINGS,
    Company,
    CompanyEmployee,
    CompanyRemotePolicy,
    CompanyReview,
    CompanySize,
    CompanyStatus,
    CompanyType,
    EmploymentStatus,
    PhotoStatus,
    PhotoType,
    ReviewerEmployment,
    ReviewerType,
    ReviewStatus,
    TeamRole,
)
from tests.factories import Case, Rows, add, make_company, make_employee, make_photo, make_review, refused


def company(**overrides: Any) -> Rows:
    return [make_company(**overrides)]


def employee(**overrides: Any) -> Rows:
    owner = make_company()
    return [owner, make_employee(owner, **overrides)]


def review(**overrides: Any) -> Rows:
    reviewed = make_company()
    return [reviewed, make_review(reviewed, **overrides)]


def photo(**overrides: Any) -> Rows:
    pictured = make_company()
    return [pictured, make_photo(pictured, **overrides)]


BUILDERS: dict[str, Callable[..., Rows]] = {
    "companies": company,
    "company_employees": employee,
    "company_reviews": review,
    "company_photos": photo,
}


@pytest.mark.parametrize(
    ("table", "field", "values"),
    [
        ("companies", "company_size", CompanySize),
        ("companies", "company_type", CompanyType),
        ("companies", "remote_policy", CompanyRemotePolicy),
        ("companies", "status", CompanyStatus),
        ("company_employees", "employment_status", EmploymentStatus),
        ("company_employees", "team_role", TeamRole),
        ("company_reviews", "reviewer_type", ReviewerType),
        ("company_reviews", "employment_status", ReviewerEmployment),
        ("company_reviews", "status", ReviewStatus),
        ("company_photos", "photo_type", PhotoType),
        ("company_photos", "status", PhotoStatus),
    ],
)
def test_every_listed_value_is_accepted(db: Session, table: str, field: str, values: type[StrEnum]) -> None:
    for value in values:
        add(db, *BUILDERS[table](**{field: value}))


@pytest.mark.parametrize(
    ("table", "overrides"),
    [
        ("companies", {"company_size": "10-20"}),
        ("companies", {"company_type": "cooperative"}),
        ("companies", {"remote_policy": "remote_only"}),
        ("companies", {"status": "deleted"}),
        ("companies", {"latitude": -91.0, "longitude": 0.0}),
        ("company_employees", {"employment_status": "fired"}),
        ("company_employees", {"team_role": "intern"}),
        ("company_employees", {"user_id": None, "invitation_email": None}),
        ("company_employees", {"start_date": date(2025, 2, 1), "end_date": date(2025, 1, 1)}),
        ("company_reviews", {"reviewer_type": "stranger"}),
        ("company_reviews", {"employment_status": "contractor"}),
        ("company_reviews", {"status": "published"}),
        *(("company_reviews", {rating: bad}) for rating in RATINGS for bad in (0, 6)),
        ("company_photos", {"photo_type": "selfie"}),
        ("company_photos", {"status": "flagged"}),
    ],
    ids=lambda p: p if isinstance(p, str) else "-".join(f"{k}={v}" for k, v in p.items()),
)
def test_a_row_outside_the_checks_is_refused(db: Session, table: str, overrides: dict[str, Any]) -> None:
    refused(db, *BUILDERS[table](**overrides))


def test_ratings_from_one_to_five_and_an_invitation_by_email_are_accepted(db: Session) -> None:
    for stars in range(1, 6):
        add(db, *review(**dict.fromkeys(RATINGS, stars)))
    add(db, *employee(user_id=None, invitation_email="new.hire@example.test", employment_status="pending"))


def duplicate_slug() -> tuple[Rows, SQLModel, SQLModel]:
    return company(slug="acme"), *company(slug="acme"), *company(slug="acme-labs")


def duplicate_member() -> tuple[Rows, SQLModel, SQLModel]:
    owner, member = employee()
    assert isinstance(member, CompanyEmployee)
    again = CompanyEmployee(company_id=owner.id, user_id=member.user_id)
    return [owner, member], again, CompanyEmployee(company_id=owner.id, user_id=uuid.uuid4())


def duplicate_invitation_token() -> tuple[Rows, SQLModel, SQLModel]:
    owner, first = employee(invitation_token="hash-1")
    invite = {"company_id": owner.id, "invitation_email": "someone@example.test"}
    again = CompanyEmployee(user_id=None, invitation_token="hash-1", **invite)
    return [owner, first], again, CompanyEmployee(user_id=None, invitation_token="hash-2", **invite)


def duplicate_review() -> tuple[Rows, SQLModel, SQLModel]:
    reviewed, first = review()
    assert isinstance(first, CompanyReview)
    values = {"company_id": reviewed.id, "overall_rating": 2, "title": "Again", "pros": "-", "cons": "-"}
    again = CompanyReview(reviewer_id=first.reviewer_id, **values)
    return [reviewed, first], again, CompanyReview(reviewer_id=uuid.uuid4(), **values)


DUPLICATES: list[Case] = [duplicate_slug, duplicate_member, duplicate_invitation_token, duplicate_review]


@pytest.mark.parametrize("case", DUPLICATES, ids=lambda case: case.__name__)
def test_a_duplicate_is_refused(db: Session, case: Case) -> None:
    existing, duplicate, _ = case()
    add(db, *existing)
    refused(db, duplicate)


@pytest.mark.parametrize("case", DUPLICATES, ids=lambda case: case.__name__)
def test_a_distinct_row_is_accepted(db: Session, case: Case) -> None:
    existing, _, distinct = case()
    add(db, *existing, distinct)


def test_reviews_without_a_reviewer_are_not_limited_to_one(db: Session) -> None:
    reviewed, first = review(reviewer_id=None)
    values = {"company_id": reviewed.id, "overall_rating": 3, "title": "Imported", "pros": "-", "cons": "-"}
    add(db, reviewed, first, CompanyReview(reviewer_id=None, **values))


def test_search_ranks_a_name_match_above_an_industry_and_a_description_match(db: Session) -> None:
    by_name = make_company(name="Fintech Labs", description="We build software.")
    by_industry = make_company(name="Northwind", industry="Fintech")
    by_description = make_company(name="Contoso", description="Consulting for fintech firms.")
    add(db, by_description, by_industry, by_name)

    query = func.websearch_to_tsquery("english", "fintech")
    rank = func.ts_rank(Company.search_vector, query)
    ranked = db.execute(
        select(Company.id)
        .where(Company.search_vector.bool_op("@@")(query))
        .where(Company.id.in_([by_name.id, by_industry.id, by_description.id]))
        .order_by(rank.desc())
    ).scalars()

    assert list(ranked) == [by_name.id, by_industry.id, by_description.id]
