"""A seeker's public address, ``/u/<handle>``: chosen by them, or suggested from their name.

Handles are stored in lower case and unique without regard to case (the unique index is on
``lower(handle)``), so ``/u/Ada-Lovelace`` and ``/u/ada-lovelace`` can never be two people.
Words that name our own pages are reserved. A taken handle is refused with a free one
offered, as company page addresses are, so nobody is silently given ``ada-7``.
"""

from __future__ import annotations

import re
import uuid
from typing import Final

from slugify import slugify
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.platform.errors import Invalid
from jobhub.profiles.models import UserProfile

HANDLE_MIN: Final = 3
HANDLE_MAX: Final = 40
FIELD: Final = "handle"
_SHAPE: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_HANDLES: Final = frozenset(
    {
        "about",
        "admin",
        "api",
        "applications",
        "assets",
        "companies",
        "edit",
        "employer",
        "help",
        "jobhub",
        "jobs",
        "login",
        "logout",
        "me",
        "new",
        "null",
        "profile",
        "register",
        "root",
        "saved",
        "settings",
        "support",
        "undefined",
        "user",
        "users",
        "www",
    }
)
FALLBACK_STEM: Final = "member"
SUGGESTIONS_TRIED: Final = 20


def check_handle_shape(typed: str) -> str:
    """The handle in lower case when it is 3-40 letters, digits and single inner hyphens."""
    handle = typed.strip().lower()
    if not HANDLE_MIN <= len(handle) <= HANDLE_MAX:
        raise Invalid(FIELD, f"Your profile address is {HANDLE_MIN} to {HANDLE_MAX} characters long.")
    if not handle.isascii() or not _SHAPE.match(handle):
        raise Invalid(
            FIELD,
            "Use lower-case letters, digits and single hyphens between them, like ada-lovelace.",
        )
    if handle in RESERVED_HANDLES:
        raise Invalid(FIELD, f"\u201c{handle}\u201d is reserved for JobHub's own pages. Choose another one.")
    return handle


def _holder(db: Session, handle: str) -> uuid.UUID | None:
    return db.scalar(select(UserProfile.user_id).where(func.lower(UserProfile.handle) == handle.lower()))


def _free_variant(db: Session, stem: str) -> str | None:
    """The first of ``stem-2``, ``stem-3``... nobody holds, in one read."""
    base = stem[: HANDLE_MAX - 3].rstrip("-")
    candidates = [f"{base}-{n}" for n in range(2, 2 + SUGGESTIONS_TRIED)]
    taken = set(
        db.scalars(
            select(func.lower(UserProfile.handle)).where(func.lower(UserProfile.handle).in_(candidates))
        )
    )
    return next((candidate for candidate in candidates if candidate not in taken), None)


def check_handle_free(db: Session, typed: str, owner_id: uuid.UUID) -> str:
    """The handle to store for ``owner_id``: well formed, not reserved, nobody else's."""
    handle = check_handle_shape(typed)
    holder = _holder(db, handle)
    if holder is not None and holder != owner_id:
        free = _free_variant(db, handle)
        hint = f" \u201c{free}\u201d is free." if free else ""
        raise Invalid(FIELD, f"Someone already has this profile address.{hint}")
    return handle


def suggest_handle(db: Session, name: str, owner_id: uuid.UUID) -> str:
    """A free handle made from ``name`` ("Zoë O'Neil" -> ``zoe-o-neil``), numbered when taken."""
    stem = slugify(name, max_length=HANDLE_MAX, word_boundary=True, lowercase=True)
    if len(stem) < HANDLE_MIN or stem in RESERVED_HANDLES:
        stem = f"{FALLBACK_STEM}-{stem}" if stem else FALLBACK_STEM
    stem = stem[:HANDLE_MAX].strip("-")
    holder = _holder(db, stem)
    if holder is None or holder == owner_id:
        return stem
    return _free_variant(db, stem) or f"{FALLBACK_STEM}-{owner_id.hex[:12]}"
