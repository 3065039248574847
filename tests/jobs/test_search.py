"""The job search against brute force: every filter and facet count recomputed in Python.

A fixed random corpus of a few hundred jobs (seeded, so a failure reproduces) is searched
with many combinations of parameters; the totals, the hits and every facet value's count
(each facet without its own filter) must equal what a plain loop over the same rows says.
The same checks run again with the thresholds lowered, so the sampled-facet and
candidate-window paths that only a million jobs would reach are proven on the same data.
"""

from __future__ import annotations

import functools
import math
import random
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session

from jobhub.jobs import filter_tokens, geo, search
from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.salary import to_yearly
from jobhub.jobs.search_params import POSTED_WITHIN_DAYS, SearchParams
from jobhub.jobs.suggest import did_you_mean, forget_vocabulary, suggest
from tests.factories import add, make_company, make_job

NOW = datetime.now(UTC).replace(microsecond=0)
TITLES = ["Nurse", "Backend Engineer", "Data Analyst", "Truck Driver", "Product Designer", "Accountant"]
TYPES = ["full_time", "full_time", "part_time", "contract", "internship"]
LEVELS = ["junior", "mid", "senior", "lead", None]
REMOTE = ["onsite", "hybrid", "remote_only", "flexible", None]
PERIODS = ["yearly", "yearly", "monthly", "hourly", "daily"]
PLACES = [
    ("Berlin, Germany", 52.52437, 13.41053),
    ("Potsdam, Germany", 52.39886, 13.06566),
    ("Hamburg, Germany", 53.57532, 10.01534),
    ("Remote", None, None),
]
STATUSES = [JobStatus.PUBLISHED] * 8 + [JobStatus.DRAFT, JobStatus.CLOSED]


@dataclass
class Corpus:
    jobs: list[Job]
    categories: dict[str, list[uuid.UUID]]
    companies: dict[str, uuid.UUID]
    skills: dict[str, uuid.UUID]


