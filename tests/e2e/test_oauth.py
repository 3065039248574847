""" "Continue with Google" in the browser, against a real OpenID provider posing as Google.

The mock provider (``tests/oidc.py``) is configured as Google through its discovery URL;
the app's backend runs in this process, so the settings set here reach it at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect

from jobhub.auth.oauth_routes import oauth_client
from jobhub.settings import reset_settings
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


def test_without_configured_providers_the_login_page_shows_no_buttons(
    open_page: Callable[..., Page],
) -> None:
    page = open_page("/login")

    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_role("form", name="Continue with another account")).to_have_count(0)
