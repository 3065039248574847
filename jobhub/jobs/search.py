"""Job search on PostgreSQL: keyword relevance, filters, facet counts, pages of results.

Why PostgreSQL alone (DESIGN.md §4b): the measured alternative (ClickHouse facets and
candidates, PostgreSQL hydration) was no faster at the 95th percentile on this machine and
would add a copy that lags. What makes common words slow is ranking and counting every
match, so this module never does that past a threshold:

* **Counts** are exact up to ``EXACT_TOTAL_CAP`` matches (a capped ``count`` stops early);
  past it the page says "10,000+ jobs".
* **Facets** (each with its own filter left out, as job sites do) are counted exactly over
  the rows that match the keywords, place and skills when those are at most
  ``EXACT_FACET_CAP``; past that they are estimated from a ``TABLESAMPLE`` of about
  ``SAMPLE_ROWS`` rows, scaled, and flagged so the UI shows "~1,200".
* **Relevance** ranks every match when there are few; when there are many it ranks the
  newest ``CANDIDATE_WINDOW`` matches plus the promoted ones (freshness is part of the
  score anyway), which an index on ``published_at`` serves without reading the rest.

Relevance = ``ts_rank_cd`` over the weighted vector (title A, skills and company B,
description C) normalised to [0, 1) + 0.25 * freshness (e^-age/30 days) + 0.1 per promotion
level (up to 3). Everything here returns plain view data, safe for Reflex state.
"""

from __future__ import annotations

import math
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from jobhub.companies import service as companies
from jobhub.jobs import geo
from jobhub.jobs.models import (
    JOB_SKILLS,
    STATED_PAY_YEARLY,
    EmploymentType,
    ExperienceLevel,
    RemotePolicy,
)
from jobhub.jobs.search_params import POSTED_WITHIN_DAYS, SearchParams, SortOrder
from jobhub.jobs.service import posted_label, salary_label
from jobhub.jobs.suggest import did_you_mean
from jobhub.profiles import service as profiles

PAGE_SIZE = 20
EXACT_TOTAL_CAP = 10_000
EXACT_FACET_CAP = 20_000
CANDIDATE_WINDOW = 2_000
PROMOTED_WINDOW = 100
SAMPLE_ROWS = 50_000
DEFAULT_RADIUS_KM = 25.0
SALARY_BANDS = (30_000, 50_000, 75_000, 100_000, 150_000, 200_000)
TOP_COMPANIES = 10
FACET_KEYS = ("type", "level", "remote", "category", "company", "salary", "posted")

OPEN = "j.status = 'published' AND j.deleted_at IS NULL AND (j.expires_at IS NULL OR j.expires_at > :now)"
TSQUERY = "websearch_to_tsquery('english', :q)"
PAY = STATED_PAY_YEARLY.replace("show_salary", "j.show_salary").replace("salary_m", "j.salary_m")
SKILLS = JOB_SKILLS.replace("required_skills", "j.required_skills").replace(
    "preferred_skills", "j.preferred_skills"
)
FRESHNESS = "exp(greatest(-50.0, -extract(epoch FROM (:now - j.published_at)) / 2592000.0))"
PROMOTION = "0.1 * least(j.priority_level, 3)"
DISTANCE_KM = (
    "2 * 6371.0088 * asin(least(1.0, sqrt(power(sin(radians(j.latitude - :lat) / 2), 2) "
    "+ cos(radians(:lat)) * cos(radians(j.latitude)) * power(sin(radians(j.longitude - :lon) / 2), 2))))"
)

LABELS: dict[str, dict[str, str]] = {
    "type": {v.value: v.value.replace("_", " ").capitalize() for v in EmploymentType},
    "level": {v.value: v.value.capitalize() for v in ExperienceLevel},
    "remote": {
        RemotePolicy.REMOTE_ONLY.value: "Remote",
        RemotePolicy.HYBRID.value: "Hybrid",
        RemotePolicy.ONSITE.value: "On-site",
        RemotePolicy.FLEXIBLE.value: "Flexible",
    },
    "posted": {str(d): "Last 24 hours" if d == 1 else f"Last {d} days" for d in POSTED_WITHIN_DAYS},
    "salary": {str(b): f"{b // 1000}k+ a year" for b in SALARY_BANDS},
}


