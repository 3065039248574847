"""The employers issue end to end, across its parts: an employer creates the company page,
invites a recruiter who joins by the mailed link, the recruiter publishes a job a seeker then
finds in search, and an admin verifies the company, whose public page shows the badge."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.auth.models import User
from jobhub.auth.session_tokens import issue_session
from jobhub.companies.models import Company
from jobhub.platform.db import session_scope
from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.journey_data import create_user, grant_role, sign_in, signed_in
from tests.smtp import SmtpSink

PASSWORD = "jobhub-demo-password"
SLOW_MS = 30_000


def _confirmed_employer(first_name: str, email: str) -> uuid.UUID:
    """An employer account with a confirmed address (the work-email check needs one) and its role."""
    user_id = create_user("employer", first_name, "Tester", email=email, password=PASSWORD)
    with session_scope() as db:
        db.get_one(User, user_id).email_verified = True
    grant_role(user_id, "employer")
    return user_id


def _company_slug() -> str:
    with session_scope() as db:
        return db.scalars(select(Company.slug).where(Company.name == "Zorblat Robotics")).one()


def _session(user_id: uuid.UUID) -> str:
    with session_scope() as db:
        return issue_session(db, user_id)


def test_an_employer_builds_a_team_whose_recruiter_posts_a_job_a_seeker_finds_and_an_admin_verifies(
    open_page: Callable[..., Page], base_url: str, mailbox: SmtpSink
) -> None:
    domain = f"zorblat-{uuid.uuid4().hex[:6]}.test"
    owner_id = _confirmed_employer("Olga", f"olga@{domain}")
    recruiter_email = f"rita@{domain}"
    _confirmed_employer("Rita", recruiter_email)

    owner = open_page("/employer", token=_session(owner_id))
    expect(owner.get_by_text("Set up your company first")).to_be_visible()
    owner.get_by_role("link", name="Create your company page").click()
    form = owner.get_by_role("form", name="Company page")
    form.get_by_label("Company name").fill("Zorblat Robotics")
    form.get_by_label("Website").fill(f"https://www.{domain}")
    form.get_by_label("Headquarters").fill("Berlin, Germany")
    form.get_by_label("Description").fill("We build **warehouse robots** that never tire.")
    form.get_by_role("button", name="Create company page").click()
    expect(owner.get_by_role("heading", name="Company page", level=1, exact=True)).to_be_visible(
        timeout=SLOW_MS
    )

    owner.goto("/employer/team")
    invite = owner.get_by_role("form", name="Invite someone to the team")
    invite.get_by_label("Email address").fill(recruiter_email)
    invite.get_by_role("button", name="Send invitation").click()
    expect(owner.get_by_text(f"Invitation sent to {recruiter_email}.")).to_be_visible()
    (mail,) = mailbox.wait_for(recruiter_email)
    (link,) = [link for link in mail.links() if "/invitation?token=" in link]

    recruiter = open_page(link)
    recruiter.get_by_role("main").get_by_role("link", name="Sign in").click()
    recruiter.wait_for_url("**/login?next=*")
    sign_in(recruiter, recruiter_email, PASSWORD)
    recruiter.wait_for_url("**/invitation?token=*")
    recruiter.get_by_role("button", name="Join Zorblat Robotics as recruiter").click()
    recruiter.wait_for_url(f"{base_url}/employer")

    recruiter.goto("/employer/jobs")
    recruiter.get_by_role("link", name="Post your first job").click()
    recruiter.wait_for_url("**/employer/jobs/new")
    posting = recruiter.get_by_role("form", name="Job posting")
    posting.get_by_label("Job title").fill("Quasar Robot Technician")
    posting.get_by_label("Location").fill("Berlin, Germany")
    posting.get_by_label("Description").fill(
        "Keep our fleet of warehouse robots running, day and night, with a team that cares."
    )
    posting.get_by_label("Lowest pay").fill("52000")
    posting.get_by_label("Highest pay").fill("64000")
    posting.get_by_label("Pay period").click()
    recruiter.get_by_role("option", name="Per year").click()
    recruiter.get_by_role("button", name="Publish").click()
    expect(recruiter.get_by_text("Published", exact=True)).to_be_visible(timeout=SLOW_MS)

    seeker = open_page("/jobs?q=quasar", token=signed_in("job_seeker", "Sam", role="job_seeker").token)
    found = seeker.get_by_test_id("results").get_by_role("link", name="Quasar Robot Technician")
    expect(found).to_be_visible(timeout=TIMEOUT_MS)
    expect(seeker.get_by_test_id("results")).to_contain_text("Zorblat Robotics")

    owner.goto("/employer")
    card = owner.get_by_test_id("verification-card")
    card.get_by_role("button", name="Verify with my work email").click()
    expect(card.get_by_text("Waiting for review")).to_be_visible()

    admin = signed_in("admin", "Ada", role="admin")
    queue = open_page("/admin/companies", token=admin.token)
    queue.get_by_role("button", name="Verify Zorblat Robotics").click()
    queue.get_by_role("dialog").get_by_role("button", name="Verify company").click()
    expect(queue.get_by_text("Zorblat Robotics is verified; the team has been told.")).to_be_visible()

    public = open_page(f"/companies/{_company_slug()}")
    expect(public.get_by_role("heading", name="Zorblat Robotics", level=1)).to_be_visible()
    expect(public.get_by_role("main").get_by_text("Verified", exact=True).first).to_be_visible()
    expect(public.get_by_test_id("company-jobs")).to_contain_text("Quasar Robot Technician")
