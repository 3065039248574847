"""Job search engine choice at up to a million jobs: ``python -m tests.bench.bench_search``.

Why: issue 5 (the faceted job search) must pick where ranking and facet counting run
(DESIGN.md §4b). PostgreSQL is the source of truth and has the stored weighted
``search_vector`` with its GIN index; ClickHouse (chDB, the embedded default) is built for
counting. This script measures both on the same realistic synthetic jobs so the choice rests
on figures from this machine rather than on a guess.

It loads N jobs (titles, skills and descriptions drawn from word lists with a skewed word
frequency, ~50 companies per 1000 jobs, the migrated categories, employment types, levels,
remote policies, salaries in several periods or hidden, posted over 90 days, coordinates
around ~200 cities) into the real ``jobs.jobs`` table of a fresh database migrated to head
(``--server postgresql://...`` creates it on a server; default embedded), loading in chunks
and stopping early when ``--load-budget`` seconds are spent, so the N reported is the one
measured. The same rows are copied into a chDB table in a temp dir. Then, for ~30 queries
mixing common and rare terms with varied filters (remote, employment type, yearly salary
floor, posted within 7 days, a bounding box), it times p50/p95 of:

* PostgreSQL: the top-20 page by blended rank (``ts_rank_cd`` over ``websearch_to_tsquery``
  plus freshness), the total count, the seven facets each with its own filter left out
  (seven queries), and the same facets in one pass (``LATERAL VALUES`` + ``FILTER``);
* ClickHouse: the facets and total in one pass (``ARRAY JOIN`` + ``countIf``, ``LIMIT BY``),
  the top-20 candidate ids, and hydrating those 20 rows from PostgreSQL by id.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import clickhouse_connect
import psycopg
from clickhouse_connect.driver.client import Client
from sqlalchemy import Engine, text

from jobhub.platform.db import build_engine, embedded_database_url, stop_embedded_server, to_sqlalchemy_url
from jobhub.platform.migrations import upgrade_database
from jobhub.settings import reset_settings

RNG_SEED = 5
CHUNK = 50_000

# --- word lists ---------------------------------------------------------------------------

SENIORITY = ["Junior", "Senior", "Staff", "Principal", "Lead", "Associate", "Head of", ""]
DOMAINS = [
    "Backend", "Frontend", "Fullstack", "Data", "Platform", "Mobile", "Security", "Cloud",
    "Machine Learning", "Embedded", "Game", "Network", "Database", "Payments", "Growth",
    "Product", "Marketing", "Sales", "Finance", "Legal", "Clinical", "Logistics", "Retail",
    "Warehouse", "Customer Support", "Research", "Design", "Quality", "Reliability", "Content",
]  # fmt: skip
ROLES = [
    "Engineer", "Developer", "Analyst", "Manager", "Designer", "Scientist", "Architect",
    "Consultant", "Specialist", "Administrator", "Coordinator", "Director", "Technician",
    "Writer", "Nurse", "Accountant", "Recruiter", "Operator", "Planner", "Strategist",
]  # fmt: skip
SKILLS = [
    "python", "java", "golang", "rust", "typescript", "javascript", "react", "vue", "angular",
    "kotlin", "swift", "scala", "haskell", "elixir", "ruby", "rails", "django", "flask",
    "fastapi", "spring", "dotnet", "csharp", "cplusplus", "postgresql", "mysql", "mongodb",
    "redis", "kafka", "rabbitmq", "clickhouse", "snowflake", "bigquery", "spark", "airflow",
    "dbt", "tableau", "looker", "excel", "sap", "salesforce", "hubspot", "figma", "sketch",
    "photoshop", "kubernetes", "docker", "terraform", "ansible", "aws", "azure", "gcp", "linux",
    "nginx", "graphql", "grpc", "pytorch", "tensorflow", "pandas", "numpy", "sql", "nosql",
    "opensearch", "elasticsearch", "prometheus", "grafana", "jenkins", "gitlab", "jira", "agile",
    "scrum", "kanban", "seo", "copywriting", "negotiation", "bookkeeping", "payroll", "gdpr",
    "hipaa", "soc2", "pci", "fortran", "cobol", "erlang", "ocaml", "zig", "solidity", "unity",
    "unreal", "blender", "autocad", "solidworks", "matlab", "labview", "verilog", "vhdl", "fpga",
]  # fmt: skip
COMMON_WORDS = [
    "team", "work", "build", "product", "customer", "experience", "develop", "support",
    "design", "data", "system", "service", "company", "project", "manage", "help", "grow",
    "business", "platform", "quality", "process", "improve", "deliver", "lead", "create",
    "client", "solution", "technical", "role", "opportunity", "skill", "strong", "environment",
    "communication", "responsible", "collaborate", "test", "deploy", "operate", "scale",
    "global", "remote", "office", "benefit", "health", "learning", "career", "culture",
    "mission", "impact", "user", "application", "infrastructure", "security", "performance",
    "analysis", "report", "strategy", "market", "revenue", "partner", "stakeholder", "plan",
    "research", "innovation", "agile", "ownership", "mentor", "review", "standard", "tool",
]  # fmt: skip
SYLLABLES = ["ka", "lo", "mir", "zen", "tor", "vex", "qui", "bra", "nel", "dun", "fio", "gar"]
COMPANY_WORDS = ["Labs", "Systems", "Group", "Works", "Health", "Logistics", "Capital", "Studio"]
EMPLOYMENT = ["full_time"] * 7 + ["part_time", "contract", "contract", "freelance", "internship"]
LEVELS = ["entry", "junior", "mid", "mid", "mid", "senior", "senior", "lead", "executive"]
REMOTE = ["onsite", "onsite", "hybrid", "hybrid", "remote_only", "flexible"]
PERIODS = ["yearly"] * 6 + ["monthly", "hourly", "hourly", "daily"]
PER_YEAR = {"yearly": 1, "monthly": 12, "weekly": 52, "daily": 260, "hourly": 2080}


def rare_words(rng: random.Random, count: int) -> list[str]:
    """Invented words: the long tail that makes rare-term queries rare."""
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))))
    return sorted(words)


def cities(rng: random.Random, count: int) -> list[tuple[str, float, float]]:
    """About 200 city centres in North America and Europe, jittered per job at load time."""
    out = []
    for i in range(count):
        if i % 2:
            lat, lon = rng.uniform(26, 49), rng.uniform(-123, -71)
        else:
            lat, lon = rng.uniform(37, 60), rng.uniform(-9, 28)
        out.append((f"City{i:03d}", round(lat, 4), round(lon, 4)))
    return out


@dataclass
class Corpus:
    """Everything the loader and the query mix draw from, seeded so reruns match."""

    rng: random.Random
    vocab: list[str]
    rare: list[str]
    places: list[tuple[str, float, float]]
    n_companies: int

    @classmethod
    def build(cls, jobs: int) -> Corpus:
        rng = random.Random(RNG_SEED)
        rare = rare_words(rng, 3000)
        vocab = COMMON_WORDS + SKILLS + [r.lower() for r in ROLES] + rare
        places = cities(rng, 200)
        n_companies = max(50, jobs * 50 // 1000)  # named in SQL from SYLLABLES and COMPANY_WORDS
        return cls(rng=rng, vocab=vocab, rare=rare, places=places, n_companies=n_companies)


# --- loading ------------------------------------------------------------------------------

LOAD_SQL = """
WITH p AS (
    SELECT CAST(:seniority AS text[]) AS sen, CAST(:domains AS text[]) AS dom,
           CAST(:roles AS text[]) AS rol, CAST(:skills AS text[]) AS ski,
           CAST(:vocab AS text[]) AS voc, CAST(:syllables AS text[]) AS syl,
           CAST(:company_words AS text[]) AS cw, CAST(:n_companies AS int) AS ncom,
           CAST(:city_names AS text[]) AS cn, CAST(:city_lat AS float8[]) AS cla,
           CAST(:city_lon AS float8[]) AS clo, CAST(:employment AS text[]) AS emp,
           CAST(:levels AS text[]) AS lev, CAST(:remote AS text[]) AS rem,
           CAST(:periods AS text[]) AS per,
           (SELECT array_agg(id ORDER BY slug) FROM jobs.job_categories) AS cat
), g AS (
    SELECT n, p.*,
           (hashint4(n) & 2147483647) % p.ncom AS ci,
           1 + (hashint4(n + 7) & 2147483647) % 200 AS city,
           random() AS r_sal, random() AS r_age, random() AS r_rem, random() AS r_hide
    FROM generate_series(CAST(:lo AS int), CAST(:hi AS int)) AS n CROSS JOIN p
), h AS (
    SELECT g.*,
           per[1 + floor(random() * array_length(per, 1))::int] AS period,
           (30000 + floor(power(r_sal, 1.5) * 170000))::int AS base_year,
           rem[1 + floor(r_rem * array_length(rem, 1))::int] AS rpol
    FROM g
)
INSERT INTO jobs.jobs (
    employer_id, company_id, title, slug, description, category_id, employment_type,
    experience_level, location, is_remote, remote_policy, salary_min, salary_max, salary_period,
    salary_min_yearly, salary_max_yearly, show_salary, status, latitude, longitude,
    search_keywords, published_at, created_at
)
SELECT
    md5('employer' || ci)::uuid,
    md5('company' || ci)::uuid,
    trim(sen[1 + floor(random() * array_length(sen, 1))::int] || ' '
         || dom[1 + floor(random() * array_length(dom, 1))::int] || ' '
         || rol[1 + floor(random() * array_length(rol, 1))::int]),
    'job-' || n,
    array_to_string(ARRAY(
        SELECT voc[1 + floor(power(random(), 3) * array_length(voc, 1))::int]
        FROM generate_series(1, 25 + n % 20)
    ), ' '),
    cat[1 + (hashint4(n + 3) & 2147483647) % array_length(cat, 1)],
    emp[1 + floor(random() * array_length(emp, 1))::int],
    lev[1 + floor(random() * array_length(lev, 1))::int],
    cn[city],
    rpol = 'remote_only',
    rpol,
    CASE WHEN r_hide < 0.3 THEN NULL ELSE base_year / CAST(:per_year ->> period AS int) END,
    CASE WHEN r_hide < 0.3 THEN NULL ELSE (base_year * 1.3)::int / CAST(:per_year ->> period AS int) END,
    CASE WHEN r_hide < 0.3 THEN NULL ELSE period END,
    CASE WHEN r_hide < 0.3 THEN NULL ELSE base_year END,
    CASE WHEN r_hide < 0.3 THEN NULL ELSE (base_year * 1.3)::int END,
    r_hide >= 0.4,
    'published',
    cla[city] + (random() - 0.5) * 0.6,
    clo[city] + (random() - 0.5) * 0.6,
    array_to_string(ARRAY(
        SELECT ski[1 + floor(random() * array_length(ski, 1))::int]
        FROM generate_series(1, 3 + n % 4)
    ), ' ') || ' ' || initcap(syl[1 + ci % 12] || syl[1 + (ci / 12) % 12] || syl[1 + (ci / 144) % 12]
                              || syl[1 + (ci / 1728) % 12]) || ' ' || cw[1 + (ci / 20736) % 8],
    now() - make_interval(secs => r_age * 90 * 86400),
    now() - make_interval(secs => r_age * 90 * 86400)
