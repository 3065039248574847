"""A job page opened from its URL: what a visitor sees and crawlers read, one view per viewer, save and
report, and the page of a job that is gone."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.jobs.models import DomainEvent, Job
from jobhub.platform.db import session_scope
from jobhub.platform.event_types import JOB_REPORTED
from jobhub.profiles.models import Skill, UserSkill
from tests.e2e.journey_data import create_company, create_job, signed_in

POLL_SECONDS = 30.0


def _with_skills(job_id: uuid.UUID, *names: str) -> tuple[str, list[uuid.UUID]]:
    """Give the job required skills and a Markdown description; its slug and the skill ids."""
    suffix = uuid.uuid4().hex[:6]
    with session_scope() as db:
        skills = [Skill(name=f"{name} {suffix}") for name in names]
        db.add_all(skills)
        db.flush()
        job = db.get(Job, job_id)
        assert job is not None
        job.required_skills = [skill.id for skill in skills]
        job.description = "We **ship** data pipelines.\n\n<script>window.hacked = true</script>"
        return job.slug, [skill.id for skill in skills]


def _give_skill(user_id: uuid.UUID, skill_id: uuid.UUID) -> None:
    with session_scope() as db:
        db.add(UserSkill(user_id=user_id, skill_id=skill_id))


def _view_count(job_id: uuid.UUID) -> int:
    with session_scope() as db:
        return db.execute(select(Job.view_count).where(Job.id == job_id)).scalar_one()


def _wait_for_views(job_id: uuid.UUID, expected: int) -> None:
    deadline = time.monotonic() + POLL_SECONDS
    while _view_count(job_id) != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _view_count(job_id) == expected


def _reasons_reported(job_id: uuid.UUID) -> list[str]:
    with session_scope() as db:
        return list(
            db.scalars(
                select(DomainEvent.event_data["reason"].astext).where(
                    DomainEvent.aggregate_id == job_id, DomainEvent.event_type == JOB_REPORTED
                )
            )
        )


def test_a_job_page_shows_the_posting_counts_one_view_per_viewer_and_takes_a_report(
    open_page: Callable[..., Page],
) -> None:
    employer = signed_in("employer", "Erin")
    job_id = create_job("Data Engineer", create_company("Initech"), employer.user_id)
    slug, (python, _) = _with_skills(job_id, "Python", "SQL")

    page = open_page(f"/jobs/{slug}")
    expect(page.get_by_role("heading", name="Data Engineer", level=1)).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Data Engineer at Initech"))
    expect(page.get_by_test_id("job-salary")).to_have_text("€90,000 \u2013 €120,000 a year")
    expect(page.get_by_role("list", name="Required skills")).to_contain_text("Python")
    expect(page.locator("strong", has_text="ship")).to_be_visible()
    expect(page.get_by_text("<script>window.hacked = true</script>")).to_be_visible()
    posting = json.loads(page.locator('script[type="application/ld+json"]').text_content() or "{}")
    assert (posting["@type"], posting["title"]) == ("JobPosting", "Data Engineer")
    assert posting["hiringOrganization"]["name"] == "Initech"
    assert posting["baseSalary"]["value"]["unitText"] == "YEAR"
    _wait_for_views(job_id, 1)

    page.reload()
    expect(page.get_by_role("heading", name="Data Engineer", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Sign in to report this job")).to_be_visible()
    page.goto("/jobs/no-such-job")
    expect(page.get_by_role("heading", name="This job is no longer open")).to_be_visible()
    expect(page.get_by_role("link", name="Search open jobs")).to_have_attribute("href", "/jobs")

    seeker = signed_in("job_seeker", "Sam")
    _give_skill(seeker.user_id, python)
    page = open_page(f"/jobs/{slug}", token=seeker.token)
    expect(page.get_by_test_id("skill-match")).to_have_text("You have 1 of 2 required skills")
    _wait_for_views(job_id, 2)
    page.get_by_role("button", name="Save job").click()
    expect(page.get_by_role("button", name="Saved")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("button", name="Report this job").click()
    form = page.get_by_role("form", name="Report this job")
    form.get_by_role("radio", name="Scam or asks for money").click()
    form.get_by_label("Details").fill("Asks applicants to pay for training.")
    form.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("You reported this job. Thank you.")).to_be_visible()
    assert _reasons_reported(job_id) == ["scam"]
    assert _view_count(job_id) == 2
