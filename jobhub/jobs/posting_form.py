"""What the job editor sends, read into checked values: the one gate between typed text and a posting.

The browser sends text (and lists of skill ids and screening questions); nothing of it is
trusted. :func:`parse_posting` checks every field at once and raises ``PostingInvalid`` with
a message per field, so the editor can mark them all and keep what was typed. Rules that
depend on the moment or the stored row (a deadline in the past, pay needed to publish) live
in ``posting_rules``; those that need the database (the category and skills exist) in
``postings``. :func:`form_of` turns a stored posting back into the editor's text, and parsing
that again gives the same values (the Hypothesis tests hold this).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final, TypeVar
from urllib.parse import urlsplit

from jobhub.jobs.models import EmploymentType, ExperienceLevel, Job, RemotePolicy, SalaryPeriod
from jobhub.jobs.screening_questions import CONTROL_CHARS, ScreeningQuestion, read_questions, truthy
from jobhub.platform.errors import Invalid


class F(StrEnum):
    """The editor's field names: the keys of the form and of its error messages."""

    TITLE = "title"
    CATEGORY = "category_id"
    EMPLOYMENT_TYPE = "employment_type"
    LEVEL = "experience_level"
    REMOTE = "remote_policy"
    LOCATION = "location"
    SALARY_MIN = "salary_min"
    SALARY_MAX = "salary_max"
    CURRENCY = "salary_currency"
    PERIOD = "salary_period"
    SHOW_SALARY = "show_salary"
    REQUIRED_SKILLS = "required_skills"
    PREFERRED_SKILLS = "preferred_skills"
    DESCRIPTION = "description"
    REQUIREMENTS = "requirements"
    RESPONSIBILITIES = "responsibilities"
    BENEFITS = "benefits"
    QUESTIONS = "screening_questions"
    DEADLINE = "application_deadline"
    EXPIRES_ON = "expires_on"
    APPLY_URL = "external_application_url"


TITLE_MIN, TITLE_MAX = 3, 150
LOCATION_MAX = 255
DESCRIPTION_MAX = 20_000
SECTION_MAX = 10_000
URL_MAX = 500
SKILLS_MAX = 20
PAY_MAX = 100_000_000
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
CURRENCIES: Final = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
    "JPY", "SGD", "INR", "BRL", "MXN", "ZAR",
)  # fmt: skip
DEFAULT_CURRENCY: Final = "USD"
NO_CHOICE: Final = ""
_AMOUNT = re.compile(r"\d{1,3}(?:[ ,]\d{3})+|\d+")
E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class PostingInput:
    """Checked values, ready to be stored on a ``Job``; optional text is ``None`` when empty."""

    title: str
    employment_type: EmploymentType
    description: str = ""
    category_id: uuid.UUID | None = None
    experience_level: ExperienceLevel | None = None
    remote_policy: RemotePolicy | None = None
    location: str | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = DEFAULT_CURRENCY
    salary_period: SalaryPeriod | None = None
    show_salary: bool = True
    required_skills: tuple[uuid.UUID, ...] = ()
    preferred_skills: tuple[uuid.UUID, ...] = ()
    requirements: str | None = None
    responsibilities: str | None = None
    benefits: str | None = None
    screening_questions: tuple[ScreeningQuestion, ...] = ()
    application_deadline: date | None = None
    expires_on: date | None = None
    external_application_url: str | None = None


