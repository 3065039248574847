"""Guarded pages in the browser: anonymous visitors are sent to sign in, others to the 403 page."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from jobhub.auth.session_tokens import revoke_session
from jobhub.pages.forbidden import FORBIDDEN_HEADING
from jobhub.platform.db import session_scope
from tests.e2e.journey_data import signed_in


def test_an_anonymous_visit_lands_on_login_with_the_way_back(
    open_page: Callable[..., Page], base_url: str
) -> None:
    page = open_page("/admin/users?q=sam")

    page.wait_for_url(f"{base_url}/login?next=%2Fadmin%2Fusers%3Fq%3Dsam")
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.locator("input[name=next]")).to_have_value("/admin/users?q=sam")


def test_a_seeker_visiting_the_admin_page_sees_the_403_page(
    open_page: Callable[..., Page], base_url: str
) -> None:
    seeker = signed_in("job_seeker", "Sam")

    page = open_page("/admin/users", token=seeker.token)

    page.wait_for_url(f"{base_url}/forbidden")
    expect(page.get_by_role("heading", name=FORBIDDEN_HEADING, level=1)).to_be_visible()
    main = page.get_by_role("main")
    expect(main.get_by_text(f"You are signed in as {seeker.display_name}")).to_be_visible()
    expect(main.get_by_role("link", name="Go to the home page")).to_be_visible()
    expect(main.get_by_role("table")).to_have_count(0)


def test_a_session_that_ends_on_a_guarded_page_sends_the_next_action_to_sign_in(
    open_page: Callable[..., Page], base_url: str
) -> None:
    admin = signed_in("admin", "Ada", role="admin")
    page = open_page("/admin/users", token=admin.token)
    open_button = page.get_by_role("button", name=f"Open {admin.display_name}")
    expect(open_button).to_be_visible()

    with session_scope() as db:
        revoke_session(db, admin.token)
    open_button.click()

    page.wait_for_url(f"{base_url}/login?next=%2Fadmin%2Fusers")
