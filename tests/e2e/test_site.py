"""Health over HTTP, the 404 page, placeholders and the phone layout of the real app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, PROJECT_ROOT

SCREENSHOTS = PROJECT_ROOT / ".jobhub" / "e2e-screenshots"


def test_health_answers_200_with_both_stores_ok(open_page: Callable[..., Page], backend_url: str) -> None:
    page = open_page("/")

    response = page.request.get(f"{backend_url}/health")

    assert response.status == 200
    assert response.json() == {
        "status": "ok",
        "postgres": {"ok": True, "error": None},
        "clickhouse": {"ok": True, "error": None},
    }


def test_an_unknown_url_shows_the_404_page_inside_the_layout(open_page: Callable[..., Page]) -> None:
    page = open_page("/no/such/page")

    expect(page.get_by_role("heading", name="We couldn't find that page")).to_be_visible()
    expect(page.get_by_role("link", name="Go to the home page")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def test_a_section_not_built_yet_says_so_in_the_real_layout(open_page: Callable[..., Page]) -> None:
    page = open_page("/admin")

    expect(page.get_by_role("heading", name="Administration", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Coming soon")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()


def test_the_phone_layout_has_a_working_menu(open_page: Callable[..., Page]) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page("/", viewport=PHONE)
    expect(page.get_by_test_id("open-jobs-count")).to_have_text("0")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    page.screenshot(path=SCREENSHOTS / "landing-390.png", full_page=True, animations="disabled")

    menu_button = page.get_by_role("button", name="Open menu")
    menu_button.click()
    menu = page.get_by_role("dialog", name="Menu")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link", name="Companies")).to_be_visible()
    expect(menu.get_by_role("link", name="Sign in")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "menu-390.png", animations="disabled")
    assert Path(SCREENSHOTS / "menu-390.png").stat().st_size > 0

    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(menu_button).to_be_focused()

    menu_button.click()
    page.get_by_role("dialog", name="Menu").get_by_role("link", name="Companies").click()
    expect(page.get_by_role("heading", name="Companies", level=1)).to_be_visible()
    expect(page.get_by_role("dialog", name="Menu")).to_be_hidden()
