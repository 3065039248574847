"""State of the profile editor ``/profile``: the seeker's own profile, one service call per action.

Each handler resolves the principal again and works in one transaction; ids that come back
from the browser (a skill or an entry to change) are only ever looked up by the services
inside the principal's own rows. The forms are uncontrolled: a refused save leaves what was
typed and marks every field at fault, a good one remounts the form (``form_key`` /
``entry_key``) with what was stored. Everything here is the owner's own profile.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from jobhub.auth.guards import GuardState, ReloadingState
from jobhub.auth.principal import Principal
from jobhub.companies.company_fields import single_line
from jobhub.companies.company_form import InvalidForm
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Invalid, NotFound
from jobhub.profiles import profile_editor, profile_history, profile_skills
from jobhub.profiles.completeness import Completeness
from jobhub.profiles.form_values import text_of
from jobhub.profiles.history_forms import Section, entry_fields
from jobhub.profiles.profile_editor import OwnProfile
from jobhub.profiles.profile_form import ProfileForm
from jobhub.profiles.service import search_skills
from jobhub.ui.feedback import toast_success
from jobhub.ui.forms import field_ids

NOT_SET = "__none__"
"""The selects' "not specified" value (Radix selects cannot hold an empty value)."""
SELECT_FIELDS = ("remote_preference", "availability", "employment_type")
NEW = "new"
ENTRY_PREFIX = "entry_"
SKILL_OPTIONS_MAX = 8
SAVED = "Profile saved."
SECTION_NOUNS: dict[str, str] = {
    Section.EXPERIENCE: "Position",
    Section.EDUCATION: "Education",
    Section.CERTIFICATIONS: "Certification",
}


def from_browser(form_data: dict[str, Any]) -> dict[str, Any]:
    """A select left at "not specified" is empty."""
    return {
        key: "" if key in SELECT_FIELDS and value == NOT_SET else value for key, value in form_data.items()
    }


def for_browser(values: dict[str, str]) -> dict[str, str]:
    return values | {key: values[key] or NOT_SET for key in SELECT_FIELDS if key in values}


def _uuid(value: str) -> uuid.UUID:
    """An id from the browser; anything that is not one is a row that does not exist."""
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise NotFound("That is not on your profile.") from exc


def _section(value: str) -> Section:
    try:
        return Section(value)
    except ValueError as exc:
        raise NotFound("That section is not on your profile.") from exc


