"""The job page's view model: everything ``/jobs/[slug]`` shows, read in one transaction.

Only open jobs (published, not deleted, not expired) have a public page; anything else is
``NotFound`` (so drafts cannot be probed by slug) except for admins, who see it with a notice.
Company, skill names and the seeker's own skills come from the companies and profiles
services, never their tables. No Reflex import: the state only copies these plain values.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import BindParameter, ColumnElement, Row, Uuid, bindparam, literal_column, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session

from jobhub.auth.authorization import holds_admin_role
from jobhub.auth.principal import Principal
from jobhub.companies import service as companies
from jobhub.companies.service import CompanyCard
from jobhub.jobs.job_posting_ld import job_posting_ld, script_json
from jobhub.jobs.models import JOB_SKILLS, Job, JobStatus
from jobhub.jobs.salary import to_yearly, yearly_label
from jobhub.jobs.search import LABELS
from jobhub.jobs.service import is_open, open_job_filter, posted_label, salary_label
from jobhub.platform.errors import NotFound
from jobhub.platform.markdown import markdown_to_html, plain_text
from jobhub.profiles import service as profiles
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

PAY_NOT_STATED: Final = "Pay not stated"
NOT_OPEN: Final = "This job is no longer open."
SIMILAR_LIMIT: Final = 5
# Skill-sharing jobs ranked for similarity, found among the newest RECENT_WINDOW open jobs.
SIMILAR_CANDIDATES: Final = 200
RECENT_WINDOW: Final = 5_000
SEO_DESCRIPTION_MAX: Final = 160


@dataclass(frozen=True)
class SkillMatch:
    """How a signed-in seeker's profile skills meet the job's required skills."""

    have: int
    required: int
    missing: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class SimilarJob:
    slug: str
    title: str
    company_name: str
    location: str
    salary: str
    posted: str


@dataclass(frozen=True)
class JobPage:
    """Plain values only. ``salary_yearly`` is the yearly figure ("" when pay is yearly or hidden);
    ``apply_url`` is empty while applications are not taken here (the button says so)."""

    id: str
    slug: str
    title: str
    notice: str
    company: CompanyCard | None
    location: str
    remote: str
    employment: str
    level: str
    salary: str
    salary_yearly: str
    salary_yearly_min: int | None
    salary_yearly_max: int | None
    posted: str
    description_html: str
    requirements_html: str
    responsibilities_html: str
    benefits_html: str
    required_skills: tuple[str, ...]
    preferred_skills: tuple[str, ...]
    match: SkillMatch | None
    similar: tuple[SimilarJob, ...]
    apply_url: str
    share_url: str
    seo_title: str
    seo_description: str
    json_ld: str


def absolute_url(path: str) -> str:
    return f"{get_settings().public_url.rstrip('/')}{path}"


def job_path(slug: str) -> str:
    return f"{nav.JOBS}/{slug}"


def _location(location: str | None, is_remote: bool) -> str:
    return location or ("Remote" if is_remote else "")


def _yearly(job: Job) -> tuple[str, int | None, int | None]:
    """The pay as a yearly figure, so hourly and yearly postings compare at a glance."""
    if not job.show_salary:
        return "", None, None
    low, high = to_yearly(job.salary_min, job.salary_period), to_yearly(job.salary_max, job.salary_period)
    if low is None and high is None:
        return "", None, None
    return yearly_label(job.salary_min, job.salary_max, job.salary_currency, job.salary_period), low, high


def _skill_match(
    required: list[uuid.UUID], names: dict[uuid.UUID, str], mine: frozenset[uuid.UUID]
) -> SkillMatch:
    missing = tuple(names[skill] for skill in required if skill not in mine and skill in names)
    known = [skill for skill in required if skill in names]
    have = len(known) - len(missing)
    noun = "skill" if len(known) == 1 else "skills"
    return SkillMatch(have, len(known), missing, f"You have {have} of {len(known)} required {noun}")


_SIMILAR_COLUMNS = (
    Job.id,
    Job.slug,
    Job.title,
    Job.company_id,
    Job.location,
    Job.is_remote,
    Job.salary_min,
    Job.salary_max,
    Job.salary_currency,
    Job.salary_period,
    Job.show_salary,
    Job.published_at,
    Job.required_skills,
    Job.preferred_skills,
)
_JOB_SKILLS = literal_column(JOB_SKILLS, ARRAY(Uuid))


def _newest_related(
    db: Session, job: Job, now: datetime, related: ColumnElement[bool], limit: int
) -> list[Row]:
    return list(
        db.execute(
            select(*_SIMILAR_COLUMNS)
            .where(open_job_filter(now), Job.id != job.id, related)
            .order_by(Job.published_at.desc(), Job.id)
            .limit(limit)
        ).all()
    )


def _recent_sharing(db: Session, job: Job, now: datetime, wanted: BindParameter) -> list[Row]:
    """Jobs sharing a skill among the newest ``RECENT_WINDOW`` open jobs: a bounded read however
    common the skills are (one skill can be on half of all postings)."""
    recent = (
        select(*_SIMILAR_COLUMNS)
        .where(open_job_filter(now), Job.id != job.id)
        .order_by(Job.published_at.desc(), Job.id)
        .limit(RECENT_WINDOW)
        .subquery()
    )
    sharing = or_(recent.c.required_skills.op("&&")(wanted), recent.c.preferred_skills.op("&&")(wanted))
    query = select(recent).where(sharing).order_by(recent.c.published_at.desc(), recent.c.id)
    return list(db.execute(query.limit(SIMILAR_CANDIDATES)).all())


def similar_jobs(db: Session, job: Job, now: datetime) -> tuple[SimilarJob, ...]:
    """Open jobs sharing a skill or the category, most shared skills first, then newest.

    No single plan suits every posting (PostgreSQL misjudges how common a skill is), so the
    reads are bounded by construction: skill matches among the newest ``RECENT_WINDOW`` jobs;
    when those are too few the skills are rare, and the GIN index on ``JOB_SKILLS`` finds the
    rest cheaply; then the newest few of the category, which only fill places left over.
    """
    skills = list(dict.fromkeys([*(job.required_skills or []), *(job.preferred_skills or [])]))
    candidates: dict[uuid.UUID, Row] = {}
    if skills:
        wanted = bindparam("similar_skills", skills, type_=ARRAY(Uuid))
        rows = _recent_sharing(db, job, now, wanted)
        if len(rows) < SIMILAR_LIMIT:
            rows = _newest_related(db, job, now, _JOB_SKILLS.op("&&")(wanted), SIMILAR_CANDIDATES)
        candidates = {row.id: row for row in rows}
    if job.category_id is not None:
        for row in _newest_related(db, job, now, Job.category_id == job.category_id, SIMILAR_LIMIT):
            candidates.setdefault(row.id, row)
    mine = set(skills)
    oldest = datetime.min.replace(tzinfo=UTC)

    def rank(other: Row) -> tuple[int, datetime]:
        shared = mine & {*(other.required_skills or []), *(other.preferred_skills or [])}
        return len(shared), other.published_at or oldest

    chosen = sorted(candidates.values(), key=rank, reverse=True)[:SIMILAR_LIMIT]
    names = companies.company_summaries(db, [other.company_id for other in chosen if other.company_id])
    return tuple(
        SimilarJob(
            slug=other.slug,
            title=other.title,
            company_name=names[str(other.company_id)].name if str(other.company_id) in names else "",
            location=_location(other.location, other.is_remote),
            salary=(
                salary_label(other.salary_min, other.salary_max, other.salary_currency, other.salary_period)
                if other.show_salary
                else ""
            )
            or PAY_NOT_STATED,
            posted=posted_label(other.published_at, now),
        )
        for other in chosen
    )


def _seo(job: Job, company: CompanyCard | None, salary: str) -> tuple[str, str]:
    """The employer's own SEO text when given; otherwise built from what seekers look for first."""
    at = f" at {company.name}" if company else ""
    title = job.seo_title or f"{job.title}{at}"
    if job.seo_description:
        return title, job.seo_description[:SEO_DESCRIPTION_MAX]
    where = f" in {_location(job.location, job.is_remote)}" if _location(job.location, job.is_remote) else ""
    lead = f"{job.title}{at}{where}. {salary}. "
    description = f"{lead}{plain_text(job.description)}"
    if len(description) > SEO_DESCRIPTION_MAX:
        description = description[: SEO_DESCRIPTION_MAX - 1].rsplit(" ", 1)[0] + "\u2026"
    return title, description


