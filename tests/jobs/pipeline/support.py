"""What the pipeline tests share: a job of a team with applicants who have accounts and profiles."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session

from jobhub.jobs.models import ApplicationStatus, Job, JobApplication, JobStatus
from tests.factories import (
    Team,
    add,
    make_application,
    make_job,
    make_profile,
    make_skill,
    make_user,
    make_user_skill,
)

NOW = datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Applicant:
    application: JobApplication
    user_id: uuid.UUID
    email: str

    @property
    def id(self) -> uuid.UUID:
        return self.application.id


def team_job(db: Session, team: Team, **values: Any) -> Job:
    job = make_job(
        company_id=team.company.id, employer_id=team.owner.user_id, status=JobStatus.PUBLISHED, **values
    )
    add(db, job)
    return job


def applicant(
    db: Session,
    job: Job,
    *,
    status: str = ApplicationStatus.APPLIED,
    first_name: str = "Ada",
    last_name: str = "Lovelace",
    headline: str = "Engineer",
    visibility: str = "public",
    skills: tuple[uuid.UUID, ...] = (),
    days_ago: int = 0,
    **values: Any,
) -> Applicant:
    """A seeker with an account and a profile who applied to ``job``, now in ``status``."""
    user = make_user(first_name=first_name, last_name=last_name)
    add(db, user)
    add(db, make_profile(user_id=user.id, headline=headline, profile_visibility=visibility))
    for skill_id in skills:
        add(db, make_user_skill_for(user.id, skill_id))
    applied = NOW - timedelta(days=days_ago)
    row = make_application(
        job, applicant_id=user.id, status=status, applied_at=applied, status_updated_at=applied, **values
    )
    add(db, row)
    return Applicant(row, user.id, user.email)


def make_user_skill_for(user_id: uuid.UUID, skill_id: uuid.UUID) -> Any:
    skill = make_skill()
    skill.id = skill_id
    return make_user_skill(skill, user_id=user_id)


def skill(db: Session, name: str | None = None) -> uuid.UUID:
    row = make_skill(**({"name": name} if name else {}))
    add(db, row)
    return row.id