@dataclass(frozen=True)
class JobHit:
    id: str
    slug: str
    title: str
    company_id: str
    company_name: str
    company_slug: str
    company_logo_url: str
    company_rating: float | None
    location: str
    remote_policy: str
    remote_label: str
    employment_type: str
    employment_label: str
    salary: str
    posted: str
    published_at: str
    skills: list[str]
    priority_level: int


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResult:
    hits: list[JobHit]
    total: int
    total_is_estimate: bool
    total_label: str
    facets: dict[str, list[FacetValue]]
    facets_are_estimates: bool
    page: int
    pages: int
    suggestion: str
    elapsed_ms: float
    notices: list[str]


@dataclass
class _Query:
    """WHERE fragments with their bound parameters; facet filters kept apart so each can be left out."""

    params: dict[str, Any]
    base: list[str] = field(default_factory=list)
    facets: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    has_keywords: bool = False

    def where(self) -> str:
        return " AND ".join([*self.base, *self.facets.values()])

    def base_where(self) -> str:
        """Keywords, place and skills only: the rows every facet count starts from."""
        return " AND ".join(self.base)

    def facet_ok(self, but: str) -> str:
        """Inside the facet CTE: every selected facet filter's flag except ``but``'s."""
        flags = [f"ok_{key}" for key in self.facets if key != but]
        return " AND ".join(flags) or "TRUE"


def _category_ids(db: Session, slugs: tuple[str, ...]) -> list[uuid.UUID]:
    """A top-level slug includes its sub-categories."""
    rows = db.execute(
        text(
            "SELECT c.id FROM jobs.job_categories c LEFT JOIN jobs.job_categories p ON p.id = c.parent_id "
            "WHERE c.slug = ANY(:slugs) OR p.slug = ANY(:slugs)"
        ),
        {"slugs": list(slugs)},
    )
    return [row.id for row in rows]


def _keywords(db: Session, query: _Query, q: str) -> None:
    if not q:
        return
    nodes = db.execute(text(f"SELECT numnode({TSQUERY})"), {"q": q}).scalar_one()
    if nodes == 0:
        query.notices.append(f"“{q}” has only words too common to search for, so every job is shown.")
        return
    query.params["q"] = q
    query.base.append(f"j.search_vector @@ {TSQUERY}")
    query.has_keywords = True


def _location(query: _Query, params: SearchParams) -> None:
    if not params.location:
        return
    city = geo.find_city(params.location)
    include_remote = RemotePolicy.REMOTE_ONLY in params.remote
    remote = f" OR j.remote_policy = '{RemotePolicy.REMOTE_ONLY}'" if include_remote else ""
    if city is None:
        query.notices.append(
            f"We do not know the place “{params.location}”, so jobs that mention it are shown."
        )
        escaped = params.location.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query.params["place"] = f"%{escaped}%"
        query.base.append(f"(j.location ILIKE :place{remote})")
        return
    radius = params.radius_km or DEFAULT_RADIUS_KM
    box = geo.bounding_box(city.latitude, city.longitude, radius)
    query.params.update(
        lat=city.latitude,
        lon=city.longitude,
        radius_km=radius,
        min_lat=box.min_latitude,
        max_lat=box.max_latitude,
        min_lon=box.min_longitude,
        max_lon=box.max_longitude,
    )
    within = (
        "(j.latitude BETWEEN :min_lat AND :max_lat AND j.longitude BETWEEN :min_lon AND :max_lon "
        f"AND {DISTANCE_KM} <= :radius_km)"
    )
    query.base.append(f"({within}{remote})")


def _skills(db: Session, query: _Query, names: tuple[str, ...]) -> None:
    if not names:
        return
    known = profiles.skill_ids_by_name(db, names)
    unknown = [n for n in names if n not in known]
    if unknown:
        query.notices.append(f"Unknown skill ignored: {', '.join(unknown)}.")
    if known:
        query.params["skill_ids"] = list(known.values())
        query.base.append(f"{SKILLS} @> CAST(:skill_ids AS uuid[])")