def _apply_url(job: Job) -> str:
    """Only a web address may become the apply link: never a ``javascript:`` href."""
    url = (job.external_application_url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


def _notice(job: Job, now: datetime) -> str:
    if is_open(job, now):
        return ""
    state = "deleted" if job.deleted_at else ("expired" if job.status == JobStatus.PUBLISHED else job.status)
    return f"This job is {state}: only administrators can see this page."


def _find(db: Session, slug: str, viewer: Principal | None, now: datetime) -> Job:
    job = db.scalars(select(Job).where(Job.slug == slug)).first() if slug else None
    if job is None or not (is_open(job, now) or (viewer is not None and holds_admin_role(viewer))):
        raise NotFound(NOT_OPEN)
    return job


def job_page(db: Session, slug: str, viewer: Principal | None, now: datetime | None = None) -> JobPage:
    """The page of the job at ``slug``; ``NotFound`` for a job that is not open (admins excepted)."""
    moment = now or datetime.now(UTC)
    job = _find(db, slug, viewer, moment)
    return page_of(db, job, viewer, moment, notice=_notice(job, moment))


def page_of(
    db: Session,
    job: Job,
    viewer: Principal | None,
    moment: datetime,
    *,
    notice: str = "",
    with_similar: bool = True,
) -> JobPage:
    """The page of ``job`` as ``viewer`` sees it; the row need not be stored, which is how the
    employer's editor previews a posting exactly as seekers will see it (without similar jobs,
    which are other postings, not this one)."""
    company = companies.company_card(db, job.company_id) if job.company_id else None
    required, preferred = list(job.required_skills or []), list(job.preferred_skills or [])
    names = profiles.skill_names(db, [*required, *preferred])
    match = None
    if viewer is not None and viewer.is_job_seeker and any(skill in names for skill in required):
        match = _skill_match(required, names, profiles.user_skill_ids(db, viewer.user_id))
    shown = salary_label(job.salary_min, job.salary_max, job.salary_currency, job.salary_period)
    salary = (shown if job.show_salary else "") or PAY_NOT_STATED
    yearly, yearly_min, yearly_max = _yearly(job)
    description_html = markdown_to_html(job.description)
    url = absolute_url(job_path(job.slug))
    seo_title, seo_description = _seo(job, company, salary)
    required_names = tuple(names[skill] for skill in required if skill in names)
    ld = job_posting_ld(
        job,
        company,
        description_html=description_html,
        url=url,
        company_url=absolute_url(f"{nav.COMPANIES}/{company.slug}") if company else "",
        skills=required_names,
    )
    return JobPage(
        id=str(job.id),
        slug=job.slug,
        title=job.title,
        notice=notice,
        company=company,
        location=_location(job.location, job.is_remote),
        remote=LABELS["remote"].get(job.remote_policy or "", "Remote" if job.is_remote else ""),
        employment=LABELS["type"].get(job.employment_type, job.employment_type),
        level=LABELS["level"].get(job.experience_level or "", ""),
        salary=salary,
        salary_yearly=yearly,
        salary_yearly_min=yearly_min,
        salary_yearly_max=yearly_max,
        posted=posted_label(job.published_at, moment),
        description_html=description_html,
        requirements_html=markdown_to_html(job.requirements),
        responsibilities_html=markdown_to_html(job.responsibilities),
        benefits_html=markdown_to_html(job.benefits),
        required_skills=required_names,
        preferred_skills=tuple(names[skill] for skill in preferred if skill in names),
        match=match,
        similar=similar_jobs(db, job, moment) if with_similar else (),
        apply_url=_apply_url(job),
        share_url=url,
        seo_title=seo_title,
        seo_description=seo_description,
        json_ld=script_json(ld),
    )
