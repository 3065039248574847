"""State of the public profile ``/u/[handle]``: one read through the profile read model per load.

What lands here is exactly what ``profile_view`` lets this viewer read, so a private salary or a
hidden profile's content never reaches another viewer's browser. A page that is not shown keeps
nothing of the profile shown before.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.state import AuthState
from jobhub.platform.db import session_scope
from jobhub.platform.errors import NotFound
from jobhub.profiles.profile_view import (
    HiddenProfile,
    ProfileView,
    ShownEntry,
    ShownLink,
    ShownSkill,
    profile_by_handle,
)
from jobhub.ui.feedback import toast_for_error

PREFIX = "/u/"
DEFAULT_TITLE = "Profile"
DEFAULT_DESCRIPTION = "A job seeker's profile on JobHub."
DESCRIPTION_MAX = 160


class PublicProfileState(AuthState):
    loading: bool = True
    not_found: bool = False
    hidden: bool = False
    hidden_label: str = ""
    failed: bool = False

    display_name: str = ""
    handle: str = ""
    headline: str = ""
    summary: str = ""
    location: str = ""
    desired_roles: list[str] = []
    desired_salary: str = ""
    current_salary: str = ""
    remote_preference: str = ""
    availability: str = ""
    open_to_work: bool = False
    visibility_label: str = ""
    is_owner: bool = False
    links: list[ShownLink] = []
    skills: list[ShownSkill] = []
    experience: list[ShownEntry] = []
    education: list[ShownEntry] = []
    certifications: list[ShownEntry] = []

    seo_title: str = DEFAULT_TITLE
    seo_description: str = DEFAULT_DESCRIPTION

    def _handle(self) -> str:
        path = str(self.router.url.path).rstrip("/")
        return unquote(path[len(PREFIX) :]) if path.startswith(PREFIX) else ""

    def _forget(self) -> None:
        self.display_name, self.handle, self.headline, self.summary, self.location = "", "", "", "", ""
        self.desired_roles, self.desired_salary, self.current_salary = [], "", ""
        self.remote_preference, self.availability, self.open_to_work = "", "", False
        self.visibility_label, self.is_owner, self.hidden_label = "", False, ""
        self.links, self.skills, self.experience, self.education, self.certifications = [], [], [], [], []
        self.seo_title, self.seo_description = DEFAULT_TITLE, DEFAULT_DESCRIPTION

    def _show(self, view: ProfileView) -> None:
        self.display_name, self.handle, self.headline = view.display_name, view.handle, view.headline
        self.summary, self.location = view.summary, view.location
        self.desired_roles = list(view.desired_roles)
        self.desired_salary, self.current_salary = view.desired_salary, view.current_salary
        self.remote_preference, self.availability = view.remote_preference, view.availability
        self.open_to_work, self.visibility_label, self.is_owner = (
            view.open_to_work,
            view.visibility_label,
            view.is_owner,
        )
        self.links, self.skills = list(view.links), list(view.skills)
        self.experience, self.education = list(view.experience), list(view.education)
        self.certifications = list(view.certifications)
        self.seo_title = f"{view.display_name}: {view.headline}" if view.headline else view.display_name
        about = view.summary or view.headline or f"{view.display_name} on JobHub."
        self.seo_description = " ".join(about.split())[:DESCRIPTION_MAX]

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.loading, self.not_found, self.hidden, self.failed = True, False, False, False
        self._forget()
        yield
        try:
            with session_scope() as db:
                page = profile_by_handle(db, self.current_principal(db), self._handle())
        except NotFound:
            self.not_found = True
            self.seo_title = "Profile not found"
        except Exception as exc:
            self.failed = True
            yield toast_for_error(exc)
        else:
            if isinstance(page, HiddenProfile):
                self.hidden, self.hidden_label = True, page.visibility_label
                self.seo_title = "Private profile"
            else:
                self._show(page)
        finally:
            self.loading = False
