"""schema.org JobPosting JSON-LD: the fields search engines read, and safe inside a script tag."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from jobhub.companies.service import CompanyCard
from jobhub.jobs.job_posting_ld import job_posting_ld, script_json
from jobhub.jobs.models import Job

PUBLISHED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
COMPANY = CompanyCard(
    id=str(uuid.uuid4()),
    name="Acme",
    slug="acme",
    logo_url="https://cdn.example.test/acme.png",
    website_url="https://acme.example.test",
    rating=4.2,
    review_count=3,
    size="51-200",
    industry="Software",
    verified=True,
)


def job(**values: Any) -> Job:
    defaults: dict[str, Any] = {
        "id": uuid.uuid4(),
        "employer_id": uuid.uuid4(),
        "title": "Data Engineer",
        "slug": "data-engineer",
        "description": "Pipelines.",
        "employment_type": "full_time",
        "location": "Berlin, Germany",
        "is_remote": False,
        "show_salary": True,
        "salary_currency": "EUR",
        "published_at": PUBLISHED,
    }
    return Job(**(defaults | values))


def ld(row: Job, company: CompanyCard | None = COMPANY) -> dict[str, Any]:
    return job_posting_ld(
        row,
        company,
        description_html="<p>Pipelines.</p>",
        url="https://jobhub.test/jobs/data-engineer",
        company_url="https://jobhub.test/companies/acme",
    )


def test_the_posting_carries_the_required_fields() -> None:
    row = job(expires_at=datetime(2026, 4, 1, tzinfo=UTC))

    data = ld(row)

    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    assert (data["title"], data["description"]) == ("Data Engineer", "<p>Pipelines.</p>")
    assert data["datePosted"] == "2026-03-01T09:30:00+00:00"
    assert data["validThrough"] == "2026-04-01T00:00:00+00:00"
    assert data["employmentType"] == "FULL_TIME"
    assert data["identifier"] == {"@type": "PropertyValue", "name": "Acme", "value": str(row.id)}
    assert data["directApply"] is False
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Acme",
        "sameAs": "https://acme.example.test",
        "logo": "https://cdn.example.test/acme.png",
    }
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "Germany"},
    }
    assert "jobLocationType" not in data


def test_an_earlier_application_deadline_bounds_valid_through() -> None:
    data = ld(job(expires_at=datetime(2026, 5, 1, tzinfo=UTC), application_deadline=date(2026, 4, 10)))

    assert data["validThrough"] == "2026-04-10T23:59:59+00:00"


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("full_time", "FULL_TIME"),
        ("part_time", "PART_TIME"),
        ("contract", "CONTRACTOR"),
        ("freelance", "CONTRACTOR"),
        ("internship", "INTERN"),
    ],
)
def test_employment_types_map_to_schema_org_values(ours: str, theirs: str) -> None:
    assert ld(job(employment_type=ours))["employmentType"] == theirs


def test_a_remote_job_is_telecommute_with_where_applicants_may_live() -> None:
    data = ld(job(remote_policy="remote_only", is_remote=True, location="Remote, Canada"))

    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "Canada"}
    assert "jobLocation" not in data


def test_a_hybrid_job_names_its_office_and_remote_work() -> None:
    data = ld(job(remote_policy="hybrid", is_remote=True, location="Austin, TX, USA"))

    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Austin",
        "addressRegion": "TX",
        "addressCountry": "USA",
    }
    assert data["jobLocationType"] == "TELECOMMUTE"


@pytest.mark.parametrize(
    ("period", "unit"),
    [("hourly", "HOUR"), ("daily", "DAY"), ("weekly", "WEEK"), ("monthly", "MONTH"), ("yearly", "YEAR")],
)
def test_pay_is_a_monetary_amount_in_its_period(period: str, unit: str) -> None:
    data = ld(job(salary_min=40, salary_max=55, salary_period=period))

    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "unitText": unit, "minValue": 40, "maxValue": 55},
    }


def test_a_single_figure_is_a_value_and_hidden_pay_is_left_out() -> None:
    single = ld(job(salary_min=70_000, salary_period="yearly"))
    hidden = ld(job(salary_min=70_000, salary_max=80_000, salary_period="yearly", show_salary=False))

    assert single["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "YEAR",
        "value": 70_000,
    }
    assert "baseSalary" not in hidden


def test_a_company_without_a_website_points_at_its_jobhub_page() -> None:
    bare = CompanyCard(**(COMPANY.__dict__ | {"website_url": "", "logo_url": ""}))

    assert ld(job(), bare)["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Acme",
        "sameAs": "https://jobhub.test/companies/acme",
    }


def test_script_json_cannot_close_the_script_element_and_reads_back_the_same() -> None:
    data = ld(job(title="</script><script>alert(1)</script> & more\u2028"))

    text = script_json(data)

    assert "</" not in text and "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text
    assert json.loads(text) == data
