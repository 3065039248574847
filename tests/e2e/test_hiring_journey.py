"""Issue 7 end to end, both sides in the browser: a seeker fills a profile, uploads a resume and
applies with answers; the recruiter moves them to interviewing, sets an interview and makes an
offer in the pipeline; the seeker follows each step on the tracker and accepts."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.auth.session_tokens import issue_session
from jobhub.companies.models import TeamRole
from jobhub.jobs.models import ApplicationStatus, Job, JobApplication, OfferStatus
from jobhub.platform.db import session_scope
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.journey_data import create_company, create_job, create_user, join_team, signed_in
from tests.jobs.application_support import QUESTIONS
from tests.profiles.resume_files import pdf_bytes
from tests.smtp import SmtpSink

PARSE_MS = 60_000


def _posting_with_questions() -> tuple[object, str, object]:
    company = create_company("Hirewell")
    recruiter = signed_in("employer", "Rita", role="employer")
    join_team(company, recruiter.user_id, TeamRole.RECRUITER)
    job_id = create_job("Search Engineer", company, recruiter.user_id)
    with session_scope() as db:
        job = db.get(Job, job_id)
        assert job is not None
        job.screening_questions = QUESTIONS
        return job_id, job.slug, recruiter


def _fill_profile_and_upload_a_resume(page: Page) -> None:
    page.goto("/profile")
    about = page.get_by_role("form", name="Your profile")
    about.get_by_label("Headline").fill("Search engineer who ships")
    about.get_by_role("button", name="Save profile").click()
    expect(page.get_by_test_id("completeness-percent")).not_to_have_text("0%")

    page.goto("/profile/resumes")
    page.get_by_test_id("resume-upload").locator("input[type=file]").set_input_files(
        {"name": "Sam CV.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    row = page.get_by_test_id("resume")
    expect(row.get_by_test_id("default-badge")).to_be_visible()
    expect(row.get_by_text("Read", exact=True)).to_be_visible(timeout=PARSE_MS)


def _apply_with_answers(page: Page, slug: str) -> None:
    page.goto(f"/jobs/{slug}")
    page.get_by_role("link", name="Apply now").click()
    page.wait_for_url(f"**/jobs/{slug}/apply")
    expect(page.get_by_role("radio", name=re.compile(r"^Sam CV.*\(default\)$"))).to_be_checked()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Cover letter").fill("I built the search of a big job board.")
    page.get_by_role("button", name="Next").click()
    questions = page.get_by_test_id("screening-question")
    expect(questions).to_have_count(3)
    page.get_by_label("What did you ship last?").fill("A ranking service")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_text("“Are you allowed to work in the EU?” needs an answer.")).to_be_visible()
    questions.nth(0).get_by_role("radio", name="Yes").click()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Check and send")).to_be_visible()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_text("Your application is in")).to_be_visible()


def _interview_and_offer(page: Page, job_id: object) -> None:
    page.goto(f"/employer/jobs/{job_id}/pipeline")
    applied = page.get_by_test_id("column-applied")
    expect(applied.get_by_text("Sam Tester")).to_be_visible(timeout=TIMEOUT_MS)
    expect(applied.get_by_text("Search engineer who ships")).to_be_visible()
    menu = applied.get_by_role("button", name="Move Sam Tester to another stage")
    menu.focus()
    page.keyboard.press("Enter")
    item = page.get_by_role("menuitem", name="Interviewing")
    item.focus()
    page.keyboard.press("Enter")
    interviewing = page.get_by_test_id("column-interviewing")
    expect(interviewing.get_by_text("Sam Tester")).to_be_visible(timeout=TIMEOUT_MS)

    interviewing.get_by_role("button", name="Sam Tester", exact=True).click()
    panel = page.get_by_test_id("candidate-panel")
    panel.get_by_role("tab", name="Resume").click()
    expect(panel.get_by_role("link", name=re.compile("^Download Sam CV"))).to_be_visible()
    panel.get_by_role("tab", name="Answers").click()
    expect(panel.get_by_text("A ranking service")).to_be_visible()
    panel.get_by_role("tab", name="Interviews").click()
    starts = (datetime.now(UTC) + timedelta(days=7)).replace(hour=10, minute=0)
    form = panel.get_by_role("form", name="Interview")
    form.get_by_label("Date and time (UTC)").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Place").fill("Hirewell HQ, Berlin")
    form.get_by_role("button", name="Set and invite").click()
    expect(page.get_by_text("Interview set; the candidate gets an invitation.")).to_be_visible()

    panel.get_by_role("tab", name="Offer").click()
    offer = panel.get_by_role("form", name="Offer")
    today = datetime.now(UTC).date()
    offer.get_by_label("Salary").fill("95000")
    offer.get_by_label("Start date").fill(str(today + timedelta(days=30)))
    offer.get_by_label("Offer open until").fill(str(today + timedelta(days=7)))
    offer.get_by_role("button", name="Make the offer").click()
    expect(panel.get_by_test_id("panel-stage")).to_have_text("Offered", timeout=TIMEOUT_MS)


def test_a_seeker_applies_the_team_interviews_and_offers_and_the_seeker_accepts(
    open_page: Callable[..., Page], mailbox: SmtpSink
) -> None:
    job_id, slug, recruiter = _posting_with_questions()
    email = f"sam.{uuid.uuid4().hex[:8]}@example.test"
    seeker_id = create_user("job_seeker", "Sam", email=email)
    with session_scope() as db:
        token = issue_session(db, seeker_id, lifetime=timedelta(hours=2))
    seeker_page = open_page("/", token=token)

    _fill_profile_and_upload_a_resume(seeker_page)
    _apply_with_answers(seeker_page, slug)
    (confirmation,) = mailbox.wait_for(email)
    assert confirmation.subject == "You applied to Search Engineer"
    with session_scope() as db:
        application = db.scalars(select(JobApplication).where(JobApplication.job_id == job_id)).one()
        application_id = application.id
        assert application.resume_id is not None
        assert application.screening_answers == {"0": "yes", "2": "A ranking service"}

    seeker_page.goto(f"/applications/{application_id}")
    expect(seeker_page.get_by_test_id("timeline-step")).to_have_count(1)

    _interview_and_offer(open_page("/", token=recruiter.token), job_id)
    mails = mailbox.wait_for(email, count=3)
    [invitation] = [m for m in mails if m.subject.startswith("Invitation: Interview: Search Engineer")]
    assert any(part.get_content_type() == "text/calendar" for part in invitation.message.iter_attachments())
    [offer_mail] = [m for m in mails if m.subject.startswith("An offer for Search Engineer")]
    assert "95,000" in offer_mail.text

    seeker_page.goto(f"/applications/{application_id}")
    # applied, viewed by the team, moved to interviewing, interview set, offer made
    expect(seeker_page.get_by_test_id("timeline-step")).to_have_count(5)
    expect(seeker_page.get_by_text("Hirewell HQ, Berlin")).to_be_visible()
    offer = seeker_page.get_by_test_id("offer")
    expect(offer).to_contain_text("95,000")
    offer.get_by_role("button", name="Accept offer").click()
    seeker_page.get_by_role("button", name="Accept the offer").click()
    expect(seeker_page.get_by_text("Offer accepted. Congratulations!")).to_be_visible()
    with session_scope() as db:
        accepted = db.get(JobApplication, application_id)
        assert accepted is not None
        assert (accepted.status, accepted.offer_status) == (ApplicationStatus.HIRED, OfferStatus.ACCEPTED)
