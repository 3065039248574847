"""The plain-HTTP routes mounted in front of Reflex through ``App(api_transformer=...)``.

Anything that must be ordinary HTTP (health checks, login/logout setting the ``HttpOnly``
session cookie, webhooks, file downloads with permission checks) is a Starlette route
here; Reflex's own app is mounted behind these routes.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Route

from jobhub.auth.account_routes import ROUTES as REGISTRATION_ROUTES
from jobhub.auth.account_routes_settings import ROUTES as ACCOUNT_ROUTES
from jobhub.auth.mfa_routes import ROUTES as MFA_ROUTES
from jobhub.auth.oauth_routes import ROUTES as OAUTH_ROUTES
from jobhub.auth.routes import ROUTES as AUTH_ROUTES
from jobhub.companies.verification_routes import ROUTES as VERIFICATION_ROUTES
from jobhub.jobs.alert_routes import ROUTES as ALERT_ROUTES
from jobhub.jobs.sitemap import ROUTES as SITEMAP_ROUTES
from jobhub.platform.file_routes import ROUTES as FILE_ROUTES
from jobhub.platform.health import health_endpoint
from jobhub.profiles.resume_routes import ROUTES as RESUME_ROUTES


def build_http_api() -> Starlette:
    return Starlette(
        routes=[
            Route("/health", health_endpoint, methods=["GET"]),
            *AUTH_ROUTES,
            *MFA_ROUTES,
            *ACCOUNT_ROUTES,
            *REGISTRATION_ROUTES,
            *OAUTH_ROUTES,
            *ALERT_ROUTES,
            *SITEMAP_ROUTES,
            *FILE_ROUTES,
            *VERIFICATION_ROUTES,
            *RESUME_ROUTES,
        ]
    )
