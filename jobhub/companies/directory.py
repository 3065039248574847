"""The company directory ``/companies``: find employers by name, industry, size, place and verification.

Only public companies (active, not deleted) are listed. A name query matches a part of the
name (``ILIKE``) or a near spelling (trigram ``%``), both served by ``idx_companies_name_trgm``,
or the words of the name, industry and description (``search_vector``, GIN); the closest names
come first. A place matches the headquarters or another office by text, or lies within
``NEAR_KM`` of the city the gazetteer finds for it. Each listed company's open jobs are counted
by the jobs context in one grouped read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlmodel import Session

from jobhub.companies.company_public import public_company_filter, public_path
from jobhub.companies.directory_params import DirectoryParams
from jobhub.companies.labels import SIZE_LABELS
from jobhub.companies.models import Company
from jobhub.jobs import geo
from jobhub.jobs.company_jobs import open_job_counts

PER_PAGE: Final = 20
NEAR_KM: Final = 50.0
INDUSTRIES_LISTED: Final = 100
_LIKE_ESCAPE: Final = "\\"


@dataclass(frozen=True)
class DirectoryCompany:
    id: str
    slug: str
    href: str
    name: str
    tagline: str
    logo_url: str
    industry: str
    size: str
    headquarters: str
    verified: bool
    open_jobs: int
    open_jobs_text: str


@dataclass(frozen=True)
class DirectoryPage:
    items: list[DirectoryCompany]
    total: int
    total_text: str
    page: int
    pages: int
    industries: list[str]
    notice: str


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(text: str) -> str:
    return f"%{_escaped(text)}%"


def _distance_km(lat: float, lon: float) -> ColumnElement[float]:
    """Great-circle distance from the company's headquarters, as ``geo.distance_km`` computes it."""
    dlat = func.radians(Company.latitude - lat) / 2
    dlon = func.radians(Company.longitude - lon) / 2
    a = func.power(func.sin(dlat), 2) + math.cos(math.radians(lat)) * func.cos(
        func.radians(Company.latitude)
    ) * func.power(func.sin(dlon), 2)
    return 2 * geo.EARTH_RADIUS_KM * func.asin(func.least(1.0, func.sqrt(a)))


def _near(city: geo.City | None) -> ColumnElement[bool]:
    if city is None:
        return false()
    box = geo.bounding_box(city.latitude, city.longitude, NEAR_KM)
    return and_(
        Company.latitude.between(box.min_latitude, box.max_latitude),
        Company.longitude.between(box.min_longitude, box.max_longitude),
        _distance_km(city.latitude, city.longitude) <= NEAR_KM,
    )


def _filters(params: DirectoryParams, city: geo.City | None) -> list[ColumnElement[bool]]:
    conditions = [public_company_filter()]
    if params.q:
        words = func.websearch_to_tsquery("english", params.q)
        conditions.append(
            or_(
                Company.name.ilike(_contains(params.q), escape=_LIKE_ESCAPE),
                Company.name.op("%")(params.q),
                Company.search_vector.op("@@")(words),
            )
        )
    if params.industry:
        conditions.append(func.lower(Company.industry) == params.industry.lower())
    if params.size:
        conditions.append(Company.company_size == params.size)
    if params.location:
        place = _contains(params.location)
        conditions.append(
            or_(
                Company.headquarters_location.ilike(place, escape=_LIKE_ESCAPE),
                func.array_to_string(Company.locations, "\n").ilike(place, escape=_LIKE_ESCAPE),
                _near(city),
            )
        )
    if params.verified:
        conditions.append(Company.is_verified.is_(True))
    return conditions


def _ordered(query: Select[tuple[Company]], params: DirectoryParams) -> Select[tuple[Company]]:
    if not params.q:
        return query.order_by(func.lower(Company.name), Company.id)
    starts = Company.name.ilike(f"{_escaped(params.q)}%", escape=_LIKE_ESCAPE)
    words = func.websearch_to_tsquery("english", params.q)
    return query.order_by(
        starts.desc(),
        func.similarity(Company.name, params.q).desc(),
        func.ts_rank(Company.search_vector, words).desc(),
        func.lower(Company.name),
        Company.id,
    )


def _item(company: Company, open_jobs: int) -> DirectoryCompany:
    return DirectoryCompany(
        id=str(company.id),
        slug=company.slug,
        href=public_path(company.slug),
        name=company.name,
        tagline=company.tagline or "",
        logo_url=company.logo_url or "",
        industry=company.industry or "",
        size=SIZE_LABELS.get(company.company_size or "", ""),
        headquarters=company.headquarters_location or "",
        verified=company.is_verified,
        open_jobs=open_jobs,
        open_jobs_text="No open jobs"
        if not open_jobs
        else f"{open_jobs:,} open job{'s' if open_jobs != 1 else ''}",
    )


def directory_industries(db: Session, selected: str = "") -> list[str]:
    """The industries public companies name, alphabetically: the choices of the industry filter."""
    rows = db.execute(
        select(Company.industry)
        .where(public_company_filter(), Company.industry.is_not(None))
        .group_by(Company.industry)
        .order_by(func.lower(Company.industry))
        .limit(INDUSTRIES_LISTED)
    ).scalars()
    industries = list(rows)
    if selected and selected.lower() not in {industry.lower() for industry in industries}:
        industries.append(selected)
    return industries


def search_companies(
    db: Session, params: DirectoryParams, *, per_page: int = PER_PAGE, now: datetime | None = None
) -> DirectoryPage:
    """One page of the directory for ``params``; a page past the end shows the last one."""
    city = geo.find_city(params.location) if params.location else None
    conditions = _filters(params, city)
    total = db.execute(select(func.count()).select_from(Company).where(*conditions)).scalar_one()
    pages = max(1, math.ceil(total / per_page))
    page = min(params.page, pages)
    companies = list(
        db.execute(
            _ordered(select(Company).where(*conditions), params).offset((page - 1) * per_page).limit(per_page)
        ).scalars()
    )
    counts = open_job_counts(db, [company.id for company in companies], now or datetime.now(UTC))
    notice = ""
    if params.location and city is None:
        notice = (
            f"We do not know the place \u201c{params.location}\u201d, so companies that mention it are shown."
        )
    return DirectoryPage(
        items=[_item(company, counts.get(company.id, 0)) for company in companies],
        total=total,
        total_text=f"{total:,} compan{'y' if total == 1 else 'ies'}",
        page=page,
        pages=pages,
        industries=directory_industries(db, params.industry),
        notice=notice,
    )
