"""Writing job postings: drafts, edits, copies and deleting a draft.

Every write goes through ``team_access.require_team(..., TeamAction.POST_JOBS)`` for the
company on the stored row (``posting_scope``); a new draft belongs to the company the member
acts for, checked the same way. The poster (``employer_id``) is the member who created it.
Each write calls ``refresh_search_fields`` before flushing, so a published posting is in
search the moment its transaction commits, and emits ``job.created`` / ``job.updated``.
The status changes (publish, pause, close, reopen) are in ``posting_lifecycle``.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.companies.team_access import TeamAction, require_team
from jobhub.jobs.models import Job, JobCategory, JobStatus
from jobhub.jobs.posting_form import TITLE_MAX, F, PostingInput, PostingInvalid, parse_posting
from jobhub.jobs.posting_rules import Dates, date_problems, day_end, expiry_day, listing_problems
from jobhub.jobs.posting_scope import PostingView, emit_job_event, posting_in_scope, posting_view
from jobhub.jobs.search_document import refresh_search_fields
from jobhub.platform.errors import Conflict
from jobhub.platform.event_types import JOB_CREATED, JOB_DELETED, JOB_UPDATED
from jobhub.profiles import service as profiles

SLUG_WORDS_MAX: Final = 80
COPY_PREFIX: Final = "Copy of "
PUBLIC_STATUSES: Final = frozenset({JobStatus.PUBLISHED, JobStatus.PAUSED})
REMOVED_MESSAGE: Final = "Moderators removed this job, so it cannot be changed."
ONLY_DRAFTS: Final = (
    "Only drafts can be deleted. Close a published job instead: applicants are told it is filled."
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _slug_words(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")[:SLUG_WORDS_MAX].rstrip("-") or "job"


def unique_slug(db: Session, title: str) -> str:
    """``senior-data-engineer-3f9a2c``: readable, and unique however many jobs share a title."""
    words = _slug_words(title)
    while True:
        slug = f"{words}-{uuid.uuid4().hex[:6]}"
        if db.execute(select(Job.id).where(Job.slug == slug)).first() is None:
            return slug


def _check_references(db: Session, values: PostingInput) -> None:
    """The category and the skills named by id exist (the form only offers those that do)."""
    problems: dict[str, str] = {}
    if values.category_id is not None:
        category = db.get(JobCategory, values.category_id)
        if category is None or not category.is_active:
            problems[F.CATEGORY] = "Choose a category from the list."
    known = profiles.skill_names(db, [*values.required_skills, *values.preferred_skills])
    for name, skills in (
        (F.REQUIRED_SKILLS, values.required_skills),
        (F.PREFERRED_SKILLS, values.preferred_skills),
    ):
        if any(skill not in known for skill in skills):
            problems[name] = "A skill is no longer in the list; pick it again."
    if problems:
        raise PostingInvalid(problems)


def _new_expiry(job: Job, values: PostingInput) -> datetime | None:
    """The expiry the form asks for. The day already shown keeps its exact moment, and a public
    posting whose expiry field was emptied keeps the one it has (a public job always expires)."""
    if job.expires_at is not None and values.expires_on == expiry_day(job.expires_at):
        return job.expires_at
    if values.expires_on is None:
        return job.expires_at if job.status in PUBLIC_STATUSES else None
    return day_end(values.expires_on)


def _check(job: Job, values: PostingInput, expires_at: datetime | None, now: datetime) -> None:
    deadline_changed = values.application_deadline != job.application_deadline
    problems = date_problems(
        Dates(values.application_deadline, expires_at),
        now,
        check_deadline=deadline_changed,
        check_expiry=deadline_changed or expires_at != job.expires_at,
    )
    if job.status in PUBLIC_STATUSES:
        problems = listing_problems(values) | problems
    if problems:
        raise PostingInvalid(problems)


def apply_values(job: Job, values: PostingInput, expires_at: datetime | None) -> None:
    """Copy the checked values onto the row (the caller checked them against its status first)."""
    if values.location != job.location:
        job.latitude = job.longitude = None
    if job.expires_at is not None and expires_at is not None and expires_at > job.expires_at:
        job.expiry_warned_at = None
    job.title, job.description, job.category_id = values.title, values.description, values.category_id
    job.employment_type = values.employment_type
    job.experience_level, job.remote_policy = values.experience_level, values.remote_policy
    job.location = values.location
    job.salary_min, job.salary_max = values.salary_min, values.salary_max
    job.salary_currency, job.salary_period = values.salary_currency, values.salary_period
    job.show_salary = values.show_salary
    job.required_skills = list(values.required_skills) or None
    job.preferred_skills = list(values.preferred_skills) or None
    job.requirements, job.responsibilities = values.requirements, values.responsibilities
    job.benefits = values.benefits
    job.screening_questions = [q.as_json() for q in values.screening_questions] or None
    job.application_deadline, job.expires_at = values.application_deadline, expires_at
    job.external_application_url = values.external_application_url


def _save(db: Session, job: Job) -> None:
    refresh_search_fields(db, job)
    db.add(job)
    db.flush()


def create_draft(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    form: Mapping[str, Any],
    *,
    now: datetime | None = None,
) -> PostingView:
    """A new draft of ``company_id``'s, posted by ``who``; nothing is public until it is published."""
    moment = now or datetime.now(UTC)
    member = require_team(db, who, company_id, TeamAction.POST_JOBS)
    values = parse_posting(form)
    _check_references(db, values)
    job = Job(
        employer_id=member.user_id,
        company_id=company_id,
        title=values.title,
        slug=unique_slug(db, values.title),
        description=values.description,
        employment_type=values.employment_type,
        status=JobStatus.DRAFT,
    )
    expires_at = _new_expiry(job, values)
    _check(job, values, expires_at, moment)
    apply_values(job, values, expires_at)
    _save(db, job)
    emit_job_event(db, job, JOB_CREATED, member.user_id)
    return posting_view(job, moment)


