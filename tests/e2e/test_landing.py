"""The landing page shows live figures and the newest jobs, searches, and fails politely."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from jobhub.pages import landing_state
from tests.e2e.journey_data import create_company, create_job, create_user


def test_landing_shows_live_figures_and_the_newest_published_jobs(open_page: Callable[..., Page]) -> None:
    employer = create_user("employer", "Erin")
    acme = create_company("Acme Robotics")
    create_company("Globex Analytics")
    titles = ["Backend Engineer", "Data Analyst", "Product Designer"]
    for days_ago, title in enumerate(titles):
        create_job(title, acme, employer, published_days_ago=days_ago + 1)
    create_job("Secret Draft Role", acme, employer, status="draft")

    page = open_page("/")

    expect(page.get_by_test_id("open-jobs-count")).to_have_text("3")
    expect(page.get_by_test_id("companies-count")).to_have_text("2")
    cards = page.get_by_test_id("job-card")
    expect(cards).to_have_count(3)
    for title in titles:
        expect(page.get_by_role("link", name=title)).to_be_visible()
    expect(cards.first).to_contain_text("Backend Engineer")
    expect(cards.first).to_contain_text("Acme Robotics")
    expect(cards.first).to_contain_text("€90,000 \u2013 €120,000 a year")
    expect(page.get_by_text("Secret Draft Role")).to_have_count(0)


def test_landing_without_jobs_invites_the_first_posting(open_page: Callable[..., Page]) -> None:
    page = open_page("/")

    expect(page.get_by_test_id("open-jobs-count")).to_have_text("0")
    expect(page.get_by_role("heading", name="No jobs are published yet")).to_be_visible()
    expect(page.get_by_role("link", name="Post the first job")).to_be_visible()


def test_the_search_box_submits_to_the_jobs_page(open_page: Callable[..., Page]) -> None:
    page = open_page("/")
    expect(page.get_by_test_id("open-jobs-count")).to_have_text("0")

    search = page.get_by_role("searchbox", name="Search jobs")
    search.fill("python developer")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"/jobs\?q=python\+developer$"))
    expect(page.get_by_role("heading", name="Job search", level=1)).to_be_visible()


def test_a_failing_handler_shows_a_toast_and_never_a_stack_trace(
    open_page: Callable[..., Page], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_db: object) -> None:
        raise RuntimeError("psycopg says: relation jobs.jobs leaked-internal-detail")

    monkeypatch.setattr(landing_state, "load_landing", broken)

    page = open_page("/")

    expect(page.get_by_text("Something went wrong on our side")).to_be_visible()
    expect(page.get_by_role("heading", name="We couldn't load the newest jobs")).to_be_visible()
    content = page.content()
    assert "leaked-internal-detail" not in content
    assert "Traceback" not in content
