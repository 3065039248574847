"""State of the landing page: live figures, the newest jobs and a seeker's recommendations."""

from __future__ import annotations

from urllib.parse import urlencode

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.state import AuthState
from jobhub.jobs.recommendation_state import RecommendationState
from jobhub.jobs.saved_state import SaveToggleState
from jobhub.jobs.service import JobCard
from jobhub.pages.landing_view import load_landing
from jobhub.platform.db import session_scope
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_for_error


class LandingState(SaveToggleState, RecommendationState, AuthState):
    open_jobs: int = 0
    companies: int = 0
    newest: list[JobCard] = []
    loading: bool = True
    failed: bool = False

    @rx.event
    def load(self) -> EventSpec | None:
        """One transaction for the figures; a failure keeps the page usable and says so."""
        self.loading = True
        try:
            with session_scope() as db:
                self.current_principal(db)
                view = load_landing(db)
        except Exception as exc:
            self.loading = False
            self.failed = True
            return toast_for_error(exc)
        self.open_jobs = view.open_jobs
        self.companies = view.companies
        self.newest = view.newest
        self.loading = False
        self.failed = False
        return None

    @rx.event
    def search(self, form_data: dict[str, str]) -> EventSpec:
        query = str(form_data.get("q", "")).strip()
        return rx.redirect(f"{nav.JOBS}?{urlencode({'q': query})}" if query else nav.JOBS)
