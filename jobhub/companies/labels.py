"""How the companies context names its stored choices to people: size bands, kinds, remote policies.

The editor's selects, the public page's facts and the directory's filters all read these, so a
band reads the same everywhere.
"""

from __future__ import annotations

from typing import Final

from jobhub.companies.models import CompanyRemotePolicy, CompanySize, CompanyType

SIZE_LABELS: Final[dict[str, str]] = {size.value: f"{size.value} employees" for size in CompanySize}
TYPE_LABELS: Final[dict[str, str]] = {
    CompanyType.STARTUP: "Startup",
    CompanyType.SMALL_BUSINESS: "Small business",
    CompanyType.ENTERPRISE: "Enterprise",
    CompanyType.NON_PROFIT: "Non-profit",
    CompanyType.GOVERNMENT: "Government",
}
REMOTE_LABELS: Final[dict[str, str]] = {
    CompanyRemotePolicy.REMOTE_FIRST: "Remote first",
    CompanyRemotePolicy.HYBRID: "Hybrid",
    CompanyRemotePolicy.OFFICE_FIRST: "Office first",
    CompanyRemotePolicy.FLEXIBLE: "Flexible",
}
RATING_LABELS: Final[dict[str, str]] = {
    "overall_rating": "Overall",
    "work_life_balance_rating": "Work-life balance",
    "culture_rating": "Culture",
    "career_growth_rating": "Career growth",
    "compensation_rating": "Pay and benefits",
    "management_rating": "Management",
}


def size_bounds(size: str) -> tuple[int, int | None] | None:
    """``"51-200"`` -> ``(51, 200)``, ``"5001+"`` -> ``(5001, None)``; ``None`` for no band."""
    if size not in SIZE_LABELS:
        return None
    if size.endswith("+"):
        return int(size[:-1]), None
    low, high = size.split("-")
    return int(low), int(high)
