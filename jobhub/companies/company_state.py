"""State of the public company page ``/companies/[slug]``: its view data and the paging of its jobs.

Thin: ``load`` makes the page's one read in one transaction (plus which shown jobs the seeker
saved). The company's id stays in the backend var ``_company_id``, set only from the slug the
server looked up, so paging reads that company's jobs and never one the browser names.
Everything public here is what any visitor may see.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.state import AuthState
from jobhub.companies import company_public
from jobhub.companies.approved_content import PhotoView, RatingDimension
from jobhub.companies.company_public import CompanyPage, Fact, SocialLink
from jobhub.jobs.company_jobs import CompanyJobsPage
from jobhub.jobs.saved_state import SaveToggleState
from jobhub.platform.db import session_scope
from jobhub.platform.errors import NotFound
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_for_error

DEFAULT_TITLE = "Company"
DEFAULT_DESCRIPTION = "A company on JobHub, with its open jobs and reviews."


class CompanyPageState(SaveToggleState, AuthState):
    _company_id: str = ""

    loading: bool = True
    not_found: bool = False
    failed: bool = False

    slug_shown: str = ""
    name: str = ""
    tagline: str = ""
    logo_url: str = ""
    cover_image_url: str = ""
    verified: bool = False
    facts: list[Fact] = []
    socials: list[SocialLink] = []
    about_html: str = ""
    culture_html: str = ""
    values: list[dict[str, str]] = []
    benefits: list[str] = []
    perks: list[str] = []
    team_size: str = ""
    response_text: str = ""
    review_count: int = 0
    rating_text: str = ""
    review_count_text: str = ""
    rating_dimensions: list[RatingDimension] = []
    recommend_text: str = ""
    photos: list[PhotoView] = []

    jobs: list[dict[str, Any]] = []
    jobs_total: int = 0
    jobs_page: int = 1
    jobs_pages: int = 1
    jobs_loading: bool = False
    all_jobs_href: str = nav.JOBS

    canonical_url: str = ""
    seo_title: str = DEFAULT_TITLE
    seo_description: str = DEFAULT_DESCRIPTION
    json_ld: str = ""

    def _slug(self) -> str:
        """The ``[slug]`` of the URL being loaded (Reflex's own route var lives on the root state)."""
        path = str(self.router.url.path).rstrip("/")
        prefix = f"{nav.COMPANIES}/"
        return unquote(path[len(prefix) :]) if path.startswith(prefix) else ""

    def _show_jobs(self, jobs: CompanyJobsPage) -> None:
        self.jobs = [dataclasses.asdict(hit) for hit in jobs.hits]
        self.jobs_total, self.jobs_page, self.jobs_pages = jobs.total, jobs.page, jobs.pages

    def _show(self, page: CompanyPage) -> None:
        self._company_id = page.id
        self.slug_shown, self.name, self.tagline = page.slug, page.name, page.tagline
        self.logo_url, self.cover_image_url, self.verified = (
            page.logo_url,
            page.cover_image_url,
            page.verified,
        )
        self.facts, self.socials = list(page.facts), list(page.socials)
        self.about_html, self.culture_html = page.about_html, page.culture_html
        self.values, self.benefits, self.perks = list(page.values), list(page.benefits), list(page.perks)
        self.team_size, self.response_text = page.team_size, page.response_text
        rating = page.rating
        self.review_count, self.rating_text, self.review_count_text = (
            rating.count,
            rating.overall_text,
            rating.count_text,
        )
        self.rating_dimensions, self.recommend_text = list(rating.dimensions), rating.recommend_text
        self.photos = list(page.photos)
        self._show_jobs(page.jobs)
        self.all_jobs_href = page.all_jobs_href
        self.canonical_url, self.json_ld = page.canonical_url, page.json_ld
        self.seo_title, self.seo_description = page.seo_title, page.seo_description

    def _forget(self) -> None:
        """A page that is not shown keeps nothing of the company shown before (its id least of all)."""
        self._company_id = ""
        self.name, self.json_ld, self.canonical_url, self.jobs = "", "", "", []
        self.seo_title, self.seo_description = DEFAULT_TITLE, DEFAULT_DESCRIPTION

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.loading, self.not_found, self.failed = True, False, False
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                page = company_public.company_page(db, self._slug())
                self._load_saved_ids(db, who, [hit.id for hit in page.jobs.hits])
        except NotFound:
            self._forget()
            self.not_found = True
        except Exception as exc:
            self._forget()
            self.failed = True
            yield toast_for_error(exc)
        else:
            self._show(page)
        finally:
            self.loading = False

    def _turn_to(self, page: int) -> Iterator[EventSpec | None]:
        if not self._company_id:
            return
        self.jobs_loading = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                jobs = company_public.company_jobs(db, uuid.UUID(self._company_id), page)
                self._load_saved_ids(db, who, [hit.id for hit in jobs.hits])
        except Exception as exc:
            yield toast_for_error(exc)
        else:
            self._show_jobs(jobs)
            yield rx.scroll_to("open-jobs-heading")
        finally:
            self.jobs_loading = False

    @rx.event
    def next_jobs(self) -> Iterator[EventSpec | None]:
        yield from self._turn_to(self.jobs_page + 1)

    @rx.event
    def previous_jobs(self) -> Iterator[EventSpec | None]:
        yield from self._turn_to(max(1, self.jobs_page - 1))
