"""Tables of the `profiles` schema: what a person shows employers, and whom they know.

``user_id``, ``company_id`` and ``created_by`` refer to other contexts (auth, companies) and so
are plain UUIDs; only references inside the schema (skills, assessments) are foreign keys.
Percentages and date ranges are checked here, beyond the document, so that no service bug can
store a 140 % profile or a job that ended before it began.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ARRAY, CheckConstraint, Date, Index, String, Text, UniqueConstraint, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from jobhub.platform.columns import (
    check_in,
    counter,
    created_at,
    enum_default,
    flag,
    timestamp,
    updated_at,
    url_column,
    uuid_pk,
)
from jobhub.platform.event_tables import event_tables

SCHEMA = "profiles"

DomainEvent, OutboxEvent = event_tables(SCHEMA)


class Availability(StrEnum):
    IMMEDIATELY = "immediately"
    WITHIN_2_WEEKS = "within_2_weeks"
    WITHIN_MONTH = "within_month"
    NOT_LOOKING = "not_looking"


class RemotePreference(StrEnum):
    REMOTE_ONLY = "remote_only"
    HYBRID = "hybrid"
    ONSITE = "onsite"
    FLEXIBLE = "flexible"


class ProfileVisibility(StrEnum):
    """Who may read a profile: recruiters are members of a company team (issue 7)."""

    PUBLIC = "public"
    PRIVATE = "private"
    CONNECTIONS_ONLY = "connections_only"
    RECRUITERS_ONLY = "recruiters_only"


class Proficiency(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    EXPERT = "expert"


class AssessmentDifficulty(StrEnum):
    """An assessment tests up to advanced; "expert" is something only a person claims."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class EmploymentType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CONTRACT = "contract"
    FREELANCE = "freelance"
    INTERNSHIP = "internship"


class ParsingStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"


class AssessmentStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class ConnectionStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    BLOCKED = "blocked"


def _percentage(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} BETWEEN 0 AND 100", name=f"{column}_percentage")


def _date_order(start: str, end: str) -> CheckConstraint:
    return CheckConstraint(f"{end} IS NULL OR {start} IS NULL OR {start} <= {end}", name=f"{end}_order")


