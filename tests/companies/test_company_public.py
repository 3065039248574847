"""The public company page: who has one, what counts (approved reviews and photos), jobs, JSON-LD."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session

from jobhub.companies.company_public import NOT_FOUND, company_jobs, company_page
from jobhub.companies.models import (
    Company,
    CompanyStatus,
    EmploymentStatus,
    PhotoStatus,
    ReviewStatus,
    TeamRole,
)
from jobhub.jobs.models import JobStatus
from jobhub.platform.errors import NotFound
from jobhub.settings import get_settings
from tests.factories import Team, add, make_company, make_employee, make_job, make_photo, make_review

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def stored_company(db: Session, **values: Any) -> Company:
    company = make_company(**values)
    add(db, company)
    return company


def open_jobs(db: Session, company: Company, count: int, **values: Any) -> list[str]:
    jobs = [
        make_job(
            company_id=company.id,
            status=JobStatus.PUBLISHED,
            published_at=NOW - timedelta(hours=n + 1),
            **values,
        )
        for n in range(count)
    ]
    add(db, *jobs)
    return [str(job.id) for job in jobs]


@pytest.mark.parametrize(
    "values",
    [{"status": CompanyStatus.SUSPENDED}, {"status": CompanyStatus.INACTIVE}, {"deleted_at": NOW}],
    ids=["suspended", "inactive", "deleted"],
)
def test_a_company_that_is_not_active_has_no_page(db: Session, values: dict[str, Any]) -> None:
    company = stored_company(db, **values)

    with pytest.raises(NotFound) as missing:
        company_page(db, company.slug, now=NOW)
    with pytest.raises(NotFound):
        company_jobs(db, company.id, 1, now=NOW)
    assert missing.value.message == NOT_FOUND


@pytest.mark.parametrize("slug", ["", "   ", "no-such-company-anywhere"])
def test_an_unknown_slug_is_not_found(db: Session, slug: str) -> None:
    with pytest.raises(NotFound):
        company_page(db, slug, now=NOW)


def test_the_slug_is_read_in_any_case(db: Session) -> None:
    company = stored_company(db)

    assert company_page(db, company.slug.upper(), now=NOW).id == str(company.id)


def test_only_approved_reviews_make_the_rating(db: Session) -> None:
    company = stored_company(db)
    add(
        db,
        make_review(
            company, overall_rating=5, culture_rating=4, status=ReviewStatus.APPROVED, would_recommend=True
        ),
        make_review(
            company, overall_rating=2, culture_rating=2, status=ReviewStatus.APPROVED, would_recommend=False
        ),
        *[
            make_review(company, overall_rating=1, culture_rating=1, status=status)
            for status in (
                ReviewStatus.PENDING,
                ReviewStatus.REJECTED,
                ReviewStatus.FLAGGED,
                ReviewStatus.REMOVED,
            )
        ],
    )

    rating = company_page(db, company.slug, now=NOW).rating

    assert (rating.count, rating.overall, rating.overall_text, rating.count_text) == (
        2,
        3.5,
        "3.5",
        "2 reviews",
    )
    assert [(d.label, d.value) for d in rating.dimensions] == [("Culture", 3.0)]
    assert rating.recommend_text == "50% would recommend it to a friend"


def test_no_reviews_says_so(db: Session) -> None:
    company = stored_company(db)
    add(db, make_review(company, status=ReviewStatus.PENDING))

    rating = company_page(db, company.slug, now=NOW).rating

    assert (rating.count, rating.overall, rating.count_text, rating.dimensions) == (
        0,
        None,
        "No reviews yet",
        [],
    )


def test_only_approved_photos_with_safe_addresses_are_shown_featured_first(db: Session) -> None:
    company = stored_company(db, name="Acme")
    add(
        db,
        make_photo(
            company, file_url="/files/public/photos/a.jpg", status=PhotoStatus.APPROVED, display_order=2
        ),
        make_photo(
            company,
            file_url="/files/public/photos/b.jpg",
            status=PhotoStatus.APPROVED,
            is_featured=True,
            caption="The office",
        ),
        make_photo(company, file_url="/files/public/photos/c.jpg", status=PhotoStatus.PENDING),
        make_photo(company, file_url="/files/public/photos/d.jpg", status=PhotoStatus.REJECTED),
        make_photo(company, file_url="javascript:alert(1)", status=PhotoStatus.APPROVED),
    )

    photos = company_page(db, company.slug, now=NOW).photos

    assert [(p.url, p.alt) for p in photos] == [
        ("/files/public/photos/b.jpg", "The office"),
        ("/files/public/photos/a.jpg", "A photo at Acme"),
    ]


def test_open_jobs_come_twenty_a_page_with_the_total(db: Session) -> None:
    company = stored_company(db)
    ids = open_jobs(db, company, 45)
    open_jobs(db, stored_company(db), 3)
    add(
        db,
        make_job(company_id=company.id, status=JobStatus.DRAFT),
        make_job(company_id=company.id, status=JobStatus.PUBLISHED, published_at=NOW, expires_at=NOW),
        make_job(company_id=company.id, status=JobStatus.PUBLISHED, published_at=NOW, deleted_at=NOW),
    )

    first = company_page(db, company.slug, now=NOW).jobs
    third = company_jobs(db, company.id, 3, now=NOW)
    beyond = company_jobs(db, company.id, 99, now=NOW)

    assert (first.total, first.pages, [hit.id for hit in first.hits]) == (45, 3, ids[:20])
    assert (third.page, [hit.id for hit in third.hits]) == (3, ids[40:])
    assert beyond.page == 3
    assert company_page(db, company.slug, now=NOW).all_jobs_href == f"/jobs?company={company.slug}"


def test_team_size_is_the_head_count_else_the_active_members(db: Session, team: Team) -> None:
    add(
        db,
        make_employee(
            team.company, employment_status=EmploymentStatus.INACTIVE, team_role=TeamRole.RECRUITER
        ),
        make_employee(
            team.company, user_id=None, invitation_email="x@example.test", employment_status="pending"
        ),
    )

    assert company_page(db, team.company.slug, now=NOW).team_size == "4 people on JobHub"
    team.company.employee_count = 1200
    db.flush()
    assert company_page(db, team.company.slug, now=NOW).team_size == "1,200 employees"


def test_facts_and_sections_show_only_what_was_given(db: Session) -> None:
    company = stored_company(
        db,
        industry="Robotics",
        company_size="51-200",
        founded_year=2015,
        headquarters_location="Berlin, Germany",
        remote_policy="hybrid",
        website_url="https://acme.example.com/",
        linkedin_url="https://www.linkedin.com/company/acme",
        description="We build <script>alert(1)</script> **robots**.",
        values=[{"name": "Ownership", "description": "We run it"}, {"description": "nameless"}],
        benefits=["Pension"],
    )

    page = company_page(db, company.slug, now=NOW)

    assert [(f.label, f.value) for f in page.facts] == [
        ("Industry", "Robotics"),
        ("Size", "51-200 employees"),
        ("Founded", "2015"),
        ("Headquarters", "Berlin, Germany"),
        ("Remote work", "Hybrid"),
        ("Website", "acme.example.com"),
    ]
    assert page.facts[-1].href == "https://acme.example.com/"
    assert [(s.label, s.url) for s in page.socials] == [("LinkedIn", "https://www.linkedin.com/company/acme")]
    assert "<script>" not in page.about_html and "<strong>robots</strong>" in page.about_html
    assert page.culture_html == "" and page.perks == []
    assert page.values == [{"name": "Ownership", "description": "We run it"}]


def test_the_json_ld_is_an_organization_that_cannot_break_out_of_its_script(db: Session) -> None:
    company = stored_company(
        db,
        name="Acme </script><script>alert(1)</script>",
        description="Robots & more </script>",
        logo_url="/files/public/logos/" + "a" * 32 + ".png",
        founded_year=2015,
        headquarters_location="Austin, TX",
        company_size="51-200",
        website_url="https://acme.example.com",
        twitter_url="https://x.com/acme",
    )
    add(db, make_review(company, overall_rating=4, status=ReviewStatus.APPROVED))

    page = company_page(db, company.slug, now=NOW)

    assert "</script" not in page.json_ld.lower() and "<" not in page.json_ld
    data = json.loads(page.json_ld)
    settings = get_settings()
    assert data["@type"] == "Organization" and data["name"] == company.name
    assert data["url"] == page.canonical_url == f"{settings.public_url.rstrip('/')}/companies/{company.slug}"
    assert data["logo"] == f"{settings.api_url.rstrip('/')}{company.logo_url}"
    assert data["description"] == "Robots & more </script>"
    assert data["foundingDate"] == "2015"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Austin",
        "addressCountry": "US",
        "addressRegion": "TX",
    }
    assert data["numberOfEmployees"] == {"@type": "QuantitativeValue", "minValue": 51, "maxValue": 200}
    assert data["sameAs"] == ["https://acme.example.com", "https://x.com/acme"]
    assert data["aggregateRating"]["ratingValue"] == 4.0 and data["aggregateRating"]["ratingCount"] == 1


def test_seo_text_falls_back_from_the_tagline_and_description(db: Session) -> None:
    company = stored_company(db, name="Acme", tagline="Robots for warehouses", description="word " * 80)

    page = company_page(db, company.slug, now=NOW)

    assert page.seo_title == "Acme: jobs and company profile"
    assert page.seo_description.startswith("Robots for warehouses. word word")
    assert len(page.seo_description) <= 160 and page.seo_description.endswith("\u2026")
