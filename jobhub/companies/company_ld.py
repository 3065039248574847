"""schema.org ``Organization`` JSON-LD for a company page, so search engines know who the employer is.

Only what the page itself shows goes in: name, our page as ``url``, the logo, the description
as plain text, the founding year, the headquarters (with the country code when the gazetteer
knows the city), the head count (exact, or the size band as a range), the company's own site
and social profiles as ``sameAs``, and the approved reviews as an ``EmployerAggregateRating``.
The caller makes it safe for a ``<script>`` element with ``jobs.job_posting_ld.script_json``.
"""

from __future__ import annotations

from typing import Any, Final

from jobhub.companies.labels import size_bounds
from jobhub.companies.models import Company
from jobhub.jobs import geo

CONTEXT: Final = "https://schema.org"
DESCRIPTION_MAX: Final = 1_000
SAME_AS_COLUMNS: Final = (
    "website_url",
    "linkedin_url",
    "twitter_url",
    "facebook_url",
    "instagram_url",
    "glassdoor_url",
)


def _address(headquarters: str) -> dict[str, str]:
    city = geo.find_city(headquarters)
    if city is None:
        return {"@type": "PostalAddress", "addressLocality": headquarters}
    address = {"@type": "PostalAddress", "addressLocality": city.name, "addressCountry": city.country_code}
    if city.country_code == "US" and city.region_code:
        address["addressRegion"] = city.region_code
    return address


def _employees(company: Company) -> dict[str, Any] | None:
    if company.employee_count:
        return {"@type": "QuantitativeValue", "value": company.employee_count}
    bounds = size_bounds(company.company_size or "")
    if bounds is None:
        return None
    low, high = bounds
    value: dict[str, Any] = {"@type": "QuantitativeValue", "minValue": low}
    if high is not None:
        value["maxValue"] = high
    return value


def organization_ld(
    company: Company,
    *,
    url: str,
    logo_url: str,
    description: str,
    rating: float | None,
    review_count: int,
) -> dict[str, Any]:
    """The ``Organization`` object; ``logo_url`` absolute (or ""), ``description`` plain text."""
    data: dict[str, Any] = {"@context": CONTEXT, "@type": "Organization", "name": company.name, "url": url}
    if logo_url:
        data["logo"] = logo_url
    if description:
        data["description"] = description[:DESCRIPTION_MAX]
    if company.founded_year:
        data["foundingDate"] = str(company.founded_year)
    if company.headquarters_location:
        data["address"] = _address(company.headquarters_location)
    if (employees := _employees(company)) is not None:
        data["numberOfEmployees"] = employees
    same_as = [link for column in SAME_AS_COLUMNS if (link := getattr(company, column))]
    if same_as:
        data["sameAs"] = same_as
    if rating is not None and review_count:
        data["aggregateRating"] = {
            "@type": "EmployerAggregateRating",
            "ratingValue": rating,
            "ratingCount": review_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return data
