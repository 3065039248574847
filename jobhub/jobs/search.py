"""Job search on PostgreSQL: keyword relevance, filters, facet counts, pages of results.

Why PostgreSQL alone (DESIGN.md §4b): the measured alternative (ClickHouse facets and
candidates, PostgreSQL hydration) was no faster at the 95th percentile on this machine and
would add a copy that lags. What is slow at a million jobs is reading rows, so this module
reads as few as it can, and narrow ones:

* **Rows.** Search reads ``jobs.job_search_rows`` (migration 0013): one narrow row per
  published job, in publishing order, its vector out of line. The vector also holds the
  filter values, the publishing day and map cells as tokens (``filter_tokens``), so one GIN
  scan intersects the words with the filters; the columns still decide. Where tokens find a
  filter, its own condition is written so that no B-tree serves it (``_Query.unindexed``): the
  planner, unable to see how many jobs a range keeps, ANDed bitmaps of a fifth of the table.
* **Facets** (each counted with its own filter left out, as job sites do) are counted over
  ``jobs.job_search_sample``, a narrow copy of one published job in ``SAMPLE_FACTOR``, or over
  its thin tenth when the matches run to hundreds of thousands, and multiplied: the UI shows
  "~1,200"; without words only its rows that fail at most one filter are read. When the
  sample says the matches are few (``EXACT_FACET_CAP``) they are counted exactly, and the
  total is exact when a capped count proves it small, otherwise "About 4,300 jobs" or
  "10,000+ jobs".
* **Pages.** Relevance ranks every match when there are at most ``RANK_ALL_CAP``; past that
  it ranks the newest ``CANDIDATE_WINDOW`` matches plus the promoted ones (freshness is part of
  the score anyway). The newest matches, and the newest for the date order, are read from a
  span of recent days when the facet counts say it holds them (the rows of recent days lie
  together and the day tokens let the index keep them), the best paid from the highest pay
  bands; very dense matches walk the date or pay index; the rest are found through the
  indexes and sorted. Tests check each shortcut gives the page the long way gives.

Relevance = ``ts_rank_cd`` over the rank vector (title A, skills and company B) normalised to
[0, 1) + 0.25 * freshness (e^-age/30 days) + 0.1 per promotion level (up to 3). The description
decides whether a job matches, not how high: ranking by the whole vector read 2.4 kB from out
of line per ranked job, 15-20 ms of each keyword search (migration 0014). Everything here
returns plain view data, safe for Reflex state.
"""

from __future__ import annotations

