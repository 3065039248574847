"""Routes and the navigation each kind of user sees, declared once for header, menu and footer.

What a user may *do* is decided by services from the Principal; this module only decides
which links are worth showing, so hiding a link is never the security boundary.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME = "/"
JOBS = "/jobs"
JOB_DETAIL = "/jobs/[slug]"
COMPANIES = "/companies"
COMPANY_DETAIL = "/companies/[slug]"
SAVED_JOBS = "/saved"
ALERTS = "/alerts"
APPLICATIONS = "/applications"
PROFILE = "/profile"
PUBLIC_PROFILE = "/u/[handle]"
PROFILE_RESUMES = "/profile/resumes"
EMPLOYER_DASHBOARD = "/employer"
EMPLOYER_JOBS = "/employer/jobs"
POST_JOB = "/employer/jobs/new"
EMPLOYER_JOB_EDIT = "/employer/jobs/[id]"
EMPLOYER_JOB_PIPELINE = "/employer/jobs/[id]/pipeline"
EMPLOYER_COMPANY = "/employer/company"
EMPLOYER_TEAM = "/employer/team"
INVITATION = "/invitation"
ADMIN = "/admin"
ADMIN_COMPANIES = "/admin/companies"
LOGIN = "/login"
REGISTER = "/register"
LOGOUT = "/logout"
VERIFY_EMAIL = "/verify-email"
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password"
LOGIN_MFA = "/login/verify"
SETTINGS_ACCOUNT = "/settings/account"
SETTINGS_SECURITY = "/settings/security"
SETTINGS_CONNECTIONS = "/settings/connections"
ADMIN_USERS = "/admin/users"
FORBIDDEN = "/forbidden"


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str
    icon: str


NAV_JOBS = NavLink("Jobs", JOBS, "search")
NAV_COMPANIES = NavLink("Companies", COMPANIES, "building-2")
NAV_SAVED = NavLink("Saved", SAVED_JOBS, "bookmark")
NAV_ALERTS = NavLink("Alerts", ALERTS, "bell")
NAV_APPLICATIONS = NavLink("Applications", APPLICATIONS, "file-text")
NAV_PROFILE = NavLink("Profile", PROFILE, "id-card")
NAV_EMPLOYER = NavLink("Employer dashboard", EMPLOYER_DASHBOARD, "layout-dashboard")
NAV_POST_JOB = NavLink("Post a job", POST_JOB, "circle-plus")
NAV_ADMIN = NavLink("Admin", ADMIN, "shield")
NAV_ADMIN_USERS = NavLink("Users", ADMIN_USERS, "users")
NAV_ADMIN_COMPANIES = NavLink("Companies to verify", ADMIN_COMPANIES, "badge-check")
NAV_SIGN_IN = NavLink("Sign in", LOGIN, "log-in")
NAV_SIGN_OUT = NavLink("Sign out", LOGOUT, "log-out")

# Main links by user kind (the values of AuthState.user_kind).
MAIN_LINKS: dict[str, tuple[NavLink, ...]] = {
    "anonymous": (NAV_JOBS, NAV_COMPANIES),
    "job_seeker": (
        NAV_JOBS,
        NAV_PROFILE,
        NAV_APPLICATIONS,
        NAV_SAVED,
        NAV_ALERTS,
        NAV_COMPANIES,
    ),
    "employer": (NAV_EMPLOYER, NAV_JOBS, NAV_COMPANIES),
    "admin": (NAV_ADMIN, NAV_ADMIN_USERS, NAV_ADMIN_COMPANIES, NAV_JOBS, NAV_COMPANIES),
}

# The prominent call to action on the right of the header, by user kind.
PRIMARY_ACTION: dict[str, NavLink | None] = {
    "anonymous": NAV_POST_JOB,
    "job_seeker": None,
    "employer": NAV_POST_JOB,
    "admin": None,
}

FOOTER_LINKS: tuple[NavLink, ...] = (
    NAV_JOBS,
    NAV_COMPANIES,
    NavLink("For employers", EMPLOYER_DASHBOARD, "briefcase"),
)
