"""The filter tokens in each posting's search vector: what a posting holds, and that they alone
select exactly the jobs the filters' SQL conditions select (so narrowing by the index loses none)."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session

from jobhub.jobs import filter_tokens, search
from jobhub.jobs.models import Job
from jobhub.jobs.search_params import SearchParams
from tests.factories import add, make_company, make_job

NOW = datetime.now(UTC)
TOKENS_MATCH = "j.search_vector @@ CAST(:t AS tsquery)"


def lexemes(db: Session, job: Job) -> set[str]:
    db.flush()
    row = db.execute(
        text("SELECT tsvector_to_array(search_vector) FROM jobs.jobs WHERE id = :id"), {"id": job.id}
    )
    return set(row.scalar_one())


def test_a_posting_holds_a_token_per_filter_value(db: Session) -> None:
    company = make_company()
    skills = [uuid.uuid4(), uuid.uuid4()]
    add(db, company)
    job = make_job(
        company_id=company.id,
        employment_type="contract",
        experience_level="senior",
        remote_policy="hybrid",
        required_skills=skills[:1],
        preferred_skills=skills[1:],
        salary_max_yearly=95_000,
        show_salary=True,
    )
    add(db, job)
    words = lexemes(db, job)
    assert {"type:contract", "level:senior", "remote:hybrid", str(company.id), *map(str, skills)} <= words
    pays = {w for w in words if w.startswith("pay:")}
    assert pays == {f"pay:{step}" for step in range(10_000, 90_001, 10_000)}


def test_hidden_or_missing_pay_has_no_pay_token_and_a_change_updates_the_tokens(db: Session) -> None:
    job = make_job(salary_max_yearly=120_000, show_salary=False, employment_type="full_time")
    add(db, job)
    assert not {w for w in lexemes(db, job) if w.startswith("pay:")}
    job.show_salary, job.employment_type = True, "part_time"
    words = lexemes(db, job)
    assert "pay:120000" in words and "pay:150000" not in words
    assert "type:part_time" in words and "type:full_time" not in words


@pytest.mark.parametrize(
    ("minimum", "token"),
    [
        (5_000, None),
        (10_000, "pay:10000"),
        (95_000, "pay:90000"),
        (260_000, "pay:250000"),
        (10**7, "pay:500000"),
    ],
)
def test_a_pay_floor_uses_the_highest_step_below_it(minimum: int, token: str | None) -> None:
    assert filter_tokens.pay_token(minimum) == token


def test_words_typed_in_the_search_box_never_reach_a_token(db: Session) -> None:
    job = make_job(employment_type="full_time", title="Welder")
    add(db, job)
    db.flush()
    found = db.execute(
        text(
            "SELECT count(*) FROM jobs.jobs "
            "WHERE id = :id AND search_vector @@ websearch_to_tsquery('english', :q)"
        ),
        {"id": job.id, "q": "type:full_time"},
    ).scalar_one()
    assert found == 0


def test_the_tokens_alone_select_what_the_conditions_select(db: Session) -> None:
    rng = random.Random(7)
    companies = [make_company() for _ in range(3)]
    add(db, *companies)
    skills = [uuid.uuid4() for _ in range(4)]
    for _ in range(120):
        add(
            db,
            make_job(
                company_id=rng.choice(companies).id,
                employment_type=rng.choice(["full_time", "part_time", "contract"]),
                experience_level=rng.choice(["junior", "senior", None]),
                remote_policy=rng.choice(["onsite", "remote_only", None]),
                required_skills=rng.sample(skills, rng.randint(0, 2)),
                salary_max_yearly=rng.choice([None, 45_000, 80_000, 130_000]),
                show_salary=rng.random() < 0.8,
                status="published",
                published_at=NOW,
            ),
        )
    db.flush()
    cases = [
        SearchParams(types=("part_time", "contract")),
        SearchParams(levels=("senior",), remote=("remote_only",)),
        SearchParams(salary_min=80_000),
        SearchParams(companies=(companies[0].slug, companies[2].slug), types=("full_time",)),
    ]
    for params in cases:
        query = search.build_query(db, params, NOW)
        conditions = " AND ".join([*query.base, *query.facets.values()])
        by_conditions = set(
            db.scalars(
                text(f"SELECT j.id FROM jobs.jobs j WHERE {conditions}"),
                query.params,
            )
        )
        groups = [*query.base_tokens, *query.facet_tokens.values()]
        by_tokens = set(
            db.scalars(
                text(
                    f"SELECT j.id FROM jobs.jobs j WHERE {search.OPEN} "
                    "AND j.search_vector @@ CAST(:t AS tsquery)"
                ),
                {**query.params, "t": filter_tokens.all_of(groups)},
            )
        )
        assert by_conditions and by_tokens == by_conditions, params


def test_a_posting_holds_its_publishing_day_and_its_map_cells(db: Session) -> None:
    job = make_job(published_at=datetime(2026, 12, 1, 23, 30, tzinfo=UTC), latitude=53.33, longitude=-6.25)
    add(db, job)
    words = lexemes(db, job)
    assert {"day:9831", "geo05:106:-13", "geo20:26:-4"} <= words
    assert filter_tokens.day_tokens(
        datetime(2026, 11, 29, 8, tzinfo=UTC), datetime(2026, 12, 1, 1, tzinfo=UTC)
    ) == [
        "day:9829",
        "day:9830",
        "day:9831",
    ]


def test_a_huge_box_has_no_cells_and_a_small_one_the_finest() -> None:
    assert filter_tokens.cell_tokens(-80.0, 80.0, -170.0, 170.0) == []
    assert filter_tokens.cell_tokens(53.1, 53.6, -6.6, -5.9) == [
        f"geo05:{row}:{col}" for row in (106, 107) for col in (-14, -13, -12)
    ]


def test_day_and_place_tokens_keep_every_job_the_conditions_select(db: Session) -> None:
    """Range filters: the tokens may let more through (the column decides), never fewer."""
    rng = random.Random(11)
    for _ in range(150):
        add(
            db,
            make_job(
                status="published",
                published_at=NOW - timedelta(hours=rng.randint(0, 24 * 40)),
                latitude=53.35 + rng.uniform(-1.5, 1.5),
                longitude=-6.26 + rng.uniform(-2.5, 2.5),
                remote_policy=rng.choice(["onsite", "remote_only"]),
            ),
        )
    db.flush()
    cases = [
        SearchParams(posted=1),
        SearchParams(posted=7),
        SearchParams(q="engineer", location="Dublin", radius=50),
        SearchParams(q="engineer", location="Dublin", radius=25, remote=("remote_only",), posted=3),
        SearchParams(q="engineer", location="Dublin", radius=100, remote=("remote_only",), posted=1),
        SearchParams(q="engineer", location="Dublin", radius=200, remote=("remote_only", "onsite"), posted=7),
    ]
    for params in cases:
        query = search.build_query(db, params, NOW)
        conditions = " AND ".join([*query.base, *query.facets.values()])
        by_conditions = set(
            db.scalars(text(f"SELECT j.id FROM jobs.jobs j WHERE {conditions}"), query.params)
        )
        groups = [*query.base_tokens, *query.facet_tokens.values()]
        assert groups and (not params.location or "geo" in " ".join(groups)), params
        by_tokens = set(
            db.scalars(
                text(f"SELECT j.id FROM jobs.jobs j WHERE {search.OPEN} AND {TOKENS_MATCH}"),
                {**query.params, "t": filter_tokens.all_of(groups)},
            )
        )
        assert by_conditions and by_conditions <= by_tokens, params
        # What search runs: tokens and conditions together, some written for no B-tree to serve.
        by_search = set(
            db.scalars(text(f"SELECT j.id FROM {search.ROWS} j WHERE {query.where()}"), query.params)
        )
        assert by_search == by_conditions, params
