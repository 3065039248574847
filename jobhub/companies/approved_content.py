"""What people wrote and showed about a company, as far as moderators approved it: ratings and photos.

Pending, flagged, rejected and removed reviews count for nothing, and neither do photos not
yet approved, so a company page never shows what a moderator has not seen.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Float, case, cast, func, select
from sqlmodel import Session

from jobhub.companies.labels import RATING_LABELS
from jobhub.companies.models import RATINGS, CompanyPhoto, CompanyReview, PhotoStatus, ReviewStatus

PHOTOS_SHOWN: Final = 12
NO_REVIEWS: Final = "No reviews yet"
_SAFE_PHOTO_PREFIXES: Final = ("/files/public/", "https://")


@dataclass(frozen=True)
class RatingDimension:
    label: str
    value: float
    text: str


@dataclass(frozen=True)
class RatingSummary:
    """The mean of approved reviews overall and per dimension (a dimension nobody rated is left out)."""

    count: int
    overall: float | None
    overall_text: str
    count_text: str
    dimensions: list[RatingDimension]
    recommend_text: str


@dataclass(frozen=True)
class PhotoView:
    url: str
    caption: str
    alt: str


def _mean(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def rating_summary(db: Session, company_id: uuid.UUID) -> RatingSummary:
    """One read: the count, each rating's mean and the share who would recommend the company."""
    recommends = func.avg(
        case(
            (CompanyReview.would_recommend.is_(True), 1.0),
            (CompanyReview.would_recommend.is_(False), 0.0),
        )
    )
    row = db.execute(
        select(
            func.count(),
            *(cast(func.avg(getattr(CompanyReview, column)), Float) for column in RATINGS),
            recommends,
        ).where(CompanyReview.company_id == company_id, CompanyReview.status == ReviewStatus.APPROVED)
    ).one()
    count, means, recommend = row[0], [_mean(value) for value in row[1:-1]], row[-1]
    if not count:
        return RatingSummary(0, None, "", NO_REVIEWS, [], "")
    overall, *others = means
    dimensions = [
        RatingDimension(RATING_LABELS[column], mean, f"{mean:.1f}")
        for column, mean in zip(RATINGS[1:], others, strict=True)
        if mean is not None
    ]
    return RatingSummary(
        count=count,
        overall=overall,
        overall_text=f"{overall:.1f}" if overall is not None else "",
        count_text=f"{count} review{'s' if count != 1 else ''}",
        dimensions=dimensions,
        recommend_text=f"{round(float(recommend) * 100)}% would recommend it to a friend"
        if recommend is not None
        else "",
    )


def approved_photos(db: Session, company_id: uuid.UUID, company_name: str) -> list[PhotoView]:
    """Featured first, then in the company's order; only addresses that are ours or https."""
    rows = db.execute(
        select(CompanyPhoto.file_url, CompanyPhoto.caption, CompanyPhoto.photo_type)
        .where(CompanyPhoto.company_id == company_id, CompanyPhoto.status == PhotoStatus.APPROVED)
        .order_by(CompanyPhoto.is_featured.desc(), CompanyPhoto.display_order, CompanyPhoto.created_at)
        .limit(PHOTOS_SHOWN)
    ).all()
    return [
        PhotoView(
            url=row.file_url,
            caption=row.caption or "",
            alt=row.caption
            or f"{(row.photo_type or 'A').replace('_', ' ').capitalize()} photo at {company_name}",
        )
        for row in rows
        if row.file_url.startswith(_SAFE_PHOTO_PREFIXES)
    ]
