"""Every change of an application goes through here: the timeline row, the status, the event.

The seeker's tracker, the candidate panel and the ClickHouse funnel all read what these
functions write, so a step can never be on one and missing from another. The stage rules are
:mod:`application_rules`; the permission checks stay with the callers (the seeker's services
check ownership, the team's ``team_access.require_team``), which pass the acting principal.
The first step a team takes (anything but a view) sets ``first_response_at``: the response
time the tracker and the company page show, and what ends the 21-day "no response" clock.
The event names the job's employer and company, which the ClickHouse funnel needs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.jobs.application_models import ActorKind, ApplicationEvent, ApplicationEventKind
from jobhub.jobs.models import SCHEMA, ApplicationStatus, Job, JobApplication
from jobhub.platform import event_types as et
from jobhub.platform.events import emit

EVENT_TYPES: dict[ApplicationEventKind, str] = {
    ApplicationEventKind.APPLIED: et.APPLICATION_SUBMITTED,
    ApplicationEventKind.VIEWED: et.APPLICATION_VIEWED,
    ApplicationEventKind.MOVED: et.APPLICATION_MOVED,
    ApplicationEventKind.INTERVIEW_SCHEDULED: et.APPLICATION_INTERVIEW_SCHEDULED,
    ApplicationEventKind.INTERVIEW_CANCELLED: et.APPLICATION_INTERVIEW_CANCELLED,
    ApplicationEventKind.OFFER_MADE: et.APPLICATION_OFFER_MADE,
    ApplicationEventKind.OFFER_ACCEPTED: et.APPLICATION_OFFER_ACCEPTED,
    ApplicationEventKind.OFFER_DECLINED: et.APPLICATION_OFFER_DECLINED,
    ApplicationEventKind.REJECTED: et.APPLICATION_REJECTED,
    ApplicationEventKind.WITHDRAWN: et.APPLICATION_WITHDRAWN,
}


def record_step(
    db: Session,
    application: JobApplication,
    kind: ApplicationEventKind,
    actor: Principal | None,
    actor_kind: ActorKind,
    *,
    to_status: ApplicationStatus | None = None,
    visible_to_seeker: bool = True,
    details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> ApplicationEvent:
    """Append ``kind`` to the timeline, move the status when ``to_status`` is given, and emit.

    The caller has checked the rule and the permission; this writes, in the caller's
    transaction. ``details`` must be safe for the seeker when ``visible_to_seeker``.
    """
    now = now or datetime.now(UTC)
    from_status = application.status
    if to_status is not None and to_status != from_status:
        application.status = to_status
        application.status_updated_at = now
        application.status_updated_by = actor.user_id if actor else None
    if actor_kind == ActorKind.EMPLOYER and kind != ApplicationEventKind.VIEWED:
        application.first_response_at = application.first_response_at or now
    application.updated_at = now
    step = ApplicationEvent(
        application_id=application.id,
        kind=kind,
        from_status=from_status if to_status is not None else None,
        to_status=to_status,
        actor_id=actor.user_id if actor else None,
        actor_kind=actor_kind,
        visible_to_seeker=visible_to_seeker,
        details=details,
        created_at=now,
    )
    db.add(application)
    db.add(step)
    job = db.get(Job, application.job_id)
    emit(
        db,
        SCHEMA,
        "job_application",
        application.id,
        EVENT_TYPES[kind],
        {
            "job_id": str(application.job_id),
            "employer_id": str(job.employer_id) if job else None,
            "company_id": str(job.company_id) if job and job.company_id else None,
            "applicant_id": str(application.applicant_id),
            "from_status": step.from_status,
            "to_status": to_status,
            "actor_kind": actor_kind,
        },
        user_id=actor.user_id if actor else None,
    )
    return step
