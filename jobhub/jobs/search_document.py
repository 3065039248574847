"""What the search reads from a posting besides its own text, kept right on every write.

A generated column cannot read other schemas or the salary table, so whoever saves a job
calls :func:`refresh_search_fields` before flushing: it writes the skill and company names
that the weighted vector ranks as B, the yearly pay bounds that the salary filter compares,
and coordinates from the gazetteer when the poster gave a place but no point.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session

from jobhub.companies import service as companies
from jobhub.companies.service import CompanySummary
from jobhub.jobs import geo
from jobhub.jobs.models import Job, RemotePolicy
from jobhub.jobs.salary import to_yearly
from jobhub.profiles import service as profiles


def _skills_of(job: Job) -> list[uuid.UUID]:
    return [*(job.required_skills or []), *(job.preferred_skills or [])]


def _fill(job: Job, skill_names: dict[uuid.UUID, str], company_names: dict[str, CompanySummary]) -> None:
    words = [skill_names[s] for s in dict.fromkeys(_skills_of(job)) if s in skill_names]
    summary = company_names.get(str(job.company_id)) if job.company_id is not None else None
    if summary is not None:
        words.append(summary.name)
    job.search_keywords = " ".join(words) or None
    job.salary_min_yearly = to_yearly(job.salary_min, job.salary_period)
    job.salary_max_yearly = to_yearly(job.salary_max, job.salary_period)
    job.is_remote = job.remote_policy == RemotePolicy.REMOTE_ONLY
    if job.location and (job.latitude is None or job.longitude is None):
        city = geo.find_city(job.location)
        if city is not None:
            job.latitude, job.longitude = city.latitude, city.longitude


def refresh_search_fields(db: Session, job: Job) -> None:
    refresh_many_search_fields(db, [job])


def refresh_many_search_fields(db: Session, jobs: Sequence[Job]) -> None:
    """:func:`refresh_search_fields` for many jobs with two reads in all, not two per job
    (a renamed company refreshes every one of its postings)."""
    skill_names = profiles.skill_names(db, [skill for job in jobs for skill in _skills_of(job)])
    company_names = companies.company_summaries(db, [job.company_id for job in jobs if job.company_id])
    for job in jobs:
        _fill(job, skill_names, company_names)
