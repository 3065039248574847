"""Which employers a resume was sent to: the jobs side of the resume download rule.

The profiles context owns resumes and decides who may read one; that a team may read a
seeker's resume comes from here, since only the jobs schema knows which applications carried
which resume. A withdrawn application no longer shares it: the seeker took it back.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import exists, select
from sqlmodel import Session

from jobhub.jobs.models import ApplicationStatus, Job, JobApplication


def resume_shared_with(db: Session, resume_id: uuid.UUID, company_ids: Collection[uuid.UUID]) -> bool:
    """Whether an application with this very resume went to a job of one of ``company_ids``."""
    if not company_ids:
        return False
    return bool(
        db.scalar(
            select(
                exists().where(
                    JobApplication.resume_id == resume_id,
                    JobApplication.status != ApplicationStatus.WITHDRAWN,
                    Job.id == JobApplication.job_id,
                    Job.company_id.in_(list(company_ids)),
                )
            )
        )
    )
