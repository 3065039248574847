"""Register in the browser, read the mail at a real SMTP server, follow its link, sign in."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.journey_data import sign_in
from tests.smtp import SmtpSink

EMAIL = "new.seeker@example.test"
PASSWORD = "violet tractor nine lemons"


def test_register_confirm_by_mail_and_sign_in(
    open_page: Callable[..., Page], base_url: str, mailbox: SmtpSink
) -> None:
    page = open_page("/login")
    page.get_by_role("link", name="Create an account").click()
    page.wait_for_url(f"{base_url}/register")
    expect(page.get_by_role("heading", name="Create your account", level=1)).to_be_visible()
    for name, autocomplete in (
        ("email", "email"),
        ("password", "new-password"),
        ("first_name", "given-name"),
    ):
        assert page.locator(f"input[name={name}]").get_attribute("autocomplete") == autocomplete

    form = page.get_by_role("form", name="Create an account")
    form.get_by_label("Find a job").check()
    form.get_by_label("First name").fill("Nora")
    form.get_by_label("Last name").fill("Newcomer")
    form.get_by_label("Email").fill(EMAIL)
    password = form.locator("input[name=password]")
    password.fill("qwerty")
    expect(page.locator("#password-strength-text")).to_contain_text("Too short")
    form.get_by_role("button", name="Create account").click()

    # Refused by the browser's own minlength check first; past it, the server's policy speaks.
    password.evaluate("input => input.removeAttribute('minlength')")
    form.get_by_role("button", name="Create account").click()
    expect(page.locator("#field-password-error")).to_contain_text("at least 12 characters")
    expect(form.get_by_label("First name")).to_have_value("Nora")
    expect(form.get_by_label("Email")).to_have_value(EMAIL)
    expect(form.get_by_label("Find a job")).to_be_checked()
    expect(password).to_have_value("")
    assert EMAIL not in page.url and "Nora" not in page.url

    form.locator("input[name=password]").fill(PASSWORD)
    expect(page.locator("#password-strength-text")).to_contain_text("Strength:")
    form.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Check your inbox")).to_be_visible()

    page.goto("/login")
    sign_in(page, EMAIL, PASSWORD)
    page.wait_for_url(f"{base_url}/login?error=unverified")
    expect(page.get_by_role("link", name="No mail? Send me a new confirmation link")).to_be_visible()

    (mail,) = mailbox.wait_for(EMAIL)
    (link,) = mail.links()
    assert link.startswith(f"{base_url}/verify-email?token=")
    page.goto(link)
    expect(page.get_by_text("is confirmed")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Sign in").click()

    sign_in(page, EMAIL, PASSWORD)
    page.wait_for_url(f"{base_url}/")
    expect(page.get_by_role("banner").get_by_text("Nora Newcomer")).to_be_visible()

    page.goto(link)
    expect(page.get_by_text("has been used already")).to_be_visible()


def test_a_new_link_can_be_requested_and_the_old_one_stops_working(
    open_page: Callable[..., Page], mailbox: SmtpSink
) -> None:
    page = open_page("/register?type=employer")
    form = page.get_by_role("form", name="Create an account")
    expect(form.get_by_label("Hire")).to_be_checked()
    form.get_by_label("First name").fill("Emil")
    form.get_by_label("Last name").fill("Employer")
    form.get_by_label("Email").fill("emil@example.test")
    form.locator("input[name=password]").fill(PASSWORD)
    form.get_by_role("button", name="Create account").click()
    page.get_by_role("link", name="ask for a new link").click()

    resend = page.get_by_role("form", name="Send a new confirmation link")
    resend.get_by_label("Email").fill("emil@example.test")
    resend.get_by_role("button", name="Send a new link").click()
    expect(page.get_by_text("is waiting for confirmation")).to_be_visible()

    first, second = mailbox.wait_for("emil@example.test", count=2)
    page.goto(first.links()[0])
    expect(page.get_by_role("alert")).to_contain_text("not valid")
    page.goto(second.links()[0])
    expect(page.get_by_text("is confirmed")).to_be_visible()


def test_registering_on_a_phone_with_the_keyboard_alone(
    open_page: Callable[..., Page], mailbox: SmtpSink
) -> None:
    page = open_page("/register", viewport=PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    form = page.get_by_role("form", name="Create an account")
    form.get_by_label("Find a job").focus()
    page.keyboard.press("Space")
    for text in ("Pia", "Phone", "pia@example.test", PASSWORD):
        page.keyboard.press("Tab")
        page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Check your inbox")).to_be_visible()
    assert mailbox.wait_for("pia@example.test")
