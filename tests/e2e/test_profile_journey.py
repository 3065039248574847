"""A seeker fills a profile at /profile (headline, a skill, two positions reordered, visibility) and
watches the meter rise; an anonymous visitor sees it at /u/{handle} until it is made private, and
an unknown handle is a 404 page."""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.platform.db import session_scope
from jobhub.profiles.models import UserProfile
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.journey_data import signed_in


def _visibility(user_id: object) -> str:
    with session_scope() as db:
        return db.scalars(select(UserProfile.profile_visibility).where(UserProfile.user_id == user_id)).one()


def _meter(page: Page) -> object:
    return page.get_by_test_id("completeness-percent")


def _add_position(page: Page, title: str, start: str, *, end: str = "") -> None:
    page.get_by_role("button", name="Add position").click()
    form = page.get_by_role("form", name="Add position")
    form.get_by_label("Job title").fill(title)
    form.get_by_label("Company").fill("Initech")
    form.get_by_label("Start").fill(start)
    if end:
        form.get_by_label("End", exact=True).fill(end)
    else:
        form.get_by_role("checkbox", name="I work here now").check()
    form.get_by_role("button", name="Save").click()
    expect(form).to_have_count(0)


def test_a_seeker_fills_a_profile_and_the_public_page_follows_its_visibility(
    open_page: Callable[..., Page],
) -> None:
    seeker = signed_in("job_seeker", "Ada")
    page = open_page("/profile", token=seeker.token)
    expect(page.get_by_role("heading", name="Your profile", level=1)).to_be_visible()
    expect(_meter(page)).to_have_text("0%")
    expect(page.get_by_role("banner").get_by_role("link", name="Profile", exact=True)).to_be_visible()

    about = page.get_by_role("form", name="Your profile")
    about.get_by_label("Headline").fill("Rust engineer who ships")
    about.get_by_label("Desired yearly pay").fill("lots")
    about.get_by_role("button", name="Save profile").click()
    expect(about.get_by_text("Write a yearly amount or range")).to_be_visible()
    expect(_meter(page)).to_have_text("0%")
    about.get_by_label("Desired yearly pay").fill("90k-120k EUR")
    about.get_by_role("button", name="Save profile").click()
    expect(_meter(page)).to_have_text("20%")
    view_link = page.get_by_role("link", name="View public page")
    expect(view_link).to_be_visible()
    public_path = view_link.get_attribute("href") or ""
    assert public_path.startswith("/u/ada-tester")

    skills = page.get_by_role("form", name="Add a skill")
    skills.get_by_label("Skill").fill("Rus")
    page.get_by_test_id("skill-options").get_by_role("button", name="Rust", exact=True).click()
    skills.get_by_role("button", name="Add skill").click()
    expect(page.get_by_test_id("profile-skill")).to_have_count(1)
    expect(page.get_by_test_id("profile-skill")).to_contain_text("Rust")

    _add_position(page, "Intern", "2019-01", end="2020-06")
    expect(_meter(page)).to_have_text("40%")
    _add_position(page, "Rust Engineer", "2021-04")
    entries = page.get_by_test_id("experience-entry")
    expect(entries).to_have_count(2)
    expect(entries.first).to_contain_text("Intern")
    move_up = page.get_by_role("button", name="Move Rust Engineer up")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(entries.first).to_contain_text("Rust Engineer")
    expect(entries.first).to_contain_text("Apr 2021 \u2013 now")
    expect(page.get_by_test_id("completeness-next")).to_contain_text("Add at least 3 skills")

    anonymous = open_page(public_path)
    expect(anonymous.get_by_test_id("profile-headline")).to_have_text("Rust engineer who ships")
    expect(anonymous.get_by_test_id("public-skill")).to_contain_text("Rust")
    expect(anonymous.get_by_text("Rust Engineer", exact=True)).to_be_visible()
    expect(anonymous.get_by_text("90k-120k EUR")).to_have_count(0)
    expect(anonymous).to_have_title("Ada Tester: Rust engineer who ships · JobHub")

    page.get_by_role("radio", name="Only me").check()
    about.get_by_role("button", name="Save profile").click()
    # The first save's toast may still be showing, so wait for the stored outcome itself.
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while _visibility(seeker.user_id) != "private" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _visibility(seeker.user_id) == "private"

    anonymous.reload()
    expect(anonymous.get_by_role("heading", name="This profile is private")).to_be_visible()
    expect(anonymous.get_by_text("Rust engineer who ships")).to_have_count(0)
    owner_view = open_page(public_path, token=seeker.token)
    expect(owner_view.get_by_test_id("profile-headline")).to_have_text("Rust engineer who ships")

    missing = open_page("/u/nobody-has-this-handle")
    expect(missing.get_by_test_id("profile-not-found")).to_contain_text("Error 404")
