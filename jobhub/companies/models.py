"""Tables of the `companies` schema: company pages, their team, reviews and photos.

User ids (created_by, user_id, reviewer_id, uploaded_by, moderated_by) are plain UUIDs into the
auth context, with no foreign key; only references inside the schema are foreign keys.
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
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlmodel import Field, SQLModel

from jobhub.platform.columns import (
    check_in,
    check_rating,
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

SCHEMA = "companies"

DomainEvent, OutboxEvent = event_tables(SCHEMA)

NOT_DELETED = text("deleted_at IS NULL")


class CompanySize(StrEnum):
    TINY = "1-10"
    SMALL = "11-50"
    MEDIUM = "51-200"
    LARGE = "201-500"
    XLARGE = "501-1000"
    XXLARGE = "1001-5000"
    HUGE = "5001+"


class CompanyType(StrEnum):
    STARTUP = "startup"
    SMALL_BUSINESS = "small_business"
    ENTERPRISE = "enterprise"
    NON_PROFIT = "non_profit"
    GOVERNMENT = "government"


class CompanyRemotePolicy(StrEnum):
    REMOTE_FIRST = "remote_first"
    HYBRID = "hybrid"
    OFFICE_FIRST = "office_first"
    FLEXIBLE = "flexible"


class CompanyStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    SUSPENDED = "suspended"


class EmploymentStatus(StrEnum):
    """Of a team membership; ``pending`` is an invitation not yet accepted."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    PENDING = "pending"


class TeamRole(StrEnum):
    """What a member may do on the employer side; NULL is a listed employee with no rights."""

    OWNER = "owner"
    ADMIN = "admin"
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring_manager"


class ReviewerType(StrEnum):
    CURRENT_EMPLOYEE = "current_employee"
    FORMER_EMPLOYEE = "former_employee"
    INTERVIEW_CANDIDATE = "interview_candidate"


class ReviewerEmployment(StrEnum):
    CURRENT = "current"
    FORMER = "former"


class ReviewStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    FLAGGED = "flagged"
    REMOVED = "removed"


class PhotoType(StrEnum):
    OFFICE = "office"
    TEAM = "team"
    EVENT = "event"
    CULTURE = "culture"
    PRODUCT = "product"


class PhotoStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class VerificationMethod(StrEnum):
    """How a company shows it is who it says: its owner's mail domain is its website's, or papers."""

    EMAIL_DOMAIN = "email_domain"
    DOCUMENTS = "documents"


class VerificationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


SEARCH_VECTOR = (
    "setweight(to_tsvector('english', coalesce(name, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(industry, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(description, '')), 'C')"
)
"""A name match outranks an industry match, which outranks the description."""

RATINGS = (
    "overall_rating",
    "work_life_balance_rating",
    "culture_rating",
    "career_growth_rating",
    "compensation_rating",
    "management_rating",
)


