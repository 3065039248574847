"""The companies context's landing reads: active companies and what other contexts display."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlmodel import Session

from jobhub.companies.models import Company, CompanyStatus
from jobhub.companies.service import company_summaries, count_active_companies


def _company(db: Session, name: str, **values: object) -> Company:
    company = Company(name=name, slug=f"{name.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}", **values)
    db.add(company)
    db.flush()
    return company


def test_only_active_undeleted_companies_count(db: Session) -> None:
    _company(db, "Acme")
    _company(db, "Globex", logo_url="https://example.test/globex.png")
    _company(db, "Initech", status=CompanyStatus.SUSPENDED)
    _company(db, "Hooli", deleted_at=datetime.now(UTC))

    assert count_active_companies(db) == 2


def test_summaries_name_the_companies_asked_for(db: Session) -> None:
    acme = _company(db, "Acme", logo_url="https://example.test/acme.png")
    _company(db, "Globex")

    summaries = company_summaries(db, [acme.id, uuid.uuid4()])

    assert list(summaries) == [str(acme.id)]
    assert summaries[str(acme.id)].name == "Acme"
    assert summaries[str(acme.id)].logo_url == "https://example.test/acme.png"
    assert company_summaries(db, []) == {}
