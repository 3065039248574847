"""What each viewer sees of a profile: the visibility table (owner, admin, applied-to team,
recruiter, connection, other signed-in, anonymous) x (public, recruiters only, connections only,
private) through ``load_profile`` and the /u/{handle} read, and salaries only where they belong."""

from __future__ import annotations

import uuid
from dataclasses import asdict

import pytest
from sqlalchemy import update
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.platform.errors import NotFound
from jobhub.profiles.history_forms import Section
from jobhub.profiles.models import ConnectionStatus, ProfileVisibility, UserProfile
from jobhub.profiles.profile_editor import save_profile
from jobhub.profiles.profile_history import add_entry, entries_of, move_entry
from jobhub.profiles.profile_view import HiddenProfile, ProfileView, load_profile, profile_by_handle
from jobhub.profiles.visibility import ALLOWED, Relation
from tests.factories import Team, add, make_connection, principal_with_role
from tests.profiles.profile_support import TODAY, full_form, job, stored_seeker

VIEWERS = ("owner", "admin", "applied_to", "recruiter", "connection", "signed_in", "anonymous")
SEES: dict[ProfileVisibility, set[str]] = {
    ProfileVisibility.PUBLIC: set(VIEWERS),
    ProfileVisibility.RECRUITERS_ONLY: {"owner", "admin", "applied_to", "recruiter"},
    ProfileVisibility.CONNECTIONS_ONLY: {"owner", "admin", "applied_to", "connection"},
    ProfileVisibility.PRIVATE: {"owner", "admin"},
}
SECRET_PAY = "140k-160k EUR"


def viewer(
    db: Session, kind: str, owner: Principal, team: Team, other_team: Team
) -> tuple[Principal | None, bool]:
    """The principal for ``kind`` and whether the pipeline would say the profile was shared with them."""
    if kind == "owner":
        return owner, False
    if kind == "admin":
        return principal_with_role("admin"), False
    if kind == "applied_to":
        return team.recruiter, True
    if kind == "recruiter":
        return other_team.hiring_manager, False
    if kind == "connection":
        friend = principal_with_role("job_seeker")
        add(
            db,
            make_connection(
                requester_id=owner.user_id, addressee_id=friend.user_id, status=ConnectionStatus.ACCEPTED
            ),
        )
        return friend, False
    if kind == "signed_in":
        return principal_with_role("job_seeker"), False
    return None, False


def owner_with(db: Session, visibility: ProfileVisibility) -> tuple[Principal, str]:
    owner = stored_seeker(db)
    handle = save_profile(db, owner, full_form(profile_visibility=visibility.value)).handle
    db.execute(
        update(UserProfile)
        .where(UserProfile.user_id == owner.user_id)
        .values(current_salary_range=SECRET_PAY)
    )
    db.expire_all()
    return owner, handle


def test_the_table_here_is_the_rule_in_visibility() -> None:
    assert {v: {r.value for r in relations} for v, relations in ALLOWED.items()} == SEES
    assert set(VIEWERS) == {r.value for r in Relation}


@pytest.mark.parametrize("visibility", list(ProfileVisibility))
@pytest.mark.parametrize("kind", VIEWERS)
def test_each_viewer_sees_exactly_what_the_visibility_allows(
    db: Session, team: Team, other_team: Team, visibility: ProfileVisibility, kind: str
) -> None:
    owner, handle = owner_with(db, visibility)
    who, shared = viewer(db, kind, owner, team, other_team)

    shown = load_profile(db, who, owner.user_id, shared_by_application=shared)

    if kind in SEES[visibility]:
        assert shown is not None and shown.headline == "Data engineer who ships"
        assert SECRET_PAY not in str(asdict(shown)) or kind == "owner"
        assert (shown.current_salary == SECRET_PAY) is (kind == "owner")
        assert bool(shown.desired_salary) is (kind in {"owner", "admin", "applied_to", "recruiter"})
    else:
        assert shown is None
    if not shared:
        page = profile_by_handle(db, who, handle.upper())
        assert isinstance(page, ProfileView) is (kind in SEES[visibility])
        if isinstance(page, HiddenProfile):
            assert page.visibility == visibility.value
            assert "ships" not in str(asdict(page))


def test_an_unknown_handle_is_not_found(db: Session) -> None:
    with pytest.raises(NotFound):
        profile_by_handle(db, None, "nobody-has-this-handle")
    with pytest.raises(NotFound):
        profile_by_handle(db, None, "")


def test_no_profile_is_none_for_everyone(db: Session) -> None:
    owner = stored_seeker(db)
    assert load_profile(db, owner, owner.user_id) is None


def test_the_view_lists_sections_in_the_owners_order(db: Session) -> None:
    owner, _ = owner_with(db, ProfileVisibility.PUBLIC)
    for title in ("Old", "New"):
        add_entry(db, owner, Section.EXPERIENCE, job(job_title=title), today=TODAY)
    newest = entries_of(db, owner.user_id, Section.EXPERIENCE)[1]

    move_entry(db, owner, Section.EXPERIENCE, uuid.UUID(newest.id), -1)

    shown = load_profile(db, None, owner.user_id)
    assert shown is not None and [e.title for e in shown.experience] == ["New", "Old"]
