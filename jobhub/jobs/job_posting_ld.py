"""schema.org ``JobPosting`` JSON-LD for a job page, so search engines can list the job.

Follows what Google's job search reads: the description as HTML, ``datePosted`` and
``validThrough``, a ``hiringOrganization``, either a postal ``jobLocation`` or
``jobLocationType: TELECOMMUTE`` with ``applicantLocationRequirements`` for remote work, and
``baseSalary`` only when the employer shows pay. ``script_json`` makes the JSON safe to place
inside ``<script type="application/ld+json">``: no ``</script>`` can end it early.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, time
from typing import Any, Final

from jobhub.companies.service import CompanyCard
from jobhub.jobs.models import EmploymentType, Job, RemotePolicy, SalaryPeriod

EMPLOYMENT_TYPES: Final[dict[str, str]] = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.FREELANCE: "CONTRACTOR",
    EmploymentType.INTERNSHIP: "INTERN",
}
UNIT_TEXT: Final[dict[str, str]] = {
    SalaryPeriod.HOURLY: "HOUR",
    SalaryPeriod.DAILY: "DAY",
    SalaryPeriod.WEEKLY: "WEEK",
    SalaryPeriod.MONTHLY: "MONTH",
    SalaryPeriod.YEARLY: "YEAR",
}
# Characters that could close the script element or confuse an HTML parser, as JSON escapes.
_SCRIPT_ESCAPES: Final = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def _address(location: str) -> dict[str, str]:
    """ "Berlin, Germany" or "Austin, TX, USA": the first part is the town, the last the country."""
    parts = [part.strip() for part in location.split(",") if part.strip()]
    address = {"@type": "PostalAddress", "addressLocality": parts[0]}
    if len(parts) >= 3:
        address["addressRegion"] = parts[1]
    if len(parts) >= 2:
        address["addressCountry"] = parts[-1]
    return address


def is_remote_job(job: Job) -> bool:
    return job.remote_policy == RemotePolicy.REMOTE_ONLY or (job.is_remote and not job.location)


def _place(job: Job) -> dict[str, Any]:
    """Remote-only jobs say where applicants may live; hybrid ones name the office too."""
    place: dict[str, Any] = {}
    location = (job.location or "").strip()
    if location and not is_remote_job(job):
        place["jobLocation"] = {"@type": "Place", "address": _address(location)}
    if job.is_remote or job.remote_policy == RemotePolicy.REMOTE_ONLY:
        place["jobLocationType"] = "TELECOMMUTE"
        country = _address(location).get("addressCountry") if location else None
        if country:
            place["applicantLocationRequirements"] = {"@type": "Country", "name": country}
    return place


def _salary(job: Job) -> dict[str, Any] | None:
    if not job.show_salary or (job.salary_min is None and job.salary_max is None):
        return None
    value: dict[str, Any] = {
        "@type": "QuantitativeValue",
        "unitText": UNIT_TEXT.get(job.salary_period or "", "YEAR"),
    }
    if job.salary_min is not None and job.salary_max is not None and job.salary_min != job.salary_max:
        value |= {"minValue": job.salary_min, "maxValue": job.salary_max}
    else:
        value["value"] = job.salary_min if job.salary_min is not None else job.salary_max
    return {"@type": "MonetaryAmount", "currency": job.salary_currency or "USD", "value": value}


def _valid_through(job: Job) -> datetime | None:
    """The earlier of the expiry and the application deadline (the end of that day, UTC)."""
    ends = [job.expires_at] if job.expires_at else []
    if job.application_deadline:
        ends.append(datetime.combine(job.application_deadline, time(23, 59, 59), tzinfo=UTC))
    return min(ends) if ends else None


def _organization(company: CompanyCard, company_url: str) -> dict[str, str]:
    organization = {
        "@type": "Organization",
        "name": company.name,
        "sameAs": company.website_url or company_url,
    }
    if company.logo_url:
        organization["logo"] = company.logo_url
    return organization


def job_posting_ld(
    job: Job,
    company: CompanyCard | None,
    *,
    description_html: str,
    url: str,
    company_url: str = "",
    skills: Sequence[str] = (),
) -> dict[str, Any]:
    """The ``JobPosting`` object; ``company_url`` is our company page, used when it has no website."""
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": description_html,
        "url": url,
        "identifier": {
            "@type": "PropertyValue",
            "name": company.name if company else "JobHub",
            "value": str(job.id),
        },
        "directApply": False,
        "employmentType": EMPLOYMENT_TYPES.get(job.employment_type, "OTHER"),
    }
    if job.published_at:
        data["datePosted"] = job.published_at.astimezone(UTC).isoformat()
    if (ends := _valid_through(job)) is not None:
        data["validThrough"] = ends.astimezone(UTC).isoformat()
    if company is not None:
        data["hiringOrganization"] = _organization(company, company_url)
    data |= _place(job)
    if (salary := _salary(job)) is not None:
        data["baseSalary"] = salary
    if skills:
        data["skills"] = ", ".join(skills)
    return data


def script_json(data: dict[str, Any]) -> str:
    """JSON for inside a ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u`` escapes.

    The escapes are still valid JSON, so a crawler reads the same values back.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
