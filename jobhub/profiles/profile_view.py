"""A seeker's profile as one viewer may see it: the read model the public page and the pipeline share.

``load_profile`` decides with ``visibility.may_view`` (the one rule) and returns plain frozen
dataclasses, safe to put in Reflex state, holding only what that viewer may read.
``current_salary_range`` is the owner's alone, whatever the visibility; the desired salary is
shown to the owner, admins and recruiters (it is what an employer needs to make an offer),
not to connections or the public. The owner's name comes from auth's ``people`` service:
profiles never reads another context's tables.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.people import people_by_id
from jobhub.auth.principal import Principal
from jobhub.platform.errors import Invalid, NotFound
from jobhub.profiles.history_forms import Section
from jobhub.profiles.labels import AVAILABILITY_LABELS, REMOTE_LABELS, VISIBILITY_LABELS
from jobhub.profiles.models import ProfileVisibility, UserProfile
from jobhub.profiles.profile_form import LINK_FIELDS
from jobhub.profiles.profile_handles import check_handle_shape
from jobhub.profiles.profile_history import entries_of
from jobhub.profiles.profile_skills import skills_of
from jobhub.profiles.visibility import Relation, may_view, relations

SALARY_READERS: Final = frozenset({Relation.OWNER, Relation.ADMIN, Relation.APPLIED_TO, Relation.RECRUITER})
UNKNOWN_HANDLE: Final = "There is no profile at this address."


@dataclass(frozen=True)
class ShownSkill:
    name: str
    proficiency: str
    years: str


@dataclass(frozen=True)
class ShownEntry:
    title: str
    subtitle: str
    period: str
    description: str


@dataclass(frozen=True)
class ShownLink:
    label: str
    url: str


@dataclass(frozen=True)
class ProfileView:
    """What the viewer may read of one profile; empty strings for what is not there or not theirs."""

    owner_id: str
    handle: str
    display_name: str
    headline: str
    summary: str
    location: str
    desired_roles: tuple[str, ...]
    desired_salary: str
    current_salary: str
    remote_preference: str
    availability: str
    open_to_work: bool
    visibility: str
    visibility_label: str
    completeness: int
    is_owner: bool
    links: tuple[ShownLink, ...]
    skills: tuple[ShownSkill, ...]
    experience: tuple[ShownEntry, ...]
    education: tuple[ShownEntry, ...]
    certifications: tuple[ShownEntry, ...]


@dataclass(frozen=True)
class HiddenProfile:
    """A handle that exists but whose profile the viewer may not read: only who could."""

    visibility: str
    visibility_label: str


def _entries(db: Session, owner_id: uuid.UUID, section: Section) -> tuple[ShownEntry, ...]:
    return tuple(
        ShownEntry(entry.title, entry.subtitle, entry.period, entry.description)
        for entry in entries_of(db, owner_id, section)
    )


def _view(db: Session, profile: UserProfile, ties: frozenset[Relation], name: str) -> ProfileView:
    owner = Relation.OWNER in ties
    return ProfileView(
        owner_id=str(profile.user_id),
        handle=profile.handle or "",
        display_name=name,
        headline=profile.headline or "",
        summary=profile.summary or "",
        location=profile.location or "",
        desired_roles=tuple(profile.desired_roles or ()),
        desired_salary=(profile.desired_salary_range or "") if ties & SALARY_READERS else "",
        current_salary=(profile.current_salary_range or "") if owner else "",
        remote_preference=REMOTE_LABELS.get(profile.remote_preference or "", ""),
        availability=AVAILABILITY_LABELS.get(profile.availability or "", ""),
        open_to_work=profile.open_to_work,
        visibility=profile.profile_visibility,
        visibility_label=VISIBILITY_LABELS[ProfileVisibility(profile.profile_visibility)],
        completeness=profile.profile_completeness,
        is_owner=owner,
        links=tuple(
            ShownLink(label, getattr(profile, field))
            for field, label in LINK_FIELDS.items()
            if getattr(profile, field)
        ),
        skills=tuple(
            ShownSkill(skill.name, skill.proficiency_label, skill.years)
            for skill in skills_of(db, profile.user_id)
        ),
        experience=_entries(db, profile.user_id, Section.EXPERIENCE),
        education=_entries(db, profile.user_id, Section.EDUCATION),
        certifications=_entries(db, profile.user_id, Section.CERTIFICATIONS),
    )


def _shown(
    db: Session, who: Principal | None, profile: UserProfile, *, shared_by_application: bool
) -> ProfileView | None:
    person = people_by_id(db, [profile.user_id]).get(profile.user_id)
    if person is None:
        return None
    if not may_view(
        db, who, profile.user_id, profile.profile_visibility, shared_by_application=shared_by_application
    ):
        return None
    ties = relations(db, who, profile.user_id, shared_by_application=shared_by_application)
    return _view(db, profile, ties, person.display_name)


def load_profile(
    db: Session, who: Principal | None, owner_id: uuid.UUID, *, shared_by_application: bool = False
) -> ProfileView | None:
    """``owner_id``'s profile as ``who`` may see it, or ``None`` (no profile, or not theirs to read).

    ``shared_by_application`` is the caller's word that ``who`` is on the team of a company
    ``owner_id`` applied to (the jobs context checks that); it opens every visibility but private.
    """
    profile = db.scalars(select(UserProfile).where(UserProfile.user_id == owner_id)).one_or_none()
    if profile is None:
        return None
    return _shown(db, who, profile, shared_by_application=shared_by_application)


def profile_by_handle(db: Session, who: Principal | None, handle: str) -> ProfileView | HiddenProfile:
    """The ``/u/<handle>`` page: the profile, or how it is hidden; ``NotFound`` for no such handle."""
    try:
        typed = check_handle_shape(handle)
    except Invalid as exc:
        raise NotFound(UNKNOWN_HANDLE) from exc
    profile = db.scalars(select(UserProfile).where(func.lower(UserProfile.handle) == typed)).one_or_none()
    if profile is None or not people_by_id(db, [profile.user_id]):
        raise NotFound(UNKNOWN_HANDLE)
    view = _shown(db, who, profile, shared_by_application=False)
    if view is not None:
        return view
    visibility = ProfileVisibility(profile.profile_visibility)
    return HiddenProfile(visibility.value, VISIBILITY_LABELS[visibility])
