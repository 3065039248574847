"""The public company page ``/companies/<slug>``: everything it shows, read in one transaction.

Only active companies that are not deleted have a page; a suspended, inactive or deleted one is
``NotFound`` for everybody, so a suspension takes the page down at once. Reviews and photos
count only once a moderator approved them. The open jobs come from the jobs context
(``jobs.company_jobs``) as the shared job-card data, a page of them at a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import ColumnElement, func, select
from sqlmodel import Session

from jobhub.companies.approved_content import PhotoView, RatingSummary, approved_photos, rating_summary
from jobhub.companies.company_fields import SOCIAL_NETWORKS
from jobhub.companies.company_ld import organization_ld
from jobhub.companies.labels import REMOTE_LABELS, SIZE_LABELS, TYPE_LABELS
from jobhub.companies.models import Company, CompanyEmployee, CompanyStatus, EmploymentStatus
from jobhub.jobs.company_jobs import COMPANY_JOBS_PER_PAGE, CompanyJobsPage, open_jobs_of_company
from jobhub.jobs.job_posting_ld import script_json
from jobhub.jobs.response_times import response_figure
from jobhub.platform.errors import NotFound
from jobhub.platform.markdown import markdown_to_html, plain_text
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

NOT_FOUND: Final = "This company page does not exist or is no longer public."
SEO_DESCRIPTION_MAX: Final = 160
SITEMAP_FETCH_ROWS: Final = 2_000


@dataclass(frozen=True)
class Fact:
    """One line of the facts card; ``href`` makes it a link (the website)."""

    icon: str
    label: str
    value: str
    href: str = ""


@dataclass(frozen=True)
class SocialLink:
    label: str
    url: str


@dataclass(frozen=True)
class CompanyPage:
    """Plain values only; the HTML is already sanitized (``platform/markdown.py``)."""

    id: str
    slug: str
    name: str
    tagline: str
    logo_url: str
    cover_image_url: str
    verified: bool
    facts: list[Fact]
    socials: list[SocialLink]
    about_html: str
    culture_html: str
    values: list[dict[str, str]]
    benefits: list[str]
    perks: list[str]
    team_size: str
    rating: RatingSummary
    photos: list[PhotoView]
    jobs: CompanyJobsPage
    all_jobs_href: str
    canonical_url: str
    seo_title: str
    seo_description: str
    json_ld: str
    response_text: str = ""
    """How fast the company answers applicants (``jobs.response_times``): no silent ghosting."""


def public_company_filter() -> ColumnElement[bool]:
    """Which companies anyone may see: active and not deleted (the directory and sitemap use it too)."""
    return Company.deleted_at.is_(None) & (Company.status == CompanyStatus.ACTIVE)


def public_company_pages(db: Session, limit: int) -> Iterator[tuple[str, datetime]]:
    """The path and last change of each public company page (at most ``limit``), streamed for the sitemap."""
    query = (
        select(Company.slug, Company.updated_at)
        .where(public_company_filter())
        .order_by(Company.id)
        .limit(limit)
        .execution_options(yield_per=SITEMAP_FETCH_ROWS)
    )
    for slug, updated_at in db.execute(query):
        yield public_path(slug), updated_at


def public_path(slug: str) -> str:
    return f"{nav.COMPANIES}/{slug}"


def absolute_url(path: str) -> str:
    return f"{get_settings().public_url.rstrip('/')}{path}"


def file_url(url: str) -> str:
    """A stored upload (``/files/...``, served by the backend) as an absolute address for crawlers."""
    return f"{get_settings().api_url.rstrip('/')}{url}" if url.startswith("/") else url


def jobs_search_href(slug: str) -> str:
    return f"{nav.JOBS}?company={slug}"


def _facts(company: Company) -> list[Fact]:
    website = company.website_url or ""
    candidates = [
        Fact("factory", "Industry", company.industry or ""),
        Fact("users", "Size", SIZE_LABELS.get(company.company_size or "", "")),
        Fact("building-2", "Type", TYPE_LABELS.get(company.company_type or "", "")),
        Fact("calendar", "Founded", str(company.founded_year or "")),
        Fact("map-pin", "Headquarters", company.headquarters_location or ""),
        Fact("map", "Also in", ", ".join(company.locations or ())),
        Fact("laptop", "Remote work", REMOTE_LABELS.get(company.remote_policy or "", "")),
        Fact("globe", "Website", website.split("://", 1)[-1].rstrip("/"), website),
    ]
    return [fact for fact in candidates if fact.value]


def _socials(company: Company) -> list[SocialLink]:
    return [
        SocialLink(network.label, url)
        for column, network in SOCIAL_NETWORKS.items()
        if (url := getattr(company, column))
    ]


def _team_size(db: Session, company: Company) -> str:
    """The head count the company gives, else how many of its people are on JobHub."""
    if company.employee_count:
        noun = "employee" if company.employee_count == 1 else "employees"
        return f"{company.employee_count:,} {noun}"
    members = db.execute(
        select(func.count())
        .select_from(CompanyEmployee)
        .where(
            CompanyEmployee.company_id == company.id,
            CompanyEmployee.user_id.is_not(None),
            CompanyEmployee.employment_status == EmploymentStatus.ACTIVE,
        )
    ).scalar_one()
    return f"{members} {'person' if members == 1 else 'people'} on JobHub"


def _seo(company: Company, description: str) -> tuple[str, str]:
    """The company's own SEO text when given, else the tagline and the start of ``description``."""
    title = company.seo_title or f"{company.name}: jobs and company profile"
    if company.seo_description:
        return title, company.seo_description[:SEO_DESCRIPTION_MAX]
    lead = f"{company.tagline}. " if company.tagline else ""
    text = f"{lead}{description}".strip() or (f"Open jobs, benefits and reviews of {company.name} on JobHub.")
    if len(text) > SEO_DESCRIPTION_MAX:
        text = text[: SEO_DESCRIPTION_MAX - 1].rsplit(" ", 1)[0] + "\u2026"
    return title, text


