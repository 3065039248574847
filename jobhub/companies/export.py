"""The companies context's part of "export my data": team memberships, reviews written, photos uploaded.

Moderators' notes on a review are the platform's working notes, not the reviewer's data.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from jobhub.companies.models import Company, CompanyEmployee, CompanyPhoto, CompanyReview
from jobhub.platform.data_export import json_value, row_dict, rows


def export_user_data(db: Session, user_id: uuid.UUID) -> dict[str, Any]:
    memberships = db.execute(
        select(CompanyEmployee, Company.name)
        .join(Company, Company.id == CompanyEmployee.company_id)
        .where(CompanyEmployee.user_id == user_id)
    ).all()
    return {
        "memberships": [
            row_dict(member, exclude=("invitation_token", "invited_by")) | {"company": json_value(name)}
            for member, name in memberships
        ],
        "reviews_written": rows(
            db.scalars(select(CompanyReview).where(CompanyReview.reviewer_id == user_id)),
            exclude=("moderation_notes", "moderated_by"),
        ),
        "photos_uploaded": rows(
            db.scalars(select(CompanyPhoto).where(CompanyPhoto.uploaded_by == user_id)),
            exclude=("moderated_by", "moderation_notes"),
        ),
    }
