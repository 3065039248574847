"""The naive search the benchmark compares against: what one would write without an index.

Every word is an ``ILIKE '%word%'`` over title and description, the total is a
``count(*)``, each facet a ``count(*) ... GROUP BY`` with its own filter left out, and the
page is the newest twenty. The filters mean what they mean in ``jobhub.jobs.search`` (open
postings only, yearly stated pay, skills among required and preferred, great-circle radius),
so the two return comparable answers and only the way of finding them differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import psycopg

from jobhub.jobs import geo
from jobhub.jobs.models import JOB_SKILLS, STATED_PAY_YEARLY, RemotePolicy
from jobhub.jobs.search import DEFAULT_RADIUS_KM, SALARY_BANDS, TOP_COMPANIES
from jobhub.jobs.search_params import POSTED_WITHIN_DAYS, SearchParams

OPEN = "status = 'published' AND deleted_at IS NULL AND (expires_at IS NULL OR expires_at > %(now)s)"
POSTED_BUCKET = (
    "CASE "
    + " ".join(f"WHEN published_at >= %(now)s - interval '{d} days' THEN {d}" for d in POSTED_WITHIN_DAYS)
    + " END"
)
FACETS: dict[str, str] = {
    "type": "employment_type",
    "level": "experience_level",
    "remote": "remote_policy",
    "category": "category_id",
    "posted": POSTED_BUCKET,
    "salary": f"width_bucket({STATED_PAY_YEARLY}, ARRAY{list(SALARY_BANDS)})",
    "company": "company_id",
}
"""Facet -> the expression it groups by; each leaves out the filter of the same name."""
FACET_LIMITS = {"company": TOP_COMPANIES}
DISTANCE_KM = (
    f"2 * {geo.EARTH_RADIUS_KM} * asin(least(1.0, sqrt(power(sin(radians(latitude - %(lat)s) / 2), 2) "
    "+ cos(radians(%(lat)s)) * cos(radians(latitude)) * power(sin(radians(longitude - %(lon)s) / 2), 2))))"
)
TOKEN = re.compile(r'-?"[^"]*"|\S+')


@dataclass
class NaiveResult:
    total: int
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)
    page: list[Any] = field(default_factory=list)


def text_condition(q: str, params: dict[str, Any]) -> str:
    """websearch syntax read the plain way: words and phrases ANDed, ``or`` between two, ``-`` negates."""
    groups: list[list[str]] = [[]]
    pending_or = False
    for n, token in enumerate(TOKEN.findall(q)):
        if token.lower() == "or":
            pending_or = True
            continue
        negate = token.startswith("-")
        words = token.lstrip("-").strip('"').strip()
        if not words:
            continue
        params[f"w{n}"] = f"%{words}%"
        match = f"(title ILIKE %(w{n})s OR description ILIKE %(w{n})s)"
        term = f"NOT {match}" if negate else match
        if pending_or and groups[-1]:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return " AND ".join("(" + " OR ".join(g) + ")" for g in groups if g) or "TRUE"


def filter_conditions(p: SearchParams, params: dict[str, Any]) -> dict[str, str]:
    """One SQL condition per active filter, keyed like FACETS where a facet leaves it out."""
    conditions: dict[str, str] = {}
    if p.types:
        conditions["type"], params["types"] = "employment_type = ANY(%(types)s)", list(p.types)
    if p.levels:
        conditions["level"], params["levels"] = "experience_level = ANY(%(levels)s)", list(p.levels)
    if p.remote:
        conditions["remote"], params["remote"] = "remote_policy = ANY(%(remote)s)", list(p.remote)
    if p.categories:
        params["categories"] = list(p.categories)
        conditions["category"] = (
            "category_id IN (SELECT c.id FROM jobs.job_categories c LEFT JOIN jobs.job_categories up "
            "ON up.id = c.parent_id WHERE c.slug = ANY(%(categories)s) OR up.slug = ANY(%(categories)s))"
        )
    if p.companies:
        params["companies"] = list(p.companies)
        conditions["company"] = (
            "company_id IN (SELECT id FROM companies.companies WHERE slug = ANY(%(companies)s))"
        )
    if p.salary_min:
        conditions["salary"], params["salary_min"] = f"{STATED_PAY_YEARLY} >= %(salary_min)s", p.salary_min
    if p.posted:
        conditions["posted"] = "published_at >= %(now)s - make_interval(days => %(posted)s)"
        params["posted"] = p.posted
    if p.skills:
        params["skills"] = [s.lower() for s in p.skills]
        conditions["skills"] = (
            f"{JOB_SKILLS} @> ARRAY(SELECT id FROM profiles.skills WHERE lower(name) = ANY(%(skills)s))"
        )
    if p.location:
        conditions["location"] = location_condition(p, params)
    return conditions


def location_condition(p: SearchParams, params: dict[str, Any]) -> str:
    """Great-circle distance on every row (no bounding box), or the text when the place is unknown."""
    remote = (
        f" OR remote_policy = '{RemotePolicy.REMOTE_ONLY}'" if RemotePolicy.REMOTE_ONLY in p.remote else ""
    )
    city = geo.find_city(p.location)
    if city is None:
        params["place"] = f"%{p.location}%"
        return f"(location ILIKE %(place)s{remote})"
    params.update(lat=city.latitude, lon=city.longitude, radius_km=p.radius_km or DEFAULT_RADIUS_KM)
    return f"({DISTANCE_KM} <= %(radius_km)s{remote})"


def naive_search(conn: psycopg.Connection[Any], p: SearchParams, now: datetime) -> NaiveResult:
    """Filters before words, so PostgreSQL reads a description only for rows the filters let through.

    ``now`` is the one our search was given, so "posted within a day" means the same rows.
    """
    params: dict[str, Any] = {"now": now}
    conditions = filter_conditions(p, params)
    words = text_condition(p.q, params)

    def where(*left_out: str) -> str:
        return " AND ".join([OPEN, *(c for name, c in conditions.items() if name not in left_out), words])

    row = conn.execute(f"SELECT count(*) FROM jobs.jobs WHERE {where()}", params).fetchone()
    result = NaiveResult(total=int(row[0]) if row else 0)
    for name, expression in FACETS.items():
        result.facets[name] = conn.execute(
            f"SELECT {expression}, count(*) FROM jobs.jobs WHERE {where(name)} GROUP BY 1 ORDER BY 2 DESC "
            f"LIMIT {FACET_LIMITS.get(name, 'ALL')}",
            params,
        ).fetchall()
    result.page = conn.execute(
        f"SELECT id, title, company_id, location, salary_min, salary_max, salary_period, published_at "
        f"FROM jobs.jobs WHERE {where()} ORDER BY published_at DESC LIMIT 20",
        params,
    ).fetchall()
    return result
