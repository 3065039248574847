"""The profile states: a save through the editor's handler, forged ids that change nothing, and
what the public page's state sends each viewer (never the owner's private salary or a hidden
profile's content)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from jobhub.platform.db import session_scope
from jobhub.profiles.history_forms import Section
from jobhub.profiles.models import UserProfile
from jobhub.profiles.profile_editor_state import NEW, NOT_SET, ProfileEditorState
from jobhub.profiles.public_profile_state import PublicProfileState
from tests.profiles.state_support import Seekers, sent, tab

SECRET_PAY = "171k-173k EUR"
BASICS: dict[str, Any] = {
    "handle": "",
    "headline": "Platform engineer",
    "summary": "Calm on call.",
    "location": "Porto",
    "desired_roles": "SRE",
    "desired_salary_range": "90k-110k EUR",
    "remote_preference": "remote_only",
    "availability": NOT_SET,
    "open_to_work": "on",
    "profile_visibility": "public",
}


def editor(token: str) -> ProfileEditorState:
    state = tab(ProfileEditorState, "/profile", token)
    list(ProfileEditorState.load.fn(state))
    return state


def public(handle: str, token: str | None) -> PublicProfileState:
    state = tab(PublicProfileState, f"/u/{handle}", token)
    list(PublicProfileState.load.fn(state))
    return state


def saved_profile(token: str, **fields: Any) -> ProfileEditorState:
    state = editor(token)
    list(ProfileEditorState.save.fn(state, BASICS | fields))
    return state


def test_a_save_through_the_editor_stores_the_profile_and_raises_the_meter(seekers: Seekers) -> None:
    owner = seekers.new("Lin", "Okafor")

    state = saved_profile(owner.token)

    assert state.errors == {}
    assert state.handle.startswith("lin-okafor")
    assert state.percent == 15 + 10 + 10 + 5 + 5
    assert state.values["availability"] == NOT_SET


def test_a_refused_save_marks_the_fields_and_keeps_nothing(seekers: Seekers) -> None:
    owner = seekers.new()

    state = saved_profile(owner.token, handle="x", desired_salary_range="lots")

    assert set(state.errors) == {"handle", "desired_salary_range"}
    assert editor(owner.token).handle == ""


def test_entries_are_added_moved_and_a_forged_id_changes_nothing(seekers: Seekers) -> None:
    owner, intruder = seekers.new(), seekers.new("Eve", "Intruder")
    state = editor(owner.token)
    for title in ("First", "Second"):
        ProfileEditorState.start_entry.fn(state, Section.EXPERIENCE.value, NEW)
        list(
            ProfileEditorState.save_entry.fn(
                state,
                {
                    "job_title": title,
                    "company_name": "Acme",
                    "start_date": "2021-01",
                    "is_current": "on",
                    "employment_type": NOT_SET,
                },
            )
        )
    second = state.experience[1]["id"]
    ProfileEditorState.move_entry.fn(state, Section.EXPERIENCE.value, second, -1)
    assert [entry["title"] for entry in state.experience] == ["Second", "First"]

    other = editor(intruder.token)
    refusal = ProfileEditorState.remove_entry.fn(other, Section.EXPERIENCE.value, second)
    ProfileEditorState.move_entry.fn(other, Section.EXPERIENCE.value, second, 1)
    ProfileEditorState.remove_entry.fn(other, "experience'; DROP TABLE x", "not-a-uuid")

    assert refusal is not None
    assert [entry["title"] for entry in editor(owner.token).experience] == ["Second", "First"]


def test_another_viewer_is_never_sent_the_owners_private_salary(seekers: Seekers) -> None:
    owner, other = seekers.new(), seekers.new("Bo", "Viewer")
    handle = saved_profile(owner.token).handle
    with session_scope() as db:
        db.execute(
            update(UserProfile)
            .where(UserProfile.user_id == owner.user_id)
            .values(current_salary_range=SECRET_PAY)
        )

    for token in (other.token, None):
        page = public(handle, token)
        assert page.headline == "Platform engineer"
        assert SECRET_PAY not in sent(page)
        assert "90k-110k" not in sent(page)
    assert SECRET_PAY in sent(public(handle, owner.token))


def test_a_private_profile_sends_nothing_of_its_content(seekers: Seekers) -> None:
    owner = seekers.new()
    handle = saved_profile(owner.token, profile_visibility="private").handle

    page = public(handle, None)

    assert page.hidden and not page.not_found
    assert "Platform engineer" not in sent(page) and "Porto" not in sent(page)
    assert page.seo_title == "Private profile"


def test_an_unknown_handle_is_not_found(seekers: Seekers) -> None:
    page = public("no-such-handle-anywhere", None)

    assert page.not_found and page.seo_title == "Profile not found"