def _as_if_a_million_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The search reads the table as endless, so it takes the paths meant for a million jobs."""
    opened = search._open
    monkeypatch.setattr(search, "_open", lambda db, q: replace(opened(db, q), table_rows=float("inf")))


def _is_open(job: Job) -> bool:
    return (
        job.status == JobStatus.PUBLISHED
        and job.deleted_at is None
        and (job.expires_at is None or job.expires_at > NOW)
    )


def _pay(job: Job) -> int | None:
    if not job.show_salary:
        return None
    return job.salary_max_yearly if job.salary_max_yearly is not None else job.salary_min_yearly


def _ids_with_a_rich_sample(db: Session, rng: random.Random, count: int) -> list[uuid.UUID]:
    """Seeded ids, every fifth of them one that the sample trigger keeps, so the sampled paths
    have rows to count (at 1 in 100, 240 random ids would give the sample two or three)."""
    pool = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(12_000)]
    kept = (
        db.execute(
            text("SELECT u FROM unnest(CAST(:ids AS uuid[])) u WHERE abs(hashtext(u::text)) % 100 = 0"),
            {"ids": pool},
        )
        .scalars()
        .all()
    )
    kept_set = set(kept)
    others = [u for u in pool if u not in kept_set]
    return [kept[i // 5] if i % 5 == 0 else others[i] for i in range(count)]


@pytest.fixture
def corpus(db: Session) -> Corpus:
    rng = random.Random(11)
    category_rows = db.execute(
        text(
            "SELECT c.id, coalesce(p.slug, c.slug) AS top FROM jobs.job_categories c "
            "LEFT JOIN jobs.job_categories p ON p.id = c.parent_id ORDER BY c.slug LIMIT 40"
        )
    ).all()
    categories: dict[str, list[uuid.UUID]] = {}
    for row in category_rows:
        categories.setdefault(row.top, []).append(row.id)
    skill_rows = db.execute(
        text("SELECT id, lower(name) AS name FROM profiles.skills ORDER BY name LIMIT 6")
    ).all()
    skills = {row.name: row.id for row in skill_rows}
    company_rows = [make_company(name=f"Firm {i}", slug=f"firm-{i}-{uuid.uuid4().hex[:6]}") for i in range(4)]
    add(db, *company_rows)
    ids = _ids_with_a_rich_sample(db, rng, 240)
    jobs: list[Job] = []
    for i in range(240):
        title = rng.choice(TITLES)
        place, lat, lon = rng.choice(PLACES)
        period = rng.choice(PERIODS)
        low = {"yearly": 40_000, "monthly": 3_000, "hourly": 20, "daily": 150}[period] * rng.randint(1, 4)
        stated = rng.random() < 0.8
        job_skills = rng.sample(sorted(skills.values()), rng.randint(0, 3))
        top = rng.choice(sorted(categories))
        jobs.append(
            make_job(
                id=ids[i],
                title=title,
                description="Join a friendly team.",
                company_id=rng.choice(company_rows).id,
                category_id=rng.choice(categories[top]),
                employment_type=rng.choice(TYPES),
                experience_level=rng.choice(LEVELS),
                remote_policy=rng.choice(REMOTE),
                location=place,
                latitude=lat,
                longitude=lon,
                salary_min=low if stated else None,
                salary_max=low * 2 if stated else None,
                salary_period=period if stated else None,
                salary_min_yearly=to_yearly(low, period) if stated else None,
                salary_max_yearly=to_yearly(low * 2, period) if stated else None,
                show_salary=rng.random() < 0.9,
                required_skills=job_skills,
                status=rng.choice(STATUSES),
                published_at=NOW - timedelta(hours=rng.randint(1, 24 * 40)),
                expires_at=NOW + timedelta(days=30) if i % 17 else NOW - timedelta(hours=1),
                deleted_at=NOW if i % 41 == 0 else None,
            )
        )
    add(db, *jobs)
    slugs = {row.id: row.slug for row in company_rows}
    return Corpus(jobs, categories, {slugs[c.id]: c.id for c in company_rows}, skills)


def _category_of(corpus: Corpus, job: Job) -> str:
    return next(top for top, ids in corpus.categories.items() if job.category_id in ids)


def _checks(corpus: Corpus, params: SearchParams) -> dict[str, object]:
    """Each facet's predicate on a job, keyed like the search's facets."""
    company_ids = {corpus.companies[s] for s in params.companies if s in corpus.companies}
    return {
        "type": lambda j: not params.types or j.employment_type in params.types,
        "level": lambda j: not params.levels or j.experience_level in params.levels,
        "remote": lambda j: not params.remote or j.remote_policy in params.remote,
        "category": lambda j: not params.categories or _category_of(corpus, j) in params.categories,
        "company": lambda j: not params.companies or j.company_id in company_ids,
        "salary": lambda j: not params.salary_min or (_pay(j) or 0) >= params.salary_min,
        "posted": lambda j: not params.posted or j.published_at >= NOW - timedelta(days=params.posted),
    }


def _base(corpus: Corpus, params: SearchParams, job: Job) -> bool:
    if not _is_open(job):
        return False
    if params.q and params.q.lower() not in job.title.lower():
        return False
    wanted = {corpus.skills[s] for s in params.skills}
    if wanted and not wanted <= set(job.required_skills or []):
        return False
    if params.location:
        city = geo.find_city(params.location)
        assert city is not None
        near = job.latitude is not None and geo.distance_km(
            city.latitude, city.longitude, job.latitude, job.longitude
        ) <= (params.radius_km or search.DEFAULT_RADIUS_KM)
        return near or ("remote_only" in params.remote and job.remote_policy == "remote_only")
    return True


def _brute(corpus: Corpus, params: SearchParams, *, but: str | None = None) -> list[Job]:
    checks = _checks(corpus, params)
    return [
        j
        for j in corpus.jobs
        if _base(corpus, params, j) and all(check(j) for key, check in checks.items() if key != but)
    ]


def _facet_value_matches(corpus: Corpus, key: str, value: str, job: Job) -> bool:
    match key:
        case "type":
            return job.employment_type == value
        case "level":
            return job.experience_level == value
        case "remote":
            return job.remote_policy == value
        case "category":
            return _category_of(corpus, job) == value
        case "company":
            return corpus.companies.get(value) == job.company_id
        case "salary":
            return (_pay(job) or 0) >= int(value)
        case _:
            return job.published_at >= NOW - timedelta(days=int(value))


def _random_params(corpus: Corpus, rng: random.Random) -> SearchParams:
    def some(values: list[str]) -> tuple[str, ...]:
        return tuple(rng.sample(values, rng.randint(1, 2))) if rng.random() < 0.35 else ()

    location = rng.choice(["", "", "Berlin", "Hamburg, Germany"])
    return SearchParams(
        q=rng.choice(["", "", "nurse", "engineer", "analyst"]),
        location=location,
        radius=rng.choice([10, 50, 100]) if location else None,
        types=some(sorted(set(TYPES))),
        levels=some(["junior", "mid", "senior", "lead"]),
        remote=some(["onsite", "hybrid", "remote_only", "flexible"]),
        categories=some(sorted(corpus.categories))[:1],
        companies=some(sorted(corpus.companies))[:1],
        salary_min=rng.choice([None, None, 50_000, 100_000]),
        posted=rng.choice([None, None, *POSTED_WITHIN_DAYS]),
        skills=tuple(rng.sample(sorted(corpus.skills), 1)) if rng.random() < 0.2 else (),
        sort=rng.choice(["relevance", "date", "salary"]),
    )


def _assert_matches_brute_force(db: Session, corpus: Corpus, params: SearchParams) -> None:
    result = search.search(db, params, now=NOW, page_size=500)
    expected = _brute(corpus, params)
    assert result.total == len(expected), params
    assert {h.id for h in result.hits} == {str(j.id) for j in expected}, params
    for key, values in result.facets.items():
        pool = _brute(corpus, params, but=key)
        for facet in values:
            want = sum(_facet_value_matches(corpus, key, facet.value, j) for j in pool)
            assert facet.count == want, (params, key, facet)


def test_every_filter_and_facet_count_equals_brute_force(db: Session, corpus: Corpus) -> None:
    rng = random.Random(3)
    for _ in range(40):
        _assert_matches_brute_force(db, corpus, _random_params(corpus, rng))


def _sample_ids(db: Session) -> set[uuid.UUID]:
    return set(db.execute(text("SELECT id FROM jobs.job_search_sample")).scalars())


def test_the_sample_table_follows_every_write_to_jobs(db: Session, corpus: Corpus) -> None:
    in_sample = _sample_ids(db)
    published = {j.id for j in corpus.jobs if j.status == JobStatus.PUBLISHED and j.deleted_at is None}
    assert in_sample and in_sample <= published
    assert 0.1 < len(in_sample) / len(published) < 0.3
    member = next(j for j in corpus.jobs if j.id in in_sample)
    member.status = JobStatus.CLOSED
    add(db, member)
    assert member.id not in _sample_ids(db)
    member.status = JobStatus.PUBLISHED
    add(db, member)
    assert member.id in _sample_ids(db)
    db.delete(member)
    db.flush()
    assert member.id not in _sample_ids(db)


def _search_row(db: Session, job_id: uuid.UUID) -> tuple[str, str, int] | None:
    """The job's search row: its physical place, its vector and its promotion level, if it has one."""
    row = db.execute(
        text(
            "SELECT ctid::text, search_vector::text, priority_level FROM jobs.job_search_rows WHERE id = :id"
        ),
        {"id": job_id},
    ).one_or_none()
    return None if row is None else (row[0], row[1], row[2])


