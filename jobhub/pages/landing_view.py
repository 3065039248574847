"""What the landing page shows, composed from the jobs and companies services.

The landing page belongs to no single context, so this is where the two are joined:
in Python, by company id, never by a SQL join across schemas. No Reflex import, so it
is tested like any service.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session

from jobhub.companies import service as companies
from jobhub.jobs import service as jobs
from jobhub.jobs.service import JobCard

NEWEST_JOBS = 6


@dataclass(frozen=True)
class LandingView:
    open_jobs: int
    companies: int
    newest: list[JobCard]


def load_landing(db: Session, *, newest: int = NEWEST_JOBS) -> LandingView:
    cards = jobs.newest_jobs(db, newest)
    names = companies.company_summaries(db, jobs.company_ids_of(cards))
    named = [
        replace(card, company_name=names[card.company_id].name if card.company_id in names else "")
        for card in cards
    ]
    return LandingView(
        open_jobs=jobs.count_open_jobs(db),
        companies=companies.count_active_companies(db),
        newest=named,
    )
