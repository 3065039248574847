"""Unsaved rows that pass every check by default, and the two ways a test stores them.

Each ``make_*`` builds one row of its model; keyword overrides replace any value. A row whose
parent lives in the same schema takes that parent first (``make_message(conversation)``);
ids from other schemas are fresh UUIDs, since no foreign key crosses a schema.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from jobhub.auth.models import AuditLog, AuthSession, Permission, Role, User, UserType
from jobhub.auth.principal import Principal
from jobhub.billing.models import (
    PaymentTransaction,
    PlanAudience,
    PlanType,
    SagaInstance,
    SubscriptionPlan,
    TransactionType,
    UserSubscription,
)
from jobhub.companies.models import Company, CompanyEmployee, CompanyPhoto, CompanyReview, TeamRole
from jobhub.companies.team_roles import role_flags
from jobhub.jobs.models import (
    EmploymentType,
    Job,
    JobApplication,
    JobCategory,
    JobSearchAlert,
    SavedJob,
    SavedSearch,
)
from jobhub.messaging.models import Conversation, ConversationParticipant, Message
from jobhub.notifications.models import (
    Channel,
    NotificationDeliveryLog,
    NotificationPreference,
    NotificationTemplate,
    UserNotification,
)
from jobhub.profiles.models import (
    AssessmentResult,
    Certification,
    Education,
    Experience,
    Resume,
    Skill,
    SkillAssessment,
    UserConnection,
    UserProfile,
    UserSkill,
)

Rows = list[SQLModel]
Case = Callable[[], tuple[Rows, SQLModel, SQLModel]]
"""Rows to store first, then a row that repeats one of them and a row that does not."""


def tag() -> str:
    """A suffix that keeps unique names, slugs and emails apart between rows and tests."""
    return uuid.uuid4().hex[:10]


def add(db: Session, *rows: SQLModel) -> None:
    """Flush row by row: with no relationships declared, SQLAlchemy does not order inserts by key."""
    for row in rows:
        db.add(row)
        db.flush()


def refused(db: Session, *rows: SQLModel) -> None:
    with pytest.raises(IntegrityError):
        add(db, *rows)


def overrides_id(param: str | dict[str, Any]) -> str:
    """A readable test id for a (table, overrides) case: the table, or the overriding values."""
    return param if isinstance(param, str) else "-".join(map(str, param.values()))


# auth


ROLE_GRANTS: dict[str, list[str]] = json.loads(
    (Path(__file__).resolve().parents[1] / "alembic" / "reference_data" / "role_permissions.json").read_text()
)
"""Which permissions each seeded role grants, as migration 0002 stores them."""


def make_principal(user_type: str = UserType.JOB_SEEKER, **overrides: Any) -> Principal:
    """Who acts in a service test; services that check a kind of account need no stored user."""
    return Principal(**({"user_id": uuid.uuid4(), "user_type": user_type} | overrides))


def principal_with_role(role: str, user_type: str | None = None, **overrides: Any) -> Principal:
    """A principal holding ``role`` and exactly the permissions the seeded role grants."""
    kind = user_type or {"employer": UserType.EMPLOYER, "admin": UserType.ADMIN}.get(
        role, UserType.JOB_SEEKER
    )
    values = {"roles": frozenset({role}), "permissions": frozenset(ROLE_GRANTS[role])}
    return make_principal(kind, **(values | overrides))


def make_user(**overrides: Any) -> User:
    values = {
        "email": f"{tag()}@example.test",
        "first_name": "Grace",
        "last_name": "Hopper",
        "user_type": UserType.JOB_SEEKER,
    }
    return User(**(values | overrides))


def make_session(user: User, **overrides: Any) -> AuthSession:
    values = {"user_id": user.id, "token_hash": tag(), "expires_at": datetime.now(UTC) + timedelta(days=1)}
    return AuthSession(**(values | overrides))


def make_role(**overrides: Any) -> Role:
    return Role(**({"name": f"role-{tag()}"} | overrides))


def make_permission(**overrides: Any) -> Permission:
    return Permission(**({"name": f"reports:{tag()}", "resource": "reports", "action": "read"} | overrides))


def make_audit_log(**overrides: Any) -> AuditLog:
    return AuditLog(**({"action": "user.login"} | overrides))


# profiles


def make_profile(**overrides: Any) -> UserProfile:
    return UserProfile(**({"user_id": uuid.uuid4()} | overrides))


def make_skill(**overrides: Any) -> Skill:
    return Skill(**({"name": f"Skill {tag()}"} | overrides))


def make_user_skill(skill: Skill, **overrides: Any) -> UserSkill:
    return UserSkill(**({"user_id": uuid.uuid4(), "skill_id": skill.id} | overrides))


def make_experience(**overrides: Any) -> Experience:
    values = {
        "user_id": uuid.uuid4(),
        "company_name": "Initech",
        "job_title": "Analyst",
        "start_date": date(2020, 1, 1),
    }
    return Experience(**(values | overrides))


def make_education(**overrides: Any) -> Education:
    return Education(**({"user_id": uuid.uuid4(), "institution_name": "ETH Zürich"} | overrides))


def make_certification(**overrides: Any) -> Certification:
    values = {"user_id": uuid.uuid4(), "name": "CKA", "issuing_organization": "CNCF"}
    return Certification(**(values | overrides))


def make_resume(**overrides: Any) -> Resume:
    values = {
        "user_id": uuid.uuid4(),
        "file_name": f"{uuid.uuid4()}.pdf",
        "original_file_name": "cv.pdf",
        "file_size": 48_213,
        "file_type": "application/pdf",
        "file_url": "/files/resumes/cv.pdf",
    }
    return Resume(**(values | overrides))


def make_assessment(skill: Skill, **overrides: Any) -> SkillAssessment:
    values = {
        "skill_id": skill.id,
        "name": "SQL fundamentals",
        "duration_minutes": 30,
        "question_count": 20,
        "passing_score": 70,
    }
    return SkillAssessment(**(values | overrides))


def make_result(assessment: SkillAssessment, **overrides: Any) -> AssessmentResult:
    values = {
        "user_id": uuid.uuid4(),
        "assessment_id": assessment.id,
        "score": 85,
        "started_at": datetime.now(UTC),
    }
    return AssessmentResult(**(values | overrides))


def make_connection(**overrides: Any) -> UserConnection:
    return UserConnection(**({"requester_id": uuid.uuid4(), "addressee_id": uuid.uuid4()} | overrides))


# jobs


def make_category(**overrides: Any) -> JobCategory:
    suffix = tag()
    return JobCategory(**({"name": f"Category {suffix}", "slug": f"category-{suffix}"} | overrides))


def make_job(**overrides: Any) -> Job:
    values: dict[str, Any] = {
        "employer_id": uuid.uuid4(),
        "title": "Backend Engineer",
        "slug": f"backend-engineer-{tag()}",
        "description": "Build and run our APIs.",
        "employment_type": EmploymentType.FULL_TIME,
    }
    return Job(**(values | overrides))


def make_application(job: Job, **overrides: Any) -> JobApplication:
    return JobApplication(**({"job_id": job.id, "applicant_id": uuid.uuid4()} | overrides))


def make_saved_job(job: Job, **overrides: Any) -> SavedJob:
    return SavedJob(**({"job_id": job.id, "user_id": uuid.uuid4()} | overrides))


def make_alert(**overrides: Any) -> JobSearchAlert:
    values = {"user_id": uuid.uuid4(), "name": "Remote Python", "search_criteria": {"q": "python"}}
    return JobSearchAlert(**(values | overrides))


def make_saved_search(**overrides: Any) -> SavedSearch:
    values = {"user_id": uuid.uuid4(), "name": "Berlin data", "search_params": {"q": "data"}}
    return SavedSearch(**(values | overrides))


# companies


def make_company(**overrides: Any) -> Company:
    suffix = tag()
    return Company(**({"name": f"Acme {suffix}", "slug": f"acme-{suffix}"} | overrides))


def make_employee(company: Company, **overrides: Any) -> CompanyEmployee:
    return CompanyEmployee(**({"company_id": company.id, "user_id": uuid.uuid4()} | overrides))


@dataclass(frozen=True)
class Team:
    """A stored company with one employer account per team role, for permission tables."""

    company: Company
    members: dict[TeamRole, Principal]

    @property
    def owner(self) -> Principal:
        return self.members[TeamRole.OWNER]

    @property
    def admin(self) -> Principal:
        return self.members[TeamRole.ADMIN]

    @property
    def recruiter(self) -> Principal:
        return self.members[TeamRole.RECRUITER]

    @property
    def hiring_manager(self) -> Principal:
        return self.members[TeamRole.HIRING_MANAGER]


def make_team(db: Session, **company: Any) -> Team:
    """A company and its team, flushed; members are principals with the employer role's permissions."""
    row = make_company(**company)
    add(db, row)
    members = {}
    for role in TeamRole:
        who = principal_with_role("employer", display_name=f"{role.value} of {row.name}")
        add(
            db,
            make_employee(
                row,
                user_id=who.user_id,
                team_role=role.value,
                **role_flags(role),
            ),
        )
        members[role] = who
    return Team(row, members)


