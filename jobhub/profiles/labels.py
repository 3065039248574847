"""The words the profile pages use for the profiles context's enum values, in one place."""

from __future__ import annotations

from typing import Final

from jobhub.profiles.models import Availability, EmploymentType, ProfileVisibility, RemotePreference

REMOTE_LABELS: Final[dict[str, str]] = {
    RemotePreference.REMOTE_ONLY: "Remote only",
    RemotePreference.HYBRID: "Hybrid",
    RemotePreference.ONSITE: "On site",
    RemotePreference.FLEXIBLE: "Flexible",
}
AVAILABILITY_LABELS: Final[dict[str, str]] = {
    Availability.IMMEDIATELY: "Can start now",
    Availability.WITHIN_2_WEEKS: "Within two weeks",
    Availability.WITHIN_MONTH: "Within a month",
    Availability.NOT_LOOKING: "Not looking right now",
}
VISIBILITY_LABELS: Final[dict[ProfileVisibility, str]] = {
    ProfileVisibility.PUBLIC: "Everyone",
    ProfileVisibility.RECRUITERS_ONLY: "Recruiters only",
    ProfileVisibility.CONNECTIONS_ONLY: "My connections only",
    ProfileVisibility.PRIVATE: "Only me",
}
VISIBILITY_HELP: Final[dict[ProfileVisibility, str]] = {
    ProfileVisibility.PUBLIC: "Anyone with the link, signed in or not, and search engines.",
    ProfileVisibility.RECRUITERS_ONLY: "People on a company team, and employers you apply to.",
    ProfileVisibility.CONNECTIONS_ONLY: "People you are connected with, and employers you apply to.",
    ProfileVisibility.PRIVATE: "Nobody but you. Employers you apply to see only your application.",
}
EMPLOYMENT_LABELS: Final[dict[str, str]] = {
    EmploymentType.FULL_TIME: "Full time",
    EmploymentType.PART_TIME: "Part time",
    EmploymentType.CONTRACT: "Contract",
    EmploymentType.FREELANCE: "Freelance",
    EmploymentType.INTERNSHIP: "Internship",
}
