"""The job categories as search needs them, kept per process.

Categories are reference data (migration 0002's tree; nothing in the app renames or moves
one), yet every search read the whole table twice, for the slugs of its filter and for the
names of its facet: 0.6 ms of SQL and as much Python each time (measured). So the tree is read
once and again only when asked about an id or slug it does not hold (a category added since)
or after ``TREE_SECONDS``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session

TREE_SECONDS = 600.0


@dataclass(frozen=True)
class CategoryTree:
    names: dict[str, str]
    """Name by id text."""
    tops: dict[str, str]
    """The top-level category of each id text (a top-level one is its own)."""
    slugs: dict[str, str]
    """Slug by id text."""
    ids_by_slug: dict[str, uuid.UUID]
    active: frozenset[str]
    """The ids of the categories offered as facets (a filter by an inactive one still works)."""
    read_at: float

    def holds(self, ids: Iterable[str] = (), slugs: Iterable[str] = ()) -> bool:
        return all(i in self.slugs for i in ids) and all(s in self.ids_by_slug for s in slugs)

    def ids_under(self, slugs: Iterable[str]) -> list[uuid.UUID]:
        """The ids of ``slugs`` and of their sub-categories: a top-level slug includes its children."""
        chosen = {str(self.ids_by_slug[s]) for s in slugs if s in self.ids_by_slug}
        return [uuid.UUID(i) for i, top in self.tops.items() if i in chosen or top in chosen]


_tree: CategoryTree | None = None


def _read(db: Session) -> CategoryTree:
    rows = db.execute(text("SELECT id, name, slug, parent_id, is_active FROM jobs.job_categories")).all()
    return CategoryTree(
        names={str(r.id): r.name for r in rows},
        tops={str(r.id): str(r.parent_id or r.id) for r in rows},
        slugs={str(r.id): r.slug for r in rows},
        ids_by_slug={r.slug: r.id for r in rows},
        active=frozenset(str(r.id) for r in rows if r.is_active),
        read_at=time.monotonic(),
    )


def category_tree(db: Session, *, ids: Iterable[str] = (), slugs: Iterable[str] = ()) -> CategoryTree:
    """The tree, read again if it is old or lacks any of ``ids`` or ``slugs``."""
    global _tree
    ids, slugs = list(ids), list(slugs)
    tree = _tree
    if tree is None or time.monotonic() - tree.read_at > TREE_SECONDS or not tree.holds(ids, slugs):
        tree = _tree = _read(db)
    return tree