import math
import re
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from jobhub.companies import service as companies
from jobhub.companies.service import CompanySummary
from jobhub.jobs import filter_tokens, geo
from jobhub.jobs.category_tree import category_tree
from jobhub.jobs.models import (
    JOB_SKILLS,
    PROMOTED_VECTOR,
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
EXACT_FACET_CAP = 2_000
COUNTED_TOTAL_CAP = 1_000
ESTIMATE_LABEL_CAP = 10_000
RANK_ALL_CAP = 1_000
CANDIDATE_WINDOW = 300
WALK_ROWS = 20_000
"""Reading results in date or pay order by walking that index pays when it is expected to read at
most this many jobs to fill what is wanted (matches / all jobs is how dense they lie in it);
sparser matches are found through the filters' own indexes and sorted instead."""
CHEAP_WALK_ROWS = 2_000
"""Up to this many jobs passed, a walk beats every other way to the page (with words it tests them
on each job, reading its vector from out of line, about 4 µs a job, measured); past it a span of
recent days or a pay band, which the index narrows, reads less."""
WALK_ONLY = {"enable_bitmapscan": "off", "enable_seqscan": "off", "enable_sort": "off"}
"""The planner settings under which reading in date or pay order can only walk that index."""
SEARCH_SETTINGS = {"jit": "off", "work_mem": "32MB", "enable_seqscan": "off"}
"""For the search's own transaction: JIT compiles for longer than these queries run (hundreds of
ms on a server that has it), 4 MB bitmaps of common terms go lossy and recheck whole pages, and
the planner, taking the words, day tokens and filters as independent, may think a scan of the
table cheaper than the index that keeps a span's few pages (where no index applies, as for the
sample without words, it still scans)."""
DAY_TOKENS_UP_TO = 7
"""The widest span of days that the index is asked to apply: 30 days are four jobs in ten, and
merging thirty-one days' lists of the GIN index cost 50-110 ms ("python -django", measured)."""
SLICE_MARGIN = 1.5
"""A slice of recent days is tried when the estimated facet count of its matches is this many times
what the page needs (exact counts need no margin); one that holds too few is widened."""
PHRASE_SCAN = 600
PHRASE_OPERATOR = re.compile(r"<(?:-|\d+)>")
PROMOTED_WINDOW = 100
MAX_BROWSABLE = 10_000
SAMPLE_FACTOR = 100
"""One published job in 100 is in ``jobs.job_search_sample`` (migration 0008)."""
SAMPLE = "jobs.job_search_sample"
THIN_FACTOR = 10
"""One sampled job in ten carries the thin token: one published job in a thousand."""
THIN_ROWS = 300
"""Facets are counted over the thin sample when it holds at least this many matching rows
(300,000 matches, counted within 6% or so); fewer, and the whole sample counts them."""
THIN_MATCHES = 100
"""...and at least this many rows that match every filter too (see ``_count_matches``)."""
PHRASE_THIN_HOLDERS = 200_000
"""Jobs holding a phrase's words past which its facets are counted over the thin sample."""
SMALL_INDEX_ROWS = 30_000
"""Up to this many jobs in all, facets are always counted exactly: the sample would be too thin."""
DEFAULT_RADIUS_KM = 25.0
WIDE_RADIUS_KM = 75.0
SALARY_BANDS = (30_000, 50_000, 75_000, 100_000, 150_000, 200_000)
TOP_COMPANIES = 10
FACET_KEYS = ("type", "level", "remote", "category", "company", "salary", "posted")

ROWS = "jobs.job_search_rows"
"""What search reads: one narrow row per published job, in publishing order (migration 0013)."""
OPEN = "j.status = 'published' AND j.deleted_at IS NULL AND (j.expires_at IS NULL OR j.expires_at > :now)"
TSQUERY = "websearch_to_tsquery('english', :q)"
PAY = STATED_PAY_YEARLY.replace("show_salary", "j.show_salary").replace("salary_m", "j.salary_m")
SKILLS = JOB_SKILLS.replace("required_skills", "j.required_skills").replace(
    "preferred_skills", "j.preferred_skills"
)
PROMOTED = f"(j.{PROMOTED_VECTOR})"
"""The vector written as the promoted jobs' own GIN index holds it (see ``PROMOTED_VECTOR``)."""
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
    # The same filters as tsquery groups over the vector's filter tokens (``filter_tokens``).
    base_tokens: list[str] = field(default_factory=list)
    facet_tokens: dict[str, str] = field(default_factory=dict)
    # The place's map cells (or remote), kept apart when the words do not need them (see _location).
    place_tokens: str = ""
    # Facet conditions written so that no B-tree serves them, for the statements whose GIN tokens
    # find those jobs already (see ``where``).
    unindexed: dict[str, str] = field(default_factory=dict)
    # The place's condition, and the same test written so that the geo index cannot serve it.
    place: str = ""
    place_unindexed: str = ""
    remote_only_place: bool = False
    """The place admits remote jobs and the remote filter admits only them."""

    @property
    def has_phrase(self) -> bool:
        return "q_words" in self.params

    @property
    def independent_of_pay(self) -> bool:
        """Whether nothing but the pay floor and the publishing date narrows the search: then the
        matches lie evenly along the pay index, as :func:`_walks` assumes (words, level, place,
        skills or category go with pay)."""
        return len(self.base) == 1 and set(self.facets) <= {"salary", "posted"}

    def where_words(self, *, tokens: bool = True) -> str:
        """The whole filter with each phrase loosened to its words, which GIN answers without
        reading rows (it does not hold word positions)."""
        return self.where(tokens=tokens).replace(f"@@ {TSQUERY}", "@@ CAST(:q_words AS tsquery)")

    def where(self, *, tokens: bool = True, name: str = "filter_q") -> str:
        """The whole filter; without ``tokens`` for walking an index, where the token test would
        only read each row's vector again to repeat what the columns decide. With them, the
        filters that tokens find are written so that no B-tree serves them (a walk needs its
        bounds). ``name`` is the tokens' parameter, for a statement that filters two ways."""
        groups = [*self.base_tokens, *self.facet_tokens.values()] if tokens else []
        if self.remote_only_place:
            # Remote jobs only: "the place or remote" holds for each, and its map cells are a
            # long OR for the index to merge (24 cells cost 73 ms of 80 around Rotterdam).
            groups = [group for group in groups if group != self.place_tokens]
        facets = [self.unindexed.get(key, sql) if tokens else sql for key, sql in self.facets.items()]
        return " AND ".join([*self._base(groups), *facets, *self._tokens(name, groups)])

    def _base(self, groups: list[str]) -> list[str]:
        """The base conditions; when the GIN index tests the place's cells, the geo index would
        only add a bitmap of every job in the box (50,000 within 200 km of Dortmund, 7 ms to
        build, twice per page: measured), so the box is then tested on the rows the index found."""
        if not self.place_unindexed or self.place_tokens not in groups:
            return self.base
        return [self.place_unindexed if c == self.place else c for c in self.base]

    def base_where(self, *, tokens: bool = True) -> str:
        """Keywords, place and skills only: the rows every facet count starts from."""
        groups = self.base_tokens if tokens else []
        return " AND ".join([*self._base(groups), *self._tokens("base_filter_q", groups)])

    def _tokens(self, name: str, groups: list[str]) -> list[str]:
        """The condition that lets the GIN index test the filters too (none without filters)."""
        if not groups:
            return []
        self.params[name] = filter_tokens.all_of(groups)
        return [f"j.search_vector @@ CAST(:{name} AS tsquery)"]

    def narrowed(self, condition: str | None, tokens: str | None, params: dict[str, Any]) -> _Query:
        """The same query with one more condition and the tokens that let the index apply it;
        the place's cells join in, as the index then has something to intersect them with."""
        added = [tokens] if tokens else []
        if self.place_tokens and self.place_tokens not in self.base_tokens:
            added.append(self.place_tokens)
        return replace(
            self,
            params={**self.params, **params},
            base=[*self.base, *([condition] if condition else [])],
            base_tokens=[*self.base_tokens, *added],
        )


@dataclass(frozen=True)
class _Parsed:
    """The words as PostgreSQL reads them: how many nodes their query has (0 when every word is
    a stop word) and its text, where the phrase operators show."""

    nodes: int
    text: str


def _parse(db: Session, q: str) -> _Parsed | None:
    if not q:
        return None
    nodes, parsed = db.execute(text(f"SELECT numnode({TSQUERY}), CAST({TSQUERY} AS text)"), {"q": q}).one()
    return _Parsed(nodes, parsed)


def _keywords(query: _Query, q: str, parsed: _Parsed | None) -> None:
    if parsed is None:
        return
    if parsed.nodes == 0:
        query.notices.append(f"“{q}” has only words too common to search for, so every job is shown.")
        return
    query.params["q"] = q
    query.base.append(f"j.search_vector @@ {TSQUERY}")
    query.has_keywords = True
    if PHRASE_OPERATOR.search(parsed.text):
        query.params["q_words"] = PHRASE_OPERATOR.sub("&", parsed.text)


def _location(query: _Query, params: SearchParams) -> None:
    if not params.location:
        return
    city = geo.find_city(params.location)
    include_remote = RemotePolicy.REMOTE_ONLY in params.remote
    query.remote_only_place = set(params.remote) == {RemotePolicy.REMOTE_ONLY}
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
        "(point(j.longitude, j.latitude) <@ box(point(:min_lon, :min_lat), point(:max_lon, :max_lat)) "
        f"AND {DISTANCE_KM} <= :radius_km)"
    )
    query.place = f"({within}{remote})"
    if radius >= WIDE_RADIUS_KM:
        query.place_unindexed = query.place.replace(
            "point(j.longitude, j.latitude)", "point(j.longitude + 0, j.latitude)"
        )
    query.base.append(query.place)
    # The map cells let the GIN index meet words and place in one scan; without words the geo
    # index alone finds the place better (the cells are coarser than the radius's box).
    cells = filter_tokens.cell_tokens(
        box.min_latitude, box.max_latitude, box.min_longitude, box.max_longitude
    )
    if cells:
        also = [filter_tokens.value_token("remote", RemotePolicy.REMOTE_ONLY)] if include_remote else []
        query.place_tokens = filter_tokens.any_of([*cells, *also])
        if query.has_keywords:
            query.base_tokens.append(query.place_tokens)


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
        query.base_tokens.extend(filter_tokens.any_of([filter_tokens.id_token(s)]) for s in known.values())


