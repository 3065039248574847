"""Seekers with a stored account (the profile read model asks auth for their name) and full forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from jobhub.auth.models import UserType
from jobhub.auth.principal import Principal
from jobhub.profiles.profile_form import ProfileForm
from tests.factories import add, make_principal, make_user, tag

TODAY = date(2026, 6, 15)


def stored_seeker(db: Session, first: str = "Ada", last: str = "Lovelace") -> Principal:
    """A job seeker whose account row exists, as a principal."""
    user = make_user(first_name=first, last_name=last, email=f"{tag()}@example.test")
    add(db, user)
    return make_principal(UserType.JOB_SEEKER, user_id=user.id, display_name=f"{first} {last}")


def full_form(**overrides: Any) -> ProfileForm:
    values: dict[str, Any] = {
        "headline": "Data engineer who ships",
        "summary": "Pipelines and people.",
        "location": "Leipzig, Germany",
        "desired_roles": "Data Engineer, Analytics Engineer",
        "desired_salary_range": "80k-100k EUR",
        "remote_preference": "hybrid",
        "availability": "within_month",
        "open_to_work": True,
        "profile_visibility": "public",
        "github_url": "github.com/ada",
    }
    return ProfileForm(**(values | overrides))


def job(**overrides: str) -> dict[str, str]:
    values = {
        "job_title": "Data Engineer",
        "company_name": "Initech",
        "employment_type": "full_time",
        "start_date": "2022-03",
        "is_current": "on",
    }
    return values | overrides
