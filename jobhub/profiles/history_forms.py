"""The rules of one experience, education or certification entry, as typed in the editor.

The three sections share the shape "something, from a date to a date, unless it is ongoing":
the end is never before the start, and an ongoing entry (a current job, a current course, a
certification that does not expire) has no end. Dates are typed as months (``YYYY-MM``, the
month input's value; a full ``YYYY-MM-DD`` is accepted too) and stored as the month's first
day. Field names are the tables' columns, which the editor uses as input names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final

from jobhub.companies.company_fields import choice, single_line, web_url, written_text
from jobhub.companies.company_form import InvalidForm
from jobhub.platform.errors import Invalid
from jobhub.profiles.form_values import flag_of, text_of
from jobhub.profiles.models import EmploymentType

NAME_MAX: Final = 150
DETAIL_MAX: Final = 100
DESCRIPTION_MAX: Final = 3_000
EARLIEST_YEAR: Final = 1940


class Section(StrEnum):
    EXPERIENCE = "experience"
    EDUCATION = "education"
    CERTIFICATIONS = "certifications"


@dataclass(frozen=True)
class Span:
    """Which columns hold a section's dates and its "ongoing" flag, and how the editor names them."""

    start: str
    end: str
    ongoing: str
    start_label: str
    end_label: str
    ongoing_label: str
    start_required: bool


SPANS: Final[dict[Section, Span]] = {
    Section.EXPERIENCE: Span(
        "start_date", "end_date", "is_current", "Start", "End", "I work here now", start_required=True
    ),
    Section.EDUCATION: Span(
        "start_date", "end_date", "is_current", "Start", "End", "I study here now", start_required=False
    ),
    Section.CERTIFICATIONS: Span(
        "issue_date",
        "expiration_date",
        "does_not_expire",
        "Issued",
        "Expires",
        "It does not expire",
        start_required=False,
    ),
}


def read_month(text: str, field: str, label: str) -> date | None:
    """``YYYY-MM`` or ``YYYY-MM-DD`` as the month's first day; ``None`` when empty."""
    typed = text.strip()
    if not typed:
        return None
    try:
        parsed = date.fromisoformat(typed if len(typed) > 7 else f"{typed}-01")
    except ValueError as exc:
        raise Invalid(field, f"Give the {label.lower()} date as a month and year.") from exc
    if parsed.year < EARLIEST_YEAR:
        raise Invalid(field, f"The {label.lower()} date is before {EARLIEST_YEAR}: check the year.")
    return parsed.replace(day=1)


def month_text(value: date | None) -> str:
    """A stored date as the month input shows it."""
    return value.strftime("%Y-%m") if value else ""


def _required(text: str, field: str, label: str, maximum: int) -> str:
    cleaned = single_line(text, field, label, maximum)
    if not cleaned:
        raise Invalid(field, f"{label} is needed.")
    return cleaned


def _span_rules(section: Section, data: Mapping[str, Any], today: date) -> dict[str, Callable[[], Any]]:
    """The dates' own rules; the rules between them run once both are known (``_check_span``)."""
    span = SPANS[section]

    def start() -> date | None:
        value = read_month(text_of(data, span.start), span.start, span.start_label)
        if value is None and span.start_required:
            raise Invalid(span.start, f"Give the {span.start_label.lower()} month.")
        if value and value > today and section is not Section.EDUCATION:
            raise Invalid(span.start, f"The {span.start_label.lower()} date is in the future.")
        return value

    return {
        span.start: start,
        span.end: lambda: read_month(text_of(data, span.end), span.end, span.end_label),
        span.ongoing: lambda: flag_of(data, span.ongoing),
    }


def _check_span(section: Section, values: dict[str, Any], errors: dict[str, str]) -> None:
    span = SPANS[section]
    start, end, ongoing = values.get(span.start), values.get(span.end), values.get(span.ongoing)
    if span.end in errors or span.start in errors:
        return
    if ongoing and end is not None:
        errors[span.end] = (
            f"Leave the {span.end_label.lower()} date empty when \u201c{span.ongoing_label}\u201d is ticked."
        )
    elif section is Section.EXPERIENCE and not ongoing and end is None:
        errors[span.end] = f"Give the end month, or tick \u201c{span.ongoing_label}\u201d."
    elif start is not None and end is not None and end < start:
        errors[span.end] = (
            f"The {span.end_label.lower()} date cannot be before the {span.start_label.lower()} date."
        )


def _own_rules(section: Section, data: Mapping[str, Any]) -> dict[str, Callable[[], Any]]:
    def line(field: str, label: str, maximum: int = DETAIL_MAX) -> Callable[[], Any]:
        return lambda: single_line(text_of(data, field), field, label, maximum)

    def needed(field: str, label: str) -> Callable[[], Any]:
        return lambda: _required(text_of(data, field), field, label, NAME_MAX)

    def description() -> Callable[[], Any]:
        return lambda: written_text(
            text_of(data, "description"), "description", "The description", DESCRIPTION_MAX
        )

    if section is Section.EXPERIENCE:
        return {
            "job_title": needed("job_title", "The job title"),
            "company_name": needed("company_name", "The company"),
            "employment_type": lambda: choice(
                text_of(data, "employment_type"), "employment_type", EmploymentType, "a kind of employment"
            ),
            "location": line("location", "The location"),
            "is_remote": lambda: flag_of(data, "is_remote"),
            "description": description(),
        }
    if section is Section.EDUCATION:
        return {
            "institution_name": needed("institution_name", "The school"),
            "degree_type": line("degree_type", "The degree"),
            "field_of_study": line("field_of_study", "The field of study"),
            "grade": line("grade", "The grade", 50),
            "description": description(),
        }
    return {
        "name": needed("name", "The certification's name"),
        "issuing_organization": needed("issuing_organization", "The issuing organization"),
        "credential_id": line("credential_id", "The credential id"),
        "credential_url": lambda: web_url(
            text_of(data, "credential_url"), "credential_url", "The credential link"
        ),
    }


def clean_entry(section: Section, data: Mapping[str, Any], *, today: date) -> dict[str, Any]:
    """Column values for one entry, or ``InvalidForm`` naming every field at fault."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for column, rule in (_own_rules(section, data) | _span_rules(section, data, today)).items():
        try:
            values[column] = rule()
        except Invalid as refused:
            errors[refused.field] = refused.message
    _check_span(section, values, errors)
    if errors:
        raise InvalidForm(errors)
    return values


def entry_fields(section: Section) -> tuple[str, ...]:
    """The columns the editor's form for ``section`` holds, in order."""
    span = SPANS[section]
    own = tuple(_own_rules(section, {}))
    return (*own, span.start, span.end, span.ongoing)