def _facet_filters(db: Session, query: _Query, params: SearchParams, now: datetime) -> None:
    for key, column, values in (
        ("type", "j.employment_type", params.types),
        ("level", "j.experience_level", params.levels),
        ("remote", "j.remote_policy", params.remote),
    ):
        if values:
            query.params[f"{key}_values"] = list(values)
            query.facets[key] = f"{column} = ANY(:{key}_values)"
            query.facet_tokens[key] = filter_tokens.any_of(filter_tokens.value_token(key, v) for v in values)
    if params.categories:
        tree = category_tree(db, slugs=params.categories)
        query.params["category_ids"] = tree.ids_under(params.categories)
        query.facets["category"] = "j.category_id = ANY(:category_ids)"
        _id_tokens(query, "category", query.params["category_ids"])
    if params.companies:
        found = companies.company_ids_by_slug(db, params.companies)
        query.params["company_ids"] = list(found.values())
        query.facets["company"] = "j.company_id = ANY(:company_ids)"
        _id_tokens(query, "company", query.params["company_ids"])
    if params.salary_min:
        query.params["salary_min"] = params.salary_min
        query.facets["salary"] = f"{PAY} >= :salary_min"
        token = filter_tokens.pay_token(params.salary_min)
        if token:
            query.facet_tokens["salary"] = filter_tokens.any_of([token])
            # The pay index would AND in a bitmap of every job paying that much (a fifth of them
            # at 150k: 27 ms against 3,000 matches, measured).
            query.unindexed["salary"] = f"({PAY} + 0) >= :salary_min"
    if params.posted:
        query.params["posted_since"] = now - timedelta(days=params.posted)
        query.facets["posted"] = "j.published_at >= :posted_since"
        if params.posted <= DAY_TOKENS_UP_TO:
            query.facet_tokens["posted"] = filter_tokens.any_of(
                filter_tokens.day_tokens(query.params["posted_since"], now)
            )
            # The date index would read the day's every job and test the words on each, from out
            # of line: 126 ms for a phrase posted within a day, 25,800 jobs (measured).
            query.unindexed["posted"] = "(j.published_at + interval '0 s') >= :posted_since"


def _id_tokens(query: _Query, key: str, ids: list[uuid.UUID]) -> None:
    """An unknown slug leaves no id: the SQL condition then matches nothing, with no token to add."""
    if ids:
        query.facet_tokens[key] = filter_tokens.any_of(filter_tokens.id_token(i) for i in ids)


def build_query(db: Session, params: SearchParams, now: datetime, parsed: _Parsed | None = None) -> _Query:
    """The search's conditions; ``parsed`` is the words' parse when the caller has read it already."""
    query = _Query(params={"now": now}, base=[OPEN])
    _keywords(query, params.q, parsed if parsed is not None else _parse(db, params.q))
    _location(query, params)
    _skills(db, query, params.skills)
    _facet_filters(db, query, params, now)
    return query


def _set_config(settings: dict[str, str]) -> tuple[str, dict[str, str]]:
    """``SET LOCAL`` for the rest of the transaction as select-list items (``set_config`` binds
    the values safely), so that they can ride along with another statement."""
    calls = ", ".join(f"set_config(:name{i}, :value{i}, true)" for i in range(len(settings)))
    params: dict[str, str] = {}
    for i, (name, value) in enumerate(settings.items()):
        params |= {f"name{i}": name, f"value{i}": value}
    return calls, params


def _set_local(db: Session, settings: dict[str, str]) -> None:
    calls, params = _set_config(settings)
    db.execute(text(f"SELECT {calls}"), params)


@dataclass(frozen=True)
class _Opening:
    table_rows: float
    """The planner's count of published jobs (kept by ANALYZE): free, and close enough here."""
    parsed: _Parsed | None


def _open(db: Session, q: str) -> _Opening:
    """The search's settings, the size of the table and the words' parse in one round trip: apart
    they were three, about 1.5 ms of every search (measured)."""
    calls, params = _set_config(SEARCH_SETTINGS)
    size = f"(SELECT reltuples FROM pg_class WHERE oid = '{ROWS}'::regclass) AS table_rows"
    words = f", numnode({TSQUERY}) AS nodes, CAST({TSQUERY} AS text) AS parsed" if q else ""
    row = db.execute(
        text(f"SELECT {calls}, {size}{words}"),
        params | ({"q": q} if q else {}),
    ).one()
    return _Opening(float(row.table_rows), _Parsed(row.nodes, row.parsed) if q else None)


@contextmanager
def _planner(db: Session, settings: dict[str, str]) -> Iterator[None]:
    """Planner settings for the statements inside, then back to the search's own."""
    if not settings:
        yield
        return
    _set_local(db, settings)
    try:
        yield
    finally:
        _set_local(db, {name: SEARCH_SETTINGS.get(name, "on") for name in settings})


