"""A company page's address, ``/companies/<slug>``: made from the name unless the owner picks one.

Slugs are unique across every company ever created, deleted ones included (the column is
UNIQUE, and an old link must never lead to another company). Words that name our own pages
or could pass for JobHub itself are reserved. A taken slug is refused with a free one offered,
so the owner decides what their address is rather than getting "acme-7" silently.
"""

from __future__ import annotations

import uuid
from typing import Final

from slugify import slugify
from sqlalchemy import select
from sqlmodel import Session

from jobhub.companies.company_fields import SLUG_MAX, SLUG_MIN, check_slug_shape
from jobhub.companies.models import Company
from jobhub.platform.errors import Invalid

RESERVED_SLUGS: Final = frozenset(
    {
        "about",
        "admin",
        "api",
        "assets",
        "companies",
        "company",
        "create",
        "edit",
        "employer",
        "employers",
        "files",
        "help",
        "jobhub",
        "jobs",
        "login",
        "logout",
        "new",
        "null",
        "register",
        "robots",
        "search",
        "settings",
        "sitemap",
        "static",
        "support",
        "undefined",
        "www",
    }
)
TAKEN_MESSAGE: Final = "Another company already has this page address. Choose another one."
SUGGESTIONS_TRIED: Final = 20


def slug_from_name(name: str) -> str:
    """``Acme Robotics GmbH`` -> ``acme-robotics-gmbh`` (transliterated, cut at a word boundary)."""
    slug = slugify(name, max_length=SLUG_MAX, word_boundary=True, lowercase=True)
    if len(slug) < SLUG_MIN:
        raise Invalid("slug", "We could not make a page address from this name: please type one.")
    return slug


def _free_variant(db: Session, slug: str) -> str | None:
    """The first of ``slug-2``, ``slug-3``... that nobody has, in one read."""
    stem = slug[: SLUG_MAX - 3].rstrip("-")
    candidates = [f"{stem}-{n}" for n in range(2, 2 + SUGGESTIONS_TRIED)]
    taken = set(db.execute(select(Company.slug).where(Company.slug.in_(candidates))).scalars())
    return next((candidate for candidate in candidates if candidate not in taken), None)


def check_slug_free(db: Session, slug: str, company_id: uuid.UUID | None) -> str:
    """``slug`` when it is well formed, not reserved and no other company has it."""
    check_slug_shape(slug)
    if slug in RESERVED_SLUGS:
        raise Invalid(
            "slug", f"\u201c{slug}\u201d is reserved for JobHub's own pages. Choose another address."
        )
    holder = db.execute(select(Company.id).where(Company.slug == slug)).scalar_one_or_none()
    if holder is not None and holder != company_id:
        free = _free_variant(db, slug)
        hint = f" \u201c{free}\u201d is free." if free else ""
        raise Invalid("slug", f"{TAKEN_MESSAGE}{hint}")
    return slug
