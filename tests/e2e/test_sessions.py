"""Signed-in devices in the browser: two browsers, one signs the other out from the security page."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.journey_data import create_user, sign_in

EMAIL = "two.devices@jobhub.example"
PASSWORD = "jobhub-demo-password"


def _signed_in_page(open_page: Callable[..., Page], base_url: str) -> Page:
    page = open_page("/login?next=/settings/security")
    sign_in(page, EMAIL, PASSWORD)
    page.wait_for_url(f"{base_url}/settings/security")
    cookie = next(c for c in page.context.cookies() if c["name"] == "jobhub_session")
    assert cookie["expires"] == -1  # no "remember me": the cookie ends with the browser session
    return page


def test_signing_out_the_other_browser_from_the_security_page(
    open_page: Callable[..., Page], base_url: str
) -> None:
    create_user("job_seeker", "Dana", "Devices", email=EMAIL, password=PASSWORD)
    other = _signed_in_page(open_page, base_url)
    mine = _signed_in_page(open_page, base_url)
    mine.reload()

    sessions = mine.locator("#sessions li")
    expect(sessions).to_have_count(2)
    expect(sessions.first).to_contain_text("This device")
    expect(sessions.first).to_contain_text("Chrome on Linux")
    mine.locator("#sessions").get_by_role("button", name=re.compile(r"^Sign out ")).click()

    expect(sessions).to_have_count(1)
    expect(mine.get_by_text("That device is signed out.")).to_be_visible()
    expect(mine.get_by_text("No other devices")).to_be_visible()

    other.goto("/settings/security")
    other.wait_for_url(re.compile(r"/login\?next=%2Fsettings%2Fsecurity"))
    expect(other.get_by_role("banner").get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    mine.goto("/settings/security")
    expect(mine.locator("#sessions li")).to_have_count(1)