def _capped_count(db: Session, where: str, params: dict[str, Any], cap: int) -> int:
    """Called when the sample says matches are rare: a ``LIMIT`` tempts the planner to scan in
    any order until it has ``cap`` rows, which reads the whole table when there are fewer, so
    only the filters' indexes may find them."""
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {ROWS} j WHERE {where} LIMIT {cap + 1}) s"
    with _planner(db, {"enable_indexscan": "off"}):
        return db.execute(text(sql), params).scalar_one()


FACET_COLUMNS = (
    "j.employment_type AS ty, j.experience_level AS le, j.remote_policy AS re, j.category_id AS ca, "
    f"j.company_id AS co, j.published_at AS pu, {PAY} AS pay"
)
"""Short names, so the statement stays under psycopg's 4 kB for caching its parse; the stated
yearly pay is worked out once per row here, not once per salary band."""
VALUE_FACETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "type": ("ty", tuple(EmploymentType)),
    "level": ("le", tuple(ExperienceLevel)),
    "remote": ("re", tuple(RemotePolicy)),
}


def _near_matches(query: _Query) -> str | None:
    """The filter tokens of the rows that fail at most one of two or more facet filters, or
    ``None``: every facet is counted with all the filters but its own, so the rows that fail two
    count nowhere. Filters alone have every job for base, and their sample was read whole to
    count 200 matches (15 ms of 18 aggregating it, measured); the sample's index finds these
    without reading a vector (nothing to recheck). A filter without tokens is left to its column."""
    if len(query.facets) < 2:
        return None
    ways = []
    for left_out in query.facets:
        others = [
            query.facet_tokens[key] for key in query.facets if key != left_out and key in query.facet_tokens
        ]
        if not others:
            return None
        ways.append(f"({filter_tokens.all_of(others)})")
    return " | ".join(ways)


def _facet_sql(
    query: _Query, source: str, limit: int | None, *, tokens: bool = True, near: bool = False
) -> str:
    """Every facet, the total and the base count over the matching rows, read once.

    Each count carries its own ``FILTER``: every selected facet filter but its own, each worked
    out once per row as a flag (``f_type``). The facets with a few known values are plain
    filtered counts in one row; categories and companies are grouped, the companies cut to the
    top few (a top-N sort, not a full one).
    """
    flags = "".join(f", ({sql}) AS f_{key}" for key, sql in query.facets.items())

    def count(key: str, *conditions: str) -> str:
        kept = [f"f_{other}" for other in query.facets if other != key] + list(conditions)
        return f"count(*) FILTER (WHERE {' AND '.join(kept)})" if kept else "count(*)"

    scalars = [
        f'{count(key, f"{column} = {sql_literal(value)}")} AS "{key}:{value}"'
        for key, (column, values) in VALUE_FACETS.items()
        for value in values
    ]
    scalars += [f'{count("posted", f"pu >= :since_{d}")} AS "posted:{d}"' for d in POSTED_WITHIN_DAYS]
    scalars += [f'{count("salary", f"pay >= {b}")} AS "salary:{b}"' for b in SALARY_BANDS]
    scalars += [f'{count("*")} AS "total:"', 'count(*) AS "base:"']
    capped = f" LIMIT {limit}" if limit is not None else ""
    near_matches = " AND j.search_vector @@ CAST(:near_q AS tsquery)" if near else ""
    return (
        f"WITH j AS MATERIALIZED (SELECT {FACET_COLUMNS}{flags} FROM {source} "
        f"WHERE {query.base_where(tokens=tokens)}{near_matches}{capped}), "
        f"s AS (SELECT {', '.join(scalars)} FROM j), "
        f"c AS (SELECT ca AS value, {count('category')} AS n FROM j WHERE ca IS NOT NULL GROUP BY 1), "
        f"t AS (SELECT co AS value, {count('company')} AS n FROM j "
        f"WHERE co IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT {TOP_COMPANIES}) "
        "SELECT (SELECT to_jsonb(s) FROM s) AS scalars, "
        "(SELECT jsonb_object_agg(value, n) FROM c) AS categories, "
        "(SELECT jsonb_object_agg(value, n) FROM t) AS companies"
    )


def sql_literal(value: str) -> str:
    """A known enum value as a SQL string literal (never user input)."""
    return "'" + str(value).replace("'", "''") + "'"


def _facet_counts(
    db: Session, query: _Query, *, sampled: bool, cap: int | None = None, thin: bool = False
) -> dict[str, dict[str, float]] | None:
    """Counts per facet value (and the total), over every match or over the sample scaled up.

    Counting every match stops at ``EXACT_FACET_CAP`` rows and answers ``None`` when it got
    there, so an estimate that was far too low costs a bounded read, not seconds. The sample's
    words are found through its GIN index; without words, the rows that fail at most one
    filter (:func:`_near_matches`), or with one filter its 1% of the jobs read whole. ``thin``
    counts the tenth of the sample that carries the thin token (migration 0013), through the
    same index.
    """
    cap = EXACT_FACET_CAP if cap is None else cap
    source, scale, limit = f"{ROWS} j", 1.0, cap + 1
    near = None
    if sampled:
        source, scale, limit = f"{SAMPLE} j", float(SAMPLE_FACTOR), None
        if not query.base_tokens and not query.has_keywords:
            near = _near_matches(query)
    if thin:
        query = query.narrowed(None, filter_tokens.any_of([filter_tokens.THIN_TOKEN]), {})
        scale *= THIN_FACTOR
    tokens = not sampled or query.has_keywords or thin
    sql = text(_facet_sql(query, source, limit, tokens=tokens, near=near is not None))
    since = {f"since_{d}": query.params["now"] - timedelta(days=d) for d in POSTED_WITHIN_DAYS}
    scalars, categories, top_companies = db.execute(sql, query.params | since | {"near_q": near}).one()
    counts: dict[str, dict[str, float]] = {}
    for name, n in scalars.items():
        key, value = name.split(":", 1)
        counts.setdefault(key, {})[value] = n * scale
    for key, grouped in (("category", categories), ("company", top_companies)):
        counts[key] = {value: n * scale for value, n in (grouped or {}).items() if n}
    if not sampled and counts["base"][""] > cap:
        return None
    return counts


