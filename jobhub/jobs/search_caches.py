"""The search's process-wide caches, read before the first search needs them."""

from __future__ import annotations

from sqlmodel import Session

from jobhub.jobs import geo, suggest
from jobhub.platform.long_lived import freeze_long_lived


def warm_search_caches(db: Session) -> None:
    """Read the city gazetteer and the search vocabulary (a second each at a million jobs) now,
    not on the first location search or "did you mean", and keep them out of the collector's way."""
    geo.find_city("London")
    suggest.vocabulary(db)
    freeze_long_lived()
