"""A saved posting carries what the search needs: names to rank, yearly pay, a point on the map."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select
from sqlmodel import Session

from jobhub.jobs import search
from jobhub.jobs.models import Job
from jobhub.jobs.search_document import refresh_search_fields
from jobhub.jobs.search_params import SearchParams
from tests.factories import add, make_company, make_job, make_skill


def test_refresh_fills_keywords_yearly_pay_and_coordinates(db: Session) -> None:
    company = make_company(name="Quillmark")
    skill = make_skill(name="Xylography")
    add(db, company, skill)
    job = make_job(
        title="Printer",
        company_id=company.id,
        required_skills=[skill.id],
        salary_min=30,
        salary_max=40,
        salary_period="hourly",
        location="Leipzig, Germany",
        remote_policy="onsite",
        status="published",
        published_at=datetime.now(UTC),
    )
    refresh_search_fields(db, job)
    add(db, job)
    assert job.search_keywords == "Xylography Quillmark"
    assert (job.salary_min_yearly, job.salary_max_yearly) == (62_400, 83_200)
    assert job.latitude is not None and abs(job.latitude - 51.34) < 0.1
    db.refresh(job)
    found = search.search(
        db, SearchParams(q="xylography quillmark", location="Leipzig", radius=10, salary_min=80_000)
    )
    assert [h.id for h in found.hits] == [str(job.id)]
    stored = db.execute(select(Job.search_vector).where(Job.id == job.id)).scalar_one()
    assert re.search(r"'xylographi':\d+B", stored), "skill names are ranked with weight B"
