"""State of the job editor, ``/employer/jobs/new`` and ``/employer/jobs/[id]``: save, publish and the rest.

The posting's id stays in the backend var ``_job_id``, set only by ``load`` from the URL after
the service found the posting for this member (``posting_for_edit``); every action names that
id, and the services check the company and role on the stored row again. Publish and reopen
save what is typed first, in the same transaction, so a refusal (no pay, a near-duplicate)
changes nothing and the form keeps what was typed. The preview is the job page's own view
model, built from the unsaved form when the Preview tab opens.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Final
from urllib.parse import unquote

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.guards import ReloadingState
from jobhub.auth.principal import Principal
from jobhub.companies.employer_area import EmployerState
from jobhub.jobs import posting_editor, postings
from jobhub.jobs import posting_lifecycle as lifecycle
from jobhub.jobs.job_page_view import ShownPosting, shown_posting
from jobhub.jobs.posting_duplicates import PossibleDuplicate
from jobhub.jobs.posting_form import PostingInvalid
from jobhub.jobs.posting_form_state import PostingFormState, blank_form, no_errors
from jobhub.jobs.posting_list_state import DONE, job_uuid
from jobhub.jobs.posting_rules import PAY_NEEDED, PAY_TRANSPARENCY, PostingAction
from jobhub.jobs.posting_scope import PostingView
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, NotFound
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_error, toast_info, toast_success

EDIT_TAB: Final = "edit"
PREVIEW_TAB: Final = "preview"
NEW: Final = "new"
SAVED: Final = "Saved."
FIX_FIELDS: Final = "Some fields need a look: "


class PostingEditorState(ReloadingState, PostingFormState, EmployerState):
    _job_id: str = ""
    _pending: str = ""

    not_found: bool = False
    is_new: bool = True
    can_edit: bool = True
    status: str = "draft"
    status_label: str = "Draft"
    actions: list[str] = []
    public_path: str = ""
    categories: list[dict[str, str]] = []
    tab: str = EDIT_TAB
    preview: ShownPosting = ShownPosting()
    pay_notice: str = ""
    saving: bool = False
    duplicate_open: bool = False
    duplicate_title: str = ""
    duplicate_edit_path: str = ""
    duplicate_public_path: str = ""

    def _id_in_url(self) -> str:
        path = str(self.router.url.path).rstrip("/")
        prefix = f"{nav.EMPLOYER_JOBS}/"
        return unquote(path[len(prefix) :]) if path.startswith(prefix) else ""

    def _show_posting(self, view: PostingView) -> None:
        self._job_id, self.is_new = view.id, False
        self.status, self.status_label = view.status, view.status_label
        self.actions, self.public_path = list(view.actions), view.public_path

    def _reload(self, db: Session, who: Principal | None) -> None:
        """Open the posting named by the URL (or a blank one at ``/new``) for this member."""
        member = self._load_employer(db, who)
        self.categories = [{"id": c.id, "label": c.label} for c in posting_editor.category_choices(db)]
        wanted = self._id_in_url()
        if wanted == NEW or member is None:
            self._job_id, self.is_new, self.status, self.status_label = "", True, "draft", "Draft"
            self.actions, self.public_path, self.can_edit = [], "", self.can_post_jobs
            self._fill(blank_form(), [], [])
            return
        try:
            editor = posting_editor.posting_for_edit(db, who, job_uuid(wanted))
        except NotFound:
            self._job_id, self.not_found = "", True
            return
        self._show_posting(editor.posting)
        self.can_edit = editor.can_edit
        self._fill(editor.form, editor.required_skills, editor.preferred_skills)

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.not_found, self.tab, self.pay_notice = False, EDIT_TAB, ""
        self.duplicate_open, self._pending = False, ""
        yield from self._refresh()

    def _company(self, db: Session, who: Principal | None) -> uuid.UUID:
        return self._require_membership(db, who).company_id

    @rx.event
    def show_tab(self, value: str) -> EventSpec | None:
        self.tab = PREVIEW_TAB if value == PREVIEW_TAB else EDIT_TAB
        if self.tab != PREVIEW_TAB:
            return None
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                job_id = uuid.UUID(self._job_id) if self._job_id else None
                page = posting_editor.preview_posting(
                    db, who, self._company(db, who), self._payload(), job_id
                )
        except DomainError as exc:
            return toast_error(exc.message)
        self.preview = shown_posting(page)
        return None

    def _write(self, db: Session, who: Principal | None) -> PostingView:
        if self._job_id:
            return postings.update_posting(db, who, uuid.UUID(self._job_id), self._payload())
        return postings.create_draft(db, who, self._company(db, who), self._payload())

    def _refused(self, exc: DomainError) -> EventSpec:
        if isinstance(exc, PostingInvalid):
            self._show_errors(exc.errors)
            self.tab = EDIT_TAB
            about_pay = any(PAY_TRANSPARENCY in message for message in exc.errors.values())
            self.pay_notice = PAY_NEEDED if about_pay else ""
            return toast_error(self.pay_notice or FIX_FIELDS + exc.message)
        if isinstance(exc, PossibleDuplicate):
            self.duplicate_title = exc.duplicate.title
            self.duplicate_edit_path = exc.duplicate.edit_path
            self.duplicate_public_path = exc.duplicate.public_path
            self.duplicate_open = True
            return toast_info("This looks like a job you already have open.")
        return self._refusal(exc)

    def _run(self, action: str, *, save: bool, confirm_duplicate: bool = False) -> Iterator[EventSpec | None]:
        """Save what is typed (``save``), then take the lifecycle step ``action`` (if any), in one go."""
        was_new = not self._job_id
        self.saving = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                view = self._write(db, who) if save else None
                job_id = uuid.UUID(view.id) if view else job_uuid(self._job_id)
                if action:
                    view = lifecycle.change_status(
                        db, who, job_id, PostingAction(action), confirm_duplicate=confirm_duplicate
                    )
        except DomainError as exc:
            yield self._refused(exc)
            return
        finally:
            self.saving = False
        assert view is not None
        self._show_posting(view)
        self.errors, self.pay_notice, self.duplicate_open, self._pending = no_errors(), "", False, ""
        yield toast_success(DONE.get(action, SAVED))
        if was_new:
            yield rx.redirect(view.edit_path, replace=True)

    @rx.event
    def save_draft(self) -> Iterator[EventSpec | None]:
        yield from self._run("", save=True)

    @rx.event
    def publish(self) -> Iterator[EventSpec | None]:
        self._pending = PostingAction.PUBLISH
        yield from self._run(PostingAction.PUBLISH, save=self.can_edit)

    @rx.event
    def reopen(self) -> Iterator[EventSpec | None]:
        self._pending = PostingAction.REOPEN
        yield from self._run(PostingAction.REOPEN, save=self.can_edit)

    @rx.event
    def confirm_duplicate(self) -> Iterator[EventSpec | None]:
        """Publish (or reopen) anyway, after the member saw the open job it resembles."""
        if self._pending in (PostingAction.PUBLISH, PostingAction.REOPEN):
            yield from self._run(self._pending, save=self.can_edit, confirm_duplicate=True)

    @rx.event
    def set_duplicate_open(self, value: bool) -> None:
        self.duplicate_open = value

    @rx.event
    def pause(self) -> Iterator[EventSpec | None]:
        yield from self._run(PostingAction.PAUSE, save=False)

    @rx.event
    def close(self) -> Iterator[EventSpec | None]:
        yield from self._run(PostingAction.CLOSE, save=False)

    @rx.event
    def copy(self) -> Iterator[EventSpec | None]:
        try:
            with session_scope() as db:
                view = postings.copy_posting(db, self.current_principal(db), job_uuid(self._job_id))
        except DomainError as exc:
            yield self._refusal(exc)
            return
        yield toast_success("Copied. This is the new draft; edit it, then publish.")
        yield rx.redirect(view.edit_path)

    @rx.event
    def delete_draft(self) -> Iterator[EventSpec | None]:
        try:
            with session_scope() as db:
                postings.delete_draft(db, self.current_principal(db), job_uuid(self._job_id))
        except DomainError as exc:
            yield self._refusal(exc)
            return
        yield toast_info("Draft deleted.")
        yield rx.redirect(nav.EMPLOYER_JOBS)
