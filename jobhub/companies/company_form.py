"""The company page form: every field an owner or admin edits, and the rule each one follows.

``CompanyForm`` holds what was typed, as text (a year is text until it is checked), so a
refused form can be shown again exactly as it was. ``clean_company_form`` turns it into column
values or raises ``Invalid(field, message)`` for the first field that breaks a rule; the field
names are the ``companies`` columns, which the editor also uses as input names. Nothing here
reads the database: the slug's uniqueness and the headquarters' coordinates are ``profile``'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from functools import partial
from typing import Any, Final

from jobhub.companies.company_fields import (
    check_slug_shape,
    choice,
    clean_lines,
    single_line,
    social_url,
    web_url,
    whole_number,
    written_text,
)
from jobhub.companies.models import CompanyRemotePolicy, CompanySize, CompanyType
from jobhub.platform.errors import Invalid

NAME_MIN: Final = 2
NAME_MAX: Final = 120
TAGLINE_MAX: Final = 160
INDUSTRY_MAX: Final = 100
HEADQUARTERS_MAX: Final = 200
LOCATIONS_MAX: Final = 20
LOCATION_MAX: Final = 100
DESCRIPTION_MAX: Final = 20_000
CULTURE_MAX: Final = 5_000
PERKS_MAX: Final = 30
PERK_MAX: Final = 120
VALUES_MAX: Final = 12
VALUE_NAME_MAX: Final = 80
VALUE_DESCRIPTION_MAX: Final = 500
EMPLOYEE_COUNT_MAX: Final = 10_000_000
FOUNDED_MIN: Final = 1800
VALUE_SEPARATOR: Final = ":"
"""A culture value is typed as one line, ``Name: what it means``."""

LIST_FIELDS: Final = ("locations", "benefits", "perks")
SOCIAL_FIELDS: Final = ("linkedin_url", "twitter_url", "facebook_url", "instagram_url", "glassdoor_url")


@dataclass(frozen=True)
class CultureValue:
    name: str
    description: str = ""


@dataclass(frozen=True)
class CompanyForm:
    """What an owner or admin typed; an empty ``slug`` means "make one from the name"."""

    name: str = ""
    slug: str = ""
    tagline: str = ""
    website_url: str = ""
    industry: str = ""
    company_size: str = ""
    company_type: str = ""
    founded_year: str = ""
    headquarters_location: str = ""
    locations: tuple[str, ...] = ()
    employee_count: str = ""
    description: str = ""
    culture_description: str = ""
    benefits: tuple[str, ...] = ()
    perks: tuple[str, ...] = ()
    values: tuple[CultureValue, ...] = ()
    remote_policy: str = ""
    linkedin_url: str = ""
    twitter_url: str = ""
    facebook_url: str = ""
    instagram_url: str = ""
    glassdoor_url: str = ""

    @classmethod
    def from_form_data(cls, data: Mapping[str, Any]) -> CompanyForm:
        """The editor's fields: lists are one item per line, culture values ``Name: description``."""

        def text(key: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else ""

        def lines(key: str) -> tuple[str, ...]:
            return tuple(text(key).splitlines())

        values = []
        for line in lines("values"):
            name, _, description = line.partition(VALUE_SEPARATOR)
            values.append(CultureValue(name.strip(), description.strip()))
        plain = {
            field.name: text(field.name)
            for field in fields(cls)
            if field.name not in (*LIST_FIELDS, "values")
        }
        return cls(**plain, **{key: lines(key) for key in LIST_FIELDS}, values=tuple(values))

    def as_form_data(self) -> dict[str, str]:
        """The reverse of :meth:`from_form_data`: what the editor's inputs start with."""
        data = {
            field.name: getattr(self, field.name)
            for field in fields(self)
            if field.name not in (*LIST_FIELDS, "values")
        }
        data |= {key: "\n".join(getattr(self, key)) for key in LIST_FIELDS}
        data["values"] = "\n".join(
            f"{value.name}{VALUE_SEPARATOR} {value.description}" if value.description else value.name
            for value in self.values
        )
        return data


def _culture_values(values: tuple[CultureValue, ...]) -> list[dict[str, str]] | None:
    cleaned: list[dict[str, str]] = []
    for value in values:
        name = single_line(value.name, "values", "A value's name", VALUE_NAME_MAX) or ""
        description = single_line(value.description, "values", "A value's description", VALUE_DESCRIPTION_MAX)
        if not name and not description:
            continue
        if not name:
            raise Invalid("values", "Give each value a name before its description (Name: what it means).")
        if VALUE_SEPARATOR in name:
            raise Invalid(
                "values", "A value's name cannot contain a colon: the colon starts its description."
            )
        cleaned.append({"name": name, "description": description or ""})
    names = [value["name"].casefold() for value in cleaned]
    if len(set(names)) != len(names):
        raise Invalid("values", "Each value appears once: two have the same name.")
    if len(cleaned) > VALUES_MAX:
        raise Invalid("values", f"List at most {VALUES_MAX} values: the ones that matter most.")
    return cleaned or None


def _name(text: str) -> str:
    name = single_line(text, "name", "The company name", NAME_MAX) or ""
    if len(name) < NAME_MIN:
        raise Invalid("name", f"Give the company's name ({NAME_MIN} characters or more).")
    if not re.search(r"\w", name):
        raise Invalid("name", "A company name needs letters or digits.")
    return name


class InvalidForm(Invalid):
    """Every field the form got wrong, so the editor marks them all at once.

    Still an ``Invalid``: ``field`` and ``message`` are the first problem, in form order.
    """

    def __init__(self, errors: dict[str, str]) -> None:
        field, message = next(iter(errors.items()))
        super().__init__(field, message)
        self.errors = errors


def _slug(text: str) -> str:
    slug = text.strip().lower()
    return check_slug_shape(slug) if slug else ""


def _rules(form: CompanyForm, this_year: int) -> dict[str, Callable[[], Any]]:
    """Each column's rule, in the order the editor shows the fields."""
    return {
        "name": lambda: _name(form.name),
        "slug": lambda: _slug(form.slug),
        "tagline": lambda: single_line(form.tagline, "tagline", "The tagline", TAGLINE_MAX),
        "website_url": lambda: web_url(form.website_url, "website_url", "The website"),
        "industry": lambda: single_line(form.industry, "industry", "The industry", INDUSTRY_MAX),
        "company_size": lambda: choice(form.company_size, "company_size", CompanySize, "a size band"),
        "company_type": lambda: choice(form.company_type, "company_type", CompanyType, "a kind of company"),
        "founded_year": lambda: whole_number(
            form.founded_year, "founded_year", "the founding year", minimum=FOUNDED_MIN, maximum=this_year
        ),
        "employee_count": lambda: whole_number(
            form.employee_count,
            "employee_count",
            "the number of employees",
            minimum=1,
            maximum=EMPLOYEE_COUNT_MAX,
        ),
        "headquarters_location": lambda: single_line(
            form.headquarters_location, "headquarters_location", "The headquarters", HEADQUARTERS_MAX
        ),
        "locations": lambda: clean_lines(
            form.locations, "locations", "location", LOCATIONS_MAX, LOCATION_MAX
        ),
        "remote_policy": lambda: choice(
            form.remote_policy, "remote_policy", CompanyRemotePolicy, "a remote policy"
        ),
        "description": lambda: written_text(
            form.description, "description", "The description", DESCRIPTION_MAX
        ),
        "culture_description": lambda: written_text(
            form.culture_description, "culture_description", "The culture description", CULTURE_MAX
        ),
        "benefits": lambda: clean_lines(form.benefits, "benefits", "benefit", PERKS_MAX, PERK_MAX),
        "perks": lambda: clean_lines(form.perks, "perks", "perk", PERKS_MAX, PERK_MAX),
        "values": lambda: _culture_values(form.values),
        **{key: partial(social_url, getattr(form, key), key) for key in SOCIAL_FIELDS},
    }


def clean_company_form(form: CompanyForm, *, this_year: int) -> dict[str, Any]:
    """Column values for ``form``, every rule checked; ``slug`` is "" when it is to come from the name.

    Lists and texts left empty become ``None`` (the page then leaves the section out). Any
    refusal raises ``InvalidForm`` naming every field that broke a rule.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for column, rule in _rules(form, this_year).items():
        try:
            values[column] = rule()
        except Invalid as refused:
            errors[refused.field] = refused.message
    if errors:
        raise InvalidForm(errors)
    return values
