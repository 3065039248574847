"""Read functions of the companies context that the landing and job pages need.

Other contexts hold company ids (UUID columns, no foreign keys across schemas) and ask
here for what to display, so this context stays free to move to its own database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.companies.models import Company, CompanyReview, CompanyStatus, ReviewStatus
from jobhub.platform.id_lists import any_id


@dataclass(frozen=True)
class CompanySummary:
    id: str
    name: str
    slug: str
    logo_url: str
    rating: float | None = None


@dataclass(frozen=True)
class CompanyCard:
    """What a job page shows about its company; ``rating`` is ``None`` until a review is approved."""

    id: str
    name: str
    slug: str
    logo_url: str
    website_url: str
    rating: float | None
    review_count: int
    size: str
    industry: str
    verified: bool


def company_card(db: Session, company_id: uuid.UUID) -> CompanyCard | None:
    """The company of a posting, with the mean of its approved reviews; ``None`` when it is gone."""
    company = db.execute(
        select(Company).where(Company.id == company_id, Company.deleted_at.is_(None))
    ).scalar_one_or_none()
    if company is None:
        return None
    mean, count = db.execute(
        select(func.avg(CompanyReview.overall_rating), func.count()).where(
            CompanyReview.company_id == company_id, CompanyReview.status == ReviewStatus.APPROVED
        )
    ).one()
    return CompanyCard(
        id=str(company.id),
        name=company.name,
        slug=company.slug,
        logo_url=company.logo_url or "",
        website_url=company.website_url or "",
        rating=round(float(mean), 1) if mean is not None else None,
        review_count=count,
        size=company.company_size or "",
        industry=company.industry or "",
        verified=company.is_verified,
    )


def count_active_companies(db: Session) -> int:
    return db.execute(
        select(func.count())
        .select_from(Company)
        .where(Company.deleted_at.is_(None), Company.status == CompanyStatus.ACTIVE)
    ).scalar_one()


def company_summaries(db: Session, ids: Iterable[uuid.UUID]) -> dict[str, CompanySummary]:
    """Name, slug, logo and mean approved rating of each existing company in ``ids``, keyed by id text."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    ratings = (
        select(CompanyReview.company_id, func.avg(CompanyReview.overall_rating).label("rating"))
        .where(any_id(CompanyReview.company_id, "review_company_ids", wanted))
        .where(CompanyReview.status == ReviewStatus.APPROVED)
        .group_by(CompanyReview.company_id)
        .subquery()
    )
    rows = db.execute(
        select(Company.id, Company.name, Company.slug, Company.logo_url, ratings.c.rating)
        .outerjoin(ratings, ratings.c.company_id == Company.id)
        .where(any_id(Company.id, "company_ids", wanted), Company.deleted_at.is_(None))
    ).all()
    return {
        str(row.id): CompanySummary(
            id=str(row.id),
            name=row.name,
            slug=row.slug,
            logo_url=row.logo_url or "",
            rating=round(float(row.rating), 1) if row.rating is not None else None,
        )
        for row in rows
    }


def company_ids_by_slug(db: Session, slugs: Iterable[str]) -> dict[str, uuid.UUID]:
    """The id of each existing company named by ``slugs`` (search filters carry slugs in the URL)."""
    wanted = list(dict.fromkeys(slugs))
    if not wanted:
        return {}
    rows = db.execute(
        select(Company.slug, Company.id).where(Company.slug.in_(wanted), Company.deleted_at.is_(None))
    ).all()
    return {row.slug: row.id for row in rows}
