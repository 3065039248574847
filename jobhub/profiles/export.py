"""The profiles context's part of "export my data": profile, skills, history, resumes (what each
file is and what was read from it, not its bytes), connections.

Every column of the profile is exported (handle, location, desired roles, open to work and the
completeness figure included); the ordered sections come in the order the owner gave them.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from jobhub.platform.data_export import json_value, row_dict, rows
from jobhub.profiles.models import (
    AssessmentResult,
    Certification,
    Education,
    Experience,
    Skill,
    UserConnection,
    UserProfile,
    UserSkill,
)
from jobhub.profiles.resumes import export_resumes


def _ordered(
    db: Session, model: type[Experience | Education | Certification], user_id: uuid.UUID
) -> list[Any]:
    return rows(
        db.scalars(select(model).where(model.user_id == user_id).order_by(model.position, model.created_at))
    )


def export_user_data(db: Session, user_id: uuid.UUID) -> dict[str, Any]:
    profile = db.scalars(select(UserProfile).where(UserProfile.user_id == user_id)).one_or_none()
    skills = db.execute(
        select(UserSkill, Skill.name)
        .join(Skill, Skill.id == UserSkill.skill_id)
        .where(UserSkill.user_id == user_id)
    ).all()
    return {
        "profile": row_dict(profile) if profile else None,
        "skills": [row_dict(skill) | {"skill": json_value(name)} for skill, name in skills],
        "experience": _ordered(db, Experience, user_id),
        "education": _ordered(db, Education, user_id),
        "certifications": _ordered(db, Certification, user_id),
        "resumes": export_resumes(db, user_id),
        "assessment_results": rows(
            db.scalars(select(AssessmentResult).where(AssessmentResult.user_id == user_id))
        ),
        "connections": rows(
            db.scalars(
                select(UserConnection).where(
                    or_(UserConnection.requester_id == user_id, UserConnection.addressee_id == user_id)
                )
            )
        ),
    }