class ProfileEditorState(ReloadingState, GuardState):
    values: dict[str, str] = for_browser(ProfileForm().as_form_data())
    errors: dict[str, str] = {}
    form_key: int = 0
    saving: bool = False
    handle: str = ""
    suggested_handle: str = ""
    public_path: str = ""
    percent: int = 0
    next_step: str = ""

    skills: list[dict[str, str]] = []
    skill_query: str = ""
    skill_options: list[str] = []
    skill_error: str = ""
    skill_key: int = 0

    experience: list[dict[str, Any]] = []
    education: list[dict[str, Any]] = []
    certifications: list[dict[str, Any]] = []
    editing_section: str = ""
    editing_id: str = ""
    entry_values: dict[str, str] = {}
    entry_errors: dict[str, str] = {}
    entry_key: int = 0
    entry_saving: bool = False

    def _show_meter(self, measured: Completeness) -> None:
        self.percent, self.next_step = measured.percent, measured.next_step

    def _show(self, view: OwnProfile) -> None:
        self.values = for_browser(view.form.as_form_data())
        self.handle, self.suggested_handle, self.public_path = (
            view.handle,
            view.suggested_handle,
            view.public_path,
        )
        self._show_meter(view.completeness)
        self.skills = [dataclasses.asdict(skill) for skill in view.skills]
        self.experience, self.education, self.certifications = (
            [dataclasses.asdict(entry) for entry in view.entries[section]] for section in Section
        )

    def _reload(self, db: Session, who: Principal | None) -> None:
        self._show(profile_editor.own_profile(db, who))

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.errors, self.entry_errors, self.skill_error = {}, {}, ""
        self.editing_section, self.editing_id = "", ""
        yield from self._refresh()
        self.form_key += 1

    def _act(self, action: Callable[[Session, Principal | None], Completeness | None]) -> EventSpec | None:
        """One change and the page read again, in one transaction; refusals become toasts."""
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                action(db, who)
                self._reload(db, who)
        except DomainError as exc:
            return self._refusal(exc)
        return None

    @rx.event
    def save(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        self.errors, self.saving = {}, True
        yield
        form = ProfileForm.from_form_data(from_browser(form_data))
        try:
            with session_scope() as db:
                view = profile_editor.save_profile(db, self.current_principal(db), form)
        except Invalid as exc:
            self.errors = exc.errors if isinstance(exc, InvalidForm) else {exc.field: exc.message}
            yield rx.set_focus(field_ids(exc.field)[0])
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        finally:
            self.saving = False
        self._show(view)
        self.form_key += 1
        yield toast_success(SAVED)

    @rx.event
    def search_skill(self, text: str) -> None:
        """The type-ahead: taxonomy names matching ``text``, less those already on the profile."""
        self.skill_query, self.skill_error = str(text)[: profile_skills.NAME_MAX], ""
        try:
            words = single_line(self.skill_query, "skill", "The skill", profile_skills.NAME_MAX)
        except Invalid as exc:
            self.skill_error, words = exc.message, None
        if not words:
            self.skill_options = []
            return
        mine = {skill["name"] for skill in self.skills}
        with session_scope() as db:
            self.current_principal(db)
            found = search_skills(db, words, limit=SKILL_OPTIONS_MAX + len(mine))
        self.skill_options = [choice.name for choice in found if choice.name not in mine][:SKILL_OPTIONS_MAX]

    @rx.event
    def pick_skill(self, name: str) -> None:
        self.skill_query, self.skill_options = str(name)[: profile_skills.NAME_MAX], []

    @rx.event
    def add_skill(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        self.skill_error = ""
        data = from_browser(form_data)
        name = text_of(data, "skill") or self.skill_query
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                profile_skills.add_skill(db, who, name, text_of(data, "proficiency"), text_of(data, "years"))
                self._reload(db, who)
        except Invalid as exc:
            self.skill_error = exc.message
            yield rx.set_focus(field_ids(exc.field)[0])
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        self.skill_query, self.skill_options = "", []
        self.skill_key += 1
        yield toast_success(f"{name.strip()} added to your skills.")

    def _skill(self, skill_id: str) -> dict[str, str] | None:
        return next((skill for skill in self.skills if skill["id"] == skill_id), None)

    @rx.event
    def change_skill_level(self, skill_id: str, level: str) -> EventSpec | None:
        shown = self._skill(skill_id)
        years = shown["years"] if shown else ""
        return self._act(lambda db, who: profile_skills.update_skill(db, who, _uuid(skill_id), level, years))

    @rx.event
    def change_skill_years(self, skill_id: str, years: str) -> EventSpec | None:
        shown = self._skill(skill_id)
        if shown is None or shown["years"] == str(years).strip():
            return None
        level = shown["proficiency"]
        return self._act(
            lambda db, who: profile_skills.update_skill(db, who, _uuid(skill_id), level, str(years))
        )

    @rx.event
    def remove_skill(self, skill_id: str) -> EventSpec | None:
        return self._act(lambda db, who: profile_skills.remove_skill(db, who, _uuid(skill_id)))

    def _entries(self, section: Section) -> list[dict[str, Any]]:
        return {
            Section.EXPERIENCE: self.experience,
            Section.EDUCATION: self.education,
            Section.CERTIFICATIONS: self.certifications,
        }[section]

    @rx.event
    def start_entry(self, section: str, entry_id: str) -> EventSpec | None:
        """Open the inline form: empty for ``NEW``, else with the shown entry's stored values."""
        kind = _section(section)
        blank = dict.fromkeys(entry_fields(kind), "")
        shown = next((entry for entry in self._entries(kind) if entry["id"] == entry_id), None)
        if entry_id != NEW and shown is None:
            return None
        self.editing_section, self.editing_id = kind.value, entry_id
        self.entry_values = for_browser(blank | (shown["values"] if shown else {}))
        self.entry_errors = {}
        self.entry_key += 1
        return rx.set_focus(field_ids(ENTRY_PREFIX + entry_fields(kind)[0])[0])

    @rx.event
    def cancel_entry(self) -> None:
        self.editing_section, self.editing_id, self.entry_errors = "", "", {}

    @rx.event
    def save_entry(self, form_data: dict[str, Any]) -> Iterator[EventSpec | None]:
        self.entry_errors, self.entry_saving = {}, True
        yield
        data = from_browser({str(key).removeprefix(ENTRY_PREFIX): value for key, value in form_data.items()})
        today = datetime.now(UTC).date()
        try:
            kind = _section(self.editing_section)
            with session_scope() as db:
                who = self.current_principal(db)
                if self.editing_id == NEW:
                    profile_history.add_entry(db, who, kind, data, today=today)
                else:
                    profile_history.update_entry(db, who, kind, _uuid(self.editing_id), data, today=today)
                self._reload(db, who)
        except Invalid as exc:
            self.entry_errors = exc.errors if isinstance(exc, InvalidForm) else {exc.field: exc.message}
            yield rx.set_focus(field_ids(ENTRY_PREFIX + exc.field)[0])
            return
        except DomainError as exc:
            yield self._refusal(exc)
            return
        finally:
            self.entry_saving = False
        noun = SECTION_NOUNS[kind]
        self.editing_section, self.editing_id = "", ""
        yield toast_success(f"{noun} saved.")

    @rx.event
    def remove_entry(self, section: str, entry_id: str) -> EventSpec | None:
        self.editing_section, self.editing_id = "", ""
        return self._act(
            lambda db, who: profile_history.remove_entry(db, who, _section(section), _uuid(entry_id))
        )

    @rx.event
    def move_entry(self, section: str, entry_id: str, offset: int) -> EventSpec | None:
        """Up (-1) or down (+1); focus returns to the button pressed, which moved with its entry."""
        step = -1 if str(offset).startswith("-") else 1
        refusal = self._act(
            lambda db, who: profile_history.move_entry(db, who, _section(section), _uuid(entry_id), step)
        )
        return refusal or rx.set_focus(f"move-{'up' if step < 0 else 'down'}-{entry_id}")