class UserProfile(SQLModel, table=True):
    """One per user; ``profile_visibility`` decides who may read it, the service enforces it."""

    __tablename__ = "user_profiles"
    __table_args__ = (
        check_in("availability", Availability),
        check_in("remote_preference", RemotePreference),
        check_in("profile_visibility", ProfileVisibility),
        _percentage("profile_completeness"),
        Index("idx_user_profiles_user_id", "user_id"),
        Index("idx_user_profiles_availability", "availability"),
        Index("idx_user_profiles_experience", "years_of_experience"),
        Index("idx_user_profiles_visibility", "profile_visibility"),
        Index("idx_user_profiles_handle", text("lower(handle)"), unique=True),
        CheckConstraint("handle ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'", name="handle_format"),
        Index("idx_user_profiles_open_to_work", "user_id", postgresql_where=text("open_to_work = true")),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID = Field(unique=True)
    handle: str | None = Field(default=None, sa_type=String(40))
    """The ``/u/{handle}`` address: 3-40 lower-case letters, digits and inner hyphens."""
    location: str | None = Field(default=None, sa_type=String(255))
    desired_roles: list[str] | None = Field(default=None, sa_type=ARRAY(Text))
    open_to_work: bool = flag(False)
    headline: str | None = Field(default=None, sa_type=String(500))
    bio: str | None = Field(default=None, sa_type=Text)
    summary: str | None = Field(default=None, sa_type=Text)
    website_url: str | None = url_column()
    portfolio_url: str | None = url_column()
    github_url: str | None = url_column()
    linkedin_url: str | None = url_column()
    twitter_url: str | None = url_column()
    years_of_experience: int | None = None
    current_salary_range: str | None = Field(default=None, sa_type=String(50))
    desired_salary_range: str | None = Field(default=None, sa_type=String(50))
    availability: str | None = Field(default=None, sa_type=String(50))
    remote_preference: str | None = Field(default=None, sa_type=String(50))
    willing_to_relocate: bool = flag(False)
    profile_visibility: str = enum_default(ProfileVisibility.PUBLIC)
    profile_completeness: int = counter()
    last_active_at: datetime | None = timestamp()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class Skill(SQLModel, table=True):
    """The shared skill taxonomy; ``is_verified`` marks the curated names (seeded by migration 0002)."""

    __tablename__ = "skills"
    __table_args__ = (
        Index("idx_skills_name", "name"),
        Index("idx_skills_category", "category"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    name: str = Field(sa_type=String(100), unique=True)
    category: str | None = Field(default=None, sa_type=String(50))
    description: str | None = Field(default=None, sa_type=Text)
    is_verified: bool = flag(False)
    created_at: datetime = created_at()


class UserSkill(SQLModel, table=True):
    __tablename__ = "user_skills"
    __table_args__ = (
        check_in("proficiency_level", Proficiency),
        UniqueConstraint("user_id", "skill_id"),
        Index("idx_user_skills_user_id", "user_id"),
        Index("idx_user_skills_skill_id", "skill_id"),
        Index("idx_user_skills_proficiency", "proficiency_level"),
        Index("idx_user_skills_primary", "user_id", postgresql_where=text("is_primary = true")),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    skill_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.skills.id")
    proficiency_level: str | None = Field(default=None, sa_type=String(20))
    years_of_experience: int | None = None
    is_primary: bool = flag(False)
    endorsed_count: int = counter()
    last_used_at: datetime | None = timestamp()
    created_at: datetime = created_at()


class Experience(SQLModel, table=True):
    """A position held; ``end_date`` is NULL while ``is_current``."""

    __tablename__ = "experience"
    __table_args__ = (
        check_in("employment_type", EmploymentType),
        _date_order("start_date", "end_date"),
        Index("idx_experience_user_id", "user_id"),
        Index("idx_experience_company_id", "company_id"),
        Index("idx_experience_current", "user_id", postgresql_where=text("is_current = true")),
        Index("idx_experience_dates", "start_date", "end_date"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    company_name: str = Field(sa_type=String(255))
    company_id: uuid.UUID | None = None
    job_title: str = Field(sa_type=String(255))
    employment_type: str | None = Field(default=None, sa_type=String(50))
    location: str | None = Field(default=None, sa_type=String(255))
    is_remote: bool = flag(False)
    start_date: date = Field(sa_type=Date)
    end_date: date | None = Field(default=None, sa_type=Date)
    is_current: bool = flag(False)
    description: str | None = Field(default=None, sa_type=Text)
    position: int = counter()
    """Order on the profile, chosen by its owner (0 first)."""
    achievements: list[str] | None = Field(default=None, sa_type=ARRAY(Text))
    skills_used: list[uuid.UUID] | None = Field(default=None, sa_type=ARRAY(Uuid))
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class Education(SQLModel, table=True):
    __tablename__ = "education"
    __table_args__ = (
        _date_order("start_date", "end_date"),
        Index("idx_education_user_id", "user_id"),
        Index("idx_education_institution", "institution_name"),
        Index("idx_education_degree", "degree_type"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    institution_name: str = Field(sa_type=String(255))
    degree_type: str | None = Field(default=None, sa_type=String(100))
    field_of_study: str | None = Field(default=None, sa_type=String(255))
    grade: str | None = Field(default=None, sa_type=String(50))
    start_date: date | None = Field(default=None, sa_type=Date)
    end_date: date | None = Field(default=None, sa_type=Date)
    is_current: bool = flag(False)
    description: str | None = Field(default=None, sa_type=Text)
    position: int = counter()
    """Order on the profile, chosen by its owner (0 first)."""
    activities: list[str] | None = Field(default=None, sa_type=ARRAY(Text))
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class Certification(SQLModel, table=True):
    """A credential; the partial expiration index serves the "expiring soon" reminder."""

    __tablename__ = "certifications"
    __table_args__ = (
        _date_order("issue_date", "expiration_date"),
        Index("idx_certifications_user_id", "user_id"),
        Index("idx_certifications_organization", "issuing_organization"),
        Index(
            "idx_certifications_expiration",
            "expiration_date",
            postgresql_where=text("expiration_date IS NOT NULL"),
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    name: str = Field(sa_type=String(255))
    issuing_organization: str = Field(sa_type=String(255))
    credential_id: str | None = Field(default=None, sa_type=String(255))
    credential_url: str | None = url_column()
    issue_date: date | None = Field(default=None, sa_type=Date)
    expiration_date: date | None = Field(default=None, sa_type=Date)
    does_not_expire: bool = flag(False)
    is_verified: bool = flag(False)
    position: int = counter()
    """Order on the profile, chosen by its owner (0 first)."""
    verification_method: str | None = Field(default=None, sa_type=String(100))
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class Resume(SQLModel, table=True):
    """An uploaded file; ``file_name`` is generated server-side, never taken from the client.

    ``parsed_content`` is what the parser read: it suggests profile fields but never
    overwrites what the user typed.
    """

    __tablename__ = "resumes"
    __table_args__ = (
        check_in("parsing_status", ParsingStatus),
        Index("idx_resumes_user_id", "user_id"),
        Index("idx_resumes_primary", "user_id", postgresql_where=text("is_primary = true")),
        Index("idx_resumes_parsing_status", "parsing_status"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    file_name: str = Field(sa_type=String(255))
    original_file_name: str = Field(sa_type=String(255))
    file_size: int
    file_type: str = Field(sa_type=String(50))
    file_url: str = Field(sa_type=String(500))
    is_primary: bool = flag(False)
    parsed_content: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    parsing_status: str = enum_default(ParsingStatus.PENDING, 50)
    parsing_error: str | None = Field(default=None, sa_type=Text)
    download_count: int = counter()
    last_downloaded_at: datetime | None = timestamp()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class SkillAssessment(SQLModel, table=True):
    __tablename__ = "skill_assessments"
    __table_args__ = (
        check_in("difficulty_level", AssessmentDifficulty),
        _percentage("passing_score"),
        Index("idx_skill_assessments_skill_id", "skill_id"),
        Index("idx_skill_assessments_difficulty", "difficulty_level"),
        Index("idx_skill_assessments_active", "is_active"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    skill_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.skills.id")
    name: str = Field(sa_type=String(255))
    description: str | None = Field(default=None, sa_type=Text)
    difficulty_level: str | None = Field(default=None, sa_type=String(20))
    duration_minutes: int
    question_count: int
    passing_score: int
    is_active: bool = flag(True)
    created_by: uuid.UUID | None = None
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class AssessmentResult(SQLModel, table=True):
    """One attempt per user per assessment (the document's rule): a retake needs a new assessment."""

    __tablename__ = "user_assessment_results"
    __table_args__ = (
        check_in("status", AssessmentStatus),
        _percentage("score"),
        UniqueConstraint("user_id", "assessment_id"),
        Index("idx_user_assessment_results_user_id", "user_id"),
        Index("idx_user_assessment_results_assessment_id", "assessment_id"),
        Index("idx_user_assessment_results_score", "score"),
        Index("idx_user_assessment_results_status", "status"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    assessment_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.skill_assessments.id")
    score: int
    time_taken_minutes: int | None = None
    status: str | None = Field(default=None, sa_type=String(20))
    started_at: datetime = timestamp(nullable=False)
    completed_at: datetime | None = timestamp()
    answers: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    is_verified: bool = flag(False)
    created_at: datetime = created_at()


class UserConnection(SQLModel, table=True):
    """A request from ``requester_id`` to ``addressee_id``; nobody connects to themselves."""

    __tablename__ = "user_connections"
    __table_args__ = (
        check_in("status", ConnectionStatus),
        CheckConstraint("requester_id <> addressee_id", name="not_self"),
        UniqueConstraint("requester_id", "addressee_id"),
        Index("idx_user_connections_requester", "requester_id"),
        Index("idx_user_connections_addressee", "addressee_id"),
        Index("idx_user_connections_status", "status"),
        Index(
            "idx_user_connections_accepted",
            "requester_id",
            "addressee_id",
            postgresql_where=text(f"status = '{ConnectionStatus.ACCEPTED}'"),
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    requester_id: uuid.UUID
    addressee_id: uuid.UUID
    status: str = enum_default(ConnectionStatus.PENDING)
    message: str | None = Field(default=None, sa_type=Text)
    connected_at: datetime | None = timestamp()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()