def _facet_filters(db: Session, query: _Query, params: SearchParams, now: datetime) -> None:
    for key, column, values in (
        ("type", "j.employment_type", params.types),
        ("level", "j.experience_level", params.levels),
        ("remote", "j.remote_policy", params.remote),
    ):
        if values:
            query.params[f"{key}_values"] = list(values)
            query.facets[key] = f"{column} = ANY(:{key}_values)"
    if params.categories:
        query.params["category_ids"] = _category_ids(db, params.categories)
        query.facets["category"] = "j.category_id = ANY(:category_ids)"
    if params.companies:
        found = companies.company_ids_by_slug(db, params.companies)
        query.params["company_ids"] = list(found.values())
        query.facets["company"] = "j.company_id = ANY(:company_ids)"
    if params.salary_min:
        query.params["salary_min"] = params.salary_min
        query.facets["salary"] = f"{PAY} >= :salary_min"
    if params.posted:
        query.params["posted_since"] = now - timedelta(days=params.posted)
        query.facets["posted"] = "j.published_at >= :posted_since"


def build_query(db: Session, params: SearchParams, now: datetime) -> _Query:
    query = _Query(params={"now": now}, base=[OPEN])
    _keywords(db, query, params.q)
    _location(query, params)
    _skills(db, query, params.skills)
    _facet_filters(db, query, params, now)
    return query


def _capped_count(db: Session, where: str, params: dict[str, Any], cap: int) -> int:
    sql = f"SELECT count(*) FROM (SELECT 1 FROM jobs.jobs j WHERE {where} LIMIT {cap + 1}) s"
    return db.execute(text(sql), params).scalar_one()


def _sample_percent(db: Session) -> float:
    rows = db.execute(text("SELECT reltuples FROM pg_class WHERE oid = 'jobs.jobs'::regclass")).scalar_one()
    return 100.0 if rows <= SAMPLE_ROWS else max(0.1, 100.0 * SAMPLE_ROWS / rows)


def _facet_sql(query: _Query, source: str) -> str:
    flags = "".join(f", ({sql}) AS ok_{key}" for key, sql in query.facets.items())
    grouped = [
        ("type", "employment_type"),
        ("level", "experience_level"),
        ("remote", "remote_policy"),
        ("category", "category_id::text"),
    ]
    parts = [
        f"SELECT '{key}' AS facet, {column} AS value, count(*) AS n FROM b "
        f"WHERE {query.facet_ok(key)} AND {column} IS NOT NULL GROUP BY 2"
        for key, column in grouped
    ]
    parts.append(
        f"(SELECT 'company', company_id::text, count(*) FROM b WHERE {query.facet_ok('company')} "
        f"AND company_id IS NOT NULL GROUP BY 2 ORDER BY 3 DESC LIMIT {TOP_COMPANIES})"
    )
    parts.append(
        f"SELECT 'posted', d::text, count(*) FROM b CROSS JOIN unnest(CAST(:posted_days AS int[])) d "
        f"WHERE {query.facet_ok('posted')} AND published_at >= :now - make_interval(days => d) GROUP BY 2"
    )
    parts.append(
        f"SELECT 'salary', s::text, count(*) FROM b CROSS JOIN unnest(CAST(:salary_bands AS int[])) s "
        f"WHERE {query.facet_ok('salary')} AND pay >= s GROUP BY 2"
    )
    parts.append(f"SELECT 'total', '', count(*) FROM b WHERE {query.facet_ok('')}")
    return (
        "WITH b AS MATERIALIZED (SELECT j.employment_type, j.experience_level, j.remote_policy, "
        f"j.category_id, j.company_id, j.published_at, {PAY} AS pay{flags} "
        f"FROM {source} WHERE {query.base_where()}) " + " UNION ALL ".join(parts)
    )


def _facet_counts(db: Session, query: _Query, *, sample_percent: float | None) -> dict[str, dict[str, float]]:
    source = "jobs.jobs j"
    scale = 1.0
    if sample_percent is not None:
        source = f"jobs.jobs j TABLESAMPLE SYSTEM ({sample_percent:.4f}) REPEATABLE (7)"
        scale = 100.0 / sample_percent
    params = {**query.params, "posted_days": list(POSTED_WITHIN_DAYS), "salary_bands": list(SALARY_BANDS)}
    counts: dict[str, dict[str, float]] = {}
    for row in db.execute(text(_facet_sql(query, source)), params):
        counts.setdefault(row.facet, {})[row.value] = row.n * scale
    return counts


