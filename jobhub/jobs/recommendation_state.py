"""The "Recommended for you" section's state, as a mixin any page state can take.

A page opts in by listing it before ``AuthState`` (``class LandingState(RecommendationState,
AuthState)``: Reflex treats a class whose state bases are all mixins as a mixin too) and
adding ``load_recommendations`` to its ``on_load``. The section loads in its own event after
the page, so a slow recommendation never holds up the rest of the page, and it resolves the
principal again like every handler: a seeker who signed out in another tab gets nothing.
The section's cards carry a save toggle, so the page state takes ``SaveToggleState`` too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.state import AuthState
from jobhub.jobs.recommendations import ADD_SKILLS, recommended_jobs
from jobhub.jobs.saved_state import SaveToggleState
from jobhub.platform.db import session_scope
from jobhub.ui.feedback import toast_for_error

SHOWN = 6


class RecommendationState(AuthState, mixin=True):
    recommended: list[dict[str, Any]] = []
    recommended_highlight: list[str] = []
    recommendations_need_skills: bool = False
    recommendations_loading: bool = True
    recommendations_failed: bool = False

    @rx.event
    def load_recommendations(self) -> Iterator[EventSpec | None]:
        """Skeletons first, then one read-only transaction for the seeker's recommendations."""
        self.recommendations_loading = True
        self.recommendations_failed = False
        yield
        try:
            with session_scope() as db:
                view = recommended_jobs(db, self.current_principal(db), limit=SHOWN)
        except Exception as exc:
            self.recommended = []
            self.recommendations_loading = False
            self.recommendations_failed = True
            yield toast_for_error(exc)
            return
        self.recommended = [asdict(job) for job in view.jobs]
        if isinstance(self, SaveToggleState):
            # Fresh truth for the recommended jobs; the ids of the page's other cards stay as loaded.
            shown = {job.id for job in view.jobs}
            self.saved_ids = sorted(
                (set(self.saved_ids) - shown) | {job.id for job in view.jobs if job.saved}
            )
        self.recommended_highlight = view.skills
        self.recommendations_need_skills = view.hint == ADD_SKILLS
        self.recommendations_loading = False