def update_posting(
    db: Session,
    who: Principal | None,
    job_id: uuid.UUID,
    form: Mapping[str, Any],
    *,
    now: datetime | None = None,
) -> PostingView:
    """Replace every employer-set field of the posting. A public posting must keep saying its pay
    (and the rest of what publishing needs); a draft's slug follows its title until first published."""
    moment = now or datetime.now(UTC)
    job, member = posting_in_scope(db, who, job_id, TeamAction.POST_JOBS, lock=True)
    if job.status == JobStatus.REMOVED:
        raise Conflict(REMOVED_MESSAGE)
    values = parse_posting(form)
    _check_references(db, values)
    expires_at = _new_expiry(job, values)
    _check(job, values, expires_at, moment)
    retitled = values.title != job.title
    apply_values(job, values, expires_at)
    if retitled and job.published_at is None:
        job.slug = unique_slug(db, job.title)
    _save(db, job)
    emit_job_event(db, job, JOB_UPDATED, member.user_id)
    return posting_view(job, moment)


COPIED_FIELDS: Final = (
    "category_id", "employment_type", "experience_level", "location", "latitude", "longitude",
    "remote_policy", "salary_min", "salary_max", "salary_currency", "salary_period", "show_salary",
    "required_skills", "preferred_skills", "description", "requirements", "responsibilities",
    "benefits", "screening_questions", "external_application_url", "application_instructions",
)  # fmt: skip
"""What a copy takes over: the posting's content, never its dates, counters, status or slug."""


def copy_posting(
    db: Session, who: Principal | None, job_id: uuid.UUID, *, now: datetime | None = None
) -> PostingView:
    """A new draft "Copy of <title>" with the same content, posted by ``who``: a start for a similar role."""
    moment = now or datetime.now(UTC)
    source, member = posting_in_scope(db, who, job_id, TeamAction.POST_JOBS)
    title = f"{COPY_PREFIX}{source.title}"[:TITLE_MAX].rstrip()
    job = Job(
        employer_id=member.user_id,
        company_id=source.company_id,
        title=title,
        slug=unique_slug(db, title),
        status=JobStatus.DRAFT,
        **{name: getattr(source, name) for name in COPIED_FIELDS},
    )
    _save(db, job)
    emit_job_event(db, job, JOB_CREATED, member.user_id, copied_from=str(source.id))
    return posting_view(job, moment)


def delete_draft(
    db: Session, who: Principal | None, job_id: uuid.UUID, *, now: datetime | None = None
) -> None:
    """Soft-delete a draft; anything that was ever public is closed instead, so its history stays."""
    moment = now or datetime.now(UTC)
    job, member = posting_in_scope(db, who, job_id, TeamAction.POST_JOBS, lock=True)
    if job.status != JobStatus.DRAFT:
        raise Conflict(ONLY_DRAFTS)
    job.deleted_at = moment
    db.add(job)
    db.flush()
    emit_job_event(db, job, JOB_DELETED, member.user_id)
