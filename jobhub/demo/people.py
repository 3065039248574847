"""The people of the demo: the three README accounts, employer teams and job seekers."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from faker import Faker

from jobhub.demo.content import CITIES, ROLE_FAMILIES
from jobhub.demo.rows import demo_id

DEMO_PASSWORD = "jobhub-demo-password"
ADMIN_EMAIL = "admin@jobhub.example"
EMPLOYER_EMAIL = "employer@jobhub.example"
SEEKER_EMAIL = "seeker@jobhub.example"
TEAM_DOMAIN = "employers.example"
"""Where team members' addresses are drawn; ``employers.company_addresses`` moves them to their company's."""
TEAM_SIZE = 4
PROFICIENCIES = ("beginner", "intermediate", "advanced", "expert")
DEGREES = ("Bachelor", "Master", "PhD", "Certificate")
FIELDS_OF_STUDY = ("Computer Science", "Economics", "Design", "Biology", "Marketing")


@dataclass
class PeopleRows:
    users: list[dict[str, Any]] = field(default_factory=list)
    user_roles: list[dict[str, Any]] = field(default_factory=list)
    profiles: list[dict[str, Any]] = field(default_factory=list)
    user_skills: list[dict[str, Any]] = field(default_factory=list)
    experience: list[dict[str, Any]] = field(default_factory=list)
    education: list[dict[str, Any]] = field(default_factory=list)
    teams: list[list[uuid.UUID]] = field(default_factory=list)
    seekers: list[uuid.UUID] = field(default_factory=list)
    admins: list[uuid.UUID] = field(default_factory=list)


def _user(
    rows: PeopleRows,
    kind: str,
    ordinal: int,
    email: str,
    first: str,
    last: str,
    user_type: str,
    password_hash: str,
    role_ids: dict[str, uuid.UUID],
    location: str | None = None,
) -> uuid.UUID:
    user_id = demo_id(kind, ordinal)
    rows.users.append(
        {
            "id": user_id,
            "email": email,
            "password_hash": password_hash,
            "first_name": first,
            "last_name": last,
            "user_type": user_type,
            "status": "active",
            "email_verified": True,
            "location": location,
        }
    )
    if user_type in role_ids:
        rows.user_roles.append(
            {
                "id": demo_id("user-role", f"{kind}:{ordinal}"),
                "user_id": user_id,
                "role_id": role_ids[user_type],
            }
        )
    return user_id


def account_rows(
    fake: Faker, companies: int, seekers: int, password_hash: str, role_ids: dict[str, uuid.UUID]
) -> PeopleRows:
    """Company 0's owner is the README's employer account, seeker 0 the README's seeker."""
    rows = PeopleRows()
    rows.admins.append(_user(rows, "admin", 0, ADMIN_EMAIL, "Ada", "Admin", "admin", password_hash, role_ids))
    for c in range(companies):
        team = []
        for m in range(TEAM_SIZE):
            ordinal = c * TEAM_SIZE + m
            first, last = fake.first_name(), fake.last_name()
            email = EMPLOYER_EMAIL if ordinal == 0 else f"{first}.{last}.{ordinal}@{TEAM_DOMAIN}".lower()
            team.append(
                _user(rows, "employer", ordinal, email, first, last, "employer", password_hash, role_ids)
            )
        rows.teams.append(team)
    for s in range(seekers):
        first, last = fake.first_name(), fake.last_name()
        email = SEEKER_EMAIL if s == 0 else f"{first}.{last}.{s}@seekers.example".lower()
        # Where a seeker lives is what recommendations measure office distances from.
        city = CITIES[s % len(CITIES)]
        rows.seekers.append(
            _user(rows, "seeker", s, email, first, last, "job_seeker", password_hash, role_ids, city)
        )
    return rows


def profile_rows(fake: Faker, rng: random.Random, rows: PeopleRows, skills: dict[str, uuid.UUID]) -> None:
    today = date.today()
    for n, user_id in enumerate(rows.seekers):
        family = ROLE_FAMILIES[n % len(ROLE_FAMILIES)]
        years = rng.randint(0, 18)
        low, high = (pay // 1000 for pay in family.yearly_pay)
        title = rng.choice(family.titles)
        rows.profiles.append(
            {
                "id": demo_id("profile", n),
                "user_id": user_id,
                "headline": f"{title} · {years} years" if years else f"Aspiring {title}",
                "summary": fake.paragraph(nb_sentences=4),
                "years_of_experience": years,
                "availability": rng.choice(["immediately", "within_2_weeks", "within_month", "not_looking"]),
                "remote_preference": rng.choice(["remote_only", "hybrid", "onsite", "flexible"]),
                "profile_visibility": rng.choice(["public"] * 4 + ["connections_only", "private"]),
                "desired_salary_range": f"{low}k-{high}k USD",
            }
        )
        known = [s for s in family.skills if s in skills]
        for k, skill in enumerate(rng.sample(known, k=min(len(known), rng.randint(3, 6)))):
            rows.user_skills.append(
                {
                    "id": demo_id("user-skill", f"{n}:{skill}"),
                    "user_id": user_id,
                    "skill_id": skills[skill],
                    "proficiency_level": rng.choice(PROFICIENCIES),
                    "years_of_experience": rng.randint(1, max(1, years)),
                    "is_primary": k < 3,
                }
            )
        start = date(today.year - max(years, 1), rng.randint(1, 12), 1)
        rows.experience.append(
            {
                "id": demo_id("experience", n),
                "user_id": user_id,
                "company_name": fake.company(),
                "job_title": title,
                "employment_type": "full_time",
                "location": rng.choice(CITIES),
                "start_date": start,
                "is_current": True,
                "description": fake.paragraph(nb_sentences=3),
            }
        )
        rows.education.append(
            {
                "id": demo_id("education", n),
                "user_id": user_id,
                "institution_name": f"University of {fake.city()}",
                "degree_type": rng.choice(DEGREES),
                "field_of_study": rng.choice(
                    ["Computer Science", "Economics", "Design", "Biology", "Marketing"]
                ),
                "start_date": date(start.year - 4, 9, 1),
                "end_date": date(start.year, 6, 1),
            }
        )
