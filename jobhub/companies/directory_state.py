"""State of the company directory ``/companies``: the URL is the search, this only mirrors it.

Every change (the search form, a filter, a page) navigates to the new URL and the router runs
``load`` again, so back/forward, reloads and shared links all take the one path. The parsed
``DirectoryParams`` stay in a backend var; the browser holds only what it renders.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.state import AuthState
from jobhub.companies.directory import search_companies
from jobhub.companies.directory_params import DirectoryParams
from jobhub.platform.db import session_scope
from jobhub.ui.feedback import toast_for_error

ANY = "__any__"
"""The selects' "no filter" value (Radix selects cannot hold an empty value)."""


class DirectoryState(AuthState):
    items: list[dict[str, Any]] = []
    total_text: str = ""
    page: int = 1
    pages: int = 1
    industries: list[str] = []
    notice: str = ""
    filtered: bool = False
    loading: bool = True
    failed: bool = False

    q: str = ""
    location: str = ""
    industry: str = ANY
    size: str = ANY
    verified: bool = False

    _params: DirectoryParams = DirectoryParams()

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.loading, self.failed = True, False
        yield
        params = DirectoryParams.from_query(self.router.url.query_parameters)
        try:
            with session_scope() as db:
                self.current_principal(db)
                result = search_companies(db, params)
        except Exception as exc:
            self.loading, self.failed = False, True
            yield toast_for_error(exc)
            return
        self._params = params
        self.items = [dataclasses.asdict(item) for item in result.items]
        self.total_text, self.page, self.pages = result.total_text, result.page, result.pages
        self.industries, self.notice, self.filtered = result.industries, result.notice, params.filtered
        self.q, self.location, self.verified = params.q, params.location, params.verified
        self.industry, self.size = params.industry or ANY, params.size or ANY
        self.loading = False

    def _go(self, **values: Any) -> EventSpec:
        """The shown search with ``values`` (as URL text) changed; from page 1 unless a page is given.

        Whatever the browser sent goes through ``DirectoryParams.from_query`` like a typed URL.
        """
        query = {**self._params.to_query(), "page": "1", **{key: str(value) for key, value in values.items()}}
        return rx.redirect(DirectoryParams.from_query(query).to_url())

    @rx.event
    def submit(self, form_data: dict[str, Any]) -> EventSpec:
        """New words or place keep the filters and start again at page 1."""
        return self._go(q=form_data.get("q", ""), location=form_data.get("location", ""))

    @rx.event
    def set_industry(self, value: str) -> EventSpec:
        return self._go(industry="" if value == ANY else value)

    @rx.event
    def set_size(self, value: str) -> EventSpec:
        return self._go(size="" if value == ANY else value)

    @rx.event
    def set_verified(self, checked: bool) -> EventSpec:
        return self._go(verified="1" if checked is True else "")

    @rx.event
    def next_page(self) -> EventSpec:
        return self._go(page=min(self.page + 1, self.pages))

    @rx.event
    def previous_page(self) -> EventSpec:
        return self._go(page=max(1, self.page - 1))
