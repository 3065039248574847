"""A seeker saves a job from the search results, then at /saved adds a note and a tag, filters by it,
removes the job and undoes that; on a phone the list fits the screen."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.auth.principal import Principal
from jobhub.jobs import saved
from jobhub.jobs.models import SavedJob
from jobhub.platform.db import session_scope
from tests.e2e.conftest import PHONE
from tests.e2e.journey_data import create_company, create_job, signed_in


def _save(user_id: uuid.UUID, job_id: uuid.UUID) -> None:
    with session_scope() as db:
        saved.save_job(db, Principal(user_id=user_id, user_type="job_seeker"), job_id)


def test_a_seeker_notes_tags_filters_and_removes_saved_jobs(open_page: Callable[..., Page]) -> None:
    seeker = signed_in("job_seeker", "Sam")
    employer = signed_in("employer", "Erin")
    company = create_company("Initech")
    data_job = create_job("Data Engineer", company, employer.user_id)
    web_job = create_job("Web Developer", company, employer.user_id)
    _save(seeker.user_id, web_job)

    page = open_page("/jobs?q=data", token=seeker.token)
    toggle = page.get_by_test_id("results").get_by_role("button", name="Save job")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="View saved jobs").click()
    page.wait_for_url("**/saved")
    with session_scope() as db:
        assert saved.saved_job_ids(db, seeker.user_id, [data_job]) == {str(data_job)}
    expect(page.get_by_role("heading", name="Saved jobs", level=1)).to_be_visible()
    items = page.get_by_test_id("saved-job")
    expect(items).to_have_count(2)
    expect(page.get_by_text("2 saved jobs")).to_be_visible()

    data_item = items.filter(has_text="Data Engineer")
    data_item.get_by_role("button", name="Edit notes").click()
    form = page.get_by_role("form", name="Notes, tags and reminder")
    form.get_by_label("Notes").fill("Ask about the on-call rota")
    form.get_by_label("Tags").fill("Berlin, Top pick")
    form.get_by_role("button", name="Save notes").click()
    expect(data_item.get_by_test_id("saved-notes")).to_have_text("Ask about the on-call rota")
    expect(data_item.get_by_text("top pick")).to_be_visible()

    page.get_by_test_id("tag-filter").click()
    page.get_by_role("option", name="top pick").click()
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Data Engineer")
    expect(page.get_by_text("1 saved job", exact=True)).to_be_visible()

    items.first.get_by_role("button", name="Remove Data Engineer from saved jobs").click()
    expect(page.get_by_text("No saved jobs match these filters")).to_be_visible()
    page.get_by_role("button", name="Undo").click()
    expect(items).to_have_count(1)
    expect(items.first.get_by_test_id("saved-notes")).to_have_text("Ask about the on-call rota")

    page.get_by_role("button", name="Remove Data Engineer from saved jobs").click()
    page.get_by_role("button", name="Show all saved jobs").click()
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Web Developer")
    with session_scope() as db:
        left = db.scalars(select(SavedJob.job_id).where(SavedJob.user_id == seeker.user_id)).all()
    assert left == [web_job]


def test_on_a_phone_the_saved_list_fits_the_screen(open_page: Callable[..., Page]) -> None:
    seeker = signed_in("job_seeker", "Sam")
    employer = signed_in("employer", "Erin")
    _save(seeker.user_id, create_job("SRE", create_company("Initech"), employer.user_id))

    page = open_page("/saved", token=seeker.token, viewport=PHONE)
    expect(page.get_by_test_id("saved-job")).to_have_count(1)
    page.get_by_role("button", name="Edit notes").click()
    expect(page.get_by_label("Remind me on")).to_be_visible()

    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
