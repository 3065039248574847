"""What the job editor reads: a posting's form, the choices it offers, and the live preview.

Reading is for the whole team (``TeamAction.VIEW_EMPLOYER``): a hiring manager sees the
editor of their company's jobs, read-only (``can_edit``); the writes check ``POST_JOBS``
again. The preview is the job page's own view model (``job_detail.page_of``) built from what
is typed, before anything is saved, so the employer sees the posting exactly as seekers will.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.companies.team_access import TeamAction, require_team
from jobhub.jobs import geo
from jobhub.jobs.job_detail import JobPage, page_of
from jobhub.jobs.models import Job, JobCategory, JobStatus
from jobhub.jobs.posting_form import form_of, read_posting
from jobhub.jobs.posting_rules import day_end, expiry_day
from jobhub.jobs.posting_scope import PostingView, posting_in_scope, posting_view
from jobhub.jobs.postings import apply_values
from jobhub.jobs.salary import yearly_label
from jobhub.jobs.search_document import refresh_search_fields
from jobhub.jobs.service import salary_label
from jobhub.profiles import service as profiles

UNTITLED: Final = "Job title"
CATEGORY_SEPARATOR: Final = " \u203a "
NOT_ON_MAP: Final = (
    "We could not place this on the map, so searches by distance will miss it. Try \u201cCity, Country\u201d."
)


@dataclass(frozen=True)
class SkillChip:
    id: str
    name: str


@dataclass(frozen=True)
class PostingEditor:
    """A stored posting as the editor opens it: its form values, its skills by name, its status."""

    posting: PostingView
    form: dict[str, Any]
    required_skills: list[SkillChip]
    preferred_skills: list[SkillChip]
    can_edit: bool


@dataclass(frozen=True)
class CategoryChoice:
    id: str
    label: str


@dataclass(frozen=True)
class PayPreview:
    """The pay as the posting will state it, and as a yearly figure when it is not yearly."""

    stated: str
    yearly: str


def _chips(names: dict[uuid.UUID, str], ids: list[uuid.UUID] | None) -> list[SkillChip]:
    return [SkillChip(str(skill), names[skill]) for skill in ids or [] if skill in names]


def posting_for_edit(
    db: Session, who: Principal | None, job_id: uuid.UUID, *, now: datetime | None = None
) -> PostingEditor:
    moment = now or datetime.now(UTC)
    job, member = posting_in_scope(db, who, job_id, TeamAction.VIEW_EMPLOYER)
    names = profiles.skill_names(db, [*(job.required_skills or []), *(job.preferred_skills or [])])
    return PostingEditor(
        posting=posting_view(job, moment),
        form=form_of(job, expiry_day(job.expires_at) if job.expires_at else None),
        required_skills=_chips(names, job.required_skills),
        preferred_skills=_chips(names, job.preferred_skills),
        can_edit=member.may(TeamAction.POST_JOBS) and job.status != JobStatus.REMOVED,
    )


def category_choices(db: Session) -> list[CategoryChoice]:
    """Active categories, each under its parent (Software Engineering, then Backend Development)."""
    rows = db.scalars(
        select(JobCategory).where(JobCategory.is_active.is_(True)).order_by(JobCategory.sort_order)
    ).all()
    parents = {row.id: row.name for row in rows if row.parent_id is None}
    choices = [
        CategoryChoice(str(row.id), f"{parents[row.parent_id]}{CATEGORY_SEPARATOR}{row.name}")
        if row.parent_id in parents
        else CategoryChoice(str(row.id), row.name)
        for row in rows
    ]
    return sorted(choices, key=lambda choice: choice.label)


def skill_choices(db: Session, who: Principal | None, text: str) -> list[SkillChip]:
    """The skill picker's type-ahead: matching names of the shared taxonomy."""
    if who is None:
        raise SignInRequired()
    return [SkillChip(str(choice.id), choice.name) for choice in profiles.search_skills(db, text)]


def pay_preview(form: Mapping[str, Any]) -> PayPreview:
    """The editor's live pay line, from whatever of the salary fields reads so far."""
    values, _ = read_posting(form)
    low, high = values.salary_min, values.salary_max
    period = values.salary_period.value if values.salary_period else None
    return PayPreview(
        stated=salary_label(low, high, values.salary_currency, period),
        yearly=yearly_label(low, high, values.salary_currency, period),
    )


def preview_posting(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    form: Mapping[str, Any],
    job_id: uuid.UUID | None = None,
    *,
    now: datetime | None = None,
) -> JobPage:
    """The job page of the posting as typed, for ``company_id`` (the stored job's company when
    ``job_id`` is given), seen as a signed-out seeker sees it. Nothing is stored."""
    moment = now or datetime.now(UTC)
    stored = None
    if job_id is not None:
        stored, _ = posting_in_scope(db, who, job_id, TeamAction.VIEW_EMPLOYER)
        company_id = stored.company_id or company_id
    else:
        require_team(db, who, company_id, TeamAction.VIEW_EMPLOYER)
    values, _ = read_posting(form)
    job = Job(
        employer_id=who.user_id if who else uuid.uuid4(),
        company_id=company_id,
        title=values.title or UNTITLED,
        slug=stored.slug if stored else "",
        description=values.description,
        employment_type=values.employment_type,
        published_at=stored.published_at if stored and stored.published_at else moment,
    )
    apply_values(job, values, day_end(values.expires_on) if values.expires_on else None)
    job.title = values.title or UNTITLED
    refresh_search_fields(db, job)
    return page_of(db, job, None, moment, with_similar=False)


def location_hint(place: str) -> str:
    """Where the editor says the posting will be on the map, so a radius search finds it."""
    if not place.strip():
        return ""
    city = geo.find_city(place)
    if city is None:
        return NOT_ON_MAP
    return f"On the map at {city.label}."
