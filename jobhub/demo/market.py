"""The employer side of the demo: companies with teams and reviews, postings, applications."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from faker import Faker
from slugify import slugify

from jobhub.companies.models import ReviewStatus, TeamRole
from jobhub.companies.team_roles import role_flags
from jobhub.demo.content import (
    BENEFITS,
    CITIES,
    COMPANY_SIZES,
    INDUSTRIES,
    ROLE_FAMILIES,
    RoleFamily,
    bullet_list,
    company_description,
    job_description,
)
from jobhub.demo.rows import demo_id
from jobhub.jobs import geo
from jobhub.jobs.models import ApplicationStatus, EmploymentType, ExperienceLevel, JobStatus, RemotePolicy
from jobhub.jobs.salary import to_yearly

TEAM_ROLES: tuple[TeamRole, ...] = (
    TeamRole.OWNER,
    TeamRole.ADMIN,
    TeamRole.RECRUITER,
    TeamRole.HIRING_MANAGER,
)
JOB_STATUS_WEIGHTS: dict[JobStatus, int] = {
    JobStatus.PUBLISHED: 82,
    JobStatus.DRAFT: 6,
    JobStatus.PAUSED: 4,
    JobStatus.CLOSED: 5,
    JobStatus.EXPIRED: 3,
}


@dataclass
class MarketRows:
    companies: list[dict[str, Any]] = field(default_factory=list)
    employees: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    jobs: list[dict[str, Any]] = field(default_factory=list)
    applications: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Catalog:
    """Reference data the demo draws from: category ids by slug, skill ids by name."""

    categories: dict[str, uuid.UUID]
    skills: dict[str, uuid.UUID]


def company_rows(fake: Faker, count: int, team_ids: list[list[uuid.UUID]], rows: MarketRows) -> None:
    """``team_ids[i]`` are company i's employer accounts, in TEAM_ROLES order.

    Each company seeds Faker with its ordinal, so company i has the same name and slug
    whatever the demo's size: a larger run then adds companies without slug clashes.
    """
    slugs: set[str] = set()
    now = datetime.now(UTC)
    for i in range(count):
        fake.seed_instance(f"company:{i}")
        name = fake.company()
        slug = slugify(name)
        slug = slug if slug not in slugs else f"{slug}-{i}"
        slugs.add(slug)
        industry = INDUSTRIES[i % len(INDUSTRIES)]
        company_id = demo_id("company", i)
        rows.companies.append(
            {
                "id": company_id,
                "name": name,
                "slug": slug,
                "tagline": fake.catch_phrase(),
                "description": company_description(fake, name, industry),
                "website_url": f"https://{slug}.example",
                "industry": industry,
                "company_size": COMPANY_SIZES[i % len(COMPANY_SIZES)],
                "founded_year": 1990 + (i * 7) % 34,
                "headquarters_location": CITIES[i % len(CITIES)],
                "benefits": list(BENEFITS[: 3 + i % 5]),
                "is_verified": i % 3 != 2,
                "verification_date": now - timedelta(days=60 + i) if i % 3 != 2 else None,
                "created_by": team_ids[i][0],
            }
        )
        for role, user_id in zip(TEAM_ROLES, team_ids[i], strict=False):
            rows.employees.append(
                {
                    "id": demo_id("employee", f"{i}:{role.value}"),
                    "company_id": company_id,
                    "user_id": user_id,
                    "role": fake.job()[:100],
                    "team_role": role.value,
                    **role_flags(role),
                    "joined_at": datetime.now(UTC) - timedelta(days=30 + i),
                }
            )


def review_rows(fake: Faker, rng: random.Random, seekers: list[uuid.UUID], rows: MarketRows) -> None:
    for company in rows.companies:
        for reviewer in rng.sample(seekers, k=min(len(seekers), rng.randint(2, 7))):
            overall = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 6, 4])[0]
            rows.reviews.append(
                {
                    "id": demo_id("review", f"{company['id']}:{reviewer}"),
                    "company_id": company["id"],
                    "reviewer_id": reviewer,
                    "reviewer_type": rng.choice(
                        ["current_employee", "former_employee", "interview_candidate"]
                    ),
                    "job_title": fake.job()[:255],
                    "overall_rating": overall,
                    "work_life_balance_rating": max(1, min(5, overall + rng.randint(-1, 1))),
                    "culture_rating": max(1, min(5, overall + rng.randint(-1, 1))),
                    "title": fake.sentence(nb_words=5).rstrip("."),
                    "pros": fake.paragraph(nb_sentences=2),
                    "cons": fake.paragraph(nb_sentences=2),
                    "would_recommend": overall >= 4,
                    "status": rng.choice([ReviewStatus.APPROVED] * 5 + [ReviewStatus.PENDING]).value,
                }
            )


def _salary(rng: random.Random, family: RoleFamily) -> tuple[int, int, str]:
    low, high = family.yearly_pay
    yearly_min = rng.randrange(low, high - 15_000, 5_000)
    yearly_max = yearly_min + rng.randrange(10_000, 40_000, 5_000)
    if rng.random() < 0.15:
        return round(yearly_min / 2080), round(yearly_max / 2080), "hourly"
    return yearly_min, yearly_max, "yearly"


def job_rows(fake: Faker, rng: random.Random, count: int, catalog: Catalog, rows: MarketRows) -> None:
    now = datetime.now(UTC)
    statuses = list(JOB_STATUS_WEIGHTS)
    weights = list(JOB_STATUS_WEIGHTS.values())
    for i in range(count):
        company = rows.companies[i % len(rows.companies)]
        family = ROLE_FAMILIES[rng.randrange(len(ROLE_FAMILIES))]
        level = rng.choice(list(ExperienceLevel))
        title = f"{'Senior ' if level.value == 'senior' else ''}{rng.choice(family.titles)}"
        skills = [s for s in rng.sample(family.skills, k=min(5, len(family.skills))) if s in catalog.skills]
        status = rng.choices(statuses, weights=weights)[0]
        published = now - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
        salary_min, salary_max, period = _salary(rng, family)
        remote = rng.choice(list(RemotePolicy))
        shown = rng.random() > 0.1
        city = geo.find_city(company["headquarters_location"])
        rows.jobs.append(
            {
                "id": demo_id("job", i),
                "employer_id": company["created_by"],
                "company_id": company["id"],
                "title": title,
                "slug": f"{slugify(title)}-{slugify(company['name'])}-{i}",
                "description": job_description(fake, title, company["name"], skills),
                "requirements": bullet_list(fake, 4),
                "responsibilities": bullet_list(fake, 4),
                "benefits": "\n".join(f"- {b}" for b in company["benefits"]),
                "category_id": catalog.categories.get(family.category_slug),
                "employment_type": rng.choices(list(EmploymentType), weights=[80, 5, 10, 3, 2])[0].value,
                "experience_level": level.value,
                "location": company["headquarters_location"],
                "latitude": round(city.latitude + rng.uniform(-0.05, 0.05), 5) if city else None,
                "longitude": round(city.longitude + rng.uniform(-0.05, 0.05), 5) if city else None,
                "is_remote": remote == RemotePolicy.REMOTE_ONLY,
                "remote_policy": remote.value,
                "salary_min": salary_min,
                "salary_max": salary_max,
                "salary_period": period,
                "salary_min_yearly": to_yearly(salary_min, period),
                "salary_max_yearly": to_yearly(salary_max, period),
                "show_salary": shown,
                "required_skills": [catalog.skills[s] for s in skills[:3]],
                "preferred_skills": [catalog.skills[s] for s in skills[3:]],
                "search_keywords": " ".join([*skills, company["name"]]),
                "status": status.value,
                "published_at": None if status == JobStatus.DRAFT else published,
                "expires_at": published + timedelta(days=60),
                "view_count": rng.randint(0, 900),
                "screening_questions": [
                    {"id": "authorized", "question": "Are you authorized to work here?", "required": True}
                ],
            }
        )


def application_rows(rng: random.Random, seekers: list[uuid.UUID], rows: MarketRows) -> None:
    """Every pipeline status appears: the first seven applications take one status each."""
    open_jobs = [j for j in rows.jobs if j["status"] != JobStatus.DRAFT.value]
    if not open_jobs:
        return
    statuses = list(ApplicationStatus)
    now = datetime.now(UTC)
    ordinal = 0
    for seeker in seekers:
        for job in rng.sample(open_jobs, k=min(len(open_jobs), rng.randint(0, 6))):
            status = statuses[ordinal] if ordinal < len(statuses) else rng.choice(statuses)
            applied = now - timedelta(days=rng.randint(0, 30))
            rows.applications.append(
                {
                    "id": demo_id("application", f"{job['id']}:{seeker}"),
                    "job_id": job["id"],
                    "applicant_id": seeker,
                    "status": status.value,
                    "source": rng.choice(["search", "recommendation", "direct"]),
                    "cover_letter": "I would love to bring my experience to your team.",
                    "screening_answers": {"authorized": "yes"},
                    "rejection_reason": "Position filled" if status == ApplicationStatus.REJECTED else None,
                    "applied_at": applied,
                    "status_updated_at": applied + timedelta(days=rng.randint(0, 5)),
                }
            )
            ordinal += 1
