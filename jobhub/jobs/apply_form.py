"""What the apply page needs: the job, its questions with their keys, the seeker's resumes, and
whether they applied already; and the page's form read into what ``submit_application`` takes.

The form sends ``resume`` (a resume id, or ``none``), ``cover_letter`` and one
``answer__<key>`` field per question. Nothing here trusts those values: the service checks the
resume's owner and every answer against the posting.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.jobs.application_tracker import day_label
from jobhub.jobs.applications import JOB_NOT_OPEN, application_for_job, company_name_of, open_job
from jobhub.jobs.models import Job
from jobhub.jobs.screening_answers import keyed_questions
from jobhub.jobs.screening_questions import QUESTION_TYPE_LABELS
from jobhub.platform.errors import Invalid, NotFound
from jobhub.profiles.resume_read import resume_choices

ANSWER_PREFIX: Final = "answer__"
NO_RESUME: Final = "none"


@dataclass(frozen=True)
class QuestionField:
    key: str
    question: str
    type: str
    type_label: str
    choices: list[str]
    required: bool


@dataclass(frozen=True)
class ResumeOption:
    id: str
    label: str


@dataclass(frozen=True)
class ApplyForm:
    job_id: str
    slug: str
    title: str
    company_name: str
    questions: list[QuestionField] = field(default_factory=list)
    resumes: list[ResumeOption] = field(default_factory=list)
    default_resume: str = NO_RESUME
    applied_id: str = ""
    applied_on: str = ""


@dataclass(frozen=True)
class ApplyInput:
    resume_id: uuid.UUID | None
    cover_letter: str
    answers: dict[str, str]


def apply_form(db: Session, who: Principal, slug: str, now: datetime | None = None) -> ApplyForm:
    """The form for the open job at ``slug``; ``NotFound``/``Conflict`` when it takes no applications here."""
    moment = now or datetime.now(UTC)
    job_id = db.execute(select(Job.id).where(Job.slug == slug)).scalar_one_or_none() if slug else None
    if job_id is None:
        raise NotFound(JOB_NOT_OPEN)
    job = open_job(db, job_id, moment)
    mine = application_for_job(db, who, job.id)
    resumes = resume_choices(db, who.user_id)
    default = next((r.id for r in resumes if r.is_default), resumes[0].id if resumes else NO_RESUME)
    return ApplyForm(
        job_id=str(job.id),
        slug=job.slug,
        title=job.title,
        company_name=company_name_of(db, job),
        questions=[
            QuestionField(
                key=k.key,
                question=k.question.question,
                type=k.question.type.value,
                type_label=QUESTION_TYPE_LABELS[k.question.type],
                choices=list(k.question.choices),
                required=k.question.required,
            )
            for k in keyed_questions(job.screening_questions)
        ],
        resumes=[ResumeOption(r.id, f"{r.name}{' (default)' if r.is_default else ''}") for r in resumes],
        default_resume=default,
        applied_id=str(mine.id) if mine else "",
        applied_on=day_label(mine.applied_at) if mine else "",
    )


def read_apply_form(form_data: Mapping[str, object]) -> ApplyInput:
    """The browser's form as service arguments; a resume that is not an id is ``Invalid``."""
    raw = str(form_data.get("resume") or NO_RESUME).strip()
    resume_id = None
    if raw != NO_RESUME:
        try:
            resume_id = uuid.UUID(raw)
        except ValueError as exc:
            raise Invalid("resume", "Choose one of your own resumes.") from exc
    answers = {
        str(name)[len(ANSWER_PREFIX) :]: str(value)
        for name, value in form_data.items()
        if str(name).startswith(ANSWER_PREFIX) and value is not None
    }
    return ApplyInput(resume_id, str(form_data.get("cover_letter") or ""), answers)
