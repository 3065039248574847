"""Tables of the hiring pipeline beside ``job_applications`` (issue 7), in the ``jobs`` schema.

The document keeps one ``notes`` text and one ``rating`` per application; a team needs each
member's own rating and a thread of notes, a seeker needs a timeline of what happened, and an
interview has a time, a place and an ``.ics`` identity of its own. Every row goes with its
application (``ON DELETE CASCADE``). Notes and ratings are the team's only: no seeker-facing
service reads them.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from jobhub.platform.columns import (
    check_in,
    created_at,
    enum_default,
    flag,
    timestamp,
    updated_at,
    url_column,
    uuid_pk,
)

SCHEMA = "jobs"
APPLICATION_FK = f"{SCHEMA}.job_applications.id"


class ApplicationEventKind(StrEnum):
    """What a timeline entry records; ``visible_to_seeker`` decides who sees it."""

    APPLIED = "applied"
    VIEWED = "viewed"
    MOVED = "moved"
    INTERVIEW_SCHEDULED = "interview_scheduled"
    INTERVIEW_CANCELLED = "interview_cancelled"
    OFFER_MADE = "offer_made"
    OFFER_ACCEPTED = "offer_accepted"
    OFFER_DECLINED = "offer_declined"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class ActorKind(StrEnum):
    SEEKER = "seeker"
    EMPLOYER = "employer"
    SYSTEM = "system"


class InterviewStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


class ApplicationEvent(SQLModel, table=True):
    """One step of an application's history, oldest first on the tracker and the candidate panel."""

    __tablename__ = "application_events"
    __table_args__ = (
        check_in("kind", ApplicationEventKind),
        check_in("actor_kind", ActorKind),
        Index("idx_application_events_application", "application_id", "created_at"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    application_id: uuid.UUID = Field(foreign_key=APPLICATION_FK, ondelete="CASCADE")
    kind: str = Field(sa_type=String(30))
    from_status: str | None = Field(default=None, sa_type=String(20))
    to_status: str | None = Field(default=None, sa_type=String(20))
    actor_id: uuid.UUID | None = None
    actor_kind: str = enum_default(ActorKind.SYSTEM)
    visible_to_seeker: bool = flag(True)
    details: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    created_at: datetime = created_at()


class ApplicationNote(SQLModel, table=True):
    """A team member's private note on a candidate."""

    __tablename__ = "application_notes"
    __table_args__ = (
        CheckConstraint("length(body) BETWEEN 1 AND 5000", name="body_length"),
        Index("idx_application_notes_application", "application_id", "created_at"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    application_id: uuid.UUID = Field(foreign_key=APPLICATION_FK, ondelete="CASCADE")
    author_id: uuid.UUID
    body: str = Field(sa_type=Text)
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class ApplicationRating(SQLModel, table=True):
    """One team member's 1-5 score of a candidate; ``job_applications.rating`` holds their mean."""

    __tablename__ = "application_ratings"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
        UniqueConstraint("application_id", "rater_id"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    application_id: uuid.UUID = Field(foreign_key=APPLICATION_FK, ondelete="CASCADE")
    rater_id: uuid.UUID
    rating: int
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class ApplicationInterview(SQLModel, table=True):
    """An interview slot; ``ics_sequence`` grows with each change so calendars update the event."""

    __tablename__ = "application_interviews"
    __table_args__ = (
        check_in("status", InterviewStatus),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("idx_application_interviews_application", "application_id", "starts_at"),
        Index(
            "idx_application_interviews_upcoming", "starts_at", postgresql_where=text("status = 'scheduled'")
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    application_id: uuid.UUID = Field(foreign_key=APPLICATION_FK, ondelete="CASCADE")
    scheduled_by: uuid.UUID
    starts_at: datetime = timestamp(nullable=False)
    ends_at: datetime = timestamp(nullable=False)
    location: str | None = Field(default=None, sa_type=String(255))
    meeting_url: str | None = url_column()
    details: str | None = Field(default=None, sa_type=Text)
    status: str = enum_default(InterviewStatus.SCHEDULED)
    ics_sequence: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()
