"""Which applications a team member may touch: the one door every pipeline service goes through.

An application belongs to a job, and the job to the company stored on its row. The browser
only ever names an application or job id; :func:`application_in_scope` loads the rows, then
asks ``team_access.require_team`` about *that* company. Another company's application and one
that does not exist give the same ``NotFound`` with the same words, so ids cannot be probed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import Final

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.audit import RequestContext, record
from jobhub.auth.authorization import SignInRequired
from jobhub.auth.models import AuditSeverity
from jobhub.auth.principal import Principal
from jobhub.companies.team_access import Membership, TeamAction, require_team
from jobhub.jobs.models import Job, JobApplication
from jobhub.jobs.posting_scope import posting_in_scope
from jobhub.platform.errors import NotFound

NO_SUCH_APPLICATION: Final = "That application does not exist or is not one of your company's."
UNSTORABLE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
BULK_MAX: Final = 200
"""The most applications one bulk action takes (a board page is 25 per column)."""


def storable(text: str) -> str:
    """Typed text without the control characters and lone surrogates PostgreSQL refuses to store."""
    return UNSTORABLE.sub("", text)


def application_uuid(value: object) -> uuid.UUID:
    """An id from the browser; anything that is not one is an application that does not exist."""
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound(NO_SUCH_APPLICATION) from exc


def application_in_scope(
    db: Session, who: Principal | None, application_id: uuid.UUID, action: TeamAction, *, lock: bool = False
) -> tuple[JobApplication, Job, Membership]:
    """The application, its job and the acting member, when ``who`` may do ``action`` to that company.

    ``lock`` takes the application row ``FOR UPDATE``, so two members moving one candidate
    at once run one after the other and the second sees where the first put them.
    """
    if who is None:
        raise SignInRequired()
    query = select(JobApplication, Job).join(Job, Job.id == JobApplication.job_id)
    query = query.where(JobApplication.id == application_id, Job.deleted_at.is_(None))
    row = db.execute(query.with_for_update(of=JobApplication) if lock else query).first()
    if row is None or row[1].company_id is None:
        raise NotFound(NO_SUCH_APPLICATION)
    application, job = row
    try:
        member = require_team(db, who, job.company_id, action)
    except NotFound:
        raise NotFound(NO_SUCH_APPLICATION) from None
    return application, job, member


def job_in_scope(
    db: Session, who: Principal | None, job_id: uuid.UUID, action: TeamAction
) -> tuple[Job, Membership]:
    """The job whose pipeline is shown, when ``who`` may do ``action`` to its company."""
    return posting_in_scope(db, who, job_id, action)


def unique_ids(values: Iterable[object]) -> list[str]:
    """The browser's list of ids, each once, in order, at most :data:`BULK_MAX`."""
    return list(dict.fromkeys(str(value) for value in values))[:BULK_MAX]


def audit_application(
    db: Session,
    action: str,
    member: Membership,
    application: JobApplication,
    context: RequestContext | None,
    details: dict[str, object],
) -> None:
    """One audit row per team change of an application, naming the company and the job."""
    record(
        db,
        action,
        AuditSeverity.INFO,
        context or RequestContext(),
        user_id=member.user_id,
        subject_id=application.id,
        resource="job_application",
        details={"company_id": str(member.company_id), "job_id": str(application.job_id), **details},
    )