def test_the_search_rows_follow_every_write_to_jobs(db: Session, corpus: Corpus) -> None:
    rows = set(db.execute(text("SELECT id FROM jobs.job_search_rows")).scalars())
    assert rows == {j.id for j in corpus.jobs if j.status == JobStatus.PUBLISHED and j.deleted_at is None}
    job = next(j for j in corpus.jobs if j.id in rows and not j.priority_level)
    before = _search_row(db, job.id)
    assert before is not None
    job.view_count += 1
    add(db, job)
    assert _search_row(db, job.id) == before, "counting a view leaves the search row where it is"
    job.title = "Zymurgist"
    job.priority_level = 2
    add(db, job)
    after = _search_row(db, job.id)
    assert after is not None and "'zymurgist'" in after[1] and after[2] == 2
    assert _rank_vectors(db)[job.id].startswith("'zymurgist':1A"), "the title ranks first, as A"
    job.status = JobStatus.CLOSED
    add(db, job)
    assert _search_row(db, job.id) is None
    job.status = JobStatus.PUBLISHED
    job.deleted_at = NOW
    add(db, job)
    assert _search_row(db, job.id) is None
    job.deleted_at = None
    add(db, job)
    assert _search_row(db, job.id) is not None
    db.delete(job)
    db.flush()
    assert _search_row(db, job.id) is None
    db.execute(text("TRUNCATE jobs.jobs CASCADE"))
    copies = "(SELECT count(*) FROM jobs.job_search_rows) + (SELECT count(*) FROM jobs.job_search_sample)"
    left = db.execute(text(f"SELECT {copies}")).scalar_one()
    assert left == 0, "emptying the postings empties both search copies"


