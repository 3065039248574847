"""The whole state of a job search, and its round trip through a URL.

The search page keeps nothing that the URL does not hold, so a search can be shared,
bookmarked, saved as an alert and walked back with the browser's back button. Parsing is
lenient on purpose: a hand-edited or outdated link drops what it cannot read and still
searches, rather than showing an error page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any, Self
from urllib.parse import urlencode

from jobhub.jobs.models import EmploymentType, ExperienceLevel, RemotePolicy

MAX_QUERY_LENGTH = 200
MAX_LOCATION_LENGTH = 100
MAX_LIST_ITEMS = 10
MAX_RADIUS = 500
MAX_PAGE = 500
POSTED_WITHIN_DAYS = (1, 3, 7, 30)
RADIUS_CHOICES = (10, 25, 50, 100, 200)
KM_PER_MILE = 1.609344


class SortOrder(StrEnum):
    RELEVANCE = "relevance"
    DATE = "date"
    SALARY = "salary"


class DistanceUnit(StrEnum):
    KM = "km"
    MI = "mi"


URL_KEYS: dict[str, str] = {
    "types": "type",
    "levels": "level",
    "categories": "category",
    "companies": "company",
}
"""Field name -> URL key where they differ; the URL uses the singular words people type."""


def _clean_text(value: str, limit: int) -> str:
    return " ".join(value.split())[:limit]


def _split(value: str) -> list[str]:
    return [part.strip().lower() for part in value.split(",") if part.strip()]


def _choices(value: str, allowed: Iterable[str]) -> tuple[str, ...]:
    allowed_set = set(allowed)
    return tuple(dict.fromkeys(v for v in _split(value) if v in allowed_set))[:MAX_LIST_ITEMS]


def _slugs(value: str) -> tuple[str, ...]:
    """Slugs and skill names: letters, digits and a few joiners, so nothing odd reaches SQL or HTML."""
    keep = [v[:100] for v in _split(value) if all(ch.isalnum() or ch in "-_.+# " for ch in v)]
    return tuple(dict.fromkeys(keep))[:MAX_LIST_ITEMS]


def _positive_int(value: str, *, maximum: int) -> int | None:
    try:
        number = int(value.strip().replace(",", "").replace("_", ""))
    except ValueError:
        return None
    return number if 0 < number <= maximum else None


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    location: str = ""
    radius: int | None = None
    unit: str = DistanceUnit.KM
    remote: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    salary_min: int | None = None
    posted: int | None = None
    skills: tuple[str, ...] = ()
    sort: str = SortOrder.RELEVANCE
    page: int = 1

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> Self:
        """Read URL parameters (as Starlette or Reflex give them); unreadable values are dropped."""

        def get(key: str) -> str:
            value = query.get(key, "")
            if isinstance(value, list | tuple):
                value = ",".join(str(v) for v in value)
            return str(value or "")

        sort = get("sort").lower()
        unit = get("unit").lower()
        posted = _positive_int(get("posted"), maximum=365)
        return cls(
            q=_clean_text(get("q"), MAX_QUERY_LENGTH),
            location=_clean_text(get("location"), MAX_LOCATION_LENGTH),
            radius=_positive_int(get("radius"), maximum=MAX_RADIUS),
            unit=unit if unit in set(DistanceUnit) else DistanceUnit.KM,
            remote=_choices(get("remote"), RemotePolicy),
            types=_choices(get("type"), EmploymentType),
            levels=_choices(get("level"), ExperienceLevel),
            categories=_slugs(get("category")),
            companies=_slugs(get("company")),
            salary_min=_positive_int(get("salary_min"), maximum=10_000_000),
            posted=posted if posted in POSTED_WITHIN_DAYS else None,
            skills=_slugs(get("skills")),
            sort=sort if sort in set(SortOrder) else SortOrder.RELEVANCE,
            page=_positive_int(get("page"), maximum=MAX_PAGE) or 1,
        )

    def to_query(self) -> dict[str, str]:
        """Only the keys that differ from the defaults, so URLs stay short and canonical."""
        default = SearchParams()
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value == getattr(default, f.name):
                continue
            key = URL_KEYS.get(f.name, f.name)
            out[key] = ",".join(value) if isinstance(value, tuple) else str(value)
        if "radius" not in out:
            out.pop("unit", None)
        return out

    def to_url(self, path: str = "/jobs") -> str:
        query = urlencode(self.to_query())
        return f"{path}?{query}" if query else path

    def with_changes(self, **changes: Any) -> SearchParams:
        """A new search from this one; any change of what matches goes back to page 1."""
        if "page" not in changes:
            changes["page"] = 1
        return replace(self, **changes)

    @property
    def radius_km(self) -> float | None:
        if self.radius is None or not self.location:
            return None
        return self.radius * KM_PER_MILE if self.unit == DistanceUnit.MI else float(self.radius)

    @property
    def is_blank(self) -> bool:
        """No keyword and no filter: the page shows the newest jobs and recommendations."""
        return self.with_changes(sort=SortOrder.RELEVANCE) == SearchParams()

    def describe(self) -> str:
        """A short human summary for alert names and mail subjects."""
        parts: list[str] = []
        if self.q:
            parts.append(self.q)
        if self.location:
            where = self.location
            if self.radius:
                where += f" +{self.radius} {self.unit}"
            parts.append(where)
        for values in (self.remote, self.types, self.levels, self.categories, self.companies, self.skills):
            if values:
                parts.append(", ".join(v.replace("_", " ") for v in values))
        if self.salary_min:
            parts.append(f"from {self.salary_min:,} a year")
        if self.posted:
            parts.append(f"last {self.posted} days" if self.posted > 1 else "last 24 hours")
        return " · ".join(parts) or "All jobs"
