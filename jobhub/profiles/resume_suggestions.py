"""What a read resume suggests for the profile, and taking those suggestions one by one or all.

A suggestion is a skill of the taxonomy the profile lacks, a title to add as an experience
draft, or a school to add to education. Accepting one only ever *adds* a row at the end of its
list (``position`` after the last): nothing the seeker typed is changed, a skill already on the
profile is skipped, and a title or school already listed (same name, any case) is no longer
offered. Suggestions are recomputed from the stored ``parsed_content`` on every call and a key
is accepted only if it is among them, so a forged or stale key changes nothing.

An experience needs a company and a start date: a title without them gets an empty company and
the first of January of its start year (or of this year) for the seeker to correct.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, SQLModel

from jobhub.auth.principal import Principal
from jobhub.platform.errors import Conflict
from jobhub.platform.event_types import PROFILE_UPDATED
from jobhub.platform.events import emit
from jobhub.profiles.models import SCHEMA, Education, Experience, ParsingStatus, UserSkill
from jobhub.profiles.resumes import owned
from jobhub.profiles.service import skill_names, user_skill_ids

GONE_MESSAGE: Final = "That suggestion is already on your profile."
PROFILE_AGGREGATE: Final = "profile"


class SuggestionKind(StrEnum):
    SKILL = "skill"
    TITLE = "title"
    SCHOOL = "school"


@dataclass(frozen=True)
class Suggestion:
    """One thing to add; ``key`` names it for the accept button."""

    key: str
    kind: str
    label: str
    detail: str


def _years(item: dict[str, Any]) -> str:
    start, end = item.get("start_year"), item.get("end_year")
    if item.get("current"):
        return f"{start or ''} \u2013 present".strip()
    return " \u2013 ".join(str(year) for year in (start, end) if year)


def _detail(*parts: str) -> str:
    return " \u00b7 ".join(part for part in parts if part)


def _listed(db: Session, column: Any, owner: Any, user_id: uuid.UUID) -> set[str]:
    return {name.lower() for name in db.scalars(select(column).where(owner == user_id))}


def _candidates(db: Session, user_id: uuid.UUID, content: dict[str, Any]) -> list[tuple[Suggestion, Any]]:
    has_skill = user_skill_ids(db, user_id)
    known = skill_names(db, [uuid.UUID(s["id"]) for s in content.get("skills", [])])
    titles = _listed(db, Experience.job_title, Experience.user_id, user_id)
    schools = _listed(db, Education.institution_name, Education.user_id, user_id)
    found: list[tuple[Suggestion, Any]] = []
    for skill_id, name in known.items():
        if skill_id not in has_skill:
            found.append((Suggestion(f"skill:{skill_id}", SuggestionKind.SKILL, name, ""), skill_id))
    for index, title in enumerate(content.get("titles", [])):
        if str(title.get("title", "")).lower() not in titles:
            label, detail = title["title"], _detail(title.get("company", ""), _years(title))
            found.append((Suggestion(f"title:{index}", SuggestionKind.TITLE, label, detail), title))
    for index, school in enumerate(content.get("schools", [])):
        if str(school.get("name", "")).lower() not in schools:
            label, detail = school["name"], _detail(school.get("degree", ""), _years(school))
            found.append((Suggestion(f"school:{index}", SuggestionKind.SCHOOL, label, detail), school))
    return found


def _content(db: Session, who: Principal | None, resume_id: uuid.UUID) -> tuple[uuid.UUID, dict[str, Any]]:
    row = owned(db, who, resume_id)
    if row.parsing_status != ParsingStatus.COMPLETED:
        return row.user_id, {}
    return row.user_id, row.parsed_content or {}


def suggestions_for(db: Session, who: Principal | None, resume_id: uuid.UUID) -> list[Suggestion]:
    """What the owner's read resume offers that the profile does not have yet."""
    user_id, content = _content(db, who, resume_id)
    return [suggestion for suggestion, _ in _candidates(db, user_id, content)]


def _next_position(db: Session, model: type[SQLModel], user_id: uuid.UUID) -> int:
    table = model.__table__  # type: ignore[attr-defined]
    last = db.scalar(select(func.max(table.c.position)).where(table.c.user_id == user_id))
    return 0 if last is None else last + 1


def _start(year: Any) -> date:
    return date(int(year), 1, 1) if year else date(datetime.now(UTC).year, 1, 1)


def _add(db: Session, user_id: uuid.UUID, kind: str, item: Any) -> None:
    if kind == SuggestionKind.SKILL:
        db.execute(
            insert(UserSkill)
            .values(user_id=user_id, skill_id=item)
            .on_conflict_do_nothing(index_elements=["user_id", "skill_id"])
        )
        return
    if kind == SuggestionKind.TITLE:
        start = _start(item.get("start_year"))
        end_year = item.get("end_year")
        end = date(int(end_year), 12, 31) if end_year and not item.get("current") else None
        db.add(
            Experience(
                user_id=user_id,
                company_name=str(item.get("company") or ""),
                job_title=str(item["title"]),
                start_date=start,
                end_date=end if end and end >= start else None,
                is_current=bool(item.get("current")),
                position=_next_position(db, Experience, user_id),
            )
        )
    else:
        start_year, end_year = item.get("start_year"), item.get("end_year")
        db.add(
            Education(
                user_id=user_id,
                institution_name=str(item["name"]),
                degree_type=str(item.get("degree") or "") or None,
                start_date=date(int(start_year), 9, 1) if start_year else None,
                end_date=date(int(end_year), 7, 1) if end_year and end_year >= (start_year or 0) else None,
                position=_next_position(db, Education, user_id),
            )
        )
    db.flush()


def _accept(db: Session, who: Principal | None, resume_id: uuid.UUID, keys: set[str] | None) -> list[str]:
    user_id, content = _content(db, who, resume_id)
    chosen = [(s, item) for s, item in _candidates(db, user_id, content) if keys is None or s.key in keys]
    for suggestion, item in chosen:
        _add(db, user_id, suggestion.kind, item)
    if chosen:
        emit(
            db,
            SCHEMA,
            PROFILE_AGGREGATE,
            user_id,
            PROFILE_UPDATED,
            {"source": "resume", "resume_id": str(resume_id), "added": [s.kind for s, _ in chosen]},
            user_id=user_id,
        )
    return [suggestion.label for suggestion, _ in chosen]


def accept_suggestion(db: Session, who: Principal | None, resume_id: uuid.UUID, key: str) -> str:
    """Add one suggestion to the profile; its label. ``Conflict`` when it is not offered (any more)."""
    added = _accept(db, who, resume_id, {key})
    if not added:
        raise Conflict(GONE_MESSAGE)
    return added[0]


def accept_all(db: Session, who: Principal | None, resume_id: uuid.UUID) -> list[str]:
    """Add every suggestion still offered; their labels (none when all were already taken)."""
    return _accept(db, who, resume_id, None)