FROM h
"""


def load_postgres(engine: Engine, corpus: Corpus, jobs: int, budget: float) -> tuple[int, float]:
    """Insert in chunks through the real table (generated tsvector, every index); stop at the budget."""
    import json

    params: dict[str, Any] = {
        "seniority": SENIORITY,
        "domains": DOMAINS,
        "roles": ROLES,
        "skills": SKILLS,
        "vocab": corpus.vocab,
        "syllables": SYLLABLES,
        "company_words": COMPANY_WORDS,
        "n_companies": corpus.n_companies,
        "city_names": [c[0] for c in corpus.places],
        "city_lat": [c[1] for c in corpus.places],
        "city_lon": [c[2] for c in corpus.places],
        "employment": EMPLOYMENT,
        "levels": LEVELS,
        "remote": REMOTE,
        "periods": PERIODS,
        "per_year": json.dumps(PER_YEAR),
    }
    sql = text(LOAD_SQL.replace(":per_year ->>", "CAST(:per_year AS jsonb) ->>"))
    started = time.perf_counter()
    loaded = 0
    with engine.begin() as conn:
        conn.execute(text("SELECT setseed(0.5)"))
    while loaded < jobs:
        hi = min(jobs, loaded + CHUNK)
        with engine.begin() as conn:
            conn.execute(sql, {**params, "lo": loaded + 1, "hi": hi})
        loaded = hi
        spent = time.perf_counter() - started
        print(f"  loaded {loaded:>9,} jobs  {spent:6.1f} s", flush=True)
        if spent > budget and loaded < jobs:
            print(f"  load budget of {budget:.0f} s spent: measuring at N = {loaded:,}")
            break
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE jobs.jobs"))
    return loaded, time.perf_counter() - started


CH_DDL = """
CREATE TABLE search.jobs (
    id UUID,
    company_id UUID,
    company String,
    category_id String,
    employment_type LowCardinality(String),
    experience_level LowCardinality(String),
    remote_policy LowCardinality(String),
    is_remote UInt8,
    salary_min_yearly Nullable(Int64),
    salary_max_yearly Nullable(Int64),
    published_at DateTime,
    latitude Float64,
    longitude Float64,
    title String,
    keywords String,
    description String{index}
) ENGINE = MergeTree ORDER BY (published_at, id)
"""
CH_TEXT_INDEX = """,
    INDEX idx_title lower(title) TYPE text(tokenizer = 'splitByNonAlpha'),
    INDEX idx_keywords lower(keywords) TYPE text(tokenizer = 'splitByNonAlpha'),
    INDEX idx_description lower(description) TYPE text(tokenizer = 'splitByNonAlpha')"""

CH_COLUMNS = [
    "id", "company_id", "company", "category_id", "employment_type", "experience_level",
    "remote_policy", "is_remote", "salary_min_yearly", "salary_max_yearly", "published_at",
    "latitude", "longitude", "title", "keywords", "description",
]  # fmt: skip


def load_clickhouse(pg_url: str, client: Client) -> tuple[float, bool]:
    """Copy every job from PostgreSQL into chDB, as an outbox-fed search table would hold them."""
    client.command("CREATE DATABASE IF NOT EXISTS search")
    indexed = True
    try:
        client.command(
            CH_DDL.format(index=CH_TEXT_INDEX),
            settings={"allow_experimental_full_text_index": 1, "enable_full_text_index": 1},
        )
    except Exception as exc:  # older/newer syntax: fall back to a plain scan
        print(f"  (text index unavailable: {str(exc).splitlines()[0][:120]}; plain MergeTree)")
        client.command("DROP TABLE IF EXISTS search.jobs")
        client.command(CH_DDL.format(index=""))
        indexed = False
    started = time.perf_counter()
    with psycopg.connect(pg_url) as conn, conn.cursor(name="copy") as cur:
        cur.itersize = CHUNK
        cur.execute(
            """
            SELECT id, company_id, split_part(search_keywords, ' ', -2) || ' '
                       || split_part(search_keywords, ' ', -1),
                   coalesce(category_id::text, ''), employment_type, coalesce(experience_level, ''),
                   coalesce(remote_policy, ''), is_remote::int, salary_min_yearly, salary_max_yearly,
                   published_at, latitude, longitude, title, coalesce(search_keywords, ''), description
            FROM jobs.jobs WHERE status = 'published' AND deleted_at IS NULL
            """
        )
        while rows := cur.fetchmany(CHUNK):
            client.insert("search.jobs", [list(r) for r in rows], column_names=CH_COLUMNS)
    return time.perf_counter() - started, indexed


# --- the query mix ------------------------------------------------------------------------


@dataclass
class Query:
    """One search as the page would send it: words plus the active filters."""

    label: str
    terms: list[str]
    remote: bool = False
    types: list[str] | None = None
    salary_min: int | None = None
    last_7_days: bool = False
    bbox: tuple[float, float, float, float] | None = None  # lat_lo, lat_hi, lon_lo, lon_hi

    @property
    def websearch(self) -> str:
        return " ".join(self.terms)


def query_mix(corpus: Corpus, count: int) -> list[Query]:
    rng = random.Random(RNG_SEED + 2)
    out: list[Query] = []
    for i in range(count):
        kind = i % 3
        if kind == 0:
            terms = [rng.choice(["engineer", "manager", "senior", "data", "team", "python", "analyst"])]
            label = "common"
        elif kind == 1:
            terms = [rng.choice([r.lower() for r in ROLES]), rng.choice(SKILLS)]
            label = "two-term"
        else:
            terms = [rng.choice(corpus.rare[-2000:])]
            label = "rare"
        q = Query(label=label, terms=terms)
        if rng.random() < 0.4:
            q.remote = True
        if rng.random() < 0.4:
            q.types = rng.sample(["full_time", "part_time", "contract", "freelance"], 2)
        if rng.random() < 0.4:
            q.salary_min = rng.choice([60_000, 90_000, 120_000])
        if rng.random() < 0.3:
            q.last_7_days = True
        if rng.random() < 0.3:
            _, lat, lon = rng.choice(corpus.places)
            q.bbox = (lat - 2, lat + 2, lon - 3, lon + 3)
        out.append(q)
    return out


FILTERS = ("remote", "type", "salary", "posted", "bbox")


def pg_filters(q: Query, params: dict[str, Any]) -> dict[str, str]:
    """SQL predicate per active filter (``TRUE`` when inactive); fills ``params``."""
    f = dict.fromkeys(FILTERS, "TRUE")
    if q.remote:
        f["remote"] = "is_remote"
    if q.types:
        f["type"] = "employment_type = ANY(%(types)s)"
        params["types"] = q.types
    if q.salary_min is not None:
        f["salary"] = "salary_max_yearly >= %(salary_min)s"
        params["salary_min"] = q.salary_min
    if q.last_7_days:
        f["posted"] = "published_at >= now() - interval '7 days'"
    if q.bbox:
        f["bbox"] = (
            "latitude BETWEEN %(lat_lo)s AND %(lat_hi)s AND longitude BETWEEN %(lon_lo)s AND %(lon_hi)s"
        )
        params.update(dict(zip(("lat_lo", "lat_hi", "lon_lo", "lon_hi"), q.bbox, strict=True)))
    return f


def all_but(f: dict[str, str], *left_out: str) -> str:
    return " AND ".join(f"({v})" for k, v in f.items() if k not in left_out)


PG_BASE = (
    "status = 'published' AND deleted_at IS NULL AND search_vector @@ websearch_to_tsquery('english', %(q)s)"
)
POSTED_BUCKET = (
    "CASE WHEN published_at >= now() - interval '1 day' THEN '24h' "
    "WHEN published_at >= now() - interval '7 days' THEN '7d' "
    "WHEN published_at >= now() - interval '30 days' THEN '30d' ELSE 'older' END"
)
SALARY_BAND = (
    "CASE WHEN salary_max_yearly IS NULL THEN 'unspecified' WHEN salary_max_yearly < 50000 THEN '<50k' "
    "WHEN salary_max_yearly < 100000 THEN '50-100k' WHEN salary_max_yearly < 150000 THEN '100-150k' "
    "ELSE '150k+' END"
)
# facet -> (expression, the filter it leaves out)
FACETS: dict[str, tuple[str, str | None]] = {
    "employment_type": ("employment_type", "type"),
    "experience_level": ("experience_level", None),
    "remote_policy": ("remote_policy", "remote"),
    "category": ("category_id::text", None),
    "posted": (POSTED_BUCKET, "posted"),
    "salary_band": (SALARY_BAND, "salary"),
    "company": ("company_id::text", None),
}


def pg_page(conn: psycopg.Connection[Any], q: Query) -> list[Any]:
    params: dict[str, Any] = {"q": q.websearch}
    where = all_but(pg_filters(q, params))
    return conn.execute(
        f"""
        SELECT id, title, company_id, published_at,
               ts_rank_cd(search_vector, websearch_to_tsquery('english', %(q)s), 32)
               + 0.3 * exp(-extract(epoch FROM now() - published_at) / (14 * 86400)) AS score
        FROM jobs.jobs WHERE {PG_BASE} AND {where}
        ORDER BY score DESC LIMIT 20
        """,
        params,
    ).fetchall()


def pg_count(conn: psycopg.Connection[Any], q: Query) -> int:
    params: dict[str, Any] = {"q": q.websearch}
    where = all_but(pg_filters(q, params))
    row = conn.execute(f"SELECT count(*) FROM jobs.jobs WHERE {PG_BASE} AND {where}", params).fetchone()
    return int(row[0]) if row else 0


def pg_facets_separate(conn: psycopg.Connection[Any], q: Query) -> dict[str, list[tuple[str, int]]]:
    params: dict[str, Any] = {"q": q.websearch}
    f = pg_filters(q, params)
    out: dict[str, list[tuple[str, int]]] = {}
    for name, (expr, own) in FACETS.items():
        where = all_but(f, *((own,) if own else ()))
        rows = conn.execute(
            f"SELECT {expr} AS v, count(*) AS n FROM jobs.jobs WHERE {PG_BASE} AND {where} "
            "GROUP BY 1 ORDER BY n DESC LIMIT 20",
            params,
        ).fetchall()
        out[name] = [(str(v), int(n)) for v, n in rows]
    return out


def pg_facets_one_pass(conn: psycopg.Connection[Any], q: Query) -> dict[str, list[tuple[str, int]]]:
    params: dict[str, Any] = {"q": q.websearch}
    f = pg_filters(q, params)
    values = ", ".join(
        f"('{name}', ({expr})::text, {all_but(f, *((own,) if own else ()))})"
        for name, (expr, own) in FACETS.items()
    )
    rows = conn.execute(
        f"""
        SELECT facet, v, n FROM (
            SELECT x.facet, x.v, count(*) FILTER (WHERE x.ok) AS n,
                   row_number() OVER (PARTITION BY x.facet ORDER BY count(*) FILTER (WHERE x.ok) DESC) AS rn
            FROM jobs.jobs CROSS JOIN LATERAL (VALUES {values}) AS x(facet, v, ok)
            WHERE {PG_BASE}
            GROUP BY x.facet, x.v
        ) s WHERE rn <= 20 AND n > 0
        """,
        params,
    ).fetchall()
    out: dict[str, list[tuple[str, int]]] = {}
    for facet, v, n in rows:
        out.setdefault(facet, []).append((str(v), int(n)))
    return out


def ch_filters(q: Query, params: dict[str, Any]) -> dict[str, str]:
    f = dict.fromkeys(FILTERS, "1")
    if q.remote:
        f["remote"] = "is_remote = 1"
    if q.types:
        f["type"] = "employment_type IN {types:Array(String)}"
        params["types"] = q.types
    if q.salary_min is not None:
        f["salary"] = "salary_max_yearly >= {salary_min:Int64}"
        params["salary_min"] = q.salary_min
    if q.last_7_days:
        f["posted"] = "published_at >= now() - INTERVAL 7 DAY"
    if q.bbox:
        f["bbox"] = (
            "latitude BETWEEN {lat_lo:Float64} AND {lat_hi:Float64} "
            "AND longitude BETWEEN {lon_lo:Float64} AND {lon_hi:Float64}"
        )
        params.update(dict(zip(("lat_lo", "lat_hi", "lon_lo", "lon_hi"), q.bbox, strict=True)))
    return f


def ch_match(q: Query, params: dict[str, Any]) -> tuple[str, str]:
    """Every term in title, skills/company or body (AND, like websearch); and a weighted score."""
    conds, score = [], []
    for i, term in enumerate(q.terms):
        params[f"t{i}"] = term.lower()
        t = f"{{t{i}:String}}"
        title, kw, body = (f"hasToken(lower({c}), {t})" for c in ("title", "keywords", "description"))
        conds.append(f"({title} OR {kw} OR {body})")
        score.append(f"1.0 * {title} + 0.4 * {kw} + 0.1 * {body}")
    return " AND ".join(conds), " + ".join(score)


CH_POSTED = (
    "multiIf(published_at >= now() - INTERVAL 1 DAY, '24h', published_at >= now() - INTERVAL 7 DAY, '7d', "
    "published_at >= now() - INTERVAL 30 DAY, '30d', 'older')"
)
CH_SALARY = (
    "multiIf(salary_max_yearly IS NULL, 'unspecified', salary_max_yearly < 50000, '<50k', "
    "salary_max_yearly < 100000, '50-100k', salary_max_yearly < 150000, '100-150k', '150k+')"
)
CH_FACETS: dict[str, tuple[str, str | None]] = {
    "employment_type": ("toString(employment_type)", "type"),
    "experience_level": ("toString(experience_level)", None),
    "remote_policy": ("toString(remote_policy)", "remote"),
    "category": ("category_id", None),
    "posted": (CH_POSTED, "posted"),
    "salary_band": (CH_SALARY, "salary"),
    "company": ("toString(company_id)", None),
    "total": ("''", None),
}


def ch_facets(client: Client, q: Query) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """Total and every facet, each without its own filter, in one scan."""
    params: dict[str, Any] = {}
    match, _ = ch_match(q, params)
    f = ch_filters(q, params)
    tuples = ", ".join(
        f"tuple('{name}', {expr}, toUInt8({all_but(f, *((own,) if own else ()))}))"
        for name, (expr, own) in CH_FACETS.items()
    )
    rows = client.query(
        f"""
        SELECT x.1 AS facet, x.2 AS v, countIf(x.3 = 1) AS n
        FROM search.jobs ARRAY JOIN [{tuples}] AS x
        WHERE {match}
        GROUP BY facet, v HAVING n > 0
        ORDER BY facet, n DESC LIMIT 20 BY facet
        """,
        parameters=params,
    ).result_rows
    out: dict[str, list[tuple[str, int]]] = {}
    for facet, v, n in rows:
        out.setdefault(facet, []).append((str(v), int(n)))
    total = out.pop("total", [("", 0)])[0][1]
    return total, out


def ch_candidates(client: Client, q: Query) -> list[uuid.UUID]:
    params: dict[str, Any] = {}
    match, score = ch_match(q, params)
    where = all_but(ch_filters(q, params))
    rows = client.query(
        f"""
        SELECT id FROM search.jobs WHERE {match} AND {where}
        ORDER BY ({score}) + 0.3 * exp(-dateDiff('second', published_at, now()) / (14 * 86400)) DESC
        LIMIT 20
        """,
        parameters=params,
    ).result_rows
    return [r[0] for r in rows]


def pg_hydrate(conn: psycopg.Connection[Any], ids: Sequence[uuid.UUID]) -> list[Any]:
    rows = conn.execute(
        "SELECT id, title, company_id, location, salary_min, salary_max, salary_period, show_salary, "
        "published_at, description FROM jobs.jobs WHERE id = ANY(%s)",
        [list(ids)],
    ).fetchall()
    order = {i: n for n, i in enumerate(ids)}
    return sorted(rows, key=lambda r: order[r[0]])


# --- timing -------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


@dataclass
class Results:
    ms: dict[str, list[float]] = field(default_factory=dict)
    by_kind: dict[tuple[str, str], list[float]] = field(default_factory=dict)

    def add(self, name: str, kind: str, value: float) -> None:
        self.ms.setdefault(name, []).append(value)
        self.by_kind.setdefault((name, kind), []).append(value)


def run(pg_url: str, client: Client, queries: list[Query]) -> tuple[Results, list[str]]:
    res = Results()
    notes: list[str] = []
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for q in queries[:3]:  # warm both caches
            pg_count(conn, q)
            ch_facets(client, q)
        for q in queries:
            kind = q.label
            t_page, _ = timed(lambda q=q: pg_page(conn, q))
            t_count, pg_total = timed(lambda q=q: pg_count(conn, q))
            t_sep, _ = timed(lambda q=q: pg_facets_separate(conn, q))
            t_one, _ = timed(lambda q=q: pg_facets_one_pass(conn, q))
            t_chf, (ch_total, _) = timed(lambda q=q: ch_facets(client, q))
            t_chc, ids = timed(lambda q=q: ch_candidates(client, q))
            t_hyd, _ = timed(lambda ids=ids: pg_hydrate(conn, ids))
            for name, value in (
                ("PG top-20 page (blended rank)", t_page),
                ("PG total count", t_count),
                ("PG 7 facets, 7 queries", t_sep),
                ("PG 7 facets + total, one pass", t_one),
                ("PG search = page+count+7 facets", t_page + t_count + t_sep),
                ("PG search = page+count+one pass", t_page + t_count + t_one),
                ("CH facets + total, one pass", t_chf),
                ("CH top-20 candidate ids", t_chc),
                ("PG hydrate 20 ids", t_hyd),
                ("CH search = facets+ids+hydrate", t_chf + t_chc + t_hyd),
            ):
                res.add(name, kind, value)
            res.add("matches", kind, float(pg_total))
            if pg_total != ch_total:
                notes.append(f"{q.websearch!r}: PG {pg_total} vs CH {ch_total} (stemming vs exact tokens)")
    return res, notes


def report(res: Results, kinds: list[str]) -> None:
    head = f"{'measure (ms)':<34}{'p50':>8}{'p95':>8}" + "".join(f"{k + ' p50':>14}" for k in kinds)
    print(head)
    print("-" * len(head))
    for name, values in res.ms.items():
        if name == "matches":
            continue
        per_kind = "".join(f"{percentile(res.by_kind[(name, k)], 0.5):>14.1f}" for k in kinds)
        print(f"{name:<34}{percentile(values, 0.5):>8.1f}{percentile(values, 0.95):>8.1f}{per_kind}")
    matches = "".join(f"{statistics.median(res.by_kind[('matches', k)]):>14,.0f}" for k in kinds)
    print(f"{'median matches (after filters)':<50}{matches}")


def verdict(res: Results, n: int) -> str:
    def p(name: str, frac: float) -> float:
        return percentile(res.ms[name], frac)

    pg_sep = p("PG search = page+count+7 facets", 0.95)
    pg_one = p("PG search = page+count+one pass", 0.95)
    ch = p("CH search = facets+ids+hydrate", 0.95)
    best_pg = min(pg_sep, pg_one)
    if ch * 1.5 < best_pg:
        choice = (
            "ClickHouse serves the facet counts and candidate ids (fed from the outbox) and "
            "PostgreSQL hydrates the page: it is the faster engine at this size by p95"
        )
    elif best_pg * 1.5 < ch:
        choice = "PostgreSQL alone is faster at this size by p95; keep search in PostgreSQL"
    else:
        choice = (
            "the two are within 1.5x of each other at p95, so PostgreSQL alone (one fewer moving "
            "part, always consistent) is enough for now"
        )
    return (
        f"Verdict at N = {n:,}: a full search page (top 20 + total + 7 facets) costs p95 "
        f"{pg_sep:.0f} ms in PostgreSQL with one query per facet, {pg_one:.0f} ms with the facets "
        f"in one pass, and {ch:.0f} ms with ClickHouse doing facets and candidates plus "
        f"PostgreSQL hydrating 20 rows. So {choice}. Keep jobs/search.py as the one interface, "
        "so the engine behind it can change (and a search cluster stays the road past one machine)."
    )


# --- main ---------------------------------------------------------------------------------


def database(server: str | None, data_dir: Path) -> tuple[str, str, Callable[[], None]]:
    """(SQLAlchemy URL, psycopg URL, cleanup) for a fresh database."""
    name = f"jobhub_bench_{uuid.uuid4().hex[:8]}"
    if server is None:
        url = embedded_database_url(data_dir, name)
        plain = url.replace("postgresql+psycopg://", "postgresql://")
        return url, plain, lambda: stop_embedded_server(data_dir)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    plain = f"{server.rsplit('/', 1)[0]}/{name}"
    return to_sqlalchemy_url(plain), plain, drop


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--load-budget", type=float, default=300.0, help="seconds; stop loading after this")
    parser.add_argument("--server", help="a PostgreSQL maintenance URL; default: embedded")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="jobhub-bench-"))
    data_dir.chmod(0o755)
    os.environ["JOBHUB_DATA_DIR"] = str(data_dir)
    os.environ.pop("JOBHUB_DATABASE_URL", None)
    reset_settings()
    url, plain_url, cleanup = database(args.server, data_dir)
    client: Client | None = None
    try:
        upgrade_database(url)
        engine = build_engine(url)
        corpus = Corpus.build(args.jobs)
        print(f"-- loading up to {args.jobs:,} jobs into jobs.jobs ({corpus.n_companies:,} companies)")
        n, pg_seconds = load_postgres(engine, corpus, args.jobs, args.load_budget)
        with engine.connect() as conn:
            size = conn.execute(text("SELECT pg_size_pretty(pg_total_relation_size('jobs.jobs'))")).scalar()
        engine.dispose()
        print(f"PostgreSQL: {n:,} jobs in {pg_seconds:.1f} s (incl. VACUUM ANALYZE), table+indexes {size}")
        client = clickhouse_connect.get_client(dsn=f"chdb://{data_dir / 'clickhouse'}")
        ch_seconds, indexed = load_clickhouse(plain_url, client)
        kind = "text indexes" if indexed else "no text index"
        print(f"ClickHouse (chDB): {n:,} jobs copied from PostgreSQL in {ch_seconds:.1f} s ({kind})")
        queries = query_mix(corpus, args.queries)
        started = datetime.now(UTC)
        res, notes = run(plain_url, client, queries)
        elapsed = (datetime.now(UTC) - started) / timedelta(seconds=1)
        print(f"-- {len(queries)} queries (common / two-term / rare, random filters), {elapsed:.0f} s")
        report(res, ["common", "two-term", "rare"])
        if notes:
            print(f"count differences PG vs CH ({len(notes)}), e.g. {notes[0]}")
        print()
        print(verdict(res, n))
    finally:
        if client is not None:
            client.close()
        cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
