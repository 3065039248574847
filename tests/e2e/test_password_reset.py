"""Forgot the password: mailed link, a new password twice, the old one refused, the new one works."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.journey_data import create_user, sign_in
from tests.smtp import SmtpSink

EMAIL = "forgetful@example.test"
OLD = "jobhub-demo-password"
NEW = "orchid lantern seventeen maps"


def test_forgot_password_mailed_link_new_password_and_sign_in(
    open_page: Callable[..., Page], base_url: str, mailbox: SmtpSink
) -> None:
    create_user("job_seeker", "Fay", "Forgetful", email=EMAIL, password=OLD)
    page = open_page("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.wait_for_url(f"{base_url}/forgot-password")

    form = page.get_by_role("form", name="Ask for a password reset link")
    form.get_by_label("Email").fill(EMAIL.upper())
    form.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_text("If an account exists for")).to_be_visible()
    assert EMAIL not in page.url.lower()

    (mail,) = mailbox.wait_for(EMAIL)
    (link,) = mail.links()
    assert link.startswith(f"{base_url}/reset-password?token=")
    page.goto(link)
    expect(page.get_by_text(f"Choose a new password for {EMAIL}")).to_be_visible()

    reset = page.get_by_role("form", name="Choose a new password")
    reset.locator("input[name=password]").fill(NEW)
    reset.locator("input[name=password_confirm]").fill(NEW + "!")
    reset.get_by_role("button", name="Set new password").click()
    expect(page.locator("#field-password_confirm-error")).to_have_text("The two passwords are not the same.")

    reset.locator("input[name=password]").fill(NEW)
    reset.locator("input[name=password_confirm]").fill(NEW)
    reset.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text("Your password was changed")).to_be_visible()
    changed = mailbox.wait_for(EMAIL, count=2)[-1]
    assert changed.subject == "Your JobHub password was changed"

    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    sign_in(page, EMAIL, OLD)
    page.wait_for_url(f"{base_url}/login?error=credentials")
    sign_in(page, EMAIL, NEW)
    page.wait_for_url(f"{base_url}/")
    expect(page.get_by_role("banner").get_by_text("Fay Forgetful")).to_be_visible()

    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("not valid")
    expect(page.get_by_role("link", name="Ask for a new link")).to_be_visible()
