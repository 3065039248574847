"""Tables of the `jobs` schema: categories, postings, applications, saved jobs, alerts, views.

Cross-context references (employer_id, company_id, applicant_id, resume_id, skill ids) are plain
UUIDs with no foreign key, so the schema can move to its own database; only references inside
the schema are foreign keys.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ARRAY,
    CheckConstraint,
    Column,
    Computed,
    Date,
    Float,
    Index,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    literal_column,
    text,
)
from sqlalchemy.dialects.postgresql import INET, JSONB, TSVECTOR
from sqlmodel import Field, SQLModel

from jobhub.jobs.filter_tokens import tokens_sql
from jobhub.platform.columns import (
    check_in,
    check_rating,
    counter,
    created_at,
    currency_code,
    enum_default,
    flag,
    timestamp,
    updated_at,
    url_column,
    uuid_pk,
)
from jobhub.platform.event_tables import event_tables

SCHEMA = "jobs"

DomainEvent, OutboxEvent = event_tables(SCHEMA)

NOT_DELETED = text("deleted_at IS NULL")
PUBLISHED_NOT_DELETED = text("status = 'published' AND deleted_at IS NULL")


class EmploymentType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CONTRACT = "contract"
    FREELANCE = "freelance"
    INTERNSHIP = "internship"


class ExperienceLevel(StrEnum):
    ENTRY = "entry"
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"
    EXECUTIVE = "executive"


class RemotePolicy(StrEnum):
    REMOTE_ONLY = "remote_only"
    HYBRID = "hybrid"
    ONSITE = "onsite"
    FLEXIBLE = "flexible"


class SalaryPeriod(StrEnum):
    HOURLY = "hourly"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"


class JobStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    PAUSED = "paused"
    CLOSED = "closed"
    EXPIRED = "expired"
    REMOVED = "removed"


class ApplicationStatus(StrEnum):
    """The fixed statuses a seeker sees; per-job interview stages can map onto them later."""

    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFERED = "offered"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class OfferStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class AlertFrequency(StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"


SENDING_FREQUENCIES = (AlertFrequency.IMMEDIATE, AlertFrequency.DAILY, AlertFrequency.WEEKLY)
"""What a job search alert may use: an alert that never sends is a saved search instead."""

SEARCH_TEXT = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(search_keywords, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(description, '')), 'C')"
)
"""Title outranks skills and company, which outrank the body (DESIGN.md §3)."""
SEARCH_VECTOR = f"{SEARCH_TEXT} || {tokens_sql()}"
"""The words people search, then the posting's filter values as tokens (``filter_tokens``)."""

JOB_SKILLS = "(COALESCE(required_skills, '{}'::uuid[]) || COALESCE(preferred_skills, '{}'::uuid[]))"
"""Required and preferred skills as one array: what the skills filter and recommendations match."""
STATED_PAY_YEARLY = (
    "(\nCASE\n    WHEN show_salary THEN COALESCE(salary_max_yearly, salary_min_yearly)\n"
    "    ELSE NULL::integer\nEND)"
)
"""The top of the stated yearly pay range; NULL when the posting hides or omits its pay.

Laid out exactly as PostgreSQL prints it back (line breaks included), so comparing the model
with the migrated index finds no difference."""

PROMOTED_VECTOR = "search_vector || ''::tsvector"
"""The vector as the promoted jobs' GIN index holds it: only a condition written this way can use
that index, so the planner cannot answer the promoted part from the whole index (migration 0014)."""

VIEW_VIEWER = "COALESCE(viewer_id::text, host(ip_address))"
VIEW_HOUR = "date_trunc('hour', (viewed_at AT TIME ZONE 'UTC'))"
"""Parenthesised as PostgreSQL prints them back, so autogenerate sees no difference."""


