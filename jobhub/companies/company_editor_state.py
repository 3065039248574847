"""State of the company editor ``/employer/company``: create the company page, then keep it right.

A user on no team gets an empty form whose save creates the company (they become its owner);
a member gets the company's fields, editable for owners and admins and read-only for others.
Each handler resolves the principal and the membership again and makes one service call in
one transaction; the company id never comes from the browser (``EmployerState._company_id``).
The form's inputs are uncontrolled: a refused save leaves what was typed on screen and marks
every field at fault, a successful one remounts the form (``form_key``) with what was stored.
Upload handlers read at most one byte over the limit and never use the file's name.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.guards import current_path_and_query, login_url
from jobhub.companies import profile
from jobhub.companies.company_form import CompanyForm, InvalidForm
from jobhub.companies.company_images import ACCEPTED, LABELS, ImageKind
from jobhub.companies.employer_area import EmployerState
from jobhub.companies.profile import CompanyView
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Invalid
from jobhub.platform.storage import MEGABYTE
from jobhub.ui.feedback import toast_error, toast_success
from jobhub.ui.forms import field_ids

NOT_SET = "__none__"
"""The selects' "not specified" value (Radix selects cannot hold an empty value)."""
SELECT_FIELDS = ("company_size", "company_type", "remote_policy")
UPLOAD_IDS: dict[ImageKind, str] = {ImageKind.LOGO: "logo-upload", ImageKind.COVER: "cover-upload"}
CREATED = "Your company page is live. Add a logo and a cover next."
SAVED = "Company page saved."


def form_from_browser(form_data: dict[str, Any]) -> CompanyForm:
    """The editor's fields as typed; a select left at "not specified" is empty."""
    return CompanyForm.from_form_data(
        {key: "" if key in SELECT_FIELDS and value == NOT_SET else value for key, value in form_data.items()}
    )


def form_for_browser(form: CompanyForm) -> dict[str, str]:
    text = form.as_form_data()
    return text | {key: text[key] or NOT_SET for key in SELECT_FIELDS}


class CompanyEditorState(EmployerState):
    values: dict[str, str] = form_for_browser(CompanyForm())
    errors: dict[str, str] = {}
    form_key: int = 0
    editable: bool = True
    saving: bool = False
    public_path: str = ""
    verified: bool = False
    headquarters_notice: str = ""
    logo_url: str = ""
    cover_image_url: str = ""
    logo_error: str = ""
    cover_error: str = ""
    uploading: str = ""

    def _show(self, view: CompanyView | None) -> None:
        self.values = form_for_browser(view.form if view else CompanyForm())
        self.editable = view.editable if view else True
        self.public_path = view.public_path if view else ""
        self.verified = bool(view and view.is_verified)
        self.logo_url = view.logo_url if view else ""
        self.cover_image_url = view.cover_image_url if view else ""
        self.headquarters_notice = view.headquarters_notice if view else ""
        self.errors, self.logo_error, self.cover_error = {}, "", ""
        self.form_key += 1

    def _to_sign_in(self) -> EventSpec:
        url = self.router.url
        return rx.redirect(login_url(current_path_and_query(url.path, url.query)))

    @rx.event
    def load(self) -> None:
        with session_scope() as db:
            who = self.current_principal(db)
            member = self._load_employer(db, who)
            view = profile.company_for_editor(db, who, member.company_id) if member else None
        self._show(view)

    @rx.event
    def save(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        """Create the company when the user has none, else update the one being worked on."""
        self.errors, self.saving = {}, True
        yield
        form = form_from_browser(form_data)
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                member = self._membership(db, who)
                if member is None:
                    view = profile.create_company(db, who, form)
                    self._company_id = view.id
                    self._load_employer(db, who)
                else:
                    view = profile.update_company(db, who, member.company_id, form)
        except Invalid as exc:
            self.errors = exc.errors if isinstance(exc, InvalidForm) else {exc.field: exc.message}
            yield rx.set_focus(field_ids(exc.field)[0])
            return
        except SignInRequired:
            yield self._to_sign_in()
            return
        except DomainError as exc:
            yield toast_error(exc.message)
            return
        finally:
            self.saving = False
        created = member is None
        self._show(view)
        yield toast_success(CREATED if created else SAVED)

    def _set_image(self, kind: ImageKind, view: CompanyView | None, error: str) -> None:
        if view is not None:
            self.logo_url, self.cover_image_url = view.logo_url, view.cover_image_url
        if kind == ImageKind.LOGO:
            self.logo_error = error
        else:
            self.cover_error = error

    async def _upload(self, kind: ImageKind, files: list[rx.UploadFile]) -> AsyncIterator[EventSpec | None]:
        self._set_image(kind, None, "")
        self.uploading = kind.value
        yield
        try:
            data = await files[0].read(ACCEPTED.max_bytes + 1) if files else b""
            if len(data) > ACCEPTED.max_bytes:
                raise Invalid(
                    kind.value,
                    f"That file is over {ACCEPTED.max_bytes // MEGABYTE} MB. Use {ACCEPTED.describe()}.",
                )
            with session_scope() as db:
                who = self.current_principal(db)
                member = self._require_membership(db, who)
                view = profile.set_company_image(db, who, member.company_id, kind, data)
        except Invalid as exc:
            self._set_image(kind, None, exc.message)
            return
        except SignInRequired:
            yield self._to_sign_in()
            return
        except DomainError as exc:
            yield toast_error(exc.message)
            return
        finally:
            self.uploading = ""
            for file in files:
                await file.close()
        self._set_image(kind, view, "")
        yield rx.clear_selected_files(UPLOAD_IDS[kind])
        yield toast_success(f"New {LABELS[kind]} saved: it is on your public page now.")

    @rx.event
    async def upload_logo(self, files: list[rx.UploadFile]) -> AsyncIterator[EventSpec | None]:
        async for update in self._upload(ImageKind.LOGO, files):
            yield update

    @rx.event
    async def upload_cover(self, files: list[rx.UploadFile]) -> AsyncIterator[EventSpec | None]:
        async for update in self._upload(ImageKind.COVER, files):
            yield update

    def _remove(self, kind: ImageKind) -> EventSpec | None:
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                member = self._require_membership(db, who)
                view = profile.remove_company_image(db, who, member.company_id, kind)
        except SignInRequired:
            return self._to_sign_in()
        except DomainError as exc:
            return toast_error(exc.message)
        self._set_image(kind, view, "")
        return toast_success(f"The {LABELS[kind]} was removed.")

    @rx.event
    def remove_logo(self) -> EventSpec | None:
        return self._remove(ImageKind.LOGO)

    @rx.event
    def remove_cover(self) -> EventSpec | None:
        return self._remove(ImageKind.COVER)
