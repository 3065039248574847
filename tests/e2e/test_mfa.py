"""Two-step verification in the browser: set it up from the security page, then sign in with a code.

The code is computed with pyotp from the manual key the page shows, as a user's app would.
A second journey records every websocket frame and HTTP body of a signed-in security page
and looks for the account's secrets in them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pyotp
from playwright.sync_api import Page, WebSocket, expect

from jobhub.auth.models import User
from jobhub.auth.session_tokens import issue_session
from jobhub.platform.db import session_scope
from tests.auth.support import enrol_mfa, secrets_of
from tests.e2e.journey_data import create_user, sign_in

EMAIL = "two.step@jobhub.example"
PASSWORD = "jobhub-demo-password"


def test_set_up_mfa_sign_out_and_sign_in_with_a_code(open_page: Callable[..., Page], base_url: str) -> None:
    create_user("job_seeker", "Tess", "Twostep", email=EMAIL, password=PASSWORD)
    page = open_page("/login?next=/settings/security")
    sign_in(page, EMAIL, PASSWORD)
    page.wait_for_url(f"{base_url}/settings/security")

    page.get_by_role("button", name="Set up two-step verification").click()
    key_element = page.locator("#mfa-manual-key")
    expect(key_element).to_have_text(re.compile(r"[A-Z2-7 ]{16,}"))
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    secret = key_element.inner_text().replace(" ", "")
    setup = page.get_by_role("form", name="Confirm two-step verification")
    code_input = setup.get_by_label("Code from the app")
    assert code_input.get_attribute("autocomplete") == "one-time-code"
    assert code_input.get_attribute("inputmode") == "numeric"
    code_input.fill(pyotp.TOTP(secret).now())
    setup.get_by_role("button", name="Turn on").click()

    expect(page.get_by_role("heading", name="Save your backup codes")).to_be_visible()
    expect(page.locator("#backup-codes li")).to_have_count(10)
    backup = page.locator("#backup-codes li").first.inner_text()
    assert re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", backup)
    page.get_by_role("link", name="I have saved them").click()
    page.wait_for_url(re.compile(r"/settings/security\?mfa=codes_saved"))
    expect(page.locator("#backup-codes-left")).to_have_text("10")

    page.goto("/logout")
    page.get_by_role("main").get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{base_url}/")
    page.goto("/login?next=/settings/security")
    sign_in(page, EMAIL, PASSWORD, remember=True)
    page.wait_for_url(re.compile(r"/login/verify"))
    assert not [c for c in page.context.cookies() if c["name"] == "jobhub_session"]

    verify = page.get_by_role("form", name="Two-step verification")
    verify.get_by_label("Code").fill("000000")
    verify.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not valid")

    # The step after the one used at set-up: a replay of that one would be refused.
    verify.get_by_label("Code").fill(pyotp.TOTP(secret).at(time.time() + 30))
    verify.get_by_role("button", name="Verify").click()

    page.wait_for_url(f"{base_url}/settings/security")
    expect(page.get_by_role("banner").get_by_text("Tess Twostep")).to_be_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == "jobhub_session")
    assert cookie["httpOnly"] and cookie["expires"] > time.time() + 13 * 24 * 3600


def _account_with_mfa() -> tuple[str, tuple[str, ...]]:
    """A user with MFA on and a session; the session token and every secret to look for."""
    user_id = create_user("job_seeker", "Nora", "Nosecret", email=EMAIL, password=PASSWORD)
    with session_scope() as db:
        user = db.get(User, user_id)
        assert user is not None
        secret, codes = enrol_mfa(db, user)
        token = issue_session(db, user_id)
        found = secrets_of(user, PASSWORD, secret, codes, [token])
    return token, found


def test_the_security_page_sends_the_browser_no_secret(open_page: Callable[..., Page], base_url: str) -> None:
    token, found = _account_with_mfa()
    page = open_page("/", token=token)
    frames: list[str] = []

    def record(socket: WebSocket) -> None:
        socket.on("framereceived", lambda frame: frames.append(str(frame)))
        socket.on("framesent", lambda frame: frames.append(str(frame)))

    page.on("websocket", record)
    page.on("response", lambda response: frames.append(_body(response)))
    page.goto("/settings/security")
    expect(page.locator("#backup-codes-left")).to_have_text("10")
    expect(page.get_by_text("This device")).to_be_visible()

    traffic = "\n".join(frames)
    assert "backup_codes_left" in traffic
    assert not [secret for secret in found if secret and secret in traffic]


def _body(response: object) -> str:
    try:
        return response.text()  # type: ignore[attr-defined]
    except Exception:
        return ""