class JobCategory(SQLModel, table=True):
    """A two-level tree (see alembic/reference_data/job_categories.json) via ``parent_id``."""

    __tablename__ = "job_categories"
    __table_args__ = (
        Index("idx_job_categories_parent_id", "parent_id"),
        Index("idx_job_categories_active", "is_active"),
        Index("idx_job_categories_slug", "slug"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    name: str = Field(sa_type=String(100), unique=True)
    slug: str = Field(sa_type=String(100), unique=True)
    description: str | None = Field(default=None, sa_type=Text)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key=f"{SCHEMA}.job_categories.id")
    icon_url: str | None = url_column()
    is_active: bool = flag(True)
    sort_order: int = counter()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class Job(SQLModel, table=True):
    """A posting, soft-deleted.

    ``closed_at`` is when it last stopped taking applications (closed or expired), for "days
    open"; ``expiry_warned_at`` when its poster was told it expires soon, so they are told once.

    ``search_keywords`` (skill names and company name) and ``salary_*_yearly`` are kept by the
    jobs service because a generated column cannot read other tables or call the salary table;
    the yearly figures let one salary filter compare hourly and yearly postings.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        check_in("employment_type", EmploymentType),
        check_in("experience_level", ExperienceLevel),
        check_in("remote_policy", RemotePolicy),
        check_in("salary_period", SalaryPeriod),
        check_in("status", JobStatus),
        CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max", name="salary_order"
        ),
        CheckConstraint("latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180", name="coordinates"),
        Index("idx_jobs_employer_id", "employer_id", postgresql_where=NOT_DELETED),
        Index("idx_jobs_company_id", "company_id", postgresql_where=NOT_DELETED),
        Index("idx_jobs_category_id", "category_id"),
        Index("idx_jobs_status", "status", postgresql_where=NOT_DELETED),
        Index("idx_jobs_published", "published_at", postgresql_where=PUBLISHED_NOT_DELETED),
        Index("idx_jobs_location", "location", postgresql_where=NOT_DELETED),
        Index("idx_jobs_remote", "is_remote", postgresql_where=NOT_DELETED),
        Index("idx_jobs_employment_type", "employment_type", postgresql_where=NOT_DELETED),
        Index("idx_jobs_experience_level", "experience_level", postgresql_where=NOT_DELETED),
        Index("idx_jobs_salary_range", "salary_min", "salary_max", postgresql_where=NOT_DELETED),
        Index("idx_jobs_expires_at", "expires_at", postgresql_where=NOT_DELETED),
        Index(
            "idx_jobs_active_published",
            "status",
            text("published_at DESC"),
            postgresql_where=PUBLISHED_NOT_DELETED,
        ),
        Index("idx_jobs_location_remote", "location", "is_remote", postgresql_where=PUBLISHED_NOT_DELETED),
        Index(
            "idx_jobs_salary_yearly",
            "salary_min_yearly",
            "salary_max_yearly",
            postgresql_where=NOT_DELETED,
        ),
        Index("idx_jobs_coordinates", "latitude", "longitude", postgresql_where=NOT_DELETED),
        Index(
            "idx_jobs_skills_any",
            text(JOB_SKILLS),
            postgresql_using="gin",
            postgresql_where=PUBLISHED_NOT_DELETED,
        ),
        Index(
            "idx_jobs_title_trgm",
            "title",
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
            postgresql_where=NOT_DELETED,
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    employer_id: uuid.UUID
    company_id: uuid.UUID | None = None
    title: str = Field(sa_type=String(255))
    slug: str = Field(sa_type=String(255), unique=True)
    description: str = Field(sa_type=Text)
    requirements: str | None = Field(default=None, sa_type=Text)
    responsibilities: str | None = Field(default=None, sa_type=Text)
    benefits: str | None = Field(default=None, sa_type=Text)
    category_id: uuid.UUID | None = Field(default=None, foreign_key=f"{SCHEMA}.job_categories.id")
    employment_type: str = Field(sa_type=String(50))
    experience_level: str | None = Field(default=None, sa_type=String(50))
    location: str | None = Field(default=None, sa_type=String(255))
    is_remote: bool = flag(False)
    remote_policy: str | None = Field(default=None, sa_type=String(50))
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = currency_code()
    salary_period: str | None = Field(default=None, sa_type=String(20))
    salary_min_yearly: int | None = None
    salary_max_yearly: int | None = None
    show_salary: bool = flag(True)
    required_skills: list[uuid.UUID] | None = Field(default=None, sa_type=ARRAY(Uuid))
    preferred_skills: list[uuid.UUID] | None = Field(default=None, sa_type=ARRAY(Uuid))
    application_deadline: date | None = Field(default=None, sa_type=Date)
    status: str = enum_default(JobStatus.DRAFT)
    priority_level: int = counter()
    application_count: int = counter()
    view_count: int = counter()
    save_count: int = counter()
    share_count: int = counter()
    external_application_url: str | None = url_column()
    application_instructions: str | None = Field(default=None, sa_type=Text)
    screening_questions: list[dict[str, Any]] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    auto_reject_criteria: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    seo_title: str | None = Field(default=None, sa_type=String(255))
    seo_description: str | None = Field(default=None, sa_type=Text)
    latitude: float | None = Field(default=None, sa_type=Float)
    longitude: float | None = Field(default=None, sa_type=Float)
    search_keywords: str | None = Field(default=None, sa_type=Text)
    search_vector: str | None = Field(
        default=None, sa_column=Column(TSVECTOR, Computed(SEARCH_VECTOR, persisted=True))
    )
    published_at: datetime | None = timestamp()
    expires_at: datetime | None = timestamp()
    closed_at: datetime | None = timestamp()
    expiry_warned_at: datetime | None = timestamp()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()
    deleted_at: datetime | None = timestamp()


class JobApplication(SQLModel, table=True):
    """One application per job per applicant; ``notes`` and ``rating`` are the employer's only."""

    __tablename__ = "job_applications"
    __table_args__ = (
        check_in("status", ApplicationStatus),
        check_in("offer_status", OfferStatus),
        check_rating("rating"),
        UniqueConstraint("job_id", "applicant_id"),
        Index("idx_job_applications_job_id", "job_id"),
        Index("idx_job_applications_applicant_id", "applicant_id"),
        Index("idx_job_applications_status", "status"),
        Index("idx_job_applications_applied_at", "applied_at"),
        Index("idx_job_applications_rating", "rating", postgresql_where=text("rating IS NOT NULL")),
        Index("idx_job_applications_job_status", "job_id", "status"),
        Index(
            "idx_job_applications_awaiting_response",
            "applied_at",
            postgresql_where=text("first_response_at IS NULL AND status = 'applied'"),
        ),
        Index(
            "idx_job_applications_employer_review",
            "job_id",
            "status",
            "applied_at",
            postgresql_where=text("status IN ('applied', 'screening')"),
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    job_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.jobs.id")
    applicant_id: uuid.UUID
    resume_id: uuid.UUID | None = None
    cover_letter: str | None = Field(default=None, sa_type=Text)
    status: str = enum_default(ApplicationStatus.APPLIED)
    source: str | None = Field(default=None, sa_type=String(50))
    screening_answers: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    notes: str | None = Field(default=None, sa_type=Text)
    rating: int | None = None
    rejection_reason: str | None = Field(default=None, sa_type=String(255))
    interview_scheduled_at: datetime | None = timestamp()
    offer_details: dict[str, Any] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    offer_expires_at: datetime | None = timestamp()
    offer_status: str | None = Field(default=None, sa_type=String(20))
    offer_responded_at: datetime | None = timestamp()
    response_deadline: datetime | None = timestamp()
    withdrawal_reason: str | None = Field(default=None, sa_type=String(500))
    viewed_at: datetime | None = timestamp()
    """When someone of the posting's team first opened the application."""
    first_response_at: datetime | None = timestamp()
    """The team's first action (a move, an interview, an offer, a decision): the response time."""
    applied_at: datetime = created_at()
    status_updated_at: datetime = created_at()
    status_updated_by: uuid.UUID | None = None
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class SavedJob(SQLModel, table=True):
    """A seeker's bookmark; it goes with the job if the job is ever purged.

    ``reminded_at`` is set when the reminder became a notification, so it is sent once.
    """

    __tablename__ = "saved_jobs"
    __table_args__ = (
        UniqueConstraint("user_id", "job_id"),
        Index("idx_saved_jobs_user_id", "user_id"),
        Index("idx_saved_jobs_job_id", "job_id"),
        Index("idx_saved_jobs_reminder", "reminder_date", postgresql_where=text("reminder_date IS NOT NULL")),
        Index(
            "idx_saved_jobs_reminder_due",
            "reminder_date",
            postgresql_where=text("reminder_date IS NOT NULL AND reminded_at IS NULL"),
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    job_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.jobs.id", ondelete="CASCADE")
    notes: str | None = Field(default=None, sa_type=Text)
    reminder_date: date | None = Field(default=None, sa_type=Date)
    tags: list[str] | None = Field(default=None, sa_type=ARRAY(String(50)))
    reminded_at: datetime | None = timestamp()
    created_at: datetime = created_at()


class JobSearchAlert(SQLModel, table=True):
    """Mails new matches; ``last_sent_at`` is the watermark that keeps old jobs from resending."""

    __tablename__ = "job_search_alerts"
    __table_args__ = (
        check_in("frequency", SENDING_FREQUENCIES),
        Index("idx_job_search_alerts_user_id", "user_id"),
        Index("idx_job_search_alerts_active", "is_active"),
        Index("idx_job_search_alerts_frequency", "frequency", postgresql_where=text("is_active = true")),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    name: str = Field(sa_type=String(255))
    search_criteria: dict[str, Any] = Field(sa_type=JSONB(none_as_null=True))
    frequency: str = enum_default(AlertFrequency.DAILY)
    is_active: bool = flag(True)
    last_sent_at: datetime | None = timestamp()
    job_count_since_last_sent: int = counter()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class JobAlertDelivery(SQLModel, table=True):
    """One job mailed by one alert: the record that keeps a job out of that alert's later mails.

    The primary key makes "never the same job twice" a database rule, not only a filter.
    """

    __tablename__ = "job_alert_deliveries"
    __table_args__ = (
        Index("idx_job_alert_deliveries_job_id", "job_id"),
        {"schema": SCHEMA},
    )

    alert_id: uuid.UUID = Field(
        foreign_key=f"{SCHEMA}.job_search_alerts.id", ondelete="CASCADE", primary_key=True, sa_type=Uuid
    )
    job_id: uuid.UUID = Field(
        foreign_key=f"{SCHEMA}.jobs.id", ondelete="CASCADE", primary_key=True, sa_type=Uuid
    )
    sent_at: datetime = created_at()


class JobView(SQLModel, table=True):
    """One row per viewer (user, else IP address) per job per UTC hour.

    The document's ``date_trunc('hour', viewed_at)`` on a timestamptz depends on the session's
    time zone, so PostgreSQL refuses it in an index (not IMMUTABLE); truncating the UTC wall-clock
    time is immutable and means the same hour. ``host(ip_address)`` is the immutable text form of
    the address. Anonymous views with no IP address are never deduplicated (NULLs are distinct).
    """

    __tablename__ = "job_views"
    __table_args__ = (
        Index("idx_job_views_job_id", "job_id"),
        Index("idx_job_views_viewer_id", "viewer_id", postgresql_where=text("viewer_id IS NOT NULL")),
        Index("idx_job_views_viewed_at", "viewed_at"),
        Index("idx_job_views_session", "session_id"),
        Index("idx_job_views_unique", "job_id", text(VIEW_VIEWER), text(VIEW_HOUR), unique=True),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    job_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.jobs.id", ondelete="CASCADE")
    viewer_id: uuid.UUID | None = None
    ip_address: str | None = Field(default=None, sa_type=INET)
    user_agent: str | None = Field(default=None, sa_type=Text)
    referrer: str | None = Field(default=None, sa_type=String(500))
    session_id: str | None = Field(default=None, sa_type=String(255))
    view_duration_seconds: int | None = None
    viewed_at: datetime = created_at()


class SavedSearch(SQLModel, table=True):
    """A named search a seeker reruns; it mails only when ``alert_frequency`` is not ``never``."""

    __tablename__ = "saved_searches"
    __table_args__ = (
        check_in("alert_frequency", AlertFrequency),
        Index("idx_saved_searches_user_id", "user_id"),
        Index("idx_saved_searches_active", "is_active"),
        Index("idx_saved_searches_frequency", "alert_frequency", postgresql_where=text("is_active = true")),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    user_id: uuid.UUID
    name: str = Field(sa_type=String(255))
    search_params: dict[str, Any] = Field(sa_type=JSONB(none_as_null=True))
    alert_frequency: str = enum_default(AlertFrequency.NEVER)
    is_active: bool = flag(True)
    last_run_at: datetime | None = timestamp()
    results_count: int = counter()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class SearchCopyColumns(SQLModel):
    """What the search copies of a posting hold: the columns search filters, counts and ranks by,
    named as in ``jobs`` so the same predicates run on the posting and on either copy."""

    id: uuid.UUID = Field(primary_key=True)
    status: str = Field(sa_type=String(50))
    deleted_at: datetime | None = timestamp()
    expires_at: datetime | None = timestamp()
    published_at: datetime | None = timestamp()
    search_vector: str | None = Field(default=None, sa_type=TSVECTOR)
    employment_type: str = Field(sa_type=String(50))
    experience_level: str | None = Field(default=None, sa_type=String(50))
    remote_policy: str | None = Field(default=None, sa_type=String(50))
    category_id: uuid.UUID | None = None
    company_id: uuid.UUID | None = None
    location: str | None = Field(default=None, sa_type=String(255))
    latitude: float | None = Field(default=None, sa_type=Float)
    longitude: float | None = Field(default=None, sa_type=Float)
    salary_min_yearly: int | None = None
    salary_max_yearly: int | None = None
    show_salary: bool
    required_skills: list[uuid.UUID] | None = Field(default=None, sa_type=ARRAY(Uuid))
    preferred_skills: list[uuid.UUID] | None = Field(default=None, sa_type=ARRAY(Uuid))
    priority_level: int


class JobSearchSample(SearchCopyColumns, table=True):
    """Every hundredth published job (by a hash of its id), narrow, kept by a trigger on ``jobs``.

    The search estimates facet counts over it when the matches are too many to count
    (migration 0008 explains why); its columns carry the same names as ``jobs`` so the same
    predicates run on either table. Written only by the trigger.
    """

    __tablename__ = "job_search_sample"
    __table_args__ = (
        Index("idx_job_search_sample_vector", "search_vector", postgresql_using="gin"),
        {"schema": SCHEMA},
    )


class JobSearchRow(SearchCopyColumns, table=True):
    """Every published job, narrow, in publishing order, kept by a trigger on ``jobs``: what search reads.

    The postings' own rows are 4-5 kB (description, requirements, benefits, their vector), one
    to a page, so a search that read 15,000 matches read 15,000 pages. These rows hold only
    what search filters, counts and ranks by, with the vector stored out of line (the GIN index
    answers words without it; only a phrase check reads it) and a small one to rank by kept in
    the row, about 20 to a page, written in publishing order so the newest matches lie together
    (migrations 0013 and 0014 measure it). The promoted jobs have a GIN index of their own, so
    relevance finds the promoted matches in short posting lists. Same column names as ``jobs``
    and the sample, so the same predicates run on all three. Written only by the trigger.
    """

    __tablename__ = "job_search_rows"
    __table_args__ = (
        Index("idx_job_search_rows_vector", "search_vector", postgresql_using="gin"),
        Index("idx_job_search_rows_published", literal_column("published_at").desc()),
        Index(
            "idx_job_search_rows_pay",
            literal_column(STATED_PAY_YEARLY).desc().nulls_last(),
            literal_column("published_at").desc(),
        ),
        Index("idx_job_search_rows_geo", text("point(longitude, latitude)"), postgresql_using="gist"),
        Index(
            "idx_job_search_rows_promoted",
            literal_column("priority_level").desc(),
            literal_column("published_at").desc(),
            postgresql_where=text("priority_level > 0"),
        ),
        Index(
            "idx_job_search_rows_promoted_vector",
            text(f"({PROMOTED_VECTOR})"),
            postgresql_using="gin",
            postgresql_where=text("priority_level > 0"),
        ),
        {"schema": SCHEMA},
    )

    rank_vector: str | None = Field(default=None, sa_type=TSVECTOR)
    """The title (A) and the skill and company names (B) alone: what relevance ranks by, small
    enough to keep in the row (migration 0014)."""
