"""Saving the profile's own fields: every rule refuses on its field and stores nothing; a first save
suggests a handle from the name; an empty handle keeps the one the seeker has."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.companies.company_form import InvalidForm
from jobhub.platform.errors import Forbidden
from jobhub.profiles.models import DomainEvent, UserProfile
from jobhub.profiles.profile_editor import own_profile, save_profile
from tests.factories import principal_with_role
from tests.profiles.profile_support import full_form, stored_seeker


def stored(db: Session, user_id: object) -> UserProfile | None:
    return db.scalars(select(UserProfile).where(UserProfile.user_id == user_id)).one_or_none()


def test_a_first_save_stores_the_fields_and_suggests_a_handle_from_the_name(db: Session) -> None:
    seeker = stored_seeker(db, "Grace", "Hopper")

    view = save_profile(db, seeker, full_form())

    row = stored(db, seeker.user_id)
    assert row is not None and row.headline == "Data engineer who ships"
    assert row.desired_roles == ["Data Engineer", "Analytics Engineer"]
    assert row.github_url == "https://github.com/ada"
    assert row.open_to_work is True
    assert view.handle.startswith("grace-hopper")
    assert view.public_path == f"/u/{view.handle}"


def test_an_empty_handle_keeps_the_one_the_seeker_chose(db: Session) -> None:
    seeker = stored_seeker(db)
    chosen = save_profile(db, seeker, full_form(handle=f"ada-{seeker.user_id.hex[:10]}")).handle

    assert save_profile(db, seeker, full_form(handle="")).handle == chosen


def test_a_refused_save_names_every_bad_field_and_stores_nothing(db: Session) -> None:
    seeker = stored_seeker(db)

    with pytest.raises(InvalidForm) as refused:
        save_profile(
            db,
            seeker,
            full_form(
                handle="no",
                headline="x" * 201,
                desired_salary_range="negotiable",
                remote_preference="sometimes",
                profile_visibility="friends",
                linkedin_url="https://example.com/me",
            ),
        )

    assert set(refused.value.errors) == {
        "handle",
        "headline",
        "desired_salary_range",
        "remote_preference",
        "profile_visibility",
        "linkedin_url",
    }
    assert stored(db, seeker.user_id) is None


def test_another_seekers_handle_is_refused(db: Session) -> None:
    first, second = stored_seeker(db), stored_seeker(db)
    handle = save_profile(db, first, full_form()).handle

    with pytest.raises(InvalidForm) as refused:
        save_profile(db, second, full_form(handle=handle.upper()))

    assert "already" in refused.value.errors["handle"]


def test_saving_emits_one_profile_updated_event_with_the_meter(db: Session) -> None:
    seeker = stored_seeker(db)

    save_profile(db, seeker, full_form())

    events = db.scalars(select(DomainEvent).where(DomainEvent.user_id == seeker.user_id)).all()
    assert [event.event_type for event in events] == ["profile.updated"]
    assert events[0].event_data["completeness"] == stored(db, seeker.user_id).profile_completeness  # type: ignore[union-attr]


@pytest.mark.parametrize("role", ["employer", "admin"])
def test_only_job_seekers_have_a_profile_to_edit(db: Session, role: str) -> None:
    with pytest.raises(Forbidden):
        save_profile(db, principal_with_role(role), full_form())
    with pytest.raises(Forbidden):
        own_profile(db, principal_with_role(role))


def test_the_editor_offers_a_handle_before_the_first_save(db: Session) -> None:
    seeker = stored_seeker(db, "Mary", "Jackson")

    view = own_profile(db, seeker)

    assert view.handle == "" and view.suggested_handle.startswith("mary-jackson")
    assert view.completeness.percent == 0