def _rank_vectors(db: Session) -> dict[uuid.UUID, str]:
    return dict(db.execute(text("SELECT id, rank_vector::text FROM jobs.job_search_rows")).tuples().all())


def test_the_rank_vector_holds_the_title_and_skills_only(db: Session) -> None:
    job = make_job(title="Cooper", description="Barrels and casks.", status="published", published_at=NOW)
    job.search_keywords = "Woodworking Hollister"  # a skill and the company, as refresh_search_fields writes
    add(db, job)
    assert _rank_vectors(db)[job.id] == "'cooper':1A 'hollist':3B 'woodwork':2B"


def test_rebuilding_the_search_rows_writes_them_in_publishing_order(db: Session, corpus: Corpus) -> None:
    published = {j.id for j in corpus.jobs if j.status == JobStatus.PUBLISHED and j.deleted_at is None}
    written_by_the_trigger = _rank_vectors(db)
    assert db.execute(text("SELECT jobs.rebuild_job_search_rows()")).scalar_one() == len(published)
    assert _rank_vectors(db) == written_by_the_trigger
    db.execute(text("ANALYZE jobs.job_search_rows"))
    correlation = db.execute(
        text(
            "SELECT correlation FROM pg_stats WHERE schemaname = 'jobs' "
            "AND tablename = 'job_search_rows' AND attname = 'published_at'"
        )
    ).scalar_one()
    assert correlation > 0.95, "a short row may fill a gap an earlier page left, no more"


@pytest.mark.parametrize(
    ("thin_base", "filters_alone"),
    [(False, False), (True, False), (False, True)],
    ids=["few-rows", "thin-base-but-few-matches", "filters-alone"],
)
def test_past_the_facet_cap_facets_are_the_sample_counted_with_the_same_predicates(
    db: Session, corpus: Corpus, monkeypatch: pytest.MonkeyPatch, thin_base: bool, filters_alone: bool
) -> None:
    """With the cap at 5 rows every search takes the path meant for a million jobs: its facet
    counts must be exactly ``SAMPLE_FACTOR`` times the brute-force counts over the jobs in the
    sample. So too when the thin sample holds enough rows of the words but too few match every
    filter, and for two filters or more alone, counted over the rows that fail at most one."""
    if thin_base:
        monkeypatch.setattr(search, "THIN_ROWS", 0)
        monkeypatch.setattr(search, "THIN_MATCHES", 10**9)
    monkeypatch.setattr(search, "EXACT_FACET_CAP", 0)
    _as_if_a_million_jobs(monkeypatch)
    in_sample = _sample_ids(db)
    sample = Corpus(
        [j for j in corpus.jobs if j.id in in_sample], corpus.categories, corpus.companies, corpus.skills
    )
    rng = random.Random(4)
    for _ in range(15):
        params = _random_params(corpus, rng)
        if filters_alone:
            params = replace(
                params,
                q="",
                skills=(),
                types=params.types or ("full_time",),
                levels=params.levels or ("senior",),
            )
        result = search.search(db, params, now=NOW, page_size=500)
        assert result.facets_are_estimates
        exact_total = len(_brute(corpus, params))
        if not result.total_is_estimate:
            assert result.total == exact_total, params
        for key, values in result.facets.items():
            pool = _brute(sample, params, but=key)
            for facet in values:
                want = search.SAMPLE_FACTOR * sum(
                    _facet_value_matches(sample, key, facet.value, j) for j in pool
                )
                assert facet.count == search._significant(want), (params, key, facet)