def _rounded(value: float, estimate: bool) -> int:
    return _significant(value) if estimate else round(value)


def _facets(
    db: Session,
    counts: dict[str, dict[str, float]],
    params: SearchParams,
    estimate: bool,
    summaries: dict[str, CompanySummary],
) -> dict[str, list[FacetValue]]:
    """The facets for the page; ``summaries`` holds (at least) the counted companies."""
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
    counted = counts.get("category", {})
    tree = category_tree(db, ids=counted)
    rolled: dict[str, float] = {}
    for category_id, n in counted.items():
        top = tree.tops.get(category_id, category_id)
        rolled[top] = rolled.get(top, 0) + n
    chosen = set(params.categories)
    facets["category"] = sorted(
        (
            FacetValue(tree.slugs[cid], tree.names[cid], _rounded(n, estimate), tree.slugs[cid] in chosen)
            for cid, n in rolled.items()
            if cid in tree.active
        ),
        key=lambda f: (-f.count, f.label),
    )
    company_counts = counts.get("company", {})
    facets["company"] = sorted(
        (
            FacetValue(s.slug, s.name, _rounded(company_counts[cid], estimate), s.slug in params.companies)
            for cid, s in summaries.items()
            if cid in company_counts
        ),
        key=lambda f: (-f.count, f.label),
    )
    return facets


def _score(query: _Query) -> str:
    rank = f"ts_rank_cd(j.rank_vector, {TSQUERY}, 32) + " if query.has_keywords else ""
    return f"{rank}0.25 * {FRESHNESS} + {PROMOTION}"


def _order(query: _Query, sort: str, *, walk: bool = True) -> str:
    """The ORDER BY of a sort; without ``walk`` the date and pay are written so that no index
    serves them (``+ interval '0 s'``, ``+ 0``), so the planner finds the matches first."""
    published = "j.published_at" if walk else "(j.published_at + interval '0 s')"
    if sort == SortOrder.DATE:
        return f"{published} DESC, j.id"
    if sort == SortOrder.SALARY:
        pay = PAY if walk else f"({PAY} + 0)"
        return f"{pay} DESC NULLS LAST, {published} DESC, j.id"
    return f"{_score(query)} DESC, j.published_at DESC, j.id"


def _walks(total: float, table_rows: float, wanted: int, *, limit: int = WALK_ROWS) -> bool:
    """Whether walking the date or pay index to find ``wanted`` matches reads fewer jobs than
    finding all ``total`` matches through the filters' indexes, and at most ``limit``.

    A walk reads about ``wanted * table_rows / total`` jobs in index order, each on its own
    heap page; the indexes read the ``total`` matches' pages once each. So sparse matches are
    found, dense ones walked (measured: Dublin within 25 km, 6,200 matches, read 48,000 pages
    walking against 6,200 through the geo index)."""
    if total <= 0:
        return False
    walked = wanted * max(table_rows, 1.0) / total
    return walked <= limit and walked <= total


def _page_ids(
    db: Session, query: _Query, sort: str, offset: int, limit: int, *, windowed: bool, walk: bool
) -> list[uuid.UUID]:
    """One page of ids; ``windowed`` ranks only the newest matches and the promoted ones.

    The window's score is computed while its rows are read, so each vector is read once.
    ``walk`` (see :func:`_walks`) reads in date or pay order by walking that index, right
    when matches are dense; otherwise ordering by an expression that no index serves makes
    the planner find every match through the filters' indexes first (it cannot know that
    "within 50 km" is rare). Walking is then also the only plan allowed: the planner takes
    filters as independent, so two skills that go together look a thousand times rarer than
    they are, and it would scan the whole table or bitmap every match instead.
    """
    where = query.where(tokens=not walk)
    params = {**query.params, "offset": offset, "limit": limit}
    with _planner(db, WALK_ONLY if walk else {}):
        return _page_rows(db, query, sort, where, params, windowed=windowed, walk=walk)


def _page_rows(
    db: Session, query: _Query, sort: str, where: str, params: dict[str, Any], *, windowed: bool, walk: bool
) -> list[uuid.UUID]:
    offset, limit = params["offset"], params["limit"]
    if windowed and sort == SortOrder.RELEVANCE:
        columns = f"j.id, j.published_at, {_score(query)} AS score"
        # Without keywords the score orders unpromoted jobs by date alone, so the newest
        # ``offset + limit`` of them (with the promoted ones) hold the page.
        window = CANDIDATE_WINDOW if query.has_keywords else offset + limit + PROMOTED_WINDOW
        if walk:
            sql = (
                f"WITH c AS ((SELECT {columns} FROM {ROWS} j WHERE {where} ORDER BY j.published_at DESC "
                f"LIMIT {window}) UNION (SELECT {columns} FROM {ROWS} j WHERE {where} "
                "AND j.priority_level > 0 ORDER BY j.priority_level DESC, j.published_at DESC "
                f"LIMIT {PROMOTED_WINDOW})) "
                "SELECT id FROM c ORDER BY score DESC, published_at DESC, id OFFSET :offset LIMIT :limit"
            )
        else:
            # Sparse matches: read each once (without its vector), keep the window, then score it.
            sql = (
                f"WITH m AS MATERIALIZED (SELECT j.id, j.published_at, j.priority_level FROM {ROWS} j "
                f"WHERE {where}), w AS ((SELECT id FROM m ORDER BY published_at DESC LIMIT {window}) "
                "UNION (SELECT id FROM m WHERE priority_level > 0 ORDER BY priority_level DESC, "
                f"published_at DESC LIMIT {PROMOTED_WINDOW})) "
                f"SELECT j.id FROM w JOIN {ROWS} j ON j.id = w.id "
                f"ORDER BY {_score(query)} DESC, j.published_at DESC, j.id OFFSET :offset LIMIT :limit"
            )
    else:
        order = _order(query, sort, walk=walk)
        sql = f"SELECT j.id FROM {ROWS} j WHERE {where} ORDER BY {order} OFFSET :offset LIMIT :limit"
    return [row.id for row in db.execute(text(sql), params)]


