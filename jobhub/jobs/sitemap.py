"""``GET /sitemap.xml`` and ``GET /robots.txt``: every open job's page, for search engines.

The sitemap protocol allows 50,000 URLs per file. Up to that, ``/sitemap.xml`` is one
``urlset`` (the landing, search and companies pages, then every open job with its
``lastmod``; the public company pages, up to ``COMPANY_URLS``, come after the static pages).
Past it, ``/sitemap.xml`` becomes a sitemap index of ``/sitemap-jobs-<n>.xml``
parts that split the jobs by id range: ids are random UUIDs, so each range holds an even
share (about ``JOBS_PER_PART``, far from the cap), every part is one primary-key range scan
however deep it is, and a job stays in the same part while others come and go. Files are
streamed row by row from a server-side cursor, so a million jobs never sit in memory.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Final
from xml.sax.saxutils import escape

from sqlalchemy import func, select, text
from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from jobhub.companies import service as companies
from jobhub.companies.company_public import public_company_pages
from jobhub.jobs.job_detail import absolute_url, job_path
from jobhub.jobs.models import Job
from jobhub.jobs.service import open_job_filter
from jobhub.platform.db import session_scope
from jobhub.ui import navigation as nav

URLS_PER_FILE: Final = 50_000
JOBS_PER_PART: Final = 40_000
"""Aimed below the cap: a random id range of 40,000 expected jobs never reaches 50,000."""
STATIC_PATHS: Final = (nav.HOME, nav.JOBS, nav.COMPANIES)
COMPANY_URLS: Final = 10_000
"""Company pages listed (in part 0 with the static pages): far more than JobHub has companies."""
PRIVATE_PATHS: Final = (
    nav.ADMIN,
    nav.SETTINGS_ACCOUNT.rsplit("/", 1)[0],
    nav.SAVED_JOBS,
    nav.ALERTS,
    nav.APPLICATIONS,
    nav.EMPLOYER_DASHBOARD,
    nav.LOGIN,
)
XML_HEAD: Final = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE: Final = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_TYPE: Final = "application/xml"
UUID_SPACE: Final = 1 << 128
FETCH_ROWS: Final = 2_000


def part_count(
    open_jobs: int, *, companies: int = 0, per_part: int = JOBS_PER_PART, per_file: int = URLS_PER_FILE
) -> int:
    """0 when one file holds the static pages, the companies and every job; else how many job parts."""
    if open_jobs + len(STATIC_PATHS) + min(companies, COMPANY_URLS) <= per_file:
        return 0
    return math.ceil(open_jobs / per_part)


def id_range(part: int, parts: int) -> tuple[uuid.UUID, uuid.UUID | None]:
    """The ids of ``part`` (1-based) of ``parts``: from ``low`` inclusive up to ``high`` exclusive."""
    low = uuid.UUID(int=(part - 1) * UUID_SPACE // parts)
    return low, None if part == parts else uuid.UUID(int=part * UUID_SPACE // parts)


def _url(location: str, lastmod: datetime | None = None) -> str:
    modified = (
        f"<lastmod>{lastmod.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}</lastmod>" if lastmod else ""
    )
    return f"<url><loc>{escape(location)}</loc>{modified}</url>\n"


def job_urls(
    db: Session,
    now: datetime,
    *,
    id_bounds: tuple[uuid.UUID, uuid.UUID | None] | None = None,
    limit: int = URLS_PER_FILE,
) -> Iterator[str]:
    """One ``<url>`` per open job (in ``id_bounds`` when given), streamed in primary-key order."""
    query = select(Job.slug, Job.updated_at).where(open_job_filter(now)).order_by(Job.id).limit(limit)
    if id_bounds is not None:
        low, high = id_bounds
        query = query.where(Job.id >= low)
        if high is not None:
            query = query.where(Job.id < high)
    for slug, updated_at in db.execute(query.execution_options(yield_per=FETCH_ROWS)):
        yield _url(absolute_url(job_path(slug)), updated_at)


def _fixed_urls(db: Session) -> Iterator[str]:
    """The static pages, then each public company page with its last change."""
    yield from (_url(absolute_url(path)) for path in STATIC_PATHS)
    for path, updated_at in public_company_pages(db, COMPANY_URLS):
        yield _url(absolute_url(path), updated_at)


def urlset(db: Session, now: datetime, *, part: int = 0, parts: int = 0) -> Iterator[str]:
    """The whole sitemap (``part`` 0: static and company pages first) or one part of the jobs."""
    yield f'{XML_HEAD}<urlset xmlns="{NAMESPACE}">\n'
    if part == 0:
        listed = 0
        for url in _fixed_urls(db):
            listed += 1
            yield url
        yield from job_urls(db, now, limit=URLS_PER_FILE - listed)
    else:
        yield from job_urls(db, now, id_bounds=id_range(part, parts))
    yield "</urlset>\n"


def sitemap_index(parts: int) -> str:
    """The static pages' sitemap (part 0) and each jobs part."""
    entries = "".join(
        f"<sitemap><loc>{escape(absolute_url(f'/sitemap-jobs-{part}.xml'))}</loc></sitemap>\n"
        for part in range(parts + 1)
    )
    return f'{XML_HEAD}<sitemapindex xmlns="{NAMESPACE}">\n{entries}</sitemapindex>\n'


