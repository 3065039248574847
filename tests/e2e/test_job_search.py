"""Searching for jobs in the browser: keywords, facets in the URL, back button, typos, phones."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import Engine, text

from jobhub.jobs import suggest
from jobhub.platform import event_types as et
from tests.e2e.conftest import PHONE
from tests.e2e.journey_data import create_company, create_job, create_user, signed_in


def _three_jobs() -> None:
    employer = create_user("employer", "Erin")
    acme = create_company("Acme Robotics")
    create_job("Python Developer", acme, employer, published_days_ago=1)
    create_job("Python Data Engineer", acme, employer, published_days_ago=2, employment_type="contract")
    create_job("Java Developer", acme, employer, published_days_ago=3)
    suggest.forget_vocabulary()


def _outbox(engine: Engine, event_type: str) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT event_data FROM jobs.outbox_events WHERE event_type = :t ORDER BY created_at"),
            {"t": event_type},
        )
        return [row.event_data for row in rows]


def test_keywords_then_a_facet_narrow_the_results_and_back_restores_them(
    open_page: Callable[..., Page], engine: Engine
) -> None:
    _three_jobs()
    page = open_page("/jobs")
    expect(page.get_by_test_id("result-count")).to_have_text("3 jobs")
    page.wait_for_function("window.jobhubSearchKeys === true")

    page.keyboard.press("/")
    keywords = page.get_by_role("combobox", name="Keywords")
    expect(keywords).to_be_focused()
    keywords.fill("python")
    keywords.press("Enter")

    expect(page).to_have_url(re.compile(r"/jobs\?q=python$"))
    expect(page.get_by_test_id("result-count")).to_have_text("2 jobs")
    contract = page.get_by_role("checkbox", name=re.compile(r"^Contract\s*,\s*1$"))

    contract.click()

    expect(page).to_have_url(re.compile(r"/jobs\?q=python&type=contract$"))
    expect(page.get_by_test_id("result-count")).to_have_text("1 job")
    expect(page.get_by_role("link", name="Remove filter: Contract")).to_be_visible()
    expect(page.get_by_test_id("job-card")).to_have_count(1)

    page.go_back()

    expect(page).to_have_url(re.compile(r"/jobs\?q=python$"))
    expect(page.get_by_test_id("result-count")).to_have_text("2 jobs")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Contract"))).not_to_be_checked()
    searches = _outbox(engine, et.SEARCH_PERFORMED)
    assert [s["query"] for s in searches] == ["", "python", "python", "python"]
    assert searches[2]["filters"] == {"type": "contract"}


def test_a_result_opens_its_job_page_and_the_click_is_recorded_with_its_position(
    open_page: Callable[..., Page], engine: Engine
) -> None:
    _three_jobs()
    page = open_page("/jobs?q=developer")
    expect(page.get_by_test_id("result-count")).to_have_text("2 jobs")
    page.wait_for_function("window.jobhubSearchKeys === true")

    page.keyboard.press("j")
    page.keyboard.press("j")
    second = page.get_by_test_id("job-card-link").nth(1)
    expect(second).to_be_focused()
    slug = (second.get_attribute("href") or "").rsplit("/", 1)[-1]
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/jobs/{slug}$"))
    _wait_for_click(page, engine)
    clicks = _outbox(engine, et.JOB_CLICKED)
    assert [(c["position_in_results"], c["search_query"]) for c in clicks] == [(2, "developer")]


def _wait_for_click(page: Page, engine: Engine) -> None:
    for _ in range(50):
        if _outbox(engine, et.JOB_CLICKED):
            return
        page.wait_for_timeout(200)


def test_a_typo_finds_nothing_and_offers_the_word_it_meant(open_page: Callable[..., Page]) -> None:
    _three_jobs()
    page = open_page("/jobs?q=pyhton")

    expect(page.get_by_role("heading", name="No jobs match this search")).to_be_visible()
    page.get_by_test_id("did-you-mean").click()

    expect(page).to_have_url(re.compile(r"/jobs\?q=python$"))
    expect(page.get_by_test_id("result-count")).to_have_text("2 jobs")


def test_the_keyword_box_suggests_titles_as_you_type(open_page: Callable[..., Page]) -> None:
    _three_jobs()
    page = open_page("/jobs")
    expect(page.get_by_test_id("result-count")).to_have_text("3 jobs")

    keywords = page.get_by_role("combobox", name="Keywords")
    keywords.press_sequentially("java", delay=50)
    listbox = page.get_by_role("listbox", name="Keywords suggestions")
    expect(listbox.get_by_role("option", name=re.compile("Java Developer"))).to_be_visible()
    keywords.press("ArrowDown")
    expect(keywords).to_have_attribute("aria-activedescendant", "keyword-option-0")
    keywords.press("Enter")

    expect(page).to_have_url(re.compile(r"/jobs\?q=Java\+Developer$"))
    expect(page.get_by_test_id("result-count")).to_have_text("1 job")


def test_on_a_phone_the_filters_open_in_a_sheet(open_page: Callable[..., Page]) -> None:
    _three_jobs()
    page = open_page("/jobs", viewport=PHONE)
    expect(page.get_by_test_id("result-count")).to_have_text("3 jobs")

    page.get_by_role("button", name="Filters").click()
    sheet = page.get_by_role("dialog", name="Filters")
    sheet.get_by_role("checkbox", name=re.compile(r"^Contract")).click()

    expect(page).to_have_url(re.compile(r"/jobs\?type=contract$"))
    expect(page.get_by_test_id("result-count")).to_have_text("1 job")
    sheet.get_by_role("button", name=re.compile("^Show")).click()
    expect(sheet).to_be_hidden()
    expect(page.get_by_test_id("job-card")).to_have_count(1)


def test_a_seeker_saves_a_result_from_its_card(open_page: Callable[..., Page]) -> None:
    _three_jobs()
    seeker = signed_in("job_seeker", "Sam")
    page = open_page("/jobs?q=java", token=seeker.token)
    card = page.get_by_test_id("job-card")
    expect(card).to_have_count(1)

    toggle = card.get_by_role("button", name="Save job")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()

    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.get_by_role("button", name="Save job")).to_have_attribute("aria-pressed", "true")
