"""A seeker saves a search as an alert, finds it at /alerts, renames it, pauses it and deletes it."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.jobs.models import JobSearchAlert
from jobhub.platform.db import session_scope
from tests.e2e.journey_data import create_company, create_job, create_user, signed_in


def _alerts_of(user_id: object) -> list[tuple[str, str, bool]]:
    with session_scope() as db:
        rows = db.execute(
            select(JobSearchAlert.name, JobSearchAlert.frequency, JobSearchAlert.is_active).where(
                JobSearchAlert.user_id == user_id
            )
        ).tuples()
        return [tuple(row) for row in rows]


def test_a_seeker_saves_a_search_as_an_alert_then_edits_pauses_and_deletes_it(
    open_page: Callable[..., Page],
) -> None:
    seeker = signed_in("job_seeker", "Sam")
    create_job("Python Developer", create_company("Acme Robotics"), create_user("employer", "Erin"))

    page = open_page("/jobs?q=python", token=seeker.token)
    page.get_by_role("button", name="Save this search as an alert").click()
    dialog = page.get_by_role("dialog", name="Save this search as an alert")
    expect(dialog.get_by_label("Alert name")).to_have_value("python")
    dialog.get_by_label("How often").click()
    page.get_by_role("option", name="Weekly").click()
    dialog.get_by_role("button", name="Save alert").click()
    expect(page.get_by_text("Alert saved.")).to_be_visible()
    assert _alerts_of(seeker.user_id) == [("python", "weekly", True)]

    page.goto("/alerts")
    card = page.get_by_test_id("job-alert")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", name="python")).to_be_visible()
    expect(card.get_by_text("Weekly")).to_be_visible()
    expect(card.get_by_role("link", name="See jobs")).to_have_attribute("href", "/jobs?q=python")

    card.get_by_role("button", name="Edit python").click()
    form = page.get_by_role("form", name="Alert name and frequency")
    form.get_by_label("Alert name").fill("Python roles")
    form.get_by_role("button", name="Save changes").click()
    expect(card.get_by_role("heading", name="Python roles")).to_be_visible()

    card.get_by_role("switch", name="Mail me new jobs for Python roles").click()
    expect(card.get_by_text("Paused", exact=True)).to_be_visible()
    assert _alerts_of(seeker.user_id) == [("Python roles", "weekly", False)]

    card.get_by_role("button", name="Delete Python roles").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Delete alert").click()
    expect(page.get_by_text("No job alerts yet")).to_be_visible()
    assert _alerts_of(seeker.user_id) == []


def test_an_anonymous_visitor_is_asked_to_sign_in_and_comes_back_to_the_search(
    open_page: Callable[..., Page],
) -> None:
    page = open_page("/jobs?q=rust")
    page.get_by_role("button", name="Save this search as an alert").click()

    sign_in = page.get_by_role("dialog").get_by_role("link", name="Sign in")
    expect(sign_in).to_have_attribute("href", "/login?next=%2Fjobs%3Fq%3Drust")
