"""The company directory's search, and its round trip through ``?q=&industry=&size=&location=...``.

As with job search, the URL is the whole state, so a filtered directory can be shared,
bookmarked and walked back. Parsing is lenient: a value it cannot read is dropped, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Final
from urllib.parse import urlencode

from jobhub.companies.models import CompanySize
from jobhub.platform.digits import plain_digits
from jobhub.ui import navigation as nav

QUERY_MAX: Final = 100
INDUSTRY_MAX: Final = 100
LOCATION_MAX: Final = 100
PAGE_MAX: Final = 500
TRUE_WORDS: Final = frozenset({"1", "true", "yes", "on"})


def _text(value: Any, limit: int) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    text = " ".join(str(value or "").split())
    return "".join(ch for ch in text if ch.isprintable())[:limit]


def _page(value: Any) -> int:
    text = _text(value, 5)
    return int(text) if plain_digits(text) and 1 <= int(text) <= PAGE_MAX else 1


@dataclass(frozen=True)
class DirectoryParams:
    q: str = ""
    industry: str = ""
    size: str = ""
    location: str = ""
    verified: bool = False
    page: int = 1

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> DirectoryParams:
        size = _text(query.get("size"), 20)
        return cls(
            q=_text(query.get("q"), QUERY_MAX),
            industry=_text(query.get("industry"), INDUSTRY_MAX),
            size=size if size in {member.value for member in CompanySize} else "",
            location=_text(query.get("location"), LOCATION_MAX),
            verified=_text(query.get("verified"), 5).lower() in TRUE_WORDS,
            page=_page(query.get("page")),
        )

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.industry or self.size or self.location or self.verified)

    def to_query(self) -> dict[str, str]:
        """Only what is set, in a fixed order, so one search has one URL."""
        values = {
            "q": self.q,
            "industry": self.industry,
            "size": self.size,
            "location": self.location,
            "verified": "1" if self.verified else "",
            "page": str(self.page) if self.page > 1 else "",
        }
        return {key: value for key, value in values.items() if value}

    def to_url(self) -> str:
        query = urlencode(self.to_query())
        return f"{nav.COMPANIES}?{query}" if query else nav.COMPANIES

    def with_changes(self, **changes: Any) -> DirectoryParams:
        """A new search starts at page 1 unless the change is the page itself."""
        return replace(self, **({"page": 1} | changes))
