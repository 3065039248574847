"""The team's private notes and 1-5 ratings of a candidate.

Both are the team's only: no seeker-facing service reads ``application_notes`` or
``application_ratings``, and neither writes a timeline step or an event (nothing the seeker or
the analytics funnel should see). A member edits and deletes only their own notes, and has one
rating per candidate, changed in place; ``job_applications.rating`` keeps the rounded mean so
the board sorts and filters by it with an index.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies.team_access import TeamAction
from jobhub.jobs.application_models import ApplicationNote, ApplicationRating
from jobhub.jobs.models import JobApplication
from jobhub.jobs.pipeline_scope import application_in_scope, storable
from jobhub.platform.errors import Forbidden, Invalid, NotFound

NOTE_MAX: Final = 5000
NO_SUCH_NOTE: Final = "That note does not exist or is not one of your company's."
NOT_YOUR_NOTE: Final = "Only the note's author can change or delete it."


def _body(text: str) -> str:
    body = storable(text).replace("\r\n", "\n").strip()
    if not body:
        raise Invalid("note", "Write something first.")
    if len(body) > NOTE_MAX:
        raise Invalid("note", f"Keep a note under {NOTE_MAX} characters.")
    return body


def add_note(db: Session, who: Principal | None, application_id: uuid.UUID, text: str) -> ApplicationNote:
    _application, _job, member = application_in_scope(db, who, application_id, TeamAction.REVIEW_CANDIDATES)
    note = ApplicationNote(application_id=application_id, author_id=member.user_id, body=_body(text))
    db.add(note)
    db.flush()
    return note


def _own_note(db: Session, who: Principal | None, note_id: uuid.UUID) -> ApplicationNote:
    note = db.get(ApplicationNote, note_id, with_for_update=True)
    if note is None:
        raise NotFound(NO_SUCH_NOTE)
    try:
        _application, _job, member = application_in_scope(
            db, who, note.application_id, TeamAction.REVIEW_CANDIDATES
        )
    except NotFound:
        raise NotFound(NO_SUCH_NOTE) from None
    if note.author_id != member.user_id:
        raise Forbidden(NOT_YOUR_NOTE)
    return note


def edit_note(db: Session, who: Principal | None, note_id: uuid.UUID, text: str) -> ApplicationNote:
    note = _own_note(db, who, note_id)
    note.body, note.updated_at = _body(text), datetime.now(UTC)
    db.add(note)
    db.flush()
    return note


def delete_note(db: Session, who: Principal | None, note_id: uuid.UUID) -> None:
    db.delete(_own_note(db, who, note_id))
    db.flush()


def rate_candidate(db: Session, who: Principal | None, application_id: uuid.UUID, rating: int) -> int | None:
    """Set the member's 1-5 rating; returns the application's new rounded mean."""
    application, _job, member = application_in_scope(
        db, who, application_id, TeamAction.REVIEW_CANDIDATES, lock=True
    )
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise Invalid("rating", "Rate from 1 to 5 stars.")
    db.execute(
        insert(ApplicationRating)
        .values(application_id=application.id, rater_id=member.user_id, rating=rating)
        .on_conflict_do_update(
            index_elements=["application_id", "rater_id"],
            set_={"rating": rating, "updated_at": func.now()},
        )
    )
    return _store_mean(db, application)


def _store_mean(db: Session, application: JobApplication) -> int | None:
    mean = db.scalar(
        select(func.avg(ApplicationRating.rating)).where(ApplicationRating.application_id == application.id)
    )
    application.rating = int(float(mean) + 0.5) if mean is not None else None
    db.add(application)
    db.flush()
    return application.rating