def _before(days: int, params: SearchParams) -> bool:
    """Whether a span of the last ``days`` is worth reading first: one the index applies, and
    narrower than the search's own "posted within"."""
    return days <= DAY_TOKENS_UP_TO and (params.posted is None or days < params.posted)


def _needed(counts: _Counts, wanted: int) -> float:
    """The count a part of the matches must show to be read first: an estimate needs a margin."""
    return wanted * SLICE_MARGIN if counts.facets_are_estimates else wanted


def _slices(counts: _Counts, params: SearchParams, wanted: int) -> list[int]:
    """The spans of recent days worth reading first, narrowest first, from the "posted within"
    facet counts (which leave the posted filter out, so each is the matches of that span)."""
    need = _needed(counts, wanted)
    posted = counts.facets.get("posted", {})
    spans = [d for d in POSTED_WITHIN_DAYS if _before(d, params)]
    first = next((d for d in spans if posted.get(str(d), 0) >= need), None)
    return [] if first is None else [d for d in spans if d >= first]


def _recent(query: _Query, days: int) -> _Query:
    """The query kept to jobs of the last ``days``: the ``day:`` tokens let the GIN index keep
    them, and the date is written so that the date index cannot serve it (walking it would test
    the words on every job of the span, each vector read from out of line)."""
    since = query.params["now"] - timedelta(days=days)
    # The span is narrower than any "posted within" of the search: its tokens say all theirs did.
    query = replace(query, facet_tokens={k: v for k, v in query.facet_tokens.items() if k != "posted"})
    return query.narrowed(
        "(j.published_at + interval '0 s') >= :slice_since",
        filter_tokens.any_of(filter_tokens.day_tokens(since, query.params["now"])),
        {"slice_since": since},
    )


def _above(query: _Query, floor: int) -> _Query:
    """The query kept to jobs paying at least ``floor`` a year, as :func:`_recent` keeps days."""
    token = filter_tokens.pay_token(floor)
    return query.narrowed(
        f"({PAY} + 0) >= :pay_floor", filter_tokens.any_of([token]) if token else None, {"pay_floor": floor}
    )


def _pay_floors(counts: _Counts, params: SearchParams, wanted: int) -> list[int]:
    """The salary bands worth reading a pay-ordered page from first, highest first, from the
    salary facet counts (which leave the salary filter out)."""
    need = _needed(counts, wanted)
    paid = counts.facets.get("salary", {})
    bands = [b for b in sorted(SALARY_BANDS, reverse=True) if b > (params.salary_min or 0)]
    first = next((i for i, b in enumerate(bands) if paid.get(str(b), 0) >= need), None)
    return [] if first is None else bands[first:]


def _sliced_page_ids(
    db: Session, query: _Query, part: _Query, sort: str, offset: int, limit: int, *, windowed: bool
) -> list[uuid.UUID] | None:
    """The page read from ``part`` of the matches only (recent days, or high pay for the pay
    order), or ``None`` when it holds too few (the caller widens it).

    The page of a relevance window is the newest matches and the promoted ones, and the page of
    the date order the newest: when the last days hold at least that many matches, their newest
    are everyone's newest; so for the best paid. The search rows lie in publishing order and
    the ``day:`` and ``pay:`` tokens let the GIN index keep only the part, so a dense search reads
    the few pages of recent days instead of every match (the promoted matches come through their
    own GIN index). Same page as :func:`_page_ids`; the tests compare the two.
    """
    part_where = part.where()
    params = {**part.params, "offset": offset, "limit": limit}
    if windowed and sort == SortOrder.RELEVANCE:
        window = CANDIDATE_WINDOW if query.has_keywords else offset + limit + PROMOTED_WINDOW
        promoted = query.narrowed("j.priority_level > 0", None, {})
        promoted_where = promoted.where(name="promoted_q").replace("j.search_vector @@", f"{PROMOTED} @@")
        params |= {k: v for k, v in promoted.params.items() if k == "promoted_q"}
        sql = (
            f"WITH r AS MATERIALIZED (SELECT j.id, j.published_at FROM {ROWS} j WHERE {part_where}), "
            f"p AS MATERIALIZED (SELECT j.id FROM {ROWS} j WHERE {promoted_where} "
            f"ORDER BY j.priority_level DESC, j.published_at DESC LIMIT {PROMOTED_WINDOW}), "
            f"w AS ((SELECT id FROM r ORDER BY published_at DESC LIMIT {window}) UNION (SELECT id FROM p)) "
            f"SELECT j.id, (SELECT count(*) FROM r) AS held FROM w JOIN {ROWS} j ON j.id = w.id "
            f"ORDER BY {_score(query)} DESC, j.published_at DESC, j.id OFFSET :offset LIMIT :limit"
        )
        needed = window
    else:
        sql = (
            f"SELECT j.id, count(*) OVER () AS held FROM {ROWS} j WHERE {part_where} "
            f"ORDER BY {_order(query, sort, walk=False)} OFFSET :offset LIMIT :limit"
        )
        needed = offset + limit
    rows = db.execute(text(sql), params).all()
    if not rows or rows[0].held < needed:
        return None
    return [row.id for row in rows]