class Company(SQLModel, table=True):
    """A company page, soft-deleted; ``values`` is a list of {name, description}."""

    __tablename__ = "companies"
    __table_args__ = (
        check_in("company_size", CompanySize),
        check_in("company_type", CompanyType),
        check_in("remote_policy", CompanyRemotePolicy),
        check_in("status", CompanyStatus),
        CheckConstraint("latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180", name="coordinates"),
        Index("idx_companies_slug", "slug", postgresql_where=NOT_DELETED),
        Index("idx_companies_industry", "industry", postgresql_where=NOT_DELETED),
        Index("idx_companies_size", "company_size", postgresql_where=NOT_DELETED),
        Index("idx_companies_location", "headquarters_location", postgresql_where=NOT_DELETED),
        Index("idx_companies_verified", "is_verified", postgresql_where=NOT_DELETED),
        Index("idx_companies_status", "status", postgresql_where=NOT_DELETED),
        Index("idx_companies_search", "search_vector", postgresql_using="gin", postgresql_where=NOT_DELETED),
        Index("idx_companies_coordinates", "latitude", "longitude", postgresql_where=NOT_DELETED),
        Index(
            "idx_companies_name_trgm",
            "name",
            postgresql_using="gin",
            postgresql_ops={"name": "gin_trgm_ops"},
            postgresql_where=NOT_DELETED,
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    name: str = Field(sa_type=String(255))
    slug: str = Field(sa_type=String(255), unique=True)
    legal_name: str | None = Field(default=None, sa_type=String(255))
    description: str | None = Field(default=None, sa_type=Text)
    tagline: str | None = Field(default=None, sa_type=String(500))
    website_url: str | None = url_column()
    logo_url: str | None = url_column()
    cover_image_url: str | None = url_column()
    industry: str | None = Field(default=None, sa_type=String(100))
    company_size: str | None = Field(default=None, sa_type=String(50))
    founded_year: int | None = None
    headquarters_location: str | None = Field(default=None, sa_type=String(255))
    locations: list[str] | None = Field(default=None, sa_type=ARRAY(Text))
    latitude: float | None = Field(default=None, sa_type=Float)
    longitude: float | None = Field(default=None, sa_type=Float)
    employee_count: int | None = None
    annual_revenue: str | None = Field(default=None, sa_type=String(50))
    company_type: str | None = Field(default=None, sa_type=String(50))
    stock_symbol: str | None = Field(default=None, sa_type=String(10))
    linkedin_url: str | None = url_column()
    twitter_url: str | None = url_column()
    facebook_url: str | None = url_column()
    instagram_url: str | None = url_column()
    glassdoor_url: str | None = url_column()
    benefits: list[str] | None = Field(default=None, sa_type=ARRAY(Text))
    perks: list[str] | None = Field(default=None, sa_type=ARRAY(Text))
    values: list[dict[str, Any]] | None = Field(default=None, sa_type=JSONB(none_as_null=True))
    culture_description: str | None = Field(default=None, sa_type=Text)
    diversity_statement: str | None = Field(default=None, sa_type=Text)
    remote_policy: str | None = Field(default=None, sa_type=String(50))
    is_verified: bool = flag(False)
    verification_date: datetime | None = timestamp()
    status: str = enum_default(CompanyStatus.ACTIVE)
    seo_title: str | None = Field(default=None, sa_type=String(255))
    seo_description: str | None = Field(default=None, sa_type=Text)
    search_vector: str | None = Field(
        default=None, sa_column=Column(TSVECTOR, Computed(SEARCH_VECTOR, persisted=True))
    )
    created_by: uuid.UUID | None = None
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()
    deleted_at: datetime | None = timestamp()


class CompanyEmployee(SQLModel, table=True):
    """A team membership or an invitation to one.

    ``team_role`` carries the employer-side rights; ``is_admin`` and ``is_hiring_manager`` stay
    for the document's partial indexes and are kept in step by the companies service.
    ``user_id`` may be NULL while an invitation sent to ``invitation_email`` waits for someone
    who has no account yet; ``invitation_token`` holds the token's hash, unique so a link finds
    exactly one invitation.
    """

    __tablename__ = "company_employees"
    __table_args__ = (
        check_in("employment_status", EmploymentStatus),
        check_in("team_role", TeamRole),
        CheckConstraint("user_id IS NOT NULL OR invitation_email IS NOT NULL", name="member_or_invitee"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR start_date <= end_date", name="dates"),
        UniqueConstraint("company_id", "user_id"),
        Index("idx_company_employees_company_id", "company_id"),
        Index("idx_company_employees_user_id", "user_id"),
        Index("idx_company_employees_admin", "company_id", postgresql_where=text("is_admin = true")),
        Index(
            "idx_company_employees_hiring_manager",
            "company_id",
            postgresql_where=text("is_hiring_manager = true"),
        ),
        Index("idx_company_employees_status", "employment_status"),
        Index(
            "idx_company_employees_invitation_token",
            "invitation_token",
            unique=True,
            postgresql_where=text("invitation_token IS NOT NULL"),
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    company_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.companies.id")
    user_id: uuid.UUID | None = None
    role: str | None = Field(default=None, sa_type=String(100))
    department: str | None = Field(default=None, sa_type=String(100))
    team_role: str | None = Field(default=None, sa_type=String(20))
    is_admin: bool = flag(False)
    is_hiring_manager: bool = flag(False)
    employment_status: str = enum_default(EmploymentStatus.ACTIVE)
    start_date: date | None = Field(default=None, sa_type=Date)
    end_date: date | None = Field(default=None, sa_type=Date)
    invited_by: uuid.UUID | None = None
    invitation_email: str | None = Field(default=None, sa_type=String(255))
    invitation_token: str | None = Field(default=None, sa_type=String(255))
    invitation_expires_at: datetime | None = timestamp()
    joined_at: datetime | None = timestamp()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class CompanyReview(SQLModel, table=True):
    """One review per reviewer per company, published only once a moderator approves it.

    ``reviewer_id`` is kept even when ``is_anonymous`` (to enforce one review each and to act on
    abuse) and never shown; NULL reviewers (imported reviews) are not limited.
    """

    __tablename__ = "company_reviews"
    __table_args__ = (
        check_in("reviewer_type", ReviewerType),
        check_in("employment_status", ReviewerEmployment),
        check_in("status", ReviewStatus),
        *(check_rating(column) for column in RATINGS),
        UniqueConstraint("company_id", "reviewer_id"),
        Index("idx_company_reviews_company_id", "company_id"),
        Index(
            "idx_company_reviews_reviewer_id", "reviewer_id", postgresql_where=text("reviewer_id IS NOT NULL")
        ),
        Index("idx_company_reviews_status", "status"),
        Index("idx_company_reviews_rating", "overall_rating"),
        Index(
            "idx_company_reviews_approved",
            "company_id",
            "status",
            "created_at",
            postgresql_where=text("status = 'approved'"),
        ),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    company_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.companies.id", ondelete="CASCADE")
    reviewer_id: uuid.UUID | None = None
    reviewer_type: str | None = Field(default=None, sa_type=String(20))
    job_title: str | None = Field(default=None, sa_type=String(255))
    employment_status: str | None = Field(default=None, sa_type=String(20))
    employment_duration: str | None = Field(default=None, sa_type=String(50))
    overall_rating: int
    work_life_balance_rating: int | None = None
    culture_rating: int | None = None
    career_growth_rating: int | None = None
    compensation_rating: int | None = None
    management_rating: int | None = None
    title: str = Field(sa_type=String(255))
    pros: str = Field(sa_type=Text)
    cons: str = Field(sa_type=Text)
    advice_to_management: str | None = Field(default=None, sa_type=Text)
    would_recommend: bool | None = None
    is_anonymous: bool = flag(True)
    is_verified: bool = flag(False)
    status: str = enum_default(ReviewStatus.PENDING)
    moderation_notes: str | None = Field(default=None, sa_type=Text)
    moderated_by: uuid.UUID | None = None
    moderated_at: datetime | None = timestamp()
    helpful_count: int = counter()
    not_helpful_count: int = counter()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class CompanyPhoto(SQLModel, table=True):
    """A photo on the company page, shown once a moderator approves it."""

    __tablename__ = "company_photos"
    __table_args__ = (
        check_in("photo_type", PhotoType),
        check_in("status", PhotoStatus),
        Index("idx_company_photos_company_id", "company_id"),
        Index("idx_company_photos_type", "photo_type"),
        Index("idx_company_photos_status", "status"),
        Index("idx_company_photos_featured", "company_id", postgresql_where=text("is_featured = true")),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    company_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.companies.id", ondelete="CASCADE")
    uploaded_by: uuid.UUID
    file_name: str = Field(sa_type=String(255))
    file_url: str = Field(sa_type=String(500))
    file_size: int | None = None
    caption: str | None = Field(default=None, sa_type=Text)
    photo_type: str | None = Field(default=None, sa_type=String(50))
    is_featured: bool = flag(False)
    display_order: int = counter()
    status: str = enum_default(PhotoStatus.PENDING)
    created_at: datetime = created_at()


class CompanyVerificationRequest(SQLModel, table=True):
    """A company's request for the verified badge and an admin's decision on it.

    Not in the original design, which has only ``companies.is_verified``: the admin queue needs
    what was claimed (the requester's mail domain against the website's, or a document kept in
    private storage), who decided, when and why. At most one request per company is pending.
    """

    __tablename__ = "company_verification_requests"
    __table_args__ = (
        check_in("method", VerificationMethod),
        check_in("status", VerificationStatus),
        CheckConstraint(
            "status = 'pending' OR (reviewed_by IS NOT NULL AND reviewed_at IS NOT NULL)", name="decided"
        ),
        CheckConstraint("status <> 'refused' OR decision_reason IS NOT NULL", name="refusal_reason"),
        Index("idx_company_verification_company", "company_id", "created_at"),
        Index(
            "idx_company_verification_one_pending",
            "company_id",
            unique=True,
            postgresql_where=text("status = 'pending'"),
        ),
        Index("idx_company_verification_queue", "created_at", postgresql_where=text("status = 'pending'")),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = uuid_pk()
    company_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.companies.id", ondelete="CASCADE")
    requested_by: uuid.UUID
    method: str = Field(sa_type=String(20))
    email_domain: str | None = Field(default=None, sa_type=String(255))
    website_domain: str | None = Field(default=None, sa_type=String(255))
    document_key: str | None = Field(default=None, sa_type=String(255))
    document_name: str | None = Field(default=None, sa_type=String(255))
    note: str | None = Field(default=None, sa_type=Text)
    status: str = enum_default(VerificationStatus.PENDING)
    decision_reason: str | None = Field(default=None, sa_type=Text)
    reviewed_by: uuid.UUID | None = None
    reviewed_at: datetime | None = timestamp()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()
