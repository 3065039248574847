"""A seeker applies to a job with a resume, a cover letter and answers, sees it on the tracker,
then (after the team moves them on and makes an offer through the services) sees the new stage
and accepts the offer."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.auth.principal import Principal
from jobhub.companies.models import TeamRole
from jobhub.jobs.application_models import ActorKind, ApplicationEventKind
from jobhub.jobs.application_steps import record_step
from jobhub.jobs.models import ApplicationStatus, Job, JobApplication, OfferStatus
from jobhub.platform.db import session_scope
from tests.e2e.journey_data import create_company, create_job, join_team, signed_in
from tests.factories import make_resume
from tests.jobs.application_support import QUESTIONS


def _job_with_questions(title: str) -> tuple[uuid.UUID, str]:
    employer = signed_in("employer", "Erin", role="employer")
    company = create_company("Initech")
    join_team(company, employer.user_id, TeamRole.RECRUITER)
    job_id = create_job(title, company, employer.user_id)
    with session_scope() as db:
        job = db.get(Job, job_id)
        assert job is not None
        job.screening_questions = QUESTIONS
        return job_id, job.slug


def _team_interviews_and_offers(application_id: uuid.UUID) -> None:
    """What the pipeline does, through the step service: to interviewing, then an offer."""
    recruiter = Principal(user_id=uuid.uuid4(), user_type="employer")
    now = datetime.now(UTC)
    with session_scope() as db:
        application = db.get(JobApplication, application_id)
        assert application is not None
        record_step(
            db,
            application,
            ApplicationEventKind.MOVED,
            recruiter,
            ActorKind.EMPLOYER,
            to_status=ApplicationStatus.INTERVIEWING,
            now=now - timedelta(minutes=2),
        )
        application.offer_details = {
            "amount": 81_000,
            "currency": "EUR",
            "period": "yearly",
            "start_date": "2027-03-01",
        }
        application.offer_status, application.offer_expires_at = OfferStatus.PENDING, now + timedelta(days=5)
        record_step(
            db,
            application,
            ApplicationEventKind.OFFER_MADE,
            recruiter,
            ActorKind.EMPLOYER,
            to_status=ApplicationStatus.OFFERED,
            now=now - timedelta(minutes=1),
        )


def test_a_seeker_applies_with_answers_follows_it_and_accepts_the_offer(
    open_page: Callable[..., Page],
) -> None:
    seeker = signed_in("job_seeker", "Sam")
    with session_scope() as db:
        db.add(make_resume(user_id=seeker.user_id, original_file_name="sam-cv.pdf", is_primary=True))
    job_id, slug = _job_with_questions("Search Engineer")

    page = open_page(f"/jobs/{slug}", token=seeker.token)
    page.get_by_role("link", name="Apply now").click()
    page.wait_for_url(f"**/jobs/{slug}/apply")
    expect(page.get_by_role("heading", name="Which resume do you send?")).to_be_visible()
    expect(page.get_by_role("radio", name="sam-cv.pdf (default)")).to_be_checked()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Cover letter").fill("I built the search of a big job board.")
    page.get_by_role("button", name="Next").click()
    questions = page.get_by_test_id("screening-question")
    expect(questions).to_have_count(3)
    questions.nth(0).get_by_role("radio", name="Yes").click()
    questions.nth(1).get_by_role("radio", name="Lyon").click()
    page.get_by_label("What did you ship last?").fill("A ranking service")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Check and send")).to_be_visible()
    expect(page.get_by_text("I built the search of a big job board.")).to_be_visible()
    expect(page.get_by_text("A ranking service")).to_be_visible()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_text("Your application is in")).to_be_visible()

    with session_scope() as db:
        application = db.scalars(select(JobApplication).where(JobApplication.job_id == job_id)).one()
        assert application.screening_answers == {"0": "yes", "1": "Lyon", "2": "A ranking service"}
        application_id = application.id

    page.get_by_role("link", name="Open your applications").click()
    page.wait_for_url(f"**/applications/{application_id}")
    expect(page.get_by_role("heading", name="Search Engineer", level=1)).to_be_visible()
    expect(page.get_by_test_id("timeline-step")).to_have_count(1)

    page.goto("/applications")
    rows = page.get_by_test_id("application-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Applied")
    expect(rows.first).to_contain_text("Initech")

    page.goto(f"/jobs/{slug}")
    expect(page.get_by_text("Applied on")).to_be_visible()

    _team_interviews_and_offers(application_id)
    page.goto(f"/applications/{application_id}")
    expect(page.get_by_test_id("timeline-step")).to_have_count(3)
    offer = page.get_by_test_id("offer")
    expect(offer).to_contain_text("€81,000 a year")
    expect(page.get_by_text("Offered", exact=True).first).to_be_visible()
    offer.get_by_role("button", name="Accept offer").click()
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_text("Offer accepted. Congratulations!")).to_be_visible()
    expect(page.get_by_text("Hired", exact=True).first).to_be_visible()
    with session_scope() as db:
        accepted = db.get(JobApplication, application_id)
        assert accepted is not None
        assert (accepted.status, accepted.offer_status) == (ApplicationStatus.HIRED, OfferStatus.ACCEPTED)


def test_anonymous_visitors_sign_in_to_apply_and_employers_are_told_it_is_for_seekers(
    open_page: Callable[..., Page],
) -> None:
    _job_id, slug = _job_with_questions("Data Engineer")

    page = open_page(f"/jobs/{slug}")
    sign_in = page.get_by_role("link", name="Sign in to apply")
    expect(sign_in).to_have_attribute("href", f"/login?next=/jobs/{slug}/apply")

    employer = signed_in("employer", "Ella", role="employer")
    page = open_page(f"/jobs/{slug}", token=employer.token)
    expect(page.get_by_text("Applying is for job seeker accounts.")).to_be_visible()
    expect(page.get_by_role("link", name="Apply now")).to_have_count(0)
