"""The jobs context's part of "export my data": applications, saved jobs, alerts, saved searches, views.

Jobs an employer posted are the company's listings, not personal data of the poster, and stay out.
An application's timeline goes with it as the seeker sees it on the tracker: only the steps
visible to them, without who of the team acted; team notes and ratings never.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from jobhub.jobs.application_models import ApplicationEvent
from jobhub.jobs.models import JobApplication, JobSearchAlert, JobView, SavedJob, SavedSearch
from jobhub.platform.data_export import rows


def export_user_data(db: Session, user_id: uuid.UUID) -> dict[str, Any]:
    return {
        # Employer-side fields (notes, ratings) of an application are the employer's, not the applicant's.
        "applications": rows(
            db.scalars(select(JobApplication).where(JobApplication.applicant_id == user_id)),
            exclude=("notes", "rating", "status_updated_by"),
        ),
        "application_timeline": rows(
            db.scalars(
                select(ApplicationEvent)
                .join(JobApplication, JobApplication.id == ApplicationEvent.application_id)
                .where(JobApplication.applicant_id == user_id, ApplicationEvent.visible_to_seeker.is_(True))
                .order_by(ApplicationEvent.created_at, ApplicationEvent.id)
            ),
            exclude=("actor_id", "visible_to_seeker"),
        ),
        "saved_jobs": rows(db.scalars(select(SavedJob).where(SavedJob.user_id == user_id))),
        "alerts": rows(db.scalars(select(JobSearchAlert).where(JobSearchAlert.user_id == user_id))),
        "saved_searches": rows(db.scalars(select(SavedSearch).where(SavedSearch.user_id == user_id))),
        "job_views": rows(db.scalars(select(JobView).where(JobView.viewer_id == user_id))),
    }
