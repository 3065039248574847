"""The landing view joins jobs and companies in Python, by company id."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from jobhub.companies.models import Company
from jobhub.jobs.models import Job, JobStatus
from jobhub.pages.landing_view import load_landing


def test_landing_view_counts_and_names_the_newest_jobs(db: Session) -> None:
    acme = Company(name="Acme Robotics", slug=f"acme-{uuid.uuid4().hex[:6]}")
    db.add(acme)
    db.flush()
    for title, company_id in (("Welder", acme.id), ("Orphan role", None)):
        db.add(
            Job(
                title=title,
                slug=f"{title.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}",
                description="A role.",
                employer_id=uuid.uuid4(),
                company_id=company_id,
                employment_type="full_time",
                status=JobStatus.PUBLISHED,
                published_at=datetime.now(UTC) - timedelta(hours=1),
            )
        )
    db.flush()

    view = load_landing(db)

    assert view.open_jobs == 2
    assert view.companies == 1
    names = {card.title: card.company_name for card in view.newest}
    assert names == {"Welder": "Acme Robotics", "Orphan role": ""}