def _public_company(db: Session, where: ColumnElement[bool]) -> Company:
    company = db.execute(select(Company).where(where, public_company_filter())).scalar_one_or_none()
    if company is None:
        raise NotFound(NOT_FOUND)
    return company


def company_jobs(
    db: Session, company_id: uuid.UUID, page: int, *, now: datetime | None = None
) -> CompanyJobsPage:
    """Another page of a public company's open jobs (the page's own paging)."""
    company = _public_company(db, Company.id == company_id)
    return open_jobs_of_company(db, company.id, page, COMPANY_JOBS_PER_PAGE, now or datetime.now(UTC))


def company_page(db: Session, slug: str, *, jobs_page: int = 1, now: datetime | None = None) -> CompanyPage:
    """The page of the company at ``slug`` (any case); ``NotFound`` unless it is public."""
    wanted = slug.strip().lower()
    if not wanted:
        raise NotFound(NOT_FOUND)
    company = _public_company(db, Company.slug == wanted)
    moment = now or datetime.now(UTC)
    rating = rating_summary(db, company.id)
    canonical = absolute_url(public_path(company.slug))
    about = plain_text(company.description)
    seo_title, seo_description = _seo(company, about)
    ld = organization_ld(
        company,
        url=canonical,
        logo_url=file_url(company.logo_url or ""),
        description=about,
        rating=rating.overall,
        review_count=rating.count,
    )
    return CompanyPage(
        id=str(company.id),
        slug=company.slug,
        name=company.name,
        tagline=company.tagline or "",
        logo_url=company.logo_url or "",
        cover_image_url=company.cover_image_url or "",
        verified=company.is_verified,
        facts=_facts(company),
        socials=_socials(company),
        about_html=markdown_to_html(company.description),
        culture_html=markdown_to_html(company.culture_description),
        values=[
            {"name": str(value.get("name", "")), "description": str(value.get("description", ""))}
            for value in company.values or ()
            if isinstance(value, dict) and value.get("name")
        ],
        benefits=list(company.benefits or ()),
        perks=list(company.perks or ()),
        team_size=_team_size(db, company),
        rating=rating,
        photos=approved_photos(db, company.id, company.name),
        jobs=open_jobs_of_company(db, company.id, jobs_page, COMPANY_JOBS_PER_PAGE, moment),
        all_jobs_href=jobs_search_href(company.slug),
        canonical_url=canonical,
        seo_title=seo_title,
        seo_description=seo_description,
        json_ld=script_json(ld),
        response_text=response_figure(db, company.id, moment).label,
    )