def _category_labels(db: Session) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Names by id, parent id by id, and slugs by id, for rolling counts up to top-level categories."""
    rows = db.execute(text("SELECT id, name, slug, parent_id FROM jobs.job_categories WHERE is_active")).all()
    names = {str(r.id): r.name for r in rows}
    parents = {str(r.id): str(r.parent_id) if r.parent_id else str(r.id) for r in rows}
    slugs = {str(r.id): r.slug for r in rows}
    return names, parents, slugs


def _rounded(value: float, estimate: bool) -> int:
    if not estimate or value < 100:
        return round(value)
    digits = math.floor(math.log10(value)) - 1
    return int(round(value, -digits))


def _facets(
    db: Session, counts: dict[str, dict[str, float]], params: SearchParams, estimate: bool
) -> dict[str, list[FacetValue]]:
    selected: dict[str, set[str]] = {
        "type": set(params.types),
        "level": set(params.levels),
        "remote": set(params.remote),
        "posted": {str(params.posted)} if params.posted else set(),
        "salary": {str(params.salary_min)} if params.salary_min else set(),
    }
    facets: dict[str, list[FacetValue]] = {}
    for key in ("type", "level", "remote", "posted", "salary"):
        got = counts.get(key, {})
        facets[key] = [
            FacetValue(value, label, _rounded(got.get(value, 0), estimate), value in selected[key])
            for value, label in LABELS[key].items()
        ]
    names, parents, slugs = _category_labels(db)
    rolled: dict[str, float] = {}
    for category_id, n in counts.get("category", {}).items():
        top = parents.get(category_id, category_id)
        rolled[top] = rolled.get(top, 0) + n
    facets["category"] = sorted(
        (
            FacetValue(slugs[cid], names[cid], _rounded(n, estimate), slugs[cid] in params.categories)
            for cid, n in rolled.items()
            if cid in slugs
        ),
        key=lambda f: (-f.count, f.label),
    )
    company_counts = counts.get("company", {})
    summaries = companies.company_summaries(db, (uuid.UUID(cid) for cid in company_counts))
    facets["company"] = sorted(
        (
            FacetValue(s.slug, s.name, _rounded(company_counts[cid], estimate), s.slug in params.companies)
            for cid, s in summaries.items()
        ),
        key=lambda f: (-f.count, f.label),
    )
    return facets


def _order(query: _Query, sort: str) -> str:
    if sort == SortOrder.DATE:
        return "j.published_at DESC, j.id"
    if sort == SortOrder.SALARY:
        return f"{PAY} DESC NULLS LAST, j.published_at DESC, j.id"
    rank = f"ts_rank_cd(j.search_vector, {TSQUERY}, 32) + " if query.has_keywords else ""
    return f"{rank}0.25 * {FRESHNESS} + {PROMOTION} DESC, j.published_at DESC, j.id"


def _page_ids(
    db: Session, query: _Query, sort: str, offset: int, limit: int, *, windowed: bool
) -> list[uuid.UUID]:
    where = query.where()
    order = _order(query, sort)
    params = {**query.params, "offset": offset, "limit": limit}
    if windowed and sort == SortOrder.RELEVANCE:
        sql = (
            f"WITH c AS ((SELECT j.id FROM jobs.jobs j WHERE {where} ORDER BY j.published_at DESC "
            f"LIMIT {CANDIDATE_WINDOW}) UNION (SELECT j.id FROM jobs.jobs j WHERE {where} "
            "AND j.priority_level > 0 ORDER BY j.priority_level DESC, j.published_at DESC "
            f"LIMIT {PROMOTED_WINDOW})) "
            f"SELECT j.id FROM jobs.jobs j JOIN c ON c.id = j.id ORDER BY {order} "
            "OFFSET :offset LIMIT :limit"
        )
    else:
        sql = f"SELECT j.id FROM jobs.jobs j WHERE {where} ORDER BY {order} OFFSET :offset LIMIT :limit"
    return [row.id for row in db.execute(text(sql), params)]


def _hydrate(db: Session, ids: list[uuid.UUID], now: datetime) -> list[JobHit]:
    if not ids:
        return []
    rows = {
        row.id: row
        for row in db.execute(
            text(
                "SELECT id, slug, title, company_id, location, remote_policy, employment_type, salary_min, "
                "salary_max, salary_currency, salary_period, show_salary, published_at, required_skills, "
                "preferred_skills, priority_level FROM jobs.jobs WHERE id = ANY(:ids)"
            ),
            {"ids": ids},
        )
    }
    ordered = [rows[i] for i in ids if i in rows]
    company_ids = {r.company_id for r in ordered if r.company_id}
    summaries = companies.company_summaries(db, company_ids)
    skill_ids = {s for r in ordered for s in (r.required_skills or []) + (r.preferred_skills or [])}
    names = profiles.skill_names(db, skill_ids)
    remote_labels = LABELS["remote"]
    hits = []
    for r in ordered:
        company = summaries.get(str(r.company_id)) if r.company_id else None
        skills = [
            names[s]
            for s in dict.fromkeys((r.required_skills or []) + (r.preferred_skills or []))
            if s in names
        ]
        hits.append(
            JobHit(
                id=str(r.id),
                slug=r.slug,
                title=r.title,
                company_id=str(r.company_id or ""),
                company_name=company.name if company else "",
                company_slug=company.slug if company else "",
                company_logo_url=company.logo_url if company else "",
                company_rating=company.rating if company else None,
                location=r.location or "",
                remote_policy=r.remote_policy or "",
                remote_label=remote_labels.get(r.remote_policy or "", ""),
                employment_type=r.employment_type,
                employment_label=LABELS["type"].get(r.employment_type, r.employment_type),
                salary=salary_label(r.salary_min, r.salary_max, r.salary_currency, r.salary_period)
                if r.show_salary
                else "",
                posted=posted_label(r.published_at, now),
                published_at=r.published_at.isoformat() if r.published_at else "",
                skills=skills,
                priority_level=r.priority_level,
            )
        )
    return hits


def _total_label(total: int, estimate: bool) -> str:
    if estimate:
        return f"{EXACT_TOTAL_CAP:,}+ jobs"
    return "1 job" if total == 1 else f"{total:,} jobs"


def search(
    db: Session,
    params: SearchParams,
    *,
    now: datetime | None = None,
    page_size: int = PAGE_SIZE,
    with_facets: bool = True,
) -> SearchResult:
    started = time.perf_counter()
    now = now or datetime.now(UTC)
    query = build_query(db, params, now)
    base_count = _capped_count(db, query.base_where(), query.params, EXACT_FACET_CAP)
    facets_estimated = base_count > EXACT_FACET_CAP
    counts: dict[str, dict[str, float]] = {}
    if with_facets or not facets_estimated:
        counts = _facet_counts(db, query, sample_percent=_sample_percent(db) if facets_estimated else None)
    if facets_estimated:
        known = not query.facets and base_count > EXACT_TOTAL_CAP
        total = base_count if known else _capped_count(db, query.where(), query.params, EXACT_TOTAL_CAP)
    else:
        total = round(counts.get("total", {}).get("", 0))
    total_estimated = total > EXACT_TOTAL_CAP
    browsable = (
        CANDIDATE_WINDOW if total_estimated and params.sort == SortOrder.RELEVANCE else EXACT_TOTAL_CAP
    )
    pages = max(1, math.ceil(min(total, browsable) / page_size))
    page = min(params.page, pages)
    ids = _page_ids(db, query, params.sort, (page - 1) * page_size, page_size, windowed=total_estimated)
    hits = _hydrate(db, ids, now)
    suggestion = ""
    if total == 0 and params.q:
        suggestion = did_you_mean(db, params.q)
    return SearchResult(
        hits=hits,
        total=min(total, EXACT_TOTAL_CAP) if total_estimated else total,
        total_is_estimate=total_estimated,
        total_label=_total_label(total, total_estimated),
        facets=_facets(db, counts, params, facets_estimated) if with_facets else {},
        facets_are_estimates=facets_estimated,
        page=page,
        pages=pages,
        suggestion=suggestion,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        notices=query.notices,
    )


def new_matches(
    db: Session,
    params: SearchParams,
    *,
    published_after: datetime,
    limit: int = 50,
    now: datetime | None = None,
) -> list[JobHit]:
    """Open jobs matching the search that were published after the watermark, newest first (alerts)."""
    now = now or datetime.now(UTC)
    query = build_query(db, params, now)
    query.params.update(published_after=published_after, limit=limit)
    sql = (
        f"SELECT j.id FROM jobs.jobs j WHERE {query.where()} AND j.published_at > :published_after "
        "ORDER BY j.published_at DESC, j.id LIMIT :limit"
    )
    ids = [row.id for row in db.execute(text(sql), query.params)]
    return _hydrate(db, ids, now)
