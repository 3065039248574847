"""State of the verification card on the employer side (the company editor and the employer home).

A child of ``EmployerState``, so the company it acts on is the one the frame chose, looked up
again on every event (``_require_membership``); the service checks the role. The card's vars
are the status view in plain values, and the viewer's *own* address domain against the
website's, which is theirs to see. A page that composes the status itself (the employer home)
subclasses this state and calls :meth:`_show_verification`; any other page includes the card,
which loads itself when it mounts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.guards import current_path_and_query, login_url
from jobhub.companies import verification
from jobhub.companies.employer_area import EmployerState
from jobhub.companies.models import VerificationMethod
from jobhub.companies.verification import DOCUMENT_RULE, NO_DOCUMENT, UploadedDocument, VerificationStatusView
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Invalid
from jobhub.ui.feedback import toast_error, toast_success

UPLOAD_ID = "verification-document"
SENT_MESSAGE = "Request sent. An administrator will look at it; you will hear here and by email."


class VerificationCardState(EmployerState):
    verification_loading: bool = True
    badge_status: str = ""
    badge_since: str = ""
    badge_method: str = ""
    badge_reason: str = ""
    badge_document: str = ""
    may_request_badge: bool = False
    email_matches: bool = False
    email_domain: str = ""
    website_domain: str = ""
    email_problem: str = ""
    verification_note: str = ""
    note_error: str = ""
    method_error: str = ""
    document_error: str = ""
    requesting: bool = False

    def _show_verification(self, view: VerificationStatusView) -> None:
        self.badge_status, self.badge_since = view.status, view.since
        self.badge_method, self.badge_reason = view.method, view.reason
        self.badge_document, self.may_request_badge = view.document_name, view.may_request
        check = view.email_check
        self.email_matches, self.email_problem = check.matches, check.problem
        self.email_domain, self.website_domain = check.email_domain, check.website_domain
        self.verification_loading = False

    def _clear_errors(self) -> None:
        self.note_error, self.method_error, self.document_error = "", "", ""

    def _field_error(self, exc: Invalid) -> None:
        if exc.field == "note":
            self.note_error = exc.message
        elif exc.field == "document":
            self.document_error = exc.message
        else:
            self.method_error = exc.message

    def _refused(self, exc: DomainError) -> EventSpec:
        if isinstance(exc, SignInRequired):
            url = self.router.url
            return rx.redirect(login_url(current_path_and_query(url.path, url.query)))
        return toast_error(exc.message)

    @rx.event
    def load_verification(self) -> EventSpec | None:
        """What the card shows of the company the frame chose (nothing while there is none)."""
        self._clear_errors()
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                member = self._membership(db, who)
                if member is None:
                    return None
                self._show_verification(verification.verification_status(db, who, member.company_id))
        except DomainError as exc:
            return self._refused(exc)
        return None

    @rx.event
    def set_verification_note(self, value: str) -> None:
        self.verification_note = value[: verification.NOTE_MAX + 100]
        self.note_error = ""

    def _request(self, method: str, document: UploadedDocument | None) -> Iterator[EventSpec | None]:
        self._clear_errors()
        self.requesting = True
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                member = self._require_membership(db, who)
                view = verification.request_verification(
                    db, who, member.company_id, method, document, self.verification_note
                )
        except Invalid as exc:
            self._field_error(exc)
            return
        except DomainError as exc:
            yield self._refused(exc)
            return
        finally:
            self.requesting = False
        self._show_verification(view)
        self.verification_note = ""
        yield rx.clear_selected_files(UPLOAD_ID)
        yield toast_success(SENT_MESSAGE)

    @rx.event
    def request_by_email(self) -> Iterator[EventSpec | None]:
        yield from self._request(VerificationMethod.EMAIL_DOMAIN, None)

    @rx.event
    async def request_by_documents(self, files: list[rx.UploadFile]) -> AsyncIterator[EventSpec | None]:
        """The first chosen file, read up to one byte past the limit (the service refuses more)."""
        if not files:
            self._clear_errors()
            self.document_error = NO_DOCUMENT
            return
        upload = files[0]
        data = await upload.read(DOCUMENT_RULE.max_bytes + 1)
        document = UploadedDocument(data, upload.name or "")
        for event in self._request(VerificationMethod.DOCUMENTS, document):
            yield event
