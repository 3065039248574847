"""Permission and role names, so services check ``JOBS_CREATE`` rather than retype ``"jobs:create"``.

The rows themselves (and which role holds which permission) are reference data inserted by
migration 0002 from ``alembic/reference_data``; these names must match them, which the
reference-data tests check.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

JOBS_READ: Final = "jobs:read"
JOBS_APPLY: Final = "jobs:apply"
JOBS_CREATE: Final = "jobs:create"
JOBS_UPDATE: Final = "jobs:update"
JOBS_DELETE: Final = "jobs:delete"
USERS_READ: Final = "users:read"
USERS_UPDATE: Final = "users:update"
USERS_MANAGE: Final = "users:manage"
COMPANIES_READ: Final = "companies:read"
COMPANIES_CREATE: Final = "companies:create"
COMPANIES_UPDATE: Final = "companies:update"

ALL_PERMISSIONS: Final = (
    JOBS_READ,
    JOBS_APPLY,
    JOBS_CREATE,
    JOBS_UPDATE,
    JOBS_DELETE,
    USERS_READ,
    USERS_UPDATE,
    USERS_MANAGE,
    COMPANIES_READ,
    COMPANIES_CREATE,
    COMPANIES_UPDATE,
)


class RoleName(StrEnum):
    """The seeded roles; the first four are system roles that cannot be deleted."""

    JOB_SEEKER = "job_seeker"
    EMPLOYER = "employer"
    ADMIN = "admin"
    MODERATOR = "moderator"
    PREMIUM_JOB_SEEKER = "premium_job_seeker"
    ENTERPRISE_EMPLOYER = "enterprise_employer"
