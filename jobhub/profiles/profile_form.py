"""The profile's own fields (everything but skills and the ordered sections) and their rules.

``ProfileForm`` holds what was typed, as text, so a refused save can be shown again exactly as
it was; ``clean_profile_form`` turns it into column values or raises ``InvalidForm`` naming
every field at fault. The text and web-address rules are the company form's
(``companies.company_fields``: pure functions, no table), so both forms refuse the same way.
The desired salary stays free text (the column is), but only text that
``service.parse_desired_salary`` reads as yearly figures is kept: recommendations read it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Final

from jobhub.companies.company_fields import choice, clean_lines, single_line, web_url, written_text
from jobhub.companies.company_form import InvalidForm
from jobhub.platform.errors import Invalid
from jobhub.profiles.form_values import flag_of, text_of
from jobhub.profiles.models import Availability, ProfileVisibility, RemotePreference
from jobhub.profiles.service import parse_desired_salary

HEADLINE_MAX: Final = 200
SUMMARY_MAX: Final = 5_000
LOCATION_MAX: Final = 120
ROLES_MAX: Final = 5
ROLE_MAX: Final = 100
SALARY_MAX: Final = 50
LINK_FIELDS: Final[dict[str, str]] = {
    "website_url": "Website",
    "portfolio_url": "Portfolio",
    "github_url": "GitHub",
    "linkedin_url": "LinkedIn",
    "twitter_url": "X (Twitter)",
}
LINK_HOSTS: Final[dict[str, tuple[str, ...]]] = {
    "github_url": ("github.com",),
    "linkedin_url": ("linkedin.com",),
    "twitter_url": ("x.com", "twitter.com"),
}


@dataclass(frozen=True)
class ProfileForm:
    """What the seeker typed; an empty ``handle`` keeps the one they have (or suggests one)."""

    handle: str = ""
    headline: str = ""
    summary: str = ""
    location: str = ""
    desired_roles: str = ""
    desired_salary_range: str = ""
    remote_preference: str = ""
    availability: str = ""
    open_to_work: bool = False
    profile_visibility: str = ProfileVisibility.PUBLIC.value
    website_url: str = ""
    portfolio_url: str = ""
    github_url: str = ""
    linkedin_url: str = ""
    twitter_url: str = ""

    @classmethod
    def from_form_data(cls, data: Mapping[str, Any]) -> ProfileForm:
        """Browser fields: text is text (anything else counts as empty), the switch is "on" or absent."""
        texts = {
            field.name: text_of(data, field.name) for field in fields(cls) if field.name != "open_to_work"
        }
        return cls(**texts, open_to_work=flag_of(data, "open_to_work"))

    def as_form_data(self) -> dict[str, str]:
        """What the editor's inputs start with (the switch as "on" or "")."""
        data = {
            field.name: getattr(self, field.name) for field in fields(self) if field.name != "open_to_work"
        }
        return data | {"open_to_work": "on" if self.open_to_work else ""}


def split_roles(text: str) -> list[str]:
    """Desired roles are typed as one comma-separated line."""
    return [part for part in text.split(",") if part.strip()]


def _salary(text: str) -> str | None:
    cleaned = single_line(text, "desired_salary_range", "The desired salary", SALARY_MAX)
    if cleaned and parse_desired_salary(cleaned) is None:
        raise Invalid(
            "desired_salary_range", "Write a yearly amount or range, like 90k-120k USD or \u20ac60k+."
        )
    return cleaned


def _link(text: str, field: str) -> str | None:
    label = LINK_FIELDS[field]
    url = web_url(text, field, f"The {label} link")
    hosts = LINK_HOSTS.get(field)
    if url and hosts:
        host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0]
        if not any(host == allowed or host.endswith(f".{allowed}") for allowed in hosts):
            raise Invalid(field, f"The {label} link must point to {hosts[0]}.")
    return url


def _visibility(value: str) -> str:
    picked = choice(value, "profile_visibility", ProfileVisibility, "who may see your profile")
    if picked is None:
        raise Invalid("profile_visibility", "Choose who may see your profile.")
    return picked


def _rules(form: ProfileForm) -> dict[str, Callable[[], Any]]:
    """Each column's rule, in the order the editor shows the fields (the handle is checked apart)."""
    return {
        "headline": lambda: single_line(form.headline, "headline", "The headline", HEADLINE_MAX),
        "location": lambda: single_line(form.location, "location", "The location", LOCATION_MAX),
        "summary": lambda: written_text(form.summary, "summary", "The summary", SUMMARY_MAX),
        "desired_roles": lambda: clean_lines(
            split_roles(form.desired_roles), "desired_roles", "role", ROLES_MAX, ROLE_MAX
        ),
        "desired_salary_range": lambda: _salary(form.desired_salary_range),
        "remote_preference": lambda: choice(
            form.remote_preference, "remote_preference", RemotePreference, "how you like to work"
        ),
        "availability": lambda: choice(
            form.availability, "availability", Availability, "when you could start"
        ),
        "open_to_work": lambda: form.open_to_work,
        "profile_visibility": lambda: _visibility(form.profile_visibility),
        **{field: (lambda field=field: _link(getattr(form, field), field)) for field in LINK_FIELDS},
    }


def clean_profile_form(form: ProfileForm, handle_rule: Callable[[str], str | None]) -> dict[str, Any]:
    """Column values for ``form``; ``handle_rule`` checks the handle (it needs the database)."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    rules = {"handle": lambda: handle_rule(form.handle)} | _rules(form)
    for column, rule in rules.items():
        try:
            values[column] = rule()
        except Invalid as refused:
            errors[refused.field] = refused.message
    if errors:
        raise InvalidForm(errors)
    return values