class PostingInvalid(Invalid):
    """One or more fields broke a rule; ``errors`` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        name, message = next(iter(errors.items()))
        super().__init__(name, message)
        self.errors = errors


@dataclass
class _Reader:
    raw: Mapping[str, Any]
    errors: dict[str, str] = field(default_factory=dict)

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def text(self, name: str, limit: int, label: str) -> str:
        value = self.raw.get(name)
        cleaned = CONTROL_CHARS.sub("", value if isinstance(value, str) else "").replace("\r\n", "\n").strip()
        if len(cleaned) > limit:
            self.fail(name, f"{label} can be at most {limit:,} characters.")
        return cleaned[:limit]

    def line(self, name: str, limit: int, label: str) -> str:
        return " ".join(self.text(name, limit, label).split())

    def choice(self, name: str, kind: type[E], label: str) -> E | None:
        value = self.line(name, 50, label)
        if value == NO_CHOICE:
            return None
        try:
            return kind(value)
        except ValueError:
            self.fail(name, f"Choose one of the offered {label.lower()} options.")
            return None

    def amount(self, name: str, label: str) -> int | None:
        value = self.line(name, 20, label).replace("\u00a0", " ")
        if value == "":
            return None
        if not _AMOUNT.fullmatch(value):
            self.fail(name, f"Give the {label.lower()} as a whole number, like 85000.")
            return None
        number = int(re.sub(r"[ ,]", "", value))
        if not 0 < number <= PAY_MAX:
            self.fail(name, f"The {label.lower()} must be between 1 and {PAY_MAX:,}.")
            return None
        return number

    def day(self, name: str, label: str) -> date | None:
        value = self.line(name, 10, label)
        if value == "":
            return None
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            self.fail(name, f"Give the {label.lower()} as a date.")
            return None
        if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
            self.fail(name, f"The {label.lower()} must be between {EARLIEST_YEAR} and {LATEST_YEAR}.")
            return None
        return parsed

    def ids(self, name: str, label: str) -> tuple[uuid.UUID, ...]:
        value = self.raw.get(name) or []
        if not isinstance(value, list | tuple):
            self.fail(name, f"Pick the {label} from the list.")
            return ()
        try:
            found = tuple(dict.fromkeys(uuid.UUID(str(item)) for item in value))
        except ValueError:
            self.fail(name, f"Pick the {label} from the list.")
            return ()
        if len(found) > SKILLS_MAX:
            self.fail(name, f"Choose at most {SKILLS_MAX} {label}.")
        return found[:SKILLS_MAX]


def _web_url(reader: _Reader) -> str | None:
    value = reader.line(F.APPLY_URL, URL_MAX, "The application link")
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        reader.fail(F.APPLY_URL, "Give a web address starting with https://, or leave it empty.")
        return None
    return value


def _category(reader: _Reader) -> uuid.UUID | None:
    value = reader.line(F.CATEGORY, 40, "The category")
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        reader.fail(F.CATEGORY, "Choose a category from the list.")
        return None


def _pay(reader: _Reader) -> tuple[int | None, int | None, str]:
    low, high = reader.amount(F.SALARY_MIN, "Lowest pay"), reader.amount(F.SALARY_MAX, "Highest pay")
    if low is not None and high is not None and high < low:
        reader.fail(F.SALARY_MAX, "The highest pay cannot be below the lowest.")
    currency = reader.line(F.CURRENCY, 3, "The currency").upper() or DEFAULT_CURRENCY
    if currency not in CURRENCIES:
        reader.fail(F.CURRENCY, "Choose a currency from the list.")
        currency = DEFAULT_CURRENCY
    return low, high, currency


def _title(reader: _Reader) -> str:
    title = reader.line(F.TITLE, TITLE_MAX, "The title")
    if len(title) < TITLE_MIN:
        reader.fail(F.TITLE, f"Give the job a title of at least {TITLE_MIN} characters.")
    return title


def parse_posting(raw: Mapping[str, Any]) -> PostingInput:
    """Every field checked; ``PostingInvalid`` lists each problem (nothing is half-read)."""
    values, errors = read_posting(raw)
    if errors:
        raise PostingInvalid(errors)
    return values


def read_posting(raw: Mapping[str, Any]) -> tuple[PostingInput, dict[str, str]]:
    """The values as far as they read, and the problems: what a live preview shows while the
    form is still being typed (a field that does not read yet is left out, not guessed)."""
    reader = _Reader(raw)
    questions, problem = read_questions(raw.get(F.QUESTIONS))
    title = _title(reader)
    low, high, currency = _pay(reader)
    required = reader.ids(F.REQUIRED_SKILLS, "required skills")
    preferred = tuple(s for s in reader.ids(F.PREFERRED_SKILLS, "preferred skills") if s not in required)
    values = PostingInput(
        title=title,
        employment_type=reader.choice(F.EMPLOYMENT_TYPE, EmploymentType, "Employment type")
        or EmploymentType.FULL_TIME,
        description=reader.text(F.DESCRIPTION, DESCRIPTION_MAX, "The description"),
        category_id=_category(reader),
        experience_level=reader.choice(F.LEVEL, ExperienceLevel, "Level"),
        remote_policy=reader.choice(F.REMOTE, RemotePolicy, "Remote work"),
        location=reader.line(F.LOCATION, LOCATION_MAX, "The location") or None,
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_period=reader.choice(F.PERIOD, SalaryPeriod, "Pay period"),
        show_salary=truthy(raw.get(F.SHOW_SALARY), True),
        required_skills=required,
        preferred_skills=preferred,
        requirements=reader.text(F.REQUIREMENTS, SECTION_MAX, "Requirements") or None,
        responsibilities=reader.text(F.RESPONSIBILITIES, SECTION_MAX, "Responsibilities") or None,
        benefits=reader.text(F.BENEFITS, SECTION_MAX, "Benefits") or None,
        screening_questions=questions,
        application_deadline=reader.day(F.DEADLINE, "Application deadline"),
        expires_on=reader.day(F.EXPIRES_ON, "Expiry date"),
        external_application_url=_web_url(reader),
    )
    if problem:
        reader.fail(F.QUESTIONS, problem)
    return values, reader.errors


def _text_or_empty(value: object) -> str:
    return "" if value is None else str(value)


def form_of(job: Job, expires_on: date | None) -> dict[str, Any]:
    """The editor's values for a stored posting (``expires_on`` is the expiry as a day)."""
    return {
        F.TITLE: job.title,
        F.CATEGORY: _text_or_empty(job.category_id),
        F.EMPLOYMENT_TYPE: job.employment_type,
        F.LEVEL: job.experience_level or NO_CHOICE,
        F.REMOTE: job.remote_policy or NO_CHOICE,
        F.LOCATION: job.location or "",
        F.SALARY_MIN: _text_or_empty(job.salary_min),
        F.SALARY_MAX: _text_or_empty(job.salary_max),
        F.CURRENCY: job.salary_currency,
        F.PERIOD: job.salary_period or NO_CHOICE,
        F.SHOW_SALARY: job.show_salary,
        F.REQUIRED_SKILLS: [str(s) for s in job.required_skills or []],
        F.PREFERRED_SKILLS: [str(s) for s in job.preferred_skills or []],
        F.DESCRIPTION: job.description,
        F.REQUIREMENTS: job.requirements or "",
        F.RESPONSIBILITIES: job.responsibilities or "",
        F.BENEFITS: job.benefits or "",
        F.QUESTIONS: [dict(q) for q in job.screening_questions or []],
        F.DEADLINE: job.application_deadline.isoformat() if job.application_deadline else "",
        F.EXPIRES_ON: expires_on.isoformat() if expires_on else "",
        F.APPLY_URL: job.external_application_url or "",
    }