def make_review(company: Company, **overrides: Any) -> CompanyReview:
    values = {
        "company_id": company.id,
        "reviewer_id": uuid.uuid4(),
        "overall_rating": 4,
        "title": "Good",
        "pros": "Team",
        "cons": "Pay",
    }
    return CompanyReview(**(values | overrides))


def make_photo(company: Company, **overrides: Any) -> CompanyPhoto:
    values = {
        "company_id": company.id,
        "uploaded_by": uuid.uuid4(),
        "file_name": "a1b2.jpg",
        "file_url": "/files/a1b2.jpg",
    }
    return CompanyPhoto(**(values | overrides))


# messaging


def make_conversation(**overrides: Any) -> Conversation:
    return Conversation(**({"created_by": uuid.uuid4()} | overrides))


def make_participant(conversation: Conversation, **overrides: Any) -> ConversationParticipant:
    return ConversationParticipant(
        **({"conversation_id": conversation.id, "user_id": uuid.uuid4()} | overrides)
    )


def make_message(conversation: Conversation, **overrides: Any) -> Message:
    values = {"conversation_id": conversation.id, "sender_id": uuid.uuid4(), "content": "Hello"}
    return Message(**(values | overrides))


# notifications


def make_template(**overrides: Any) -> NotificationTemplate:
    values = {
        "name": f"test_{tag()}.email",
        "type": Channel.EMAIL,
        "subject_template": "Hello {first_name}",
        "body_template": "Welcome, {first_name}.",
        "variables": ["first_name"],
    }
    return NotificationTemplate(**(values | overrides))


