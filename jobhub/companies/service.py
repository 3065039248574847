"""Read functions of the companies context that the landing page needs.

Other contexts hold company ids (UUID columns, no foreign keys across schemas) and ask
here for what to display, so this context stays free to move to its own database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.companies.models import Company, CompanyStatus


@dataclass(frozen=True)
class CompanySummary:
    id: str
    name: str
    slug: str
    logo_url: str


def count_active_companies(db: Session) -> int:
    return db.execute(
        select(func.count())
        .select_from(Company)
        .where(Company.deleted_at.is_(None), Company.status == CompanyStatus.ACTIVE)
    ).scalar_one()


def company_summaries(db: Session, ids: Iterable[uuid.UUID]) -> dict[str, CompanySummary]:
    """Name, slug and logo of each existing company in ``ids``, keyed by the id as text."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    rows = db.execute(
        select(Company.id, Company.name, Company.slug, Company.logo_url).where(
            Company.id.in_(wanted), Company.deleted_at.is_(None)
        )
    ).all()
    return {
        str(row.id): CompanySummary(id=str(row.id), name=row.name, slug=row.slug, logo_url=row.logo_url or "")
        for row in rows
    }
