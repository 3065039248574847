"""An employer opens a job's pipeline, moves the applicant to interviewing from the card's menu by
keyboard, sets an interview (the seeker is mailed an invitation) and makes an offer."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.companies.models import TeamRole
from jobhub.jobs.application_models import ActorKind, ApplicationEventKind
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.models import ApplicationStatus, JobApplication, OfferStatus
from jobhub.platform.db import session_scope
from jobhub.profiles.models import UserProfile
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.journey_data import create_company, create_job, create_user, join_team, signed_in
from tests.smtp import SmtpSink


def _applicant(job_id: uuid.UUID) -> tuple[uuid.UUID, str]:
    """A seeker with a profile who applied to the job, with the "applied" step on the timeline."""
    email = f"ines.{uuid.uuid4().hex[:6]}@example.test"
    seeker = create_user("job_seeker", "Ines", "Applicant", email=email)
    with session_scope() as db:
        db.add(UserProfile(user_id=seeker, headline="Data engineer who ships"))
        application = JobApplication(job_id=job_id, applicant_id=seeker, cover_letter="I love pipelines.")
        db.add(application)
        db.flush()
        record_step(db, application, ApplicationEventKind.APPLIED, None, ActorKind.SEEKER)
        return application.id, email


def _application(application_id: uuid.UUID) -> JobApplication:
    with session_scope() as db:
        row = db.scalars(select(JobApplication).where(JobApplication.id == application_id)).one()
        db.expunge(row)
        return row


def test_an_employer_moves_a_candidate_sets_an_interview_and_makes_an_offer(
    open_page: Callable[..., Page], mailbox: SmtpSink
) -> None:
    company = create_company("Pipewerk")
    recruiter = signed_in("employer", "Rosa", role="employer")
    join_team(company, recruiter.user_id, TeamRole.RECRUITER)
    job = create_job("Data Engineer", company, recruiter.user_id)
    application, email = _applicant(job)

    page = open_page("/employer/jobs", token=recruiter.token)
    page.get_by_role("link", name="Pipeline: 0 applicants").click()
    page.wait_for_url(f"**/employer/jobs/{job}/pipeline")
    applied = page.get_by_test_id("column-applied")
    expect(applied.get_by_text("Ines Applicant")).to_be_visible(timeout=TIMEOUT_MS)
    expect(applied.get_by_text("Data engineer who ships")).to_be_visible()

    menu = applied.get_by_role("button", name="Move Ines Applicant to another stage")
    menu.focus()
    page.keyboard.press("Enter")
    item = page.get_by_role("menuitem", name="Interviewing")
    expect(item).to_be_visible()
    item.focus()
    page.keyboard.press("Enter")
    interviewing = page.get_by_test_id("column-interviewing")
    expect(interviewing.get_by_text("Ines Applicant")).to_be_visible(timeout=TIMEOUT_MS)
    assert _application(application).status == ApplicationStatus.INTERVIEWING

    interviewing.get_by_role("button", name="Ines Applicant", exact=True).click()
    panel = page.get_by_test_id("candidate-panel")
    expect(panel.get_by_test_id("panel-stage")).to_have_text("Interviewing", timeout=TIMEOUT_MS)
    panel.get_by_role("tab", name="Interviews").click()
    starts = (datetime.now(UTC) + timedelta(days=7)).replace(hour=10, minute=0)
    form = panel.get_by_role("form", name="Interview")
    form.get_by_label("Date and time (UTC)").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Place").fill("Pipewerk HQ, Berlin")
    form.get_by_role("button", name="Set and invite").click()
    expect(page.get_by_text("Interview set; the candidate gets an invitation.")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    (invitation,) = mailbox.wait_for(email)
    assert "Data Engineer" in invitation.subject
    assert any(part.get_content_type() == "text/calendar" for part in invitation.message.iter_attachments())

    panel.get_by_role("tab", name="Offer").click()
    offer = panel.get_by_role("form", name="Offer")
    today = datetime.now(UTC).date()
    offer.get_by_label("Salary").fill("85000")
    offer.get_by_label("Start date").fill(str(today + timedelta(days=30)))
    offer.get_by_label("Offer open until").fill(str(today + timedelta(days=7)))
    offer.get_by_role("button", name="Make the offer").click()
    expect(panel.get_by_test_id("panel-stage")).to_have_text("Offered", timeout=TIMEOUT_MS)
    expect(panel.get_by_test_id("offer-salary")).to_have_text("85,000 USD a year")
    row = _application(application)
    assert (row.status, row.offer_status) == (ApplicationStatus.OFFERED, OfferStatus.PENDING)


def test_cards_move_by_drag_and_drop_and_a_bulk_rejection_mails_each_candidate(
    open_page: Callable[..., Page], mailbox: SmtpSink
) -> None:
    company = create_company("Dragwerk")
    owner = signed_in("employer", "Otto", role="employer")
    join_team(company, owner.user_id, TeamRole.OWNER)
    job = create_job("Platform Engineer", company, owner.user_id)
    first, first_email = _applicant(job)
    second, second_email = _applicant(job)

    page = open_page(f"/employer/jobs/{job}/pipeline", token=owner.token)
    applied = page.get_by_test_id("column-applied")
    expect(applied.get_by_test_id("candidate-card")).to_have_count(2, timeout=TIMEOUT_MS)
    applied.get_by_test_id("candidate-card").first.drag_to(page.get_by_test_id("column-screening"))
    expect(page.get_by_test_id("column-screening").get_by_test_id("candidate-card")).to_have_count(
        1, timeout=TIMEOUT_MS
    )
    assert {_application(first).status, _application(second).status} == {"applied", "screening"}

    boxes = page.get_by_role("checkbox", name="Select Ines Applicant")
    for index in range(2):
        boxes.nth(index).click()
        expect(boxes.nth(index)).to_have_attribute("aria-checked", "true")
    expect(page.get_by_test_id("selected-count")).to_have_text("2 selected")
    page.get_by_role("button", name="Move selected to…").click()
    page.get_by_role("menuitem", name="Rejected").click()
    dialog = page.get_by_role("dialog", name="Reject 2 candidates")
    expect(dialog.get_by_role("textbox")).to_have_value(re.compile("^Dear \\{first_name\\}"))
    dialog.get_by_role("button", name="Send and reject").click()
    expect(page.get_by_test_id("column-rejected").get_by_test_id("candidate-card")).to_have_count(
        2, timeout=TIMEOUT_MS
    )
    for email in (first_email, second_email):
        (mail,) = mailbox.wait_for(email)
        assert mail.text.startswith("Dear Ines,")
