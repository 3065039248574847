"""The sitemap lists the static pages and every open job, split into id-range parts past 50,000."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree import ElementTree

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from jobhub.api import build_http_api
from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.sitemap import (
    JOBS_PER_PART,
    URLS_PER_FILE,
    id_range,
    part_count,
    parts_now,
    robots_txt,
    sitemap_index,
    urlset,
)
from jobhub.settings import get_settings
from tests.jobs.support import published_job

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def published(db: Session, **values: Any) -> Job:
    return published_job(db, NOW, **values)


def locations(xml: str) -> list[str]:
    return [loc.text or "" for loc in ElementTree.fromstring(xml).iterfind(".//s:loc", NS)]


def base() -> str:
    return get_settings().public_url.rstrip("/")


def test_one_file_lists_the_static_pages_and_only_open_jobs(db: Session) -> None:
    open_job = published(db)
    hidden = [
        published(db, status=JobStatus.DRAFT, published_at=None),
        published(db, status=JobStatus.CLOSED),
        published(db, expires_at=NOW - timedelta(hours=1)),
        published(db, deleted_at=NOW - timedelta(hours=1)),
    ]

    xml = "".join(urlset(db, NOW))

    urls = locations(xml)
    assert urls[:3] == [f"{base()}/", f"{base()}/jobs", f"{base()}/companies"]
    assert f"{base()}/jobs/{open_job.slug}" in urls
    assert not {f"{base()}/jobs/{job.slug}" for job in hidden} & set(urls)
    assert len(urls) == len(set(urls))


def test_a_job_url_carries_its_last_change_in_w3c_format(db: Session) -> None:
    job = published(db)
    db.refresh(job)

    xml = "".join(urlset(db, NOW))

    entry = next(
        url
        for url in ElementTree.fromstring(xml).iterfind("s:url", NS)
        if url.findtext("s:loc", namespaces=NS).endswith(job.slug)
    )
    assert entry.findtext("s:lastmod", namespaces=NS) == job.updated_at.astimezone(UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


def test_slugs_are_escaped_for_xml(db: Session) -> None:
    job = published(db, slug=f"r&d-<lead>-{uuid.uuid4().hex[:6]}")

    assert f"{base()}/jobs/{job.slug}" in locations("".join(urlset(db, NOW)))


def test_parts_start_only_past_one_file_and_aim_below_the_cap() -> None:
    assert part_count(URLS_PER_FILE - 3) == 0
    assert part_count(URLS_PER_FILE - 2) == 2
    assert part_count(1_000_000) == 25
    assert JOBS_PER_PART < URLS_PER_FILE


def test_a_small_site_is_one_file(db: Session) -> None:
    published(db)

    assert parts_now(db, NOW) == 0


def test_id_ranges_cover_every_id_once() -> None:
    parts = 7
    ranges = [id_range(part, parts) for part in range(1, parts + 1)]

    assert ranges[0][0] == uuid.UUID(int=0)
    assert ranges[-1][1] is None
    assert all(ranges[i][1] == ranges[i + 1][0] for i in range(parts - 1))


def test_the_parts_together_list_every_open_job_once(db: Session) -> None:
    jobs = [published(db) for _ in range(12)]
    parts = 3

    listed = [
        url
        for part in range(1, parts + 1)
        for url in locations("".join(urlset(db, NOW, part=part, parts=parts)))
    ]

    mine = {f"{base()}/jobs/{job.slug}" for job in jobs}
    assert mine <= set(listed)
    assert len(listed) == len(set(listed))


def test_the_index_names_the_static_part_and_each_jobs_part() -> None:
    assert locations(sitemap_index(2)) == [f"{base()}/sitemap-jobs-{part}.xml" for part in (0, 1, 2)]


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_private_pages() -> None:
    text = robots_txt()

    assert f"Sitemap: {base()}/sitemap.xml" in text
    for path in ("/admin", "/settings", "/saved", "/alerts"):
        assert f"Disallow: {path}\n" in text
    assert "Disallow: /jobs" not in text


@pytest.mark.parametrize(
    ("path", "kind"), [("/sitemap.xml", "application/xml"), ("/robots.txt", "text/plain")]
)
def test_the_http_routes_answer(engine: Engine, path: str, kind: str) -> None:
    with TestClient(build_http_api()) as client:
        response = client.get(path)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith(kind)


def test_a_part_that_does_not_exist_is_404(engine: Engine) -> None:
    with TestClient(build_http_api()) as client:
        assert client.get("/sitemap-jobs-99.xml").status_code == 404
        assert locations(client.get("/sitemap-jobs-0.xml").text)[0] == f"{base()}/"
