"""Moving candidates through the pipeline, one or many at once, and rejecting them kindly.

Every application is looked up on its own (:func:`pipeline_scope.application_in_scope`,
locked), checked by ``application_rules.team_move``, written as a timeline step by
``application_steps.record_step`` (which emits the event) and audited. A bulk action applies
what it may and reports each refused id with its reason, in words safe to show; an id of
another company is refused exactly as one that does not exist.

Leaving ``offered`` changes an offer the company made, so it takes ``make_offers`` as well:
back to interviewing withdraws the offer, to hired records an acceptance given outside JobHub.
Rejecting goes through :func:`reject_candidates` (never a plain move), so the seeker always
gets a message; the reason stays with the team.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlmodel import Session

from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.companies.team_access import Membership, TeamAction, require_team
from jobhub.jobs.application_models import ActorKind, ApplicationEvent, ApplicationEventKind
from jobhub.jobs.application_rules import STAGE_LABELS, team_move
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.models import ApplicationStatus, Job, JobApplication, OfferStatus
from jobhub.jobs.pipeline_scope import (
    application_in_scope,
    application_uuid,
    audit_application,
    unique_ids,
)
from jobhub.jobs.rejection_messages import RejectionLetter, rejection_mail
from jobhub.platform.errors import Conflict, DomainError
from jobhub.platform.mail import Message

USE_REJECT: Final = "Use “Reject” to send the candidate a message with the decision."


@dataclass(frozen=True)
class RefusedMove:
    id: str
    reason: str


@dataclass(frozen=True)
class MoveReport:
    """What a (bulk) action did: the ids it moved and each refused id with why."""

    moved: tuple[str, ...]
    refused: tuple[RefusedMove, ...]
    mails: tuple[Message, ...] = ()

    @property
    def summary(self) -> str:
        done = f"{len(self.moved)} candidate{'s' if len(self.moved) != 1 else ''}"
        if not self.refused:
            return f"Moved {done}."
        return f"Moved {done}; {len(self.refused)} could not be moved: {self.refused[0].reason}"


def _leave_offer(
    db: Session, who: Principal, member: Membership, application: JobApplication, target: str, now: datetime
) -> None:
    """Moving out of ``offered`` settles the offer: a recruiter's decision, not a hiring manager's."""
    require_team(db, who, member.company_id, TeamAction.MAKE_OFFERS)
    if target == ApplicationStatus.INTERVIEWING:
        application.offer_status = OfferStatus.WITHDRAWN
    elif target == ApplicationStatus.HIRED:
        application.offer_status = OfferStatus.ACCEPTED
    application.offer_responded_at = now


def _move_one(
    db: Session,
    who: Principal,
    application_id: str,
    target: str,
    kind: ApplicationEventKind,
    context: RequestContext | None,
    now: datetime,
) -> tuple[JobApplication, Job, Membership, ApplicationEvent]:
    application, job, member = application_in_scope(
        db, who, application_uuid(application_id), TeamAction.MOVE_CANDIDATES, lock=True
    )
    there = team_move(application.status, target)
    if there == ApplicationStatus.REJECTED and kind != ApplicationEventKind.REJECTED:
        raise Conflict(USE_REJECT)
    previous = application.status
    if previous == ApplicationStatus.OFFERED:
        _leave_offer(db, who, member, application, there, now)
    step = record_step(db, application, kind, who, ActorKind.EMPLOYER, to_status=there, now=now)
    audit_application(
        db, AuditAction.APPLICATION_MOVED, member, application, context, {"from": previous, "to": there.value}
    )
    return application, job, member, step


def move_candidates(
    db: Session,
    who: Principal | None,
    application_ids: Sequence[object],
    target: str,
    *,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> MoveReport:
    """Move each application to ``target`` when the rules and the member's role allow it."""
    moment = now or datetime.now(UTC)
    if who is None:
        raise SignInRequired()
    if target not in STAGE_LABELS:
        raise Conflict("Choose a stage to move the candidates to.")
    moved, refused = [], []
    for application_id in unique_ids(application_ids):
        try:
            with db.begin_nested():
                _move_one(db, who, application_id, target, ApplicationEventKind.MOVED, context, moment)
        except DomainError as exc:
            refused.append(RefusedMove(application_id, exc.message))
        else:
            moved.append(application_id)
    return MoveReport(tuple(moved), tuple(refused))


def reject_candidates(
    db: Session,
    who: Principal | None,
    application_ids: Sequence[object],
    letter: RejectionLetter,
    *,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> MoveReport:
    """Reject each application with ``letter``: its message goes to the seeker (mail and timeline),
    its reason only to ``rejection_reason`` and the audit log. Mails are returned, to send after commit."""
    moment = now or datetime.now(UTC)
    if who is None:
        raise SignInRequired()
    checked = letter.checked()
    moved, refused, mails = [], [], []
    for application_id in unique_ids(application_ids):
        try:
            with db.begin_nested():
                application, job, member, step = _move_one(
                    db,
                    who,
                    application_id,
                    ApplicationStatus.REJECTED,
                    ApplicationEventKind.REJECTED,
                    context,
                    moment,
                )
                application.rejection_reason = checked.reason or None
                mail, text = rejection_mail(db, application, job.title, member.company_name, checked)
                step.details = {"message": text}
        except DomainError as exc:
            refused.append(RefusedMove(application_id, exc.message))
        else:
            moved.append(application_id)
            if mail is not None:
                mails.append(mail)
    return MoveReport(tuple(moved), tuple(refused), tuple(mails))