def test_dense_facets_are_the_thin_sample_counted_with_the_same_predicates(
    db: Session, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thin tenth of the sample is the sampled jobs whose id hash is a multiple of 1,000, and
    when it is used every facet count is a thousand times the brute-force count over it."""
    _as_if_a_million_jobs(monkeypatch)
    monkeypatch.setattr(search, "EXACT_FACET_CAP", 0)
    monkeypatch.setattr(search, "THIN_ROWS", 0)
    monkeypatch.setattr(search, "THIN_MATCHES", 0)
    thin_ids = set(
        db.execute(
            text("SELECT id FROM jobs.job_search_sample WHERE search_vector @@ CAST(:thin AS tsquery)"),
            {"thin": filter_tokens.any_of([filter_tokens.THIN_TOKEN])},
        ).scalars()
    )
    hashed = set(
        db.execute(
            text("SELECT id FROM jobs.job_search_sample WHERE abs(hashtext(id::text)) % 1000 = 0")
        ).scalars()
    )
    assert len(thin_ids) >= 2 and thin_ids == hashed
    thin = Corpus(
        [j for j in corpus.jobs if j.id in thin_ids], corpus.categories, corpus.companies, corpus.skills
    )
    rng = random.Random(6)
    for _ in range(15):
        params = replace(_random_params(corpus, rng), q=rng.choice(["", "nurse", "engineer"]))
        result = search.search(db, params, now=NOW, page_size=500)
        for key, values in result.facets.items():
            pool = _brute(thin, params, but=key)
            for facet in values:
                want = 1000 * sum(_facet_value_matches(thin, key, facet.value, j) for j in pool)
                assert facet.count == search._significant(want), (params, key, facet)


def test_past_the_caps_the_total_is_labelled_an_estimate_and_relevance_reads_the_newest_window(
    db: Session, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as_if_a_million_jobs(monkeypatch)
    monkeypatch.setattr(search, "EXACT_FACET_CAP", 5)
    monkeypatch.setattr(search, "COUNTED_TOTAL_CAP", 5)
    monkeypatch.setattr(search, "ESTIMATE_LABEL_CAP", 100)
    monkeypatch.setattr(search, "CANDIDATE_WINDOW", 12)
    result = search.search(db, SearchParams(), now=NOW, page_size=5)
    assert result.total_is_estimate and result.facets_are_estimates
    assert result.total_label in {"100+ jobs", f"About {result.total:,} jobs"}
    newest = sorted((j for j in corpus.jobs if _is_open(j)), key=lambda j: j.published_at, reverse=True)[:12]
    assert {h.id for h in result.hits} <= {str(j.id) for j in newest}
    assert result.pages == math.ceil(min(result.total, 12) / 5)


def _small_windows(patched: pytest.MonkeyPatch) -> None:
    """Windows of a few jobs, and the matches found, never walked: as at a million jobs."""
    patched.setattr(search, "RANK_ALL_CAP", 5)
    patched.setattr(search, "CANDIDATE_WINDOW", 8)
    patched.setattr(search, "PROMOTED_WINDOW", 3)
    patched.setattr(search, "_walks", lambda *_, **__: False)


def test_a_page_read_from_recent_days_is_the_page_read_from_every_match(
    db: Session, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With windows of a few jobs, relevance and date pages come from a slice of recent days
    whenever the posted-within counts say it holds them, pay-ordered pages from the best-paid
    bands; each must equal the page read from every match (the promoted ones included, which
    lie anywhere in time)."""
    for job in corpus.jobs[::9]:
        job.priority_level = 1 + job.published_at.day % 2
    add(db, *corpus.jobs[::9])
    sliced_pages = 0
    read_sliced = search._sliced_page_ids

    def counting(*args: object, **kwargs: object) -> list[uuid.UUID] | None:
        nonlocal sliced_pages
        ids = read_sliced(*args, **kwargs)  # type: ignore[arg-type]
        sliced_pages += ids is not None
        return ids

    rng = random.Random(5)
    for _ in range(40):
        params = replace(_random_params(corpus, rng), sort=rng.choice(["relevance", "date", "salary"]))
        params = replace(
            params, page=rng.choice([1, 2]), location="", radius=None, levels=(), companies=(), skills=()
        )
        with monkeypatch.context() as patched:
            _small_windows(patched)
            patched.setattr(search, "_sliced_page_ids", counting)
            sliced = search.search(db, params, now=NOW, page_size=3, with_facets=False)
            patched.setattr(search, "_slices", lambda *_: [])
            patched.setattr(search, "_pay_floors", lambda *_: [])
            whole = search.search(db, params, now=NOW, page_size=3, with_facets=False)
        assert [h.id for h in sliced.hits] == [h.id for h in whole.hits], params
    assert sliced_pages >= 10, "most of these pages fit in a slice of recent days"


def test_a_pay_ordered_page_walked_along_the_pay_index_is_the_page_read_from_every_match(
    db: Session, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Narrowed by nothing but a pay floor and a date, a dense pay-ordered search walks the pay
    index instead of reading its best-paid band whole: the same page either way."""
    walked = 0
    read_page = search._page_ids

    def counting(*args: object, **kwargs: object) -> list[uuid.UUID]:
        nonlocal walked
        walked += bool(kwargs["walk"])
        return read_page(*args, **kwargs)  # type: ignore[arg-type]

    for salary_min in (None, 30_000, 75_000, 100_000):
        for posted in (None, 7, 30):
            for page in (1, 2):
                params = SearchParams(salary_min=salary_min, posted=posted, sort="salary", page=page)
                with monkeypatch.context() as patched:
                    _as_if_a_million_jobs(patched)
                    patched.setattr(search, "_page_ids", counting)
                    patched.setattr(search, "_walks", lambda *_, **__: True)
                    walking = search.search(db, params, now=NOW, page_size=3, with_facets=False)
                    patched.setattr(search, "_walks", lambda *_, **__: False)
                    patched.setattr(search, "_pay_floors", lambda *_: [])
                    whole = search.search(db, params, now=NOW, page_size=3, with_facets=False)
                assert [h.id for h in walking.hits] == [h.id for h in whole.hits], params
    assert walked == 24


def test_a_title_match_ranks_above_a_description_only_match(db: Session) -> None:
    old_title = make_job(
        title="Welder", description="Join us.", status="published", published_at=NOW - timedelta(days=20)
    )
    fresh_body = make_job(
        title="Fabrication Assistant",
        description="Help our welder team.",
        status="published",
        published_at=NOW,
    )
    add(db, old_title, fresh_body)
    hits = search.search(db, SearchParams(q="welder"), now=NOW).hits
    assert [h.id for h in hits] == [str(old_title.id), str(fresh_body.id)]


def test_phrases_exclusions_or_and_stemming(db: Session) -> None:
    a = make_job(title="Senior Data Engineer", description="Pipelines.", status="published", published_at=NOW)
    b = make_job(
        title="Data Scientist", description="Engineering models.", status="published", published_at=NOW
    )
    c = make_job(title="Nurse", description="Night shifts.", status="published", published_at=NOW)
    add(db, a, b, c)

    def ids(q: str) -> set[str]:
        return {h.id for h in search.search(db, SearchParams(q=q), now=NOW).hits}

    assert ids('"data engineer"') == {str(a.id)}
    assert ids("data -scientist") == {str(a.id)}
    assert ids("nurse or scientist") == {str(b.id), str(c.id)}
    assert ids("engineering") == {str(a.id), str(b.id)}
    assert ids("nurses") == {str(c.id)}


def test_words_too_common_to_search_show_every_job_with_a_notice(db: Session) -> None:
    add(db, make_job(status="published", published_at=NOW))
    result = search.search(db, SearchParams(q="the"), now=NOW)
    assert result.total >= 1
    assert "too common" in result.notices[0]


def test_radius_search_keeps_jobs_by_great_circle_distance(db: Session) -> None:
    berlin = geo.find_city("Berlin")
    assert berlin is not None
    potsdam = make_job(
        title="Potsdam job", status="published", published_at=NOW, latitude=52.39886, longitude=13.06566
    )
    hamburg = make_job(
        title="Hamburg job", status="published", published_at=NOW, latitude=53.57532, longitude=10.01534
    )
    add(db, potsdam, hamburg)
    assert 26 < geo.distance_km(berlin.latitude, berlin.longitude, 52.39886, 13.06566) < 28
    assert 250 < geo.distance_km(berlin.latitude, berlin.longitude, 53.57532, 10.01534) < 260

    def ids(radius: int, unit: str = "km") -> set[str]:
        params = SearchParams(location="Berlin, Germany", radius=radius, unit=unit)
        return {h.id for h in search.search(db, params, now=NOW).hits}

    assert ids(20) == set()
    assert ids(30) == {str(potsdam.id)}
    assert ids(300) == {str(potsdam.id), str(hamburg.id)}
    assert ids(150, "mi") == {str(potsdam.id)}
    assert ids(170, "mi") == {str(potsdam.id), str(hamburg.id)}


def test_an_unknown_place_falls_back_to_the_location_text_and_says_so(db: Session) -> None:
    job = make_job(status="published", published_at=NOW, location="Smallville Industrial Park")
    add(db, job)
    result = search.search(db, SearchParams(location="Smallville"), now=NOW)
    assert [h.id for h in result.hits] == [str(job.id)]
    assert "Smallville" in result.notices[0]


def test_hidden_pay_never_matches_a_salary_floor_and_hourly_pay_is_compared_yearly(db: Session) -> None:
    hourly = make_job(
        status="published",
        published_at=NOW,
        salary_min=50,
        salary_max=60,
        salary_period="hourly",
        salary_min_yearly=104_000,
        salary_max_yearly=124_800,
    )
    hidden = make_job(
        status="published",
        published_at=NOW,
        salary_min=200_000,
        salary_max=250_000,
        salary_period="yearly",
        salary_min_yearly=200_000,
        salary_max_yearly=250_000,
        show_salary=False,
    )
    unstated = make_job(status="published", published_at=NOW)
    add(db, hourly, hidden, unstated)
    hits = search.search(db, SearchParams(salary_min=120_000), now=NOW).hits
    assert [h.id for h in hits] == [str(hourly.id)]
    by_pay = search.search(db, SearchParams(sort="salary"), now=NOW).hits
    assert by_pay[0].id == str(hourly.id)


def test_new_matches_are_those_published_after_the_watermark(db: Session) -> None:
    old = make_job(title="Nurse", status="published", published_at=NOW - timedelta(days=3))
    new = make_job(title="Nurse", status="published", published_at=NOW - timedelta(hours=1))
    closed = make_job(title="Nurse", status="closed", published_at=NOW - timedelta(hours=1))
    add(db, old, new, closed)
    found = search.new_matches(db, SearchParams(q="nurse"), published_after=NOW - timedelta(days=1), now=NOW)
    assert [h.id for h in found] == [str(new.id)]


def test_did_you_mean_and_autocomplete_come_from_open_jobs(db: Session) -> None:
    add(
        db,
        make_job(title="Pharmacist", status="published", published_at=NOW),
        make_job(title="Physiotherapist", status="published", published_at=NOW),
        make_job(title="Secret Agent", status="draft"),
    )
    forget_vocabulary()
    result = search.search(db, SearchParams(q="pharmacsit"), now=NOW)
    assert result.total == 0 and result.suggestion == "pharmacist"
    assert did_you_mean(db, "agent") == ""
    assert [s.label for s in suggest(db, "phys")] == ["Physiotherapist"]
    assert suggest(db, "sec") == []
    assert suggest(db, "berl", "location")[0].label == "Berlin, Germany"
    forget_vocabulary()


def test_a_phrase_window_read_from_recent_days_is_the_window_read_from_every_job(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(8)
    jobs = [
        make_job(
            title=rng.choice(["Data Engineer", "Data Scientist"]),
            description=rng.choice(["Engineer models.", "Ship pipelines."]),
            status="published",
            published_at=NOW - timedelta(hours=rng.randint(1, 24 * 35)),
            priority_level=rng.choice([0, 0, 0, 1]),
            salary_min_yearly=rng.randint(4, 12) * 10_000,
        )
        for _ in range(90)
    ]
    add(db, *jobs)
    monkeypatch.setattr(search, "EXACT_FACET_CAP", 0)
    _as_if_a_million_jobs(monkeypatch)
    sliced_windows = 0
    read_window = search._phrase_window

    def counting(*args: object, **kwargs: object) -> tuple[list[uuid.UUID], int, int]:
        nonlocal sliced_windows
        got = read_window(*args, **kwargs)  # type: ignore[arg-type]
        sliced_windows += kwargs.get("days") is not None and got[2] >= search.PHRASE_SCAN
        return got

    # The sample of 90 jobs is too thin to say where the words lie: count them all instead.
    counted_exactly = functools.partial(search._holders_by_span, source=search.ROWS, scale=1.0)
    no_span = {**{str(d): 0.0 for d in POSTED_WITHIN_DAYS}, "all": 0.0, "base": 0.0}
    for scan in (4, 12, 30):
        for sort in ("relevance", "date", "salary"):
            for page in (1, 2):
                params = SearchParams(q='"data engineer"', sort=sort, page=page)
                with monkeypatch.context() as patched:
                    patched.setattr(search, "PHRASE_SCAN", scan)
                    patched.setattr(search, "_phrase_window", counting)
                    patched.setattr(search, "_holders_by_span", counted_exactly)
                    sliced = search.search(db, params, now=NOW, page_size=2, with_facets=False)
                    patched.setattr(search, "_holders_by_span", lambda *_: no_span)
                    whole = search.search(db, params, now=NOW, page_size=2, with_facets=False)
                assert [h.id for h in sliced.hits] == [h.id for h in whole.hits], (scan, params)
                assert sliced.total == whole.total, (scan, params)
    assert sliced_windows >= 6, "the small windows fit in a span of recent days"


def test_a_phrase_with_many_candidates_is_checked_among_the_newest_jobs_holding_its_words(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the facet cap a phrase is checked only in the newest ``PHRASE_SCAN`` jobs with all
    its words: the newest phrase match is found, one older than the scan is not, and no job
    holding the words apart is ever returned."""
    monkeypatch.setattr(search, "EXACT_FACET_CAP", 0)
    _as_if_a_million_jobs(monkeypatch)
    monkeypatch.setattr(search, "PHRASE_SCAN", 3)
    apart = [
        make_job(title="Data Scientist", description="Engineer models.", status="published", published_at=NOW)
        for _ in range(2)
    ]
    newest = make_job(title="Data Engineer", status="published", published_at=NOW - timedelta(hours=1))
    oldest = make_job(title="Data Engineer", status="published", published_at=NOW - timedelta(days=9))
    add(db, *apart, newest, oldest)
    result = search.search(db, SearchParams(q='"data engineer"'), now=NOW)
    assert [h.id for h in result.hits] == [str(newest.id)]
    assert result.total_is_estimate and result.total >= 1
