"""The per-process category tree must never hide a category added after it was read."""

from __future__ import annotations

from sqlmodel import Session

from jobhub.jobs.category_tree import category_tree
from tests.factories import add, make_category


def test_a_category_added_after_the_tree_was_read_is_found_by_slug_and_by_id(db: Session) -> None:
    category_tree(db)
    parent = make_category()
    add(db, parent)
    child, hidden = make_category(parent_id=parent.id), make_category(parent_id=parent.id, is_active=False)
    add(db, child, hidden)
    by_slug = category_tree(db, slugs=[parent.slug])
    assert set(by_slug.ids_under([parent.slug])) == {parent.id, child.id, hidden.id}
    assert by_slug.ids_under([child.slug]) == [child.id]
    assert by_slug.tops[str(child.id)] == str(parent.id)
    assert str(child.id) in by_slug.active and str(hidden.id) not in by_slug.active
    late = make_category(parent_id=parent.id)
    add(db, late)
    assert category_tree(db, ids=[str(late.id)]).names[str(late.id)] == late.name


def test_an_unknown_slug_selects_nothing(db: Session) -> None:
    assert category_tree(db, slugs=["no-such-category"]).ids_under(["no-such-category"]) == []
