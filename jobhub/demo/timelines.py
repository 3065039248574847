"""Timelines for the demo's applications, so the tracker and the pipeline tell a story.

Each application gets the steps that lead to its status (applied, moved, offer, decision),
a day or so apart and never in the future; the first team step is its ``first_response_at``.
Offers carry a salary, a start date and an expiry a week out (pending ones can be answered on
the tracker); interviewing candidates have an interview. Applications still ``applied`` for
more than 21 days show the "No response" badge, as the issue asks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

from jobhub.demo.rows import demo_id
from jobhub.jobs.application_models import ActorKind, ApplicationEventKind, InterviewStatus
from jobhub.jobs.models import ApplicationStatus as S
from jobhub.jobs.models import OfferStatus

K = ApplicationEventKind
PATHS: Final[dict[S, tuple[tuple[K, S | None], ...]]] = {
    S.APPLIED: (),
    S.SCREENING: ((K.MOVED, S.SCREENING),),
    S.INTERVIEWING: ((K.MOVED, S.SCREENING), (K.MOVED, S.INTERVIEWING)),
    S.OFFERED: ((K.MOVED, S.SCREENING), (K.MOVED, S.INTERVIEWING), (K.OFFER_MADE, S.OFFERED)),
    S.HIRED: ((K.MOVED, S.INTERVIEWING), (K.OFFER_MADE, S.OFFERED), (K.OFFER_ACCEPTED, S.HIRED)),
    S.REJECTED: ((K.MOVED, S.SCREENING), (K.REJECTED, S.REJECTED)),
    S.WITHDRAWN: ((K.WITHDRAWN, S.WITHDRAWN),),
}
SEEKER_STEPS: Final = frozenset({K.OFFER_ACCEPTED, K.WITHDRAWN})
KIND_MESSAGE: Final = (
    "Thank you for your time. We went with a candidate whose experience matched more closely."
)


@dataclass
class TimelineRows:
    steps: list[dict[str, Any]] = field(default_factory=list)
    interviews: list[dict[str, Any]] = field(default_factory=list)


def _details(kind: K) -> dict[str, str] | None:
    if kind == K.REJECTED:
        return {"message": KIND_MESSAGE}
    if kind == K.WITHDRAWN:
        return {"reason": "I accepted another offer."}
    return None


def _step(
    application: dict[str, Any],
    team: uuid.UUID,
    n: int,
    kind: K,
    moved: tuple[str | None, str | None],
    at: datetime,
) -> dict[str, Any]:
    seeker = kind in SEEKER_STEPS or kind == K.APPLIED
    before, after = moved
    return {
        "id": demo_id("application-step", f"{application['id']}:{n}"),
        "application_id": application["id"],
        "kind": kind.value,
        "from_status": before,
        "to_status": after,
        "actor_id": application["applicant_id"] if seeker else team,
        "actor_kind": (ActorKind.SEEKER if seeker else ActorKind.EMPLOYER).value,
        "visible_to_seeker": True,
        "details": _details(kind),
        "created_at": at,
    }


def _offer(application: dict[str, Any], status: S, made: datetime, now: datetime) -> None:
    """The offer's terms under the keys ``jobs.offers`` writes them, so both sides read them alike."""
    expires = now + timedelta(days=7) if status == S.OFFERED else made + timedelta(days=7)
    application["offer_details"] = {
        "amount": 72_000,
        "period": "yearly",
        "currency": "EUR",
        "start_date": (now + timedelta(days=45)).date().isoformat(),
        "expires_on": expires.date().isoformat(),
        "note": None,
    }
    application["offer_status"] = (OfferStatus.ACCEPTED if status == S.HIRED else OfferStatus.PENDING).value
    application["offer_expires_at"] = expires


def application_timelines(
    applications: list[dict[str, Any]], posters: dict[uuid.UUID, uuid.UUID], now: datetime
) -> TimelineRows:
    """The steps and interviews of every application; fills in its response, offer and withdrawal fields.

    ``posters`` maps a job id to its poster, who stands for the team in the demo's steps."""
    rows = TimelineRows()
    for application in applications:
        status = S(application["status"])
        applied: datetime = application["applied_at"]
        gap = min(timedelta(days=1), (now - applied) / (len(PATHS[status]) + 1))
        team = posters[application["job_id"]]
        rows.steps.append(_step(application, team, 0, K.APPLIED, (None, None), applied))
        current, at = S.APPLIED.value, applied
        for n, (kind, target) in enumerate(PATHS[status], start=1):
            at = applied + gap * n
            rows.steps.append(
                _step(application, team, n, kind, (current, target.value if target else None), at)
            )
            if kind not in SEEKER_STEPS:
                application.setdefault("first_response_at", at)
            if kind == K.OFFER_MADE:
                _offer(application, status, at, now)
            current = target.value if target else current
        application.setdefault("first_response_at", None)
        application.setdefault("offer_details", None)
        application.setdefault("offer_status", None)
        application.setdefault("offer_expires_at", None)
        application["status_updated_at"] = at
        application["withdrawal_reason"] = "I accepted another offer." if status == S.WITHDRAWN else None
        if status == S.INTERVIEWING:
            starts = (now + timedelta(days=3)).replace(hour=14, minute=0, second=0, microsecond=0)
            rows.interviews.append(
                {
                    "id": demo_id("application-interview", application["id"]),
                    "application_id": application["id"],
                    "scheduled_by": team,
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=1),
                    "location": "Video call",
                    "meeting_url": "https://meet.example.test/jobhub-demo",
                    "status": InterviewStatus.SCHEDULED.value,
                }
            )
    return rows
