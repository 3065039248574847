"""A recruiter writes a job, previews it, is stopped for missing pay, adds it and publishes; a seeker
finds it on /jobs until the recruiter closes it. The list closes several jobs at once. Phones fit."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.companies.models import TeamRole
from jobhub.jobs.models import Job, JobStatus
from jobhub.platform.db import session_scope
from tests.e2e.conftest import PHONE, TIMEOUT_MS
from tests.e2e.journey_data import SignedInUser, create_company, create_job, join_team, signed_in

DESCRIPTION = "Run the platform our hiring teams rely on: deploys, observability and the on-call rota."


def _recruiter(company_id: uuid.UUID, first_name: str = "Rita") -> SignedInUser:
    """An employer account with the employer role, on the company's team as a recruiter."""
    recruiter = signed_in("employer", first_name, role="employer")
    join_team(company_id, recruiter.user_id, TeamRole.RECRUITER)
    return recruiter


def _status(job_id: uuid.UUID) -> str:
    with session_scope() as db:
        return db.scalars(select(Job.status).where(Job.id == job_id)).one()


def test_a_recruiter_publishes_a_job_with_pay_that_a_seeker_finds_until_it_closes(
    open_page: Callable[..., Page], base_url: str
) -> None:
    company = create_company("Initech")
    recruiter = _recruiter(company)
    seeker = signed_in("job_seeker", "Sam")

    page = open_page("/employer/jobs", token=recruiter.token)
    page.get_by_role("link", name="Post your first job").click()
    page.wait_for_url("**/employer/jobs/new")
    form = page.get_by_role("form", name="Job posting")
    form.get_by_label("Job title").fill("Zephyr Platform Engineer")
    form.get_by_label("Location").fill("Berlin, Germany")
    expect(form.get_by_text("On the map at Berlin, Germany.")).to_be_visible()
    form.get_by_label("Description").fill(DESCRIPTION)
    form.get_by_label("Required skills").fill("Pytho")
    form.get_by_role("button", name="Add Python", exact=True).click()
    expect(form.get_by_role("list", name="Required skills").get_by_text("Python")).to_be_visible()
    form.get_by_role("button", name="Add a question").click()
    form.get_by_label("Question 1", exact=True).fill("Can you join the on-call rota?")

    page.get_by_role("tab", name="Preview").click()
    preview = page.get_by_test_id("posting-preview")
    expect(preview.get_by_role("heading", name="Zephyr Platform Engineer")).to_be_visible()
    expect(preview.get_by_role("link", name="Initech").first).to_be_visible()
    expect(preview.get_by_test_id("job-salary")).to_have_text("Pay not stated")
    expect(preview.get_by_role("list", name="Required skills")).to_contain_text("Python")

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("pay-notice")).to_contain_text("A salary range is required to publish")
    expect(form.get_by_text("Add the lowest pay: a salary range is required to publish")).to_be_visible()
    expect(form.get_by_label("Job title")).to_have_value("Zephyr Platform Engineer")
    with session_scope() as db:
        assert db.scalars(select(Job.id).where(Job.company_id == company)).first() is None

    form.get_by_label("Lowest pay").fill("5000")
    form.get_by_label("Highest pay").fill("6500")
    form.get_by_label("Pay period").click()
    page.get_by_role("option", name="Per month").click()
    expect(form.get_by_test_id("pay-line")).to_contain_text("About $60,000 \u2013 $78,000 a year")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r".*/employer/jobs/[0-9a-f-]{36}$"))
    expect(page.get_by_text("Published", exact=True)).to_be_visible()
    job_id = uuid.UUID(page.url.rsplit("/", 1)[-1])
    assert _status(job_id) == JobStatus.PUBLISHED

    search = open_page("/jobs?q=zephyr", token=seeker.token)
    # The first visit of /jobs in a run may wait for the dev server to build the page.
    found = search.get_by_test_id("results").get_by_role("link", name="Zephyr Platform Engineer")
    expect(found).to_be_visible(timeout=TIMEOUT_MS)

    page.get_by_role("button", name="Close", exact=True).click()
    expect(page.get_by_text("Closed", exact=True)).to_be_visible()
    assert _status(job_id) == JobStatus.CLOSED
    search.reload()
    expect(search.get_by_text("No jobs match this search")).to_be_visible()
    expect(search.get_by_text("Zephyr Platform Engineer")).to_have_count(0)