def _phrase_window(
    db: Session, query: _Query, sort: str, offset: int, limit: int, *, walk: bool, days: int | None = None
) -> tuple[list[uuid.UUID], int, int]:
    """A page of a phrase search with many candidates, and how many phrase matches it found.

    Checking a phrase means reading each candidate's word positions; with a common pair of
    words that is every one of hundreds of thousands of rows. So only the newest
    ``PHRASE_SCAN`` jobs holding all the words are checked, ranked and counted. The window
    holds ids only (sorting the vectors of every candidate spilled hundreds of MB to disk);
    ``walk`` reads it along the date index, as for :func:`_page_ids`. With ``days`` the window
    is read from the jobs of those last days only, as in :func:`_sliced_page_ids`. Returns the
    page, the phrase matches in the window and how many jobs the window held.
    """
    if days is not None:
        query = _recent(query, days)
    columns = "j.id, j.published_at, j.priority_level, j.search_vector, j.rank_vector, j.show_salary, "
    columns += "j.salary_min_yearly, j.salary_max_yearly"
    newest = "j.published_at" if walk else "(j.published_at + interval '0 s')"
    window = (
        f"WITH w AS MATERIALIZED (SELECT j.id FROM {ROWS} j WHERE {query.where_words(tokens=not walk)} "
        f"ORDER BY {newest} DESC LIMIT {PHRASE_SCAN}), "
        f"c AS (SELECT {columns} FROM w JOIN {ROWS} j ON j.id = w.id WHERE j.search_vector @@ {TSQUERY}) "
    )
    page = (
        f"SELECT j.id, count(*) OVER () AS found, (SELECT count(*) FROM w) AS held FROM c j "
        f"ORDER BY {_order(query, sort)} OFFSET :offset LIMIT :limit"
    )
    params = {**query.params, "offset": offset, "limit": limit}
    with _planner(db, WALK_ONLY if walk else {}):
        rows = db.execute(text(window + page), params).all()
        if rows:
            return [row.id for row in rows], rows[0].found, rows[0].held
        counted = "SELECT (SELECT count(*) FROM c) AS found, (SELECT count(*) FROM w) AS held"
        found, held = db.execute(text(window + counted), params).one()
        return [], found, held


def _holders_by_span(
    db: Session, query: _Query, *, source: str = SAMPLE, scale: float = SAMPLE_FACTOR
) -> dict[str, float]:
    """How many jobs hold all the phrase's words (with the filters), in all (key ``"all"``) and
    published within each "posted within" span, and with the place and skills only (``"base"``,
    the rows the facets check), estimated from the sample: the phrase's own counts are far
    fewer, and the planner, taking the words as independent, guessed fourteen times too few for
    "data engineer"."""
    chosen = " AND ".join(["TRUE", *query.facets.values()])
    spans = ", ".join(
        f'count(*) FILTER (WHERE {chosen} AND j.published_at >= :since_{d}) AS "{d}"'
        for d in POSTED_WITHIN_DAYS
    )
    words = query.base_where().replace(f"@@ {TSQUERY}", "@@ CAST(:q_words AS tsquery)")
    sql = (
        f'SELECT {spans}, count(*) FILTER (WHERE {chosen}) AS "all", count(*) AS "base" '
        f"FROM {source} j WHERE {words}"
    )
    since = {f"since_{d}": query.params["now"] - timedelta(days=d) for d in POSTED_WITHIN_DAYS}
    row = db.execute(text(sql), query.params | since).one()
    return {key: n * scale for key, n in row._mapping.items()}


def _phrase_page(
    db: Session,
    query: _Query,
    counted: _Counts,
    params: SearchParams,
    offset: int,
    limit: int,
    table_rows: float,
    holders: dict[str, float],
) -> tuple[list[uuid.UUID], int]:
    """The page of a phrase search and its phrase matches: from the narrowest span of recent days
    whose jobs fill the window (the newest holders of the words are then everyone's newest),
    else from every job."""
    need = PHRASE_SCAN * SLICE_MARGIN
    spans = [d for d in POSTED_WITHIN_DAYS if _before(d, params) and holders[str(d)] >= need]
    for days in spans:
        ids, found, held = _phrase_window(db, query, params.sort, offset, limit, walk=False, days=days)
        if held >= PHRASE_SCAN:
            return ids, found
    walk = _walks(max(float(counted.total), holders["all"]), table_rows, PHRASE_SCAN)
    ids, found, _ = _phrase_window(db, query, params.sort, offset, limit, walk=walk)
    return ids, found


def job_hits(db: Session, ids: list[uuid.UUID], now: datetime) -> list[JobHit]:
    """Card data for jobs by id, in the order given: search, saved jobs and recommendations share it."""
    return _cards(db, ids, now)[0]


def _cards(
    db: Session, ids: list[uuid.UUID], now: datetime, more_companies: Iterable[uuid.UUID] = ()
) -> tuple[list[JobHit], dict[str, CompanySummary]]:
    """:func:`job_hits`, and the summaries of their companies and of ``more_companies`` read in
    the same query (the search's top companies facet names them too)."""
    wanted_companies = list(more_companies)
    if not ids:
        return [], companies.company_summaries(db, wanted_companies)
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
    company_ids = [r.company_id for r in ordered if r.company_id]
    summaries = companies.company_summaries(db, [*company_ids, *wanted_companies])
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
    return hits, summaries


def _significant(value: float) -> int:
    """Two significant figures: an estimate should not pretend to more."""
    if value < 100:
        return round(value)
    digits = math.floor(math.log10(value)) - 1
    return int(round(value, -digits))


def _total_label(total: int, estimate: bool) -> str:
    if estimate and total >= ESTIMATE_LABEL_CAP:
        return f"{ESTIMATE_LABEL_CAP:,}+ jobs"
    if estimate:
        return f"About {total:,} jobs"
    return "1 job" if total == 1 else f"{total:,} jobs"


@dataclass(frozen=True)
class _Counts:
    facets: dict[str, dict[str, float]]
    total: int
    total_is_estimate: bool
    facets_are_estimates: bool


