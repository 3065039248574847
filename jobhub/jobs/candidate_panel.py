"""Everything the candidate panel shows a team member about one application, in one call.

Opening the panel is the team *viewing* the application: the first time, ``viewed_at`` is set
and a ``viewed`` step goes on the seeker's timeline (once, whoever opens it). The profile is
shown as the profiles context's visibility rule allows for a company the seeker applied to
(a private profile shows only what the application carries). Notes and ratings are the
team's: they are read here for team members only, and each note says whether the viewer
wrote it (only the author edits or deletes).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.people import people_by_id
from jobhub.auth.principal import Principal
from jobhub.companies.team_access import TeamAction
from jobhub.jobs.application_models import (
    ActorKind,
    ApplicationEvent,
    ApplicationEventKind,
    ApplicationNote,
    ApplicationRating,
)
from jobhub.jobs.application_rules import STAGE_LABELS
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.candidate_cards import UNKNOWN_NAME, rating_text, team_moves
from jobhub.jobs.interviews import InterviewView, interviews_of
from jobhub.jobs.models import JobApplication
from jobhub.jobs.offers import OfferView, offer_view
from jobhub.jobs.pipeline_scope import application_in_scope
from jobhub.profiles import resumes
from jobhub.profiles import service as profiles
from jobhub.profiles.applicant_cards import applicant_cards, resume_name
from jobhub.profiles.profile_view import ShownEntry, load_profile

TEAM_MEMBER: Final = "A team member"
STEP_LABELS: Final[dict[str, str]] = {
    ApplicationEventKind.APPLIED: "Applied",
    ApplicationEventKind.VIEWED: "Viewed by the team",
    ApplicationEventKind.MOVED: "Moved",
    ApplicationEventKind.INTERVIEW_SCHEDULED: "Interview set",
    ApplicationEventKind.INTERVIEW_CANCELLED: "Interview cancelled",
    ApplicationEventKind.OFFER_MADE: "Offer made",
    ApplicationEventKind.OFFER_ACCEPTED: "Offer accepted",
    ApplicationEventKind.OFFER_DECLINED: "Offer declined",
    ApplicationEventKind.REJECTED: "Rejected",
    ApplicationEventKind.WITHDRAWN: "Withdrawn",
}


@dataclass(frozen=True)
class NoteView:
    id: str
    author: str
    body: str
    written: str
    mine: bool


@dataclass(frozen=True)
class RatingView:
    rater: str
    rating: int
    mine: bool


@dataclass(frozen=True)
class AnswerView:
    question: str
    answer: str


@dataclass(frozen=True)
class StepView:
    label: str
    detail: str
    when: str
    seen_by_seeker: bool


@dataclass(frozen=True)
class CandidatePanel:
    id: str
    name: str
    email: str
    stage: str
    stage_label: str
    moves: tuple[str, ...]
    profile_visible: bool
    headline: str
    skills: tuple[str, ...]
    summary: str
    location: str
    experience: tuple[ShownEntry, ...]
    education: tuple[ShownEntry, ...]
    certifications: tuple[ShownEntry, ...]
    resume_name: str
    resume_download_url: str
    resume_preview_url: str
    cover_letter: str
    answers: tuple[AnswerView, ...]
    notes: tuple[NoteView, ...]
    ratings: tuple[RatingView, ...]
    my_rating: int
    mean_rating: str
    interviews: tuple[InterviewView, ...]
    offer: OfferView | None
    timeline: tuple[StepView, ...]
    can_offer: bool


def _answer_text(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def screening_answers(
    questions: list[dict[str, Any]] | None, answers: dict[str, Any] | None
) -> list[AnswerView]:
    """Each question of the posting with the answer given, matched by position or by text,
    then any answer to a question the posting no longer asks."""
    given = dict(answers or {})
    shown = []
    for index, question in enumerate(questions or []):
        text = str(question.get("question", ""))
        value = given.pop(str(index), given.pop(text, None))
        shown.append(AnswerView(text, _answer_text(value) if value not in (None, "") else "No answer"))
    shown.extend(AnswerView(str(key), _answer_text(value)) for key, value in given.items())
    return shown


def _step_detail(step: ApplicationEvent) -> str:
    if step.kind == ApplicationEventKind.MOVED and step.to_status:
        return f"{STAGE_LABELS.get(step.from_status or '', '?')} → {STAGE_LABELS[step.to_status]}"
    details = step.details or {}
    if "starts_at" in details:
        return str(details["starts_at"]).replace("T", " ")[:16] + " UTC"
    return ""


def mark_viewed(db: Session, who: Principal, application: JobApplication, now: datetime) -> None:
    """The first team view of the application: ``viewed_at`` and a ``viewed`` step, once."""
    if application.viewed_at is None:
        application.viewed_at = now
        record_step(db, application, ApplicationEventKind.VIEWED, who, ActorKind.EMPLOYER, now=now)
        db.flush()


def load_candidate(
    db: Session, who: Principal | None, application_id: uuid.UUID, *, now: datetime | None = None
) -> CandidatePanel:
    moment = now or datetime.now(UTC)
    application, job, member = application_in_scope(db, who, application_id, TeamAction.VIEW_APPLICANTS)
    assert who is not None
    mark_viewed(db, who, application, moment)
    notes = list(
        db.scalars(
            select(ApplicationNote)
            .where(ApplicationNote.application_id == application.id)
            .order_by(ApplicationNote.created_at.desc())
        )
    )
    ratings = list(
        db.scalars(select(ApplicationRating).where(ApplicationRating.application_id == application.id))
    )
    steps = list(
        db.scalars(
            select(ApplicationEvent)
            .where(ApplicationEvent.application_id == application.id)
            .order_by(ApplicationEvent.created_at, ApplicationEvent.id)
        )
    )
    people = people_by_id(
        db, [application.applicant_id, *(n.author_id for n in notes), *(r.rater_id for r in ratings)]
    )
    person = people.get(application.applicant_id)
    card = applicant_cards(db, who, [application.applicant_id], shared_by_application=True)[
        application.applicant_id
    ]
    skill_names = profiles.skill_names(db, card.skill_ids)
    mine = next((r.rating for r in ratings if r.rater_id == member.user_id), 0)
    mean = sum(r.rating for r in ratings) / len(ratings) if ratings else None
    sent_resume = resume_name(db, application.resume_id, application.applicant_id)
    shown = load_profile(db, who, application.applicant_id, shared_by_application=True)
    return CandidatePanel(
        id=str(application.id),
        name=person.display_name if person else UNKNOWN_NAME,
        email=person.email if person else "",
        stage=application.status,
        stage_label=STAGE_LABELS[application.status],
        moves=team_moves(application.status),
        profile_visible=card.visible,
        headline=card.headline,
        skills=tuple(sorted(skill_names.values(), key=str.lower)),
        summary=shown.summary if shown else "",
        location=shown.location if shown else "",
        experience=shown.experience if shown else (),
        education=shown.education if shown else (),
        certifications=shown.certifications if shown else (),
        resume_name=sent_resume,
        resume_download_url=resumes.download_path(application.resume_id) if sent_resume else "",
        resume_preview_url=resumes.preview_path(application.resume_id) if sent_resume else "",
        cover_letter=application.cover_letter or "",
        answers=tuple(screening_answers(job.screening_questions, application.screening_answers)),
        notes=tuple(
            NoteView(
                str(n.id),
                people[n.author_id].display_name if n.author_id in people else TEAM_MEMBER,
                n.body,
                f"{n.created_at:%d %b %Y %H:%M}",
                n.author_id == member.user_id,
            )
            for n in notes
        ),
        ratings=tuple(
            RatingView(
                people[r.rater_id].display_name if r.rater_id in people else TEAM_MEMBER,
                r.rating,
                r.rater_id == member.user_id,
            )
            for r in ratings
        ),
        my_rating=mine,
        mean_rating=rating_text(mean),
        interviews=tuple(interviews_of(db, application.id)),
        offer=offer_view(application),
        timeline=tuple(
            StepView(
                STEP_LABELS[s.kind], _step_detail(s), f"{s.created_at:%d %b %Y %H:%M}", s.visible_to_seeker
            )
            for s in steps
        ),
        can_offer=member.may(TeamAction.MAKE_OFFERS),
    )
