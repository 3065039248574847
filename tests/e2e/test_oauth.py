""" "Continue with Google" in the browser, against a real OpenID provider posing as Google.

The mock provider (``tests/oidc.py``) is configured as Google through its discovery URL;
the app's backend runs in this process, so the settings set here reach it at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect

from jobhub.auth.models import User
from jobhub.auth.oauth_routes import oauth_client
from jobhub.auth.session_tokens import issue_session
from jobhub.platform.db import session_scope
from jobhub.settings import reset_settings
from tests.e2e.journey_data import create_user
from tests.oidc import MockProvider, running_provider


@pytest.fixture
def google(monkeypatch: pytest.MonkeyPatch) -> Iterator[MockProvider]:
    with running_provider() as provider:
        monkeypatch.setenv("JOBHUB_OAUTH_GOOGLE_CLIENT_ID", "jobhub-e2e")
        monkeypatch.setenv("JOBHUB_OAUTH_GOOGLE_CLIENT_SECRET", "not-a-real-secret")
        monkeypatch.setenv("JOBHUB_OAUTH_GOOGLE_METADATA_URL", provider.metadata_url)
        reset_settings()
        oauth_client.cache_clear()
        yield provider
        monkeypatch.undo()
        reset_settings()
        oauth_client.cache_clear()


def _authorize_at_provider(page: Page, subject: str) -> None:
    """The mock's consent form; its stylesheet comes from a CDN this machine cannot reach."""
    page.get_by_placeholder("sub").fill(subject)
    page.get_by_role("button", name="Authorize").click()


def test_continue_with_google_creates_the_account_signs_in_and_shows_the_connection(
    google: MockProvider, open_page: Callable[..., Page], base_url: str
) -> None:
    google.put_user(
        "olive-at-google",
        {"email": "olive@example.test", "email_verified": True, "given_name": "Olive", "family_name": "Auth"},
    )
    page = open_page("/login?next=/settings/connections")
    page.context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    buttons = page.get_by_role("form", name="Continue with another account")
    expect(buttons.get_by_role("button", name="Continue with Google")).to_be_visible()
    expect(buttons.get_by_role("button", name="Continue with GitHub")).to_have_count(0)

    buttons.get_by_role("button", name="Continue with Google").click()
    _authorize_at_provider(page, "olive-at-google")

    page.wait_for_url(f"{base_url}/settings/connections")
    expect(page.get_by_role("banner").get_by_text("Olive Auth")).to_be_visible()
    expect(page.get_by_role("heading", name="Connected accounts", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Google", level=2)).to_be_visible()
    expect(page.get_by_text("Connected", exact=True)).to_be_visible()
    expect(page.get_by_text("This is your only way to sign in", exact=False)).to_be_visible()
    assert "jobhub_session" not in page.evaluate("document.cookie")


def test_an_employer_signs_up_with_google_from_the_register_page(
    google: MockProvider, open_page: Callable[..., Page], base_url: str
) -> None:
    google.put_user(
        "erin-at-google", {"email": "erin@example.test", "email_verified": True, "name": "Erin Hire"}
    )
    page = open_page("/register")
    page.context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    buttons = page.get_by_role("form", name="Continue with another account")

    buttons.get_by_label("Employer").check()
    buttons.get_by_role("button", name="Continue with Google").click()
    _authorize_at_provider(page, "erin-at-google")

    page.wait_for_url(f"{base_url}/")
    expect(page.get_by_role("banner").get_by_text("Erin Hire")).to_be_visible()
    with session_scope() as db:
        user = db.query(User).filter(User.email == "erin@example.test").one()
        assert (user.user_type, user.google_id, user.password_hash) == ("employer", "erin-at-google", None)


def test_a_password_user_connects_google_then_disconnects_it(
    google: MockProvider, open_page: Callable[..., Page]
) -> None:
    user_id = create_user(
        "job_seeker", "Paula", "Password", email="paula@example.test", password="long enough password"
    )
    with session_scope() as db:
        token = issue_session(db, user_id)
    google.put_user("paula-at-google", {"email": "paula.elsewhere@example.test", "email_verified": False})
    page = open_page("/settings/connections", token=token)
    page.context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    expect(page.get_by_text("Not connected")).to_be_visible()

    page.get_by_role("link", name="Connect Google").click()
    _authorize_at_provider(page, "paula-at-google")

    expect(page.get_by_role("status").filter(has_text="Google is now connected")).to_be_visible()
    expect(page.get_by_text("Connected", exact=True)).to_be_visible()
    page.get_by_role("button", name="Disconnect Google").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Disconnect").click()

    expect(page.get_by_text("Google is disconnected.")).to_be_visible()
    expect(page.get_by_text("Not connected")).to_be_visible()
    with session_scope() as db:
        user = db.get(User, user_id)
        assert user is not None and user.google_id is None


def test_without_configured_providers_the_login_page_shows_no_buttons(
    open_page: Callable[..., Page],
) -> None:
    page = open_page("/login")

    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.get_by_role("form", name="Sign in").get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_role("form", name="Continue with another account")).to_have_count(0)
