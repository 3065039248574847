"""Demo seekers have handles that open /u/{handle}, fuller profiles in order, and the figure the
meter would store; the README's seeker is public."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.models import User
from jobhub.demo import DemoSize, load_demo_into
from jobhub.demo.people import SEEKER_EMAIL
from jobhub.profiles import completeness
from jobhub.profiles.models import Certification, UserProfile
from jobhub.profiles.profile_handles import check_handle_shape
from jobhub.profiles.profile_view import ProfileView, profile_by_handle

SMALL = DemoSize(companies=3, jobs=10, seekers=12)


def test_demo_seekers_have_valid_unique_handles_and_the_stored_meter(db: Session) -> None:
    load_demo_into(db, SMALL)

    profiles = db.scalars(select(UserProfile)).all()
    handles = [profile.handle or "" for profile in profiles]
    assert len(set(handles)) == len(handles)
    assert all(check_handle_shape(handle) == handle for handle in handles)
    for profile in profiles:
        assert profile.profile_completeness == completeness.measure(db, profile.user_id).percent
    assert db.scalars(select(Certification)).first() is not None


def test_the_readme_seeker_is_public_at_their_handle(db: Session) -> None:
    load_demo_into(db, SMALL)
    seeker = db.scalars(select(User).where(User.email == SEEKER_EMAIL)).one()
    profile = db.scalars(select(UserProfile).where(UserProfile.user_id == seeker.id)).one()

    page = profile_by_handle(db, None, profile.handle or "")

    assert isinstance(page, ProfileView)
    assert page.headline and page.skills and page.experience and page.open_to_work
    assert profile.handle == f"{seeker.first_name}-{seeker.last_name}".lower().replace(" ", "-")
