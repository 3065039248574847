"""State of the search page ``/jobs``: the URL is the search, this only mirrors it for rendering.

Every change of the search (the form, a facet, a chip, sort, a page) navigates to the new
URL; the router then runs ``load`` again, so back/forward, reloads and shared links all go
through the one path. The parsed ``SearchParams`` and the shown job ids stay in backend
vars: a click on a result sends only its position, and the server decides which job that was.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.models import UserType
from jobhub.auth.state import AuthState
from jobhub.jobs import suggest
from jobhub.jobs.alert_dialog import SaveAlertMixin
from jobhub.jobs.recommendation_state import RecommendationState
from jobhub.jobs.saved_state import SaveToggleState
from jobhub.jobs.search_analytics import analytics_session_id, record_click
from jobhub.jobs.search_params import RADIUS_CHOICES, DistanceUnit, SearchParams, SortOrder
from jobhub.jobs.search_view import FacetGroup, FilterChip, PageLink, load_search_page
from jobhub.platform.db import session_scope
from jobhub.ui.feedback import toast_for_error

ANY_RADIUS = "any"
KEYWORD = "keyword"
LOCATION = "location"
COMPANY = "company"
KIND_LABELS = {"title": "Job title", "skill": "Skill", COMPANY: "Company", "city": "City"}


class SearchState(SaveToggleState, RecommendationState, SaveAlertMixin, AuthState):
    """The page's own vars plus the save toggle, the recommendations section and the alert dialog."""

    hits: list[dict[str, Any]] = []
    total_text: str = ""
    groups: list[FacetGroup] = []
    chips: list[FilterChip] = []
    clear_href: str = ""
    pages: list[PageLink] = []
    prev_href: str = ""
    next_href: str = ""
    suggestion: str = ""
    suggestion_href: str = ""
    notices: list[str] = []
    seeker_skills: list[str] = []
    is_blank: bool = True
    sort: str = SortOrder.RELEVANCE
    loading: bool = True
    failed: bool = False

    # The search form, filled from the URL and edited by the user before submitting.
    keyword_text: str = ""
    location_text: str = ""
    radius: str = ANY_RADIUS
    unit: str = DistanceUnit.KM

    # Autocomplete: which box the list belongs to, its options and the highlighted one.
    suggest_for: str = ""
    options: list[dict[str, str]] = []
    active_option: int = -1

    _params: SearchParams = SearchParams()
    _job_ids: list[str] = []
    _first_position: int = 1

    @rx.event
    def load(self) -> Iterator[EventSpec | Any | None]:
        """On every URL change: show skeletons, search, record the search, show the page.

        A blank search by a job seeker then loads the recommendations in their own event,
        so they never hold up the results.
        """
        self.loading = True
        self.failed = False
        self.suggest_for = ""
        yield
        params = SearchParams.from_query(self.router.url.query_parameters)
        try:
            with session_scope() as db:
                principal = self.current_principal(db)
                view = load_search_page(db, principal, params, session_id=self._analytics_session())
                self._load_saved_ids(db, principal, [str(hit["id"]) for hit in view.hits])
        except Exception as exc:
            self.loading = False
            self.failed = True
            yield toast_for_error(exc)
            return
        self._params = params
        self._job_ids = [str(hit["id"]) for hit in view.hits]
        self._first_position = view.first_position
        self.hits = view.hits
        self.total_text = view.total_text
        self.groups = view.groups
        self.chips = view.chips
        self.clear_href = view.clear_href
        self.pages = view.pages
        self.prev_href = view.prev_href
        self.next_href = view.next_href
        self.suggestion = view.suggestion
        self.suggestion_href = view.suggestion_href
        self.notices = view.notices
        self.seeker_skills = view.seeker_skills
        self.is_blank = params.is_blank
        self.sort = params.sort
        self.keyword_text = params.q
        self.location_text = params.location
        self.radius = str(params.radius) if params.radius in RADIUS_CHOICES else ANY_RADIUS
        self.unit = params.unit
        self.loading = False
        if params.is_blank and self.user_kind == UserType.JOB_SEEKER:
            yield SearchState.load_recommendations

    def alert_search_query(self) -> dict[str, str]:
        """The search being shown, as the alert saves it (which page it was on does not matter)."""
        return self._params.with_changes().to_query()

    def _analytics_session(self) -> str:
        return analytics_session_id(self.router.session.client_token)

    def _go(self, params: SearchParams) -> EventSpec:
        return rx.redirect(params.to_url())

    @rx.event
    def submit(self, form_data: dict[str, Any]) -> EventSpec:
        return self._submit(form_data)

    def _submit(self, form_data: dict[str, Any]) -> EventSpec:
        """New words or place keep the filters and start again at page 1."""
        radius = str(form_data.get("radius", self.radius))
        unit = str(form_data.get("unit", self.unit))
        query = {
            **self._params.to_query(),
            "q": str(form_data.get("q", self.keyword_text)),
            "location": str(form_data.get("location", self.location_text)),
            "radius": "" if radius == ANY_RADIUS else radius,
            "unit": unit,
            "page": "1",
        }
        self._close()
        return self._go(SearchParams.from_query(query))

    @rx.event
    def set_sort(self, value: str) -> EventSpec:
        params = SearchParams.from_query({**self._params.to_query(), "sort": value})
        return self._go(params.with_changes())

    @rx.event
    def set_radius(self, value: str) -> None:
        self.radius = value

    @rx.event
    def set_unit(self, value: str) -> None:
        self.unit = value

    @rx.event
    def open_result(self, index: int) -> None:
        """Record which result was opened; the link itself does the navigation."""
        if not 0 <= index < len(self._job_ids):
            return
        with session_scope() as db:
            record_click(
                db,
                self.current_principal(db),
                self._params,
                job_id=self._job_ids[index],
                position=self._first_position + index,
                session_id=self._analytics_session(),
            )

    # Autocomplete

    def _suggest(self, kind: str, text: str) -> None:
        self.suggest_for = kind
        self.active_option = -1
        with session_scope() as db:
            found = suggest.suggest(db, text.strip(), kind)
        self.options = [
            {"label": s.label, "value": s.value, "kind": s.kind, "kind_label": KIND_LABELS.get(s.kind, "")}
            for s in found
        ]

    @rx.event
    def type_keyword(self, value: str) -> None:
        self.keyword_text = value
        self._suggest(KEYWORD, value)

    @rx.event
    def type_location(self, value: str) -> None:
        self.location_text = value
        self._suggest(LOCATION, value)

    @rx.event
    def close_options(self) -> None:
        self._close()

    def _close(self) -> None:
        self.suggest_for = ""
        self.active_option = -1

    @rx.event
    def option_key(self, key: str) -> EventSpec | None:
        """Arrow keys move through the list, Enter takes the highlighted option, Escape closes it.

        The page's script stops the browser's own handling of these keys while the list is
        open, so Enter on an option does not also submit the form.
        """
        if not self.suggest_for or not self.options:
            return None
        if key == "ArrowDown":
            self.active_option = (self.active_option + 1) % len(self.options)
        elif key == "ArrowUp":
            self.active_option = (self.active_option - 1) % len(self.options)
        elif key == "Escape":
            self._close()
        elif key == "Enter" and self.active_option >= 0:
            return self._pick(self.active_option)
        return None

    @rx.event
    def pick(self, index: int) -> EventSpec | None:
        return self._pick(index)

    def _pick(self, index: int) -> EventSpec | None:
        """Put the option in its box and search with it; a company becomes the company filter."""
        if not 0 <= index < len(self.options):
            return None
        chosen = self.options[index]
        if chosen["kind"] == COMPANY:
            self._close()
            companies = tuple(dict.fromkeys((*self._params.companies, chosen["value"])))
            return self._go(self._params.with_changes(companies=companies))
        if self.suggest_for == LOCATION:
            self.location_text = chosen["value"]
        else:
            self.keyword_text = chosen["value"]
        return self._submit({})
