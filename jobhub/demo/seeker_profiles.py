"""Fuller demo profiles: a handle for ``/u/<handle>``, place, wishes, links, an earlier job,
certifications, the sections' order and the completeness figure the meter would store.

Runs after ``people.profile_rows`` on the rows it built, so those stay as they were and only
gain columns (every row of one table gets the same keys: one INSERT serves them all). The
README's seeker is public, open to work, and at ``/u/<first>-<last>``; every other handle
ends in the seeker's number, so handles never collide however many seekers are loaded.
"""

from __future__ import annotations

import random
import uuid
from datetime import date
from typing import Any, Final

from faker import Faker
from slugify import slugify

from jobhub.demo.content import CITIES, ROLE_FAMILIES
from jobhub.demo.people import PeopleRows
from jobhub.demo.rows import demo_id
from jobhub.profiles.completeness import SKILLS_WANTED, percent_of

CERTIFICATIONS: Final = (
    ("AWS Certified Solutions Architect", "Amazon Web Services"),
    ("Certified Kubernetes Administrator", "Cloud Native Computing Foundation"),
    ("Professional Scrum Master I", "Scrum.org"),
    ("Google Data Analytics Certificate", "Google"),
    ("PMP", "Project Management Institute"),
)


def demo_handle(first: str, last: str, n: int) -> str:
    stem = slugify(f"{first} {last}", max_length=30, word_boundary=True) or "seeker"
    return stem if n == 0 else f"{stem}-{n}"


def _present(profile: dict[str, Any], skills: int, jobs: int, schools: int, certificates: int) -> set[str]:
    filled = {
        key
        for key, column in (
            ("headline", "headline"),
            ("summary", "summary"),
            ("desired_roles", "desired_roles"),
            ("location", "location"),
            ("desired_salary", "desired_salary_range"),
        )
        if profile.get(column)
    }
    if profile.get("github_url") or profile.get("linkedin_url"):
        filled.add("link")
    counted = {
        "skills": skills >= SKILLS_WANTED,
        "experience": jobs > 0,
        "education": schools > 0,
        "certification": certificates > 0,
    }
    return filled | {key for key, present in counted.items() if present}


def enrich_profiles(fake: Faker, rng: random.Random, rows: PeopleRows) -> list[dict[str, Any]]:
    """Fill in the profiles ``rows`` holds; the certifications to insert are returned."""
    names = {user["id"]: (user["first_name"], user["last_name"]) for user in rows.users}
    places = {user["id"]: user["location"] for user in rows.users}
    today = date.today()
    certifications: list[dict[str, Any]] = []
    jobs: dict[uuid.UUID, int] = {}
    for entry in rows.experience:
        entry |= {"position": 0, "end_date": None}
        jobs[entry["user_id"]] = 1
    earlier: list[dict[str, Any]] = []
    for entry in rows.experience:
        if entry["start_date"].year < today.year - 2:
            start = entry["start_date"]
            earlier.append(
                entry
                | {
                    "id": demo_id("experience-earlier", str(entry["user_id"])),
                    "company_name": fake.company(),
                    "job_title": f"Junior {entry['job_title']}",
                    "location": rng.choice(CITIES),
                    "start_date": date(start.year - 2, start.month, 1),
                    "end_date": start,
                    "is_current": False,
                    "position": 1,
                }
            )
            jobs[entry["user_id"]] = 2
    rows.experience.extend(earlier)
    for entry in rows.education:
        entry["position"] = 0
    skills: dict[uuid.UUID, int] = {}
    for skill in rows.user_skills:
        skills[skill["user_id"]] = skills.get(skill["user_id"], 0) + 1
    for n, profile in enumerate(rows.profiles):
        user_id = profile["user_id"]
        first, last = names[user_id]
        family = ROLE_FAMILIES[n % len(ROLE_FAMILIES)]
        handle = demo_handle(first, last, n)
        has_certificate = n == 0 or rng.random() < 0.4
        if has_certificate:
            name, issuer = CERTIFICATIONS[n % len(CERTIFICATIONS)]
            certifications.append(
                {
                    "id": demo_id("certification", n),
                    "user_id": user_id,
                    "name": name,
                    "issuing_organization": issuer,
                    "issue_date": date(today.year - 1 - n % 3, 1 + n % 12, 1),
                    "does_not_expire": n % 2 == 0,
                    "position": 0,
                }
            )
        profile |= {
            "handle": handle,
            "location": places[user_id] or rng.choice(CITIES),
            "desired_roles": list(rng.sample(family.titles, k=min(2, len(family.titles)))),
            "open_to_work": n == 0 or rng.random() < 0.6,
            "github_url": f"https://github.com/{handle}" if n % 3 != 2 else None,
            "linkedin_url": f"https://www.linkedin.com/in/{handle}" if n % 2 == 0 else None,
        }
        if n == 0:
            profile["profile_visibility"] = "public"
        present = _present(profile, skills.get(user_id, 0), jobs.get(user_id, 0), 1, int(has_certificate))
        profile["profile_completeness"] = percent_of(present)
    return certifications
