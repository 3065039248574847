"""Signing in and out through the real forms: the cookie is set by HTTP and hidden from scripts."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.journey_data import create_user, sign_in

EMAIL = "seeker@jobhub.example"
PASSWORD = "jobhub-demo-password"


def test_a_seeker_signs_in_sees_their_navigation_and_signs_out(
    open_page: Callable[..., Page], base_url: str
) -> None:
    create_user("job_seeker", "Sam", "Seeker", email=EMAIL, password=PASSWORD)
    page = open_page("/login")
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    assert page.locator("input[name=email]").get_attribute("autocomplete") == "email"
    assert page.locator("input[name=password]").get_attribute("autocomplete") == "current-password"

    sign_in(page, EMAIL, PASSWORD)

    page.wait_for_url(f"{base_url}/")
    header = page.get_by_role("banner")
    expect(header.get_by_text("Sam Seeker")).to_be_visible()
    for name in ("Saved", "Applications", "Sign out"):
        expect(header.get_by_role("link", name=name, exact=True)).to_be_visible()
    assert "jobhub_session" not in page.evaluate("document.cookie")
    cookie = next(c for c in page.context.cookies() if c["name"] == "jobhub_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    header.get_by_role("link", name="Sign out", exact=True).click()
    page.get_by_role("main").get_by_role("button", name="Sign out").click()

    page.wait_for_url(f"{base_url}/")
    expect(header.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    expect(header.get_by_text("Sam Seeker")).to_have_count(0)
    assert not [c for c in page.context.cookies() if c["name"] == "jobhub_session"]


def test_a_wrong_password_shows_the_error_and_keeps_the_user_out(
    open_page: Callable[..., Page], base_url: str
) -> None:
    create_user("job_seeker", "Sam", "Seeker", email=EMAIL, password=PASSWORD)
    page = open_page("/login")

    sign_in(page, EMAIL, "not-the-password")

    page.wait_for_url(f"{base_url}/login?error=credentials")
    expect(page.get_by_role("alert")).to_have_text("Email or password is incorrect.")
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in", exact=True)).to_be_visible()


def test_signing_in_returns_to_the_page_that_asked(open_page: Callable[..., Page], base_url: str) -> None:
    create_user("employer", "Erin", "Employer", email="erin@example.test", password=PASSWORD)
    page = open_page("/login?next=/employer")
    expect(page.locator("input[name=next]")).to_have_value("/employer")

    sign_in(page, "erin@example.test", PASSWORD)

    page.wait_for_url(f"{base_url}/employer")
    expect(page.get_by_role("banner").get_by_text("Erin Employer")).to_be_visible()