def static_urlset(db: Session) -> str:
    """Part 0 of an index: the static and company pages (the jobs are in the numbered parts)."""
    urls = "".join(_fixed_urls(db))
    return f'{XML_HEAD}<urlset xmlns="{NAMESPACE}">\n{urls}</urlset>\n'


def robots_txt() -> str:
    disallowed = "".join(f"Disallow: {path}\n" for path in PRIVATE_PATHS)
    return f"User-agent: *\nAllow: /\n{disallowed}\nSitemap: {absolute_url('/sitemap.xml')}\n"


def _streamed(part: int, parts: int) -> Iterator[str]:
    """Holds one session open while the response streams; runs in Starlette's thread pool."""
    with session_scope() as db:
        yield from urlset(db, datetime.now(UTC), part=part, parts=parts)


def parts_now(db: Session, now: datetime) -> int:
    """``part_count`` without counting a million rows on every crawl (an exact count takes seconds).

    Counting stops past one file's worth; beyond that the table's row estimate (every row, so
    never fewer than the open ones) sizes the parts, which only makes them smaller.
    """
    company_pages = min(companies.count_active_companies(db), COMPANY_URLS)
    one_file = URLS_PER_FILE - len(STATIC_PATHS) - company_pages
    capped = select(Job.id).where(open_job_filter(now)).limit(one_file + 1).subquery()
    open_jobs = db.execute(select(func.count()).select_from(capped)).scalar_one()
    if open_jobs <= one_file:
        return 0
    estimate = db.execute(
        text("SELECT reltuples FROM pg_class WHERE oid = 'jobs.jobs'::regclass")
    ).scalar_one()
    return part_count(max(int(estimate), open_jobs), companies=company_pages)


def _parts_now() -> int:
    with session_scope() as db:
        return parts_now(db, datetime.now(UTC))


def sitemap_endpoint(_: Request) -> Response:
    parts = _parts_now()
    if parts:
        return Response(sitemap_index(parts), media_type=XML_TYPE)
    return StreamingResponse(_streamed(0, 0), media_type=XML_TYPE)


def sitemap_part_endpoint(request: Request) -> Response:
    part: int = request.path_params["part"]
    parts = _parts_now()
    if part == 0:
        with session_scope() as db:
            return Response(static_urlset(db), media_type=XML_TYPE)
    if not 1 <= part <= parts:
        return PlainTextResponse("No such sitemap.", status_code=404)
    return StreamingResponse(_streamed(part, parts), media_type=XML_TYPE)


def robots_endpoint(_: Request) -> Response:
    return PlainTextResponse(robots_txt())


ROUTES: Final = (
    Route("/sitemap.xml", sitemap_endpoint, methods=["GET"]),
    Route("/sitemap-jobs-{part:int}.xml", sitemap_part_endpoint, methods=["GET"]),
    Route("/robots.txt", robots_endpoint, methods=["GET"]),
)
