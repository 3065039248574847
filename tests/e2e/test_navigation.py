"""The header adapts to who is signed in; the session stays on the server side."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.journey_data import signed_in

ALL_LINKS = (
    "Sign in",
    "Post a job",
    "Jobs",
    "Profile",
    "Saved",
    "Applications",
    "Employer dashboard",
    "Admin",
)
SHOWN: dict[str, tuple[str, ...]] = {
    "anonymous": ("Jobs", "Companies", "Sign in", "Post a job"),
    "job_seeker": ("Jobs", "Profile", "Saved", "Applications", "Sign out"),
    "employer": ("Employer dashboard", "Post a job", "Jobs", "Sign out"),
    "admin": ("Admin", "Jobs", "Sign out"),
}


@pytest.mark.parametrize("kind", list(SHOWN))
def test_the_navigation_matches_the_kind_of_user(kind: str, open_page: Callable[..., Page]) -> None:
    user = None if kind == "anonymous" else signed_in(kind, kind.split("_")[0].title())
    page = open_page("/", token=user.token if user else None)
    header = page.get_by_role("banner")

    if user:
        expect(header.get_by_text(user.display_name)).to_be_visible()
    for name in SHOWN[kind]:
        expect(header.get_by_role("link", name=name, exact=True)).to_be_visible()
    for name in set(ALL_LINKS) - set(SHOWN[kind]):
        expect(header.get_by_role("link", name=name, exact=True)).to_have_count(0)


def test_the_session_token_never_reaches_page_scripts(open_page: Callable[..., Page]) -> None:
    user = signed_in("job_seeker", "Sam")
    page = open_page("/", token=user.token)
    expect(page.get_by_role("banner").get_by_text(user.display_name)).to_be_visible()

    assert "jobhub_session" not in page.evaluate("document.cookie")
    assert user.token not in page.content()
    assert str(user.user_id) not in page.content()


def test_an_expired_session_is_anonymous(open_page: Callable[..., Page]) -> None:
    user = signed_in("employer", "Eve", lifetime=timedelta(seconds=-1))
    page = open_page("/", token=user.token)

    expect(page.get_by_test_id("open-jobs-count")).to_have_text("0")
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("banner").get_by_text(user.display_name)).to_have_count(0)


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(open_page: Callable[..., Page]) -> None:
    page = open_page("/")
    expect(page.get_by_test_id("open-jobs-count")).to_have_text("0")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()


def test_the_colour_mode_toggle_switches_to_dark(open_page: Callable[..., Page]) -> None:
    page = open_page("/", color_scheme="light")
    expect(page.get_by_test_id("open-jobs-count")).to_have_text("0")

    page.get_by_role("button", name="Switch to dark mode").click()

    expect(page.locator("html")).to_have_class("dark")
    expect(page.get_by_role("button", name="Switch to light mode")).to_be_visible()
