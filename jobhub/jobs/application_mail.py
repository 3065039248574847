"""What the people around an application hear of it: the seeker's mail, the team's bell.

The seeker's confirmation comes from the notification template ``application_submitted.email``
when the reference data has one, else from the text here (same placeholders). It is built in
the applying transaction (the address is read there) and sent by the caller after commit, so a
rolled-back application never mails. The team hears through in-app notifications, one per
member whose role lets them see applicants, found through ``team_access``.
"""

from __future__ import annotations

import uuid
from typing import Final

from sqlmodel import Session

from jobhub.auth.recipients import mail_recipients
from jobhub.companies.team_access import TeamAction, member_ids_allowed
from jobhub.jobs.models import Job
from jobhub.notifications.service import notify
from jobhub.platform import mail
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

TEMPLATE: Final = "application_submitted"
SUBJECT: Final = "You applied to {job_title}"
TEXT: Final = (
    "Hi {first_name},\n\nYour application to {job_title} at {company_name} is in. The team has been "
    "told, and you will see every step they take on your tracker:\n\n{application_url}\n\n"
    "If nobody answers within 21 days, the tracker says so, and it counts against the company's "
    "response figure.\n\n\u2014 The JobHub team"
)


def site_url(path: str) -> str:
    return f"{get_settings().public_url.rstrip('/')}{path}"


def application_path(application_id: uuid.UUID | str) -> str:
    return f"{nav.APPLICATIONS}/{application_id}"


def pipeline_path(job_id: uuid.UUID) -> str:
    return f"{nav.EMPLOYER_JOBS}/{job_id}/pipeline"


def confirmation_mail(
    db: Session, user_id: uuid.UUID, application_id: uuid.UUID, job_title: str, company_name: str
) -> mail.Message | None:
    """The seeker's confirmation, or ``None`` when their account cannot be mailed."""
    recipient = mail_recipients(db, [user_id]).get(user_id)
    if recipient is None:
        return None
    values = {
        "first_name": recipient.first_name or "there",
        "job_title": job_title,
        "company_name": company_name or "the company",
        "application_url": site_url(application_path(application_id)),
    }
    return mail.from_template(
        db, TEMPLATE, recipient.email, values, fallback_subject=SUBJECT, fallback_text=TEXT
    )


def team_of(db: Session, job: Job) -> list[uuid.UUID]:
    """Who hears about the job's candidates: its company's team, or the poster of a job without one."""
    if job.company_id is None:
        return [job.employer_id]
    return member_ids_allowed(db, job.company_id, TeamAction.VIEW_APPLICANTS) or [job.employer_id]


def tell_team(db: Session, job: Job, kind: str, title: str, message: str) -> list[uuid.UUID]:
    """One in-app notification per member; the ids of those who got one."""
    told = []
    for member in team_of(db, job):
        if notify(db, member, kind, title, message, pipeline_path(job.id)) is not None:
            told.append(member)
    return told