def test_the_list_closes_the_ticked_jobs_after_a_confirmation(open_page: Callable[..., Page]) -> None:
    company = create_company("Initech")
    recruiter = _recruiter(company)
    kept = create_job("Welder", company, recruiter.user_id)
    closing = [create_job(title, company, recruiter.user_id) for title in ("Nurse", "Chef")]
    create_job("Plumber", company, recruiter.user_id, status="draft")

    page = open_page("/employer/jobs", token=recruiter.token)
    rows = page.get_by_test_id("posting-row")
    expect(rows).to_have_count(4)
    expect(page.get_by_role("checkbox", name="Select Plumber")).to_be_disabled()
    for title in ("Nurse", "Chef"):
        page.get_by_role("checkbox", name=f"Select {title}").click()
    expect(page.get_by_text("2 selected")).to_be_visible()
    page.get_by_role("button", name="Close selected").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Close the selected jobs?")
    dialog.get_by_role("button", name="Close jobs").click()

    expect(page.get_by_text("Closed 2 jobs.")).to_be_visible()
    expect(rows.filter(has_text="Nurse").get_by_test_id("status-badge")).to_have_text("Closed")
    expect(rows.filter(has_text="Welder").get_by_test_id("status-badge")).to_have_text("Published")
    assert [_status(job) for job in closing] == [JobStatus.CLOSED, JobStatus.CLOSED]
    assert _status(kept) == JobStatus.PUBLISHED

    page.get_by_test_id("status-filter").click()
    page.get_by_role("option", name="Closed (2)").click()
    expect(rows).to_have_count(2)


def test_on_a_phone_the_list_and_the_editor_fit_the_screen(open_page: Callable[..., Page]) -> None:
    company = create_company("Initech")
    recruiter = _recruiter(company)
    job = create_job("Site Reliability Engineer with a rather long title", company, recruiter.user_id)

    page = open_page("/employer/jobs", token=recruiter.token, viewport=PHONE)
    expect(page.get_by_test_id("posting-row")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(f"/employer/jobs/{job}")
    expect(page.get_by_role("form", name="Job posting").get_by_label("Job title")).to_have_value(
        "Site Reliability Engineer with a rather long title"
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("tab", name="Preview").click()
    expect(page.get_by_test_id("posting-preview")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_publishing_a_near_copy_of_an_open_job_asks_first_and_links_to_it(
    open_page: Callable[..., Page],
) -> None:
    company = create_company("Initech")
    recruiter = _recruiter(company)
    with session_scope() as db:
        draft = db.get(Job, create_job("Data Engineer", company, recruiter.user_id, status="draft"))
        assert draft is not None
        open_job = db.get(Job, create_job("Data Engineer", company, recruiter.user_id))
        assert open_job is not None
        draft.description = open_job.description = DESCRIPTION
        draft_id, open_id = draft.id, open_job.id

    page = open_page(f"/employer/jobs/{draft_id}", token=recruiter.token)
    page.get_by_role("button", name="Publish").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("\u201cData Engineer\u201d is open and nearly the same")
    expect(dialog.get_by_role("link", name="Open the other job")).to_have_attribute(
        "href", f"/employer/jobs/{open_id}"
    )
    assert _status(draft_id) == JobStatus.DRAFT

    dialog.get_by_role("button", name="Publish anyway").click()
    expect(page.get_by_text("Published", exact=True)).to_be_visible()
    assert _status(draft_id) == JobStatus.PUBLISHED
