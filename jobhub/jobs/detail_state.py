"""State of the job page ``/jobs/[slug]``: the posting's view data and the save, share and report actions.

Thin: each handler resolves the principal again and makes its service calls in one
transaction. The job's id stays in a backend var (``_job_id``), set only by ``load`` from the
slug the server looked up, so save, share and report act on the job the page shows and never
on an id the browser sent. Everything public here is what any visitor of an open job may see,
plus the signed-in seeker's own skill match, saved flag and the day they applied.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.guards import current_path_and_query, login_url
from jobhub.auth.state import AuthState
from jobhub.jobs import applications, reports, saved
from jobhub.jobs.application_tracker import day_label
from jobhub.jobs.job_detail import JobPage, SimilarJob, job_page
from jobhub.jobs.job_page_view import shown_posting
from jobhub.jobs.views import ViewOrigin, record_share, record_view
from jobhub.platform.db import session_scope
from jobhub.platform.errors import Conflict, DomainError, Invalid, NotFound
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_error, toast_for_error, toast_info, toast_success

DEFAULT_TITLE = "Job details"
DEFAULT_DESCRIPTION = "A job on JobHub, with the pay on the posting."
REPORTED = "Thank you. Our moderators will look at this job."
COPIED = "Link copied. Paste it anywhere to share this job."


def _tracking_id(client_token: str) -> str | None:
    """A stable, one-way id of the browser tab for analytics: the raw token keys its Reflex state."""
    return hashlib.sha256(client_token.encode()).hexdigest()[:32] if client_token else None


class JobDetailState(AuthState):
    _job_id: str = ""

    loading: bool = True
    not_found: bool = False
    failed: bool = False

    slug_shown: str = ""
    title: str = ""
    notice: str = ""
    company_name: str = ""
    company_slug: str = ""
    company_logo: str = ""
    company_rating: str = ""
    company_reviews: str = ""
    company_facts: list[str] = []
    company_verified: bool = False
    location: str = ""
    facts: list[str] = []
    salary: str = ""
    salary_yearly: str = ""
    posted: str = ""
    description_html: str = ""
    requirements_html: str = ""
    responsibilities_html: str = ""
    benefits_html: str = ""
    required_skills: list[str] = []
    preferred_skills: list[str] = []
    match_summary: str = ""
    missing_skills: list[str] = []
    similar: list[SimilarJob] = []
    apply_url: str = ""
    share_url: str = ""
    seo_title: str = DEFAULT_TITLE
    seo_description: str = DEFAULT_DESCRIPTION
    json_ld: str = ""

    is_seeker: bool = False
    applied_id: str = ""
    applied_on: str = ""
    is_saved: bool = False
    saving: bool = False
    report_open: bool = False
    reporting: bool = False
    reported: bool = False
    report_reason_error: str = ""
    report_details_error: str = ""

    def _slug(self) -> str:
        """The ``[slug]`` of the URL being loaded (Reflex's own route var lives on the root state)."""
        path = str(self.router.url.path).rstrip("/")
        prefix = f"{nav.JOBS}/"
        return unquote(path[len(prefix) :]) if path.startswith(prefix) else ""

    def _show(self, page: JobPage) -> None:
        self._job_id = page.id
        self.slug_shown = page.slug
        shown = shown_posting(page)
        for part in dataclasses.fields(shown):
            setattr(self, part.name, getattr(shown, part.name))
        self.share_url = page.share_url
        self.seo_title, self.seo_description, self.json_ld = (
            page.seo_title,
            page.seo_description,
            page.json_ld,
        )

    def _forget(self) -> None:
        """A page that is not shown keeps nothing of the previous job (its id least of all)."""
        self._job_id = ""
        self.title, self.json_ld, self.similar = "", "", []
        self.seo_title, self.seo_description = DEFAULT_TITLE, DEFAULT_DESCRIPTION

    def _record_view(self, db: Session, page: JobPage, viewer: uuid.UUID | None) -> None:
        headers = self.router.headers
        record_view(
            db,
            uuid.UUID(page.id),
            viewer,
            self.router.session.client_ip,
            headers.user_agent,
            headers.raw_headers.get("referer"),
            _tracking_id(self.router.session.client_token),
            origin=ViewOrigin.from_query(self.router.url.query_parameters),
        )

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        """Resolve the session, show the job and count the view, all in one transaction.

        Admin previews of jobs that are not open are not counted as views.
        """
        self.loading, self.not_found, self.failed = True, False, False
        self.report_open, self.reported = False, False
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                page = job_page(db, self._slug(), who)
                if not page.notice:
                    self._record_view(db, page, who.user_id if who else None)
                self.is_seeker = who is not None and who.is_job_seeker
                self.is_saved = self.is_seeker and bool(
                    who and saved.saved_job_ids(db, who.user_id, [uuid.UUID(page.id)])
                )
                self.reported = who is not None and reports.has_reported(db, uuid.UUID(page.id), who.user_id)
                mine = (
                    applications.application_for_job(db, who, uuid.UUID(page.id)) if self.is_seeker else None
                )
                self.applied_id = str(mine.id) if mine else ""
                self.applied_on = day_label(mine.applied_at) if mine else ""
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

    def _sign_in_first(self) -> EventSpec:
        url = self.router.url
        return rx.redirect(login_url(current_path_and_query(url.path, url.query)))

    @rx.event
    def toggle_save(self) -> Iterator[EventSpec | None]:
        if not self._job_id:
            return
        self.saving = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                job_id = uuid.UUID(self._job_id)
                if self.is_saved:
                    saved.unsave_job(db, who, job_id)
                else:
                    saved.save_job(db, who, job_id)
        except SignInRequired:
            yield self._sign_in_first()
        except DomainError as exc:
            yield toast_error(exc.message)
        else:
            self.is_saved = not self.is_saved
            yield toast_success("Saved to your jobs." if self.is_saved else "Removed from your saved jobs.")
        finally:
            self.saving = False

    @rx.event
    def share(self) -> Iterator[EventSpec | None]:
        """Copy the link and count the share (closed meanwhile: copied, not counted)."""
        if not self._job_id:
            return
        yield rx.set_clipboard(self.share_url)
        with session_scope() as db:
            who = self.current_principal(db)
            record_share(
                db,
                uuid.UUID(self._job_id),
                who.user_id if who else None,
                session_id=_tracking_id(self.router.session.client_token),
            )
        yield toast_success(COPIED)

    @rx.event
    def set_report_open(self, value: bool) -> None:
        self.report_open = value
        self.report_reason_error, self.report_details_error = "", ""

    @rx.event
    def report(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        if not self._job_id:
            return
        self.reporting = True
        self.report_reason_error, self.report_details_error = "", ""
        yield
        try:
            with session_scope() as db:
                reports.report_job(
                    db,
                    self.current_principal(db),
                    uuid.UUID(self._job_id),
                    str(form_data.get("reason", "")),
                    str(form_data.get("details", "")),
                )
        except SignInRequired:
            yield self._sign_in_first()
        except Invalid as exc:
            if exc.field == "reason":
                self.report_reason_error = exc.message
            else:
                self.report_details_error = exc.message
        except Conflict as exc:
            self.report_open, self.reported = False, True
            yield toast_info(exc.message)
        except DomainError as exc:
            yield toast_error(exc.message)
        else:
            self.report_open, self.reported = False, True
            yield toast_success(REPORTED)
        finally:
            self.reporting = False
