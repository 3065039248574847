"""The seeker's own profile in the editor ``/profile``: read everything, save the profile's fields.

The editor reads only the principal's own rows (``who.user_id``), never an id the browser
names. Saving checks every field at once (``InvalidForm``) and changes nothing when one is
wrong. A seeker who has no handle yet gets one suggested from their name; an empty handle
field keeps the one they have, since a profile address, once shared, should not vanish.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.profiles import completeness
from jobhub.profiles.completeness import Completeness
from jobhub.profiles.history_forms import Section
from jobhub.profiles.models import UserProfile
from jobhub.profiles.profile_changes import changed, name_for_handle, own_profile_row, require_seeker
from jobhub.profiles.profile_form import LINK_FIELDS, ProfileForm, clean_profile_form
from jobhub.profiles.profile_handles import check_handle_free, suggest_handle
from jobhub.profiles.profile_history import Entry, entries_of
from jobhub.profiles.profile_skills import SkillItem, skills_of

PUBLIC_PREFIX = "/u/"


@dataclass(frozen=True)
class OwnProfile:
    """Everything the editor shows; the form's fields are the columns' stored text."""

    form: ProfileForm
    handle: str
    suggested_handle: str
    public_path: str
    completeness: Completeness
    skills: list[SkillItem]
    entries: dict[Section, list[Entry]]


def stored_form(profile: UserProfile | None) -> ProfileForm:
    if profile is None:
        return ProfileForm()
    return ProfileForm(
        handle=profile.handle or "",
        headline=profile.headline or "",
        summary=profile.summary or "",
        location=profile.location or "",
        desired_roles=", ".join(profile.desired_roles or []),
        desired_salary_range=profile.desired_salary_range or "",
        remote_preference=profile.remote_preference or "",
        availability=profile.availability or "",
        open_to_work=profile.open_to_work,
        profile_visibility=profile.profile_visibility,
        **{field: getattr(profile, field) or "" for field in LINK_FIELDS},
    )


def own_profile(db: Session, who: Principal | None) -> OwnProfile:
    seeker = require_seeker(who)
    profile = own_profile_row(db, seeker)
    handle = profile.handle if profile and profile.handle else ""
    return OwnProfile(
        form=stored_form(profile),
        handle=handle,
        suggested_handle=handle or suggest_handle(db, name_for_handle(seeker), seeker.user_id),
        public_path=f"{PUBLIC_PREFIX}{handle}" if handle else "",
        completeness=completeness.measure(db, seeker.user_id),
        skills=skills_of(db, seeker.user_id),
        entries={section: entries_of(db, seeker.user_id, section) for section in Section},
    )


def save_profile(db: Session, who: Principal | None, form: ProfileForm) -> OwnProfile:
    """Store the profile's fields; ``InvalidForm`` (nothing stored) when any is wrong."""
    seeker = require_seeker(who)
    profile = own_profile_row(db, seeker, lock=True)

    def handle_rule(typed: str) -> str | None:
        if typed.strip():
            return check_handle_free(db, typed, seeker.user_id)
        if profile is not None and profile.handle:
            return profile.handle
        return suggest_handle(db, name_for_handle(seeker), seeker.user_id)

    values = clean_profile_form(form, handle_rule)
    if profile is None:
        profile = UserProfile(user_id=seeker.user_id)
        db.add(profile)
    for column, value in values.items():
        setattr(profile, column, value)
    db.flush()
    changed(db, seeker, "profile", "saved")
    return own_profile(db, seeker)
