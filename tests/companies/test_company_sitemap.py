"""Public company pages are in the sitemap after the static pages; hidden companies are not."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree

from sqlmodel import Session

from jobhub.companies.models import CompanyStatus
from jobhub.jobs.sitemap import URLS_PER_FILE, part_count, static_urlset, urlset
from jobhub.settings import get_settings
from tests.factories import add, make_company

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def entries(xml: str) -> dict[str, str | None]:
    return {
        url.findtext("s:loc", namespaces=NS) or "": url.findtext("s:lastmod", namespaces=NS)
        for url in ElementTree.fromstring(xml).iterfind("s:url", NS)
    }


def test_public_companies_are_listed_with_their_last_change_and_hidden_ones_are_not(db: Session) -> None:
    shown = make_company()
    hidden = [make_company(status=CompanyStatus.SUSPENDED), make_company(deleted_at=NOW)]
    add(db, shown, *hidden)
    db.refresh(shown)
    base = get_settings().public_url.rstrip("/")

    for xml in ("".join(urlset(db, NOW)), static_urlset(db)):
        listed = entries(xml)
        assert listed[f"{base}/companies/{shown.slug}"] == shown.updated_at.astimezone(UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
        assert not {f"{base}/companies/{company.slug}" for company in hidden} & set(listed)
        assert list(listed)[:3] == [f"{base}/", f"{base}/jobs", f"{base}/companies"]


def test_company_pages_take_their_share_of_the_one_file() -> None:
    assert part_count(URLS_PER_FILE - 3 - 500, companies=500) == 0
    assert part_count(URLS_PER_FILE - 3 - 499, companies=500) > 0
