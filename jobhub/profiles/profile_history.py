"""A seeker's experience, education and certifications: ordered lists they add to, edit, remove from
and reorder.

Every read and change starts from ``_own(who, section)``: the seeker's own rows of that
section. An entry id from another account is ``NotFound``, exactly like one that never
existed, and nothing is changed. Order is the ``position`` column, kept as 0..n-1: the rows of
the section are locked while a move or a removal renumbers them, so two tabs cannot leave two
entries in one place. Each change refreshes the completeness meter and emits
``profile.updated`` in the same transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from sqlalchemy import Select, func, select
from sqlmodel import Session, SQLModel

from jobhub.auth.principal import Principal
from jobhub.platform.errors import Conflict, NotFound
from jobhub.profiles.completeness import Completeness
from jobhub.profiles.history_forms import SPANS, Section, clean_entry, entry_fields, month_text
from jobhub.profiles.models import Certification, Education, Experience
from jobhub.profiles.profile_changes import changed, require_seeker

MODELS: Final[dict[Section, type[SQLModel]]] = {
    Section.EXPERIENCE: Experience,
    Section.EDUCATION: Education,
    Section.CERTIFICATIONS: Certification,
}
ENTRIES_MAX: Final = 50
NOT_FOUND_MESSAGE: Final = "That entry is not on your profile (it may have been removed in another tab)."
TOO_MANY_MESSAGE: Final = f"A section holds at most {ENTRIES_MAX} entries."


@dataclass(frozen=True)
class Entry:
    """One entry as the editor and the profile page show it: plain text, safe for Reflex state."""

    id: str
    title: str
    subtitle: str
    period: str
    description: str
    values: dict[str, str]


def _own(who: Principal, section: Section) -> Select[Any]:
    model = MODELS[section]
    return select(model).where(model.user_id == who.user_id)


def _ordered(db: Session, who: Principal, section: Section, *, lock: bool = False) -> list[Any]:
    model = MODELS[section]
    query = _own(who, section).order_by(model.position, model.created_at, model.id)
    return list(db.scalars(query.with_for_update() if lock else query))


def _find(db: Session, who: Principal, section: Section, entry_id: uuid.UUID) -> Any:
    model = MODELS[section]
    row = db.scalars(_own(who, section).where(model.id == entry_id)).one_or_none()
    if row is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return row


def _period(section: Section, row: Any) -> str:
    span = SPANS[section]
    start, end = getattr(row, span.start), getattr(row, span.end)
    ongoing = getattr(row, span.ongoing)
    if section is Section.CERTIFICATIONS:
        issued = f"Issued {start:%b %Y}" if start else ""
        expires = "No expiry" if ongoing else (f"expires {end:%b %Y}" if end else "")
        return ", ".join(part for part in (issued, expires) if part)
    first = f"{start:%b %Y}" if start else ""
    last = "now" if ongoing else (f"{end:%b %Y}" if end else "")
    return " \u2013 ".join(part for part in (first, last) if part)


def _heading(section: Section, row: Any) -> tuple[str, str]:
    if section is Section.EXPERIENCE:
        return row.job_title, row.company_name
    if section is Section.EDUCATION:
        degree = ", ".join(part for part in (row.degree_type, row.field_of_study) if part)
        return row.institution_name, degree
    return row.name, row.issuing_organization


def entry_view(section: Section, row: Any) -> Entry:
    title, subtitle = _heading(section, row)
    values: dict[str, str] = {}
    for field in entry_fields(section):
        value = getattr(row, field)
        if isinstance(value, date):
            values[field] = month_text(value)
        elif isinstance(value, bool):
            values[field] = "on" if value else ""
        else:
            values[field] = value or ""
    return Entry(
        id=str(row.id),
        title=title,
        subtitle=subtitle,
        period=_period(section, row),
        description=getattr(row, "description", None) or "",
        values=values,
    )


def entries_of(db: Session, user_id: uuid.UUID, section: Section) -> list[Entry]:
    """``user_id``'s entries of ``section`` in their order (callers decide who may read them)."""
    model = MODELS[section]
    rows = db.scalars(
        select(model).where(model.user_id == user_id).order_by(model.position, model.created_at, model.id)
    )
    return [entry_view(section, row) for row in rows]


def _renumber(rows: list[Any]) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def add_entry(
    db: Session, who: Principal | None, section: Section, data: Mapping[str, Any], *, today: date
) -> Completeness:
    """A new entry at the end of its section."""
    seeker = require_seeker(who)
    values = clean_entry(section, data, today=today)
    model = MODELS[section]
    count = db.scalar(select(func.count()).select_from(model).where(model.user_id == seeker.user_id)) or 0
    if count >= ENTRIES_MAX:
        raise Conflict(TOO_MANY_MESSAGE)
    row = model(user_id=seeker.user_id, position=count, **values)
    db.add(row)
    db.flush()
    return changed(db, seeker, section.value, "added")


def update_entry(
    db: Session,
    who: Principal | None,
    section: Section,
    entry_id: uuid.UUID,
    data: Mapping[str, Any],
    *,
    today: date,
) -> Completeness:
    seeker = require_seeker(who)
    row = _find(db, seeker, section, entry_id)
    values = clean_entry(section, data, today=today)
    for column, value in values.items():
        setattr(row, column, value)
    db.flush()
    return changed(db, seeker, section.value, "edited")


def remove_entry(db: Session, who: Principal | None, section: Section, entry_id: uuid.UUID) -> Completeness:
    seeker = require_seeker(who)
    rows = _ordered(db, seeker, section, lock=True)
    row = next((candidate for candidate in rows if candidate.id == entry_id), None)
    if row is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    db.delete(row)
    _renumber([candidate for candidate in rows if candidate is not row])
    db.flush()
    return changed(db, seeker, section.value, "removed")


def move_entry(
    db: Session, who: Principal | None, section: Section, entry_id: uuid.UUID, offset: int
) -> Completeness:
    """Move one place up (``offset`` -1) or down (+1); at either end it stays where it is."""
    seeker = require_seeker(who)
    rows = _ordered(db, seeker, section, lock=True)
    index = next((i for i, candidate in enumerate(rows) if candidate.id == entry_id), None)
    if index is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    step = (offset > 0) - (offset < 0)
    target = min(max(index + step, 0), len(rows) - 1)
    rows.insert(target, rows.pop(index))
    _renumber(rows)
    db.flush()
    return changed(db, seeker, section.value, "reordered")
