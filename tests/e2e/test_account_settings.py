"""Account settings in the browser: rename, download the export, change the password, delete the account."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from jobhub.auth import account_email
from jobhub.auth.audit import RequestContext
from jobhub.auth.principal import resolve_principal
from jobhub.auth.session_tokens import issue_session
from jobhub.platform.db import session_scope
from tests.e2e.journey_data import create_user, sign_in

EMAIL = "sam.account@example.com"
PASSWORD = "jobhub-demo-password"
NEW_PASSWORD = "an even longer new passphrase"


def test_anonymous_visitors_are_sent_to_sign_in(open_page: Callable[..., Page], base_url: str) -> None:
    page = open_page("/settings/account")
    page.wait_for_url(re.compile(r"/login\?next=%2Fsettings%2Faccount$"))


def test_a_seeker_renames_exports_changes_password_and_deletes_the_account(
    open_page: Callable[..., Page], base_url: str
) -> None:
    user_id = create_user("job_seeker", "Sam", "Seeker", email=EMAIL, password=PASSWORD)
    page = open_page("/login?next=/settings/account")
    sign_in(page, EMAIL, PASSWORD)
    page.wait_for_url(f"{base_url}/settings/account")

    profile = page.get_by_role("form", name="Profile")
    expect(profile.get_by_label("First name")).to_have_value("Sam")
    assert profile.locator("input[name=first_name]").get_attribute("autocomplete") == "given-name"
    profile.get_by_label("First name").fill("Samira")
    profile.get_by_label("Phone").fill("12")
    profile.get_by_role("button", name="Save profile").click()
    expect(page.locator("#field-phone-error")).to_contain_text("digits")
    expect(profile.get_by_label("First name")).to_have_value("Samira")
    profile.get_by_label("Phone").fill("+49 30 1234567")
    profile.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_role("banner").get_by_text("Samira Seeker")).to_be_visible()
    expect(profile.get_by_label("Phone")).to_have_value("+49301234567")

    email_form = page.get_by_role("form", name="Change email")
    email_form.get_by_label("New email address").fill("sam.new@example.com")
    email_form.get_by_label("Current password").fill("not the password at all")
    email_form.get_by_role("button", name="Send confirmation link").click()
    page.wait_for_url(re.compile(r"email_error=current"))
    assert "sam.new" not in page.url
    expect(page.get_by_role("alert").filter(has_text="current password")).to_be_visible()
    expect(page.get_by_role("form", name="Change email").get_by_label("New email address")).to_have_value(
        "sam.new@example.com"
    )

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    document = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert document["user_id"] == str(user_id)
    assert document["contexts"]["auth"]["user"]["first_name"] == "Samira"
    assert "password_hash" not in json.dumps(document)
    old_cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "jobhub_session")

    password_form = page.get_by_role("form", name="Change password")
    assert password_form.locator("input[name=new_password]").get_attribute("autocomplete") == "new-password"
    password_form.get_by_label("Current password").fill(PASSWORD)
    password_form.get_by_label("New password", exact=False).first.fill(NEW_PASSWORD)
    password_form.get_by_label("New password again").fill(NEW_PASSWORD)
    password_form.get_by_role("button", name="Change password").click()
    page.wait_for_url(f"{base_url}/settings/account?password=changed")
    expect(page.get_by_role("status").filter(has_text="password was changed")).to_be_visible()
    new_cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "jobhub_session")
    assert new_cookie != old_cookie
    expect(page.get_by_role("banner").get_by_text("Samira Seeker")).to_be_visible()

    page.get_by_role("button", name="Delete my account…").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Your password").fill(NEW_PASSWORD)
    dialog.get_by_label("Type DELETE to confirm").fill("DELETE")
    dialog.get_by_role("button", name="Delete my account").click()
    page.wait_for_url(f"{base_url}/goodbye")
    expect(page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
    assert not [c for c in page.context.cookies() if c["name"] == "jobhub_session"]

    page.goto("/login")
    sign_in(page, EMAIL, NEW_PASSWORD)
    page.wait_for_url(f"{base_url}/login?error=credentials")
    expect(page.get_by_role("alert")).to_have_text("Email or password is incorrect.")


def test_the_mailed_link_changes_the_address_once(open_page: Callable[..., Page]) -> None:
    user_id = create_user("job_seeker", "Erin", "Email", email="erin.old@example.com", password=PASSWORD)
    with session_scope() as db:
        who = resolve_principal(db, issue_session(db, user_id))
        asked = account_email.request_email_change(
            db, who, "erin.new@example.com", PASSWORD, RequestContext(), "/confirm-email-change"
        )
    link = urlsplit(asked.link)

    page = open_page(f"{link.path}?{link.query}")
    expect(page.get_by_role("alert")).to_have_text("Your account now uses erin.new@example.com.")

    again = open_page(f"{link.path}?{link.query}")
    expect(again.get_by_role("alert")).to_have_text("This link is not valid or has already been used.")