def _count_matches(
    db: Session, query: _Query, table_rows: float, holders: dict[str, float] | None = None
) -> _Counts:
    """Facet counts and the total, each exact or estimated (see the module docstring).

    A phrase whose words are in many jobs (``holders``) is counted over the thin sample even
    when its matches there are few: checking the phrase in every sampled holder of its words
    cost 40 ms for "customer support" (measured), and its counts are estimates either way."""
    if table_rows <= SMALL_INDEX_ROWS:
        counts = _facet_counts(db, query, sampled=False, cap=SMALL_INDEX_ROWS)
        if counts is not None:
            return _Counts(counts, round(counts["total"][""]), False, False)
    sampled = _facet_counts(db, query, sampled=True, thin=True) or {}
    many_holders = holders is not None and holders["base"] >= PHRASE_THIN_HOLDERS
    # Each facet is counted with every filter but its own, so the filters must leave enough thin
    # rows too: filters alone have every job for base, and nine thin rows said that none of
    # 3,449 jobs was posted in the last 7 days (measured). The whole sample costs 15 ms more.
    scale = SAMPLE_FACTOR * THIN_FACTOR
    thin = sampled["base"][""] >= THIN_ROWS * scale and sampled["total"][""] >= THIN_MATCHES * scale
    if not thin and not many_holders:
        sampled = _facet_counts(db, query, sampled=True) or {}
    # The sample says how many rows the exact count would read (the planner, taking filters as
    # independent, was off by thirty times for two skills that go together). Not for a phrase:
    # counting its few matches exactly means checking every job that holds its words.
    if sampled["base"][""] <= EXACT_FACET_CAP / 2 and not query.has_phrase:
        counts = _facet_counts(db, query, sampled=False)
        if counts is not None:
            return _Counts(counts, round(counts["total"][""]), False, False)
    total = _significant(sampled["total"][""])
    if total <= COUNTED_TOTAL_CAP and not query.has_phrase:
        counted = _capped_count(db, query.where(), query.params, COUNTED_TOTAL_CAP)
        if counted <= COUNTED_TOTAL_CAP:
            return _Counts(sampled, counted, False, True)
        total = max(total, counted)
    return _Counts(sampled, total, True, True)


def _plain_page(
    db: Session,
    query: _Query,
    counted: _Counts,
    params: SearchParams,
    offset: int,
    limit: int,
    table_rows: float,
    *,
    windowed: bool,
) -> list[uuid.UUID]:
    """The page of a search without a phrase to check: from a span of recent days when the page
    is the newest matches (or holds them) and the span is known to hold enough, else by walking
    the date or pay index, else from every match."""
    wanted = offset + limit
    if windowed:
        wanted = CANDIDATE_WINDOW if query.has_keywords else wanted + PROMOTED_WINDOW
    cheap = _walks(counted.total, table_rows, wanted, limit=CHEAP_WALK_ROWS)
    parts: list[_Query] = []
    if params.sort == SortOrder.SALARY and not (cheap and query.independent_of_pay):
        # Pay goes with level and place, so a walk of the pay index can pass thousands of jobs
        # for a few juniors: the best paid bands come first instead. A band can hold a fifth of
        # the jobs, though, so where the walk's estimate holds it is the better way (81,000
        # jobs of 150k+ read and sorted in 105 ms for "salary_min=100000", measured).
        parts = [_above(query, floor) for floor in _pay_floors(counted, params, wanted)]
    elif not cheap and (windowed or params.sort == SortOrder.DATE):
        parts = [_recent(query, days) for days in _slices(counted, params, wanted)]
    for part in parts:
        ids = _sliced_page_ids(db, query, part, params.sort, offset, limit, windowed=windowed)
        if ids is not None:
            return ids
    # A walk with words tests them on every job it passes, each vector read from out of line.
    walk = cheap or (not query.has_keywords and _walks(counted.total, table_rows, wanted))
    return _page_ids(db, query, params.sort, offset, limit, windowed=windowed, walk=walk)


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
    opening = _open(db, params.q)
    query = build_query(db, params, now, opening.parsed)
    table_rows = opening.table_rows
    # Only counted estimates take the phrase's shortcuts: a small table counts every match.
    holders = _holders_by_span(db, query) if query.has_phrase and table_rows > SMALL_INDEX_ROWS else None
    counted = _count_matches(db, query, table_rows, holders)
    total, estimated = counted.total, counted.total_is_estimate
    windowed = (estimated or total > RANK_ALL_CAP) and params.sort == SortOrder.RELEVANCE
    browsable = min(total, CANDIDATE_WINDOW if windowed else MAX_BROWSABLE)
    pages = max(1, math.ceil(browsable / page_size))
    page = min(params.page, pages)
    offset = (page - 1) * page_size
    if holders is not None and counted.facets_are_estimates:
        ids, found = _phrase_page(db, query, counted, params, offset, page_size, table_rows, holders)
        total = max(total, found)
        pages = max(1, math.ceil(min(found, MAX_BROWSABLE) / page_size))
    else:
        ids = _plain_page(db, query, counted, params, offset, page_size, table_rows, windowed=windowed)
    counted_companies = [uuid.UUID(cid) for cid in counted.facets.get("company", {})] if with_facets else []
    hits, summaries = _cards(db, ids, now, counted_companies)
    facets: dict[str, list[FacetValue]] = {}
    if with_facets:
        facets = _facets(db, counted.facets, params, counted.facets_are_estimates, summaries)
    suggestion = ""
    if total == 0 and params.q:
        suggestion = did_you_mean(db, params.q)
    return SearchResult(
        hits=hits,
        total=total,
        total_is_estimate=estimated,
        total_label=_total_label(total, estimated),
        facets=facets,
        facets_are_estimates=counted.facets_are_estimates,
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
        f"SELECT j.id FROM {ROWS} j WHERE {query.where()} AND j.published_at > :published_after "
        "ORDER BY j.published_at DESC, j.id LIMIT :limit"
    )
    ids = [row.id for row in db.execute(text(sql), query.params)]
    return job_hits(db, ids, now)
