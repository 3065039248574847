"""Jobs recommended to a signed-in seeker, best fit first, each with the reason it was chosen.

Candidates are open jobs that share at least one skill with the seeker, found through the
GIN index on ``JOB_SKILLS`` (the expression is spelled exactly as the index is, or PostgreSQL
would not use it), newest first and at most ``CANDIDATES`` of them: the cost stays flat at a
million jobs. Jobs the seeker applied to are left out in the same query; saved ones stay and
are marked. The few hundred candidates are then scored in Python by
``recommendation_fit.fit``, where every weight sits next to the sentence it produces.

Only job seekers get recommendations; anyone else gets an empty list (nothing to refuse: the
section is simply not for them). A seeker without skills gets an empty list too, and
``recommended_jobs`` says what to add to the profile.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import Row, Select, Uuid, and_, bindparam, exists, literal_column, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session

from jobhub.auth import account
from jobhub.auth.principal import Principal
from jobhub.jobs.geo import find_city
from jobhub.jobs.models import JOB_SKILLS, Job, JobApplication, JobStatus, RemotePolicy
from jobhub.jobs.recommendation_fit import Candidate, SeekerFit, fit
from jobhub.jobs.saved import saved_job_ids
from jobhub.jobs.search import JobHit, job_hits
from jobhub.profiles import service as profiles
from jobhub.profiles.service import SeekerPreferences

CANDIDATES: Final = 500
DEFAULT_LIMIT: Final = 10
ADD_SKILLS: Final = "Add your skills to your profile and we will recommend jobs that need them."
NO_MATCHES: Final = "No open job asks for your skills right now. New jobs are matched as they are published."
_JOB_SKILLS = literal_column(JOB_SKILLS, ARRAY(Uuid))
_PUBLISHED = literal_column(f"'{JobStatus.PUBLISHED.value}'")


@dataclass(frozen=True)
class Recommendation(JobHit):
    """A search hit plus why it was chosen; ``saved`` marks jobs the seeker already bookmarked."""

    reason: str = ""
    score: float = 0.0
    saved: bool = False


@dataclass(frozen=True)
class RecommendedJobs:
    """What the section shows: the jobs, or (when there are none) a hint that says why.

    ``skills`` are the seeker's own skill names in lower case, for the cards to highlight.
    """

    jobs: list[Recommendation]
    hint: str
    skills: list[str]


def candidate_query(user_id: uuid.UUID, skills: list[uuid.UUID], now: datetime) -> Select:
    """Open jobs sharing a skill, not applied to, newest first; the predicates match the partial index."""
    applied = exists().where(JobApplication.job_id == Job.id, JobApplication.applicant_id == user_id)
    return (
        select(
            Job.id,
            Job.title,
            Job.location,
            Job.is_remote,
            Job.remote_policy,
            Job.show_salary,
            Job.salary_min_yearly,
            Job.salary_max_yearly,
            Job.salary_currency,
            Job.required_skills,
            Job.preferred_skills,
            Job.latitude,
            Job.longitude,
            Job.published_at,
        )
        .where(
            _JOB_SKILLS.op("&&")(bindparam("seeker_skills", skills, type_=ARRAY(Uuid))),
            and_(Job.status == _PUBLISHED, Job.deleted_at.is_(None)),
            or_(Job.expires_at.is_(None), Job.expires_at > now),
            ~applied,
        )
        .order_by(Job.published_at.desc(), Job.id)
        .limit(CANDIDATES)
    )


def _candidate(row: Row, now: datetime) -> Candidate:
    stated = bool(row.show_salary)
    policy = row.remote_policy or (RemotePolicy.REMOTE_ONLY if row.is_remote else "")
    return Candidate(
        id=row.id,
        title=row.title,
        location=row.location or "",
        remote_policy=policy,
        pay_low=row.salary_min_yearly if stated else None,
        pay_high=row.salary_max_yearly if stated else None,
        currency=row.salary_currency or "",
        required_skills=tuple(row.required_skills or ()),
        preferred_skills=tuple(row.preferred_skills or ()),
        latitude=row.latitude,
        longitude=row.longitude,
        published_at=row.published_at or now,
    )


def _seeker_fit(db: Session, principal: Principal, prefs: SeekerPreferences) -> SeekerFit:
    """The account's own location ("where I live") wins over the current position's place."""
    city = account.profile_of(db, principal).location or prefs.location
    place = find_city(city) if city else None
    salary = prefs.desired_salary
    return SeekerFit(
        skills={skill.skill_id: (skill.name, skill.proficiency) for skill in prefs.skills},
        remote_preference=prefs.remote_preference,
        desired_minimum=salary.minimum if salary else None,
        desired_currency=salary.currency if salary else "",
        city=city,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        titles=prefs.titles,
    )


def _recommend(
    db: Session, principal: Principal, prefs: SeekerPreferences, limit: int, now: datetime
) -> list[Recommendation]:
    skills = [skill.skill_id for skill in prefs.skills]
    rows = db.execute(candidate_query(principal.user_id, skills, now)).all()
    if not rows:
        return []
    seeker = _seeker_fit(db, principal, prefs)
    candidates = [_candidate(row, now) for row in rows]
    scored = [(fit(job, seeker, now), job) for job in candidates]
    scored.sort(key=lambda pair: (-pair[0].score, -pair[1].published_at.timestamp(), str(pair[1].id)))
    chosen = scored[:limit]
    ids = [job.id for _, job in chosen]
    hits = {hit.id: hit for hit in job_hits(db, ids, now)}
    saved = saved_job_ids(db, principal.user_id, ids)
    return [
        Recommendation(
            **asdict(hits[str(job.id)]),
            reason=job_fit.reason,
            score=job_fit.score,
            saved=str(job.id) in saved,
        )
        for job_fit, job in chosen
        if str(job.id) in hits
    ]


def recommend_jobs(
    db: Session, principal: Principal | None, *, limit: int = DEFAULT_LIMIT, now: datetime | None = None
) -> list[Recommendation]:
    """The best-fitting open jobs for a seeker; empty for anyone else and for a seeker with no skills."""
    return recommended_jobs(db, principal, limit=limit, now=now).jobs


def recommended_jobs(
    db: Session, principal: Principal | None, *, limit: int = DEFAULT_LIMIT, now: datetime | None = None
) -> RecommendedJobs:
    """``recommend_jobs`` with the hint the empty section shows (what to add, or that nothing fits yet)."""
    if principal is None or not principal.is_job_seeker:
        return RecommendedJobs(jobs=[], hint="", skills=[])
    prefs = profiles.seeker_preferences(db, principal.user_id)
    if not prefs.skills:
        return RecommendedJobs(jobs=[], hint=ADD_SKILLS, skills=[])
    jobs = _recommend(db, principal, prefs, limit, now or datetime.now(UTC))
    skills = [skill.name.lower() for skill in prefs.skills]
    return RecommendedJobs(jobs=jobs, hint="" if jobs else NO_MATCHES, skills=skills)
