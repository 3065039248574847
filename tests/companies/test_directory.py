"""The company directory: filters and paging against a brute-force count, name search, the URL round trip."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.companies.directory import PER_PAGE, search_companies
from jobhub.companies.directory_params import DirectoryParams
from jobhub.companies.models import Company, CompanySize, CompanyStatus
from jobhub.jobs import geo
from jobhub.jobs.models import JobStatus
from tests.factories import add, make_company, make_job

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
INDUSTRIES = ("Robotics", "Fintech", "Health care")
PLACES = ("Berlin, Germany", "Potsdam, Germany", "Munich, Germany", "Austin, TX", "Xqzzyville", None)
OTHER_PLACES = (None, ["London"], ["Paris", "Berlin"])


def company(db: Session, **values: Any) -> Company:
    place = values.get("headquarters_location")
    city = geo.find_city(place) if place else None
    coordinates = {"latitude": city.latitude, "longitude": city.longitude} if city else {}
    row = make_company(**(coordinates | values))
    add(db, row)
    return row


@pytest.fixture
def market(db: Session) -> dict[uuid.UUID, int]:
    """Sixty companies of every kind and the open jobs of some: {company id: open jobs}."""
    rng = random.Random(6)
    counts: dict[uuid.UUID, int] = {}
    for n in range(60):
        row = company(
            db,
            name=f"Directory {rng.choice(['Alpha', 'Beta', 'Gamma'])} {n}",
            industry=rng.choice(INDUSTRIES),
            company_size=rng.choice([*CompanySize, None]),
            headquarters_location=rng.choice(PLACES),
            locations=rng.choice(OTHER_PLACES),
            is_verified=rng.random() < 0.4,
            status=rng.choice([CompanyStatus.ACTIVE] * 4 + [CompanyStatus.SUSPENDED]),
            deleted_at=NOW if rng.random() < 0.1 else None,
        )
        jobs = rng.choice([0, 0, 1, 3])
        add(
            db,
            *[
                make_job(company_id=row.id, status=JobStatus.PUBLISHED, published_at=NOW - timedelta(days=1))
                for _ in range(jobs)
            ],
            make_job(company_id=row.id, status=JobStatus.CLOSED),
        )
        counts[row.id] = jobs
    return counts


def expected(db: Session, params: DirectoryParams) -> set[uuid.UUID]:
    """Every company read one by one and judged in Python."""
    city = geo.find_city(params.location) if params.location else None
    wanted = params.location.lower()

    def near(row: Company) -> bool:
        if city is None or row.latitude is None or row.longitude is None:
            return False
        return geo.distance_km(city.latitude, city.longitude, row.latitude, row.longitude) <= 50

    def keeps(row: Company) -> bool:
        return (
            row.deleted_at is None
            and row.status == CompanyStatus.ACTIVE
            and (not params.industry or (row.industry or "").lower() == params.industry.lower())
            and (not params.size or row.company_size == params.size)
            and (not params.verified or row.is_verified)
            and (
                not params.location
                or wanted in (row.headquarters_location or "").lower()
                or any(wanted in place.lower() for place in row.locations or ())
                or near(row)
            )
        )

    return {row.id for row in db.scalars(select(Company)) if keeps(row)}


CASES = [
    {},
    {"industry": "Robotics"},
    {"industry": "health CARE"},
    {"size": "51-200"},
    {"verified": "1"},
    {"location": "Berlin"},
    {"location": "Germany"},
    {"location": "Xqzzyville"},
    {"location": "London"},
    {"location": "munich", "verified": "true"},
    {"industry": "Fintech", "size": "1-10", "location": "Austin"},
]


@pytest.mark.parametrize("query", CASES, ids=lambda q: "-".join(f"{k}={v}" for k, v in q.items()) or "none")
def test_filters_and_pages_list_exactly_the_brute_force_set(
    db: Session, market: dict[uuid.UUID, int], query: dict[str, str]
) -> None:
    params = DirectoryParams.from_query(query)
    want = expected(db, params)

    first = search_companies(db, params, now=NOW)
    seen: list[uuid.UUID] = []
    for page in range(1, first.pages + 1):
        result = search_companies(db, params.with_changes(page=page), now=NOW)
        assert len(result.items) <= PER_PAGE
        seen += [uuid.UUID(item.id) for item in result.items]
        for item in result.items:
            company_id = uuid.UUID(item.id)
            assert item.open_jobs == market.get(company_id, 0) or company_id not in market

    assert first.total == len(want)
    assert first.pages == max(1, -(-len(want) // PER_PAGE))
    assert len(seen) == len(set(seen)) and set(seen) == want


def test_the_order_without_words_is_by_name(db: Session, market: dict[uuid.UUID, int]) -> None:
    names = [item.name.lower() for item in search_companies(db, DirectoryParams(), now=NOW).items]

    assert names == sorted(names)


def test_a_page_past_the_end_shows_the_last(db: Session, market: dict[uuid.UUID, int]) -> None:
    last = search_companies(db, DirectoryParams(industry="Robotics", page=500), now=NOW)

    assert last.page == last.pages


@pytest.mark.parametrize(
    ("typed", "finds"),
    [("Zanzibot", True), ("zanzi", True), ("Zanzibto", True), ("conveyor", True), ("Quantum", False)],
    ids=["name", "part-of-name", "typo", "description-word", "other"],
)
def test_name_search_finds_parts_typos_and_description_words(db: Session, typed: str, finds: bool) -> None:
    target = company(db, name="Zanzibot Robotics", description="We build conveyor belts that think.")
    company(db, name="Zanzibot Robotics Holdings", status=CompanyStatus.SUSPENDED)

    result = search_companies(db, DirectoryParams(q=typed), now=NOW)

    assert (str(target.id) in {item.id for item in result.items}) is finds
    assert all(item.name != "Zanzibot Robotics Holdings" for item in result.items)


def test_the_closest_name_comes_first(db: Session) -> None:
    company(db, name="Orbital Zephyrine Logistics")
    exact = company(db, name="Zephyrine")

    assert search_companies(db, DirectoryParams(q="zephyrine"), now=NOW).items[0].id == str(exact.id)


def test_like_wildcards_in_the_words_are_plain_characters(db: Session) -> None:
    company(db, name="Percent Works")

    result = search_companies(db, DirectoryParams(q="%"), now=NOW)

    assert all("%" in item.name for item in result.items)


def test_the_industry_choices_are_the_public_companies_ones(db: Session) -> None:
    company(db, industry="Zymurgy")
    company(db, industry="Secret Industry", status=CompanyStatus.SUSPENDED)

    industries = search_companies(db, DirectoryParams(), now=NOW).industries

    assert "Zymurgy" in industries and "Secret Industry" not in industries
    assert "Made Up" in search_companies(db, DirectoryParams(industry="Made Up"), now=NOW).industries


def test_an_unknown_place_says_it_was_matched_as_text(db: Session) -> None:
    result = search_companies(db, DirectoryParams(location="Xqzzyville"), now=NOW)

    assert "do not know the place" in result.notice


def test_the_url_holds_the_whole_directory_state() -> None:
    params = DirectoryParams.from_query(
        {
            "q": "  acme  robotics ",
            "industry": "Robotics",
            "size": "51-200",
            "location": "Berlin",
            "verified": "1",
            "page": "3",
        }
    )

    assert params == DirectoryParams("acme robotics", "Robotics", "51-200", "Berlin", True, 3)
    assert DirectoryParams.from_query(dict(parse_qsl(urlsplit(params.to_url()).query))) == params
    assert params.to_url().startswith("/companies?q=acme+robotics&industry=Robotics")
    assert params.with_changes(size="").page == 1


@pytest.mark.parametrize(
    "query",
    [
        {"size": "huge"},
        {"page": "-2"},
        {"page": "99999"},
        {"page": "two"},
        {"verified": "maybe"},
        {"q": ["a", "b"]},
    ],
)
def test_unreadable_values_are_dropped(query: dict[str, Any]) -> None:
    params = DirectoryParams.from_query(query)

    assert (params.size, params.page, params.verified) == ("", 1, False)
    assert params.q in ("", "a")