def make_notification(**overrides: Any) -> UserNotification:
    values = {
        "user_id": uuid.uuid4(),
        "type": "new_message",
        "title": "New message from Ada",
        "message": "Are you free on Friday?",
    }
    return UserNotification(**(values | overrides))


def make_preference(**overrides: Any) -> NotificationPreference:
    return NotificationPreference(**({"user_id": uuid.uuid4()} | overrides))


def make_delivery(notification: UserNotification, **overrides: Any) -> NotificationDeliveryLog:
    values = {
        "notification_id": notification.id,
        "delivery_type": Channel.EMAIL,
        "recipient": "ada@example.test",
    }
    return NotificationDeliveryLog(**(values | overrides))


# billing


def stripe_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex}"


def make_plan(**overrides: Any) -> SubscriptionPlan:
    values = {
        "name": "Team",
        "user_type": PlanAudience.EMPLOYER,
        "plan_type": PlanType.EMPLOYER_BASIC,
        "price_monthly": Decimal("49.00"),
        "price_yearly": Decimal("490.00"),
        "features": {"applicant_tracking": True},
    }
    return SubscriptionPlan(**(values | overrides))


def make_subscription(plan: SubscriptionPlan, **overrides: Any) -> UserSubscription:
    values = {"user_id": uuid.uuid4(), "plan_id": plan.id, "amount": Decimal("49.00")}
    return UserSubscription(**(values | overrides))


def make_transaction(**overrides: Any) -> PaymentTransaction:
    values = {
        "user_id": uuid.uuid4(),
        "transaction_type": TransactionType.JOB_POSTING,
        "amount": Decimal("25.00"),
    }
    return PaymentTransaction(**(values | overrides))


def make_saga(**overrides: Any) -> SagaInstance:
    values = {
        "saga_type": "feature_job",
        "saga_data": {"job_id": str(uuid.uuid4())},
        "current_step": "charge",
        "correlation_id": uuid.uuid4(),
    }
    return SagaInstance(**(values | overrides))
