"""Verification through the browser: an owner asks by work email, an admin verifies and the badge shows
on the company's job; a refusal's reason reaches the employer; a new company's checklist; phone width."""

from __future__ import annotations

import gc
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page, expect
from sqlalchemy import select
from starlette.middleware.cors import CORSMiddleware

from jobhub.auth.audit import AuditAction
from jobhub.auth.models import AuditLog, User
from jobhub.auth.session_tokens import issue_session
from jobhub.companies.models import Company, CompanyVerificationRequest, TeamRole
from jobhub.jobs.models import Job
from jobhub.platform.db import session_scope
from tests.companies.verification.support import PDF_BYTES
from tests.e2e.conftest import PHONE
from tests.e2e.journey_data import create_job, create_user, grant_role, join_team

REASON = "The extract does not name the company."


@dataclass(frozen=True)
class Member:
    user_id: uuid.UUID
    token: str


def _signed_in(user_type: str, role: str, first_name: str, email: str) -> Member:
    """A confirmed account with its role's permissions and a live session."""
    user_id = create_user(user_type, first_name, email=email)
    with session_scope() as db:
        db.get_one(User, user_id).email_verified = True
    grant_role(user_id, role)
    with session_scope() as db:
        return Member(user_id, issue_session(db, user_id))


def _company(name: str, domain: str, **values: object) -> uuid.UUID:
    with session_scope() as db:
        company = Company(
            name=name,
            slug=f"{domain.split('.')[0]}-{uuid.uuid4().hex[:6]}",
            website_url=f"https://www.{domain}",
            **values,
        )
        db.add(company)
        db.flush()
        return company.id


def _member(company_id: uuid.UUID, who: Member, role: TeamRole) -> None:
    join_team(company_id, who.user_id, role)


def _admin() -> Member:
    return _signed_in("admin", "admin", "Ada", f"ada.{uuid.uuid4().hex[:6]}@jobhub.test")


def _allow_uploads_from(origin: str) -> None:
    """Reflex's upload route answers CORS from the origins configured at start, which cannot name
    the harness's frontend (its port is drawn when it starts): add it to the running middleware."""
    for middleware in (item for item in gc.get_objects() if isinstance(item, CORSMiddleware)):
        if origin not in middleware.allow_origins:
            middleware.allow_origins = [*middleware.allow_origins, origin]


def _slug(job_id: uuid.UUID) -> str:
    with session_scope() as db:
        return db.get_one(Job, job_id).slug


def test_an_owner_asks_by_work_email_and_once_an_admin_verifies_the_badge_shows_on_its_job(
    open_page: Callable[..., Page],
) -> None:
    domain = f"anvil-{uuid.uuid4().hex[:6]}.test"
    company = _company("Anvil Works", domain, description="We forge.")
    owner = _signed_in("employer", "employer", "Olga", f"olga@{domain}")
    _member(company, owner, TeamRole.OWNER)
    job = create_job("Blacksmith", company, owner.user_id)

    page = open_page("/employer", token=owner.token)
    card = page.get_by_test_id("verification-card")
    expect(card.get_by_text("Not verified")).to_be_visible()
    expect(card.get_by_text(domain, exact=True)).to_be_visible()
    card.get_by_role("button", name="Verify with my work email").click()
    expect(page.get_by_text("Request sent.")).to_be_visible()
    expect(card.get_by_text("Waiting for review")).to_be_visible()
    expect(card.get_by_role("button", name="Verify with my work email")).to_have_count(0)

    admin = _admin()
    queue = open_page("/admin/companies", token=admin.token)
    request = queue.get_by_test_id("verification-request").filter(has_text="Anvil Works")
    expect(request.get_by_text("Domains match")).to_be_visible()
    expect(request.get_by_text(f"olga@{domain}")).to_be_visible()
    request.get_by_role("button", name="Verify Anvil Works").click()
    dialog = queue.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Verify Anvil Works?")).to_be_visible()
    dialog.get_by_label("Note").fill("Domain checked")
    dialog.get_by_role("button", name="Verify company").click()
    expect(queue.get_by_text("Anvil Works is verified; the team has been told.")).to_be_visible()
    expect(queue.get_by_text("No company is waiting")).to_be_visible()
    decided = queue.get_by_test_id("recent-decision").filter(has_text="Anvil Works")
    expect(decided.get_by_text("Verified")).to_be_visible()
    expect(decided.get_by_role("button", name="Remove the badge of Anvil Works")).to_be_visible()
    with session_scope() as db:
        (row,) = db.scalars(
            select(AuditLog).where(
                AuditLog.action == AuditAction.COMPANY_VERIFIED, AuditLog.resource_id == company
            )
        )
        assert row.user_id == admin.user_id and row.resource == "company"

    job_page = open_page(f"/jobs/{_slug(job)}")
    expect(job_page.get_by_role("heading", name="Blacksmith", level=1)).to_be_visible()
    expect(job_page.get_by_text("Verified", exact=True)).to_be_visible()

    page.reload()
    expect(card.get_by_text("is verified since")).to_be_visible()


def test_a_document_request_refused_with_a_reason_shows_the_reason_to_the_employer(
    open_page: Callable[..., Page], base_url: str
) -> None:
    domain = f"forge-{uuid.uuid4().hex[:6]}.test"
    company = _company("Forge Ltd", domain)
    owner = _signed_in("employer", "employer", "Omar", f"omar@elsewhere-{uuid.uuid4().hex[:6]}.test")
    _member(company, owner, TeamRole.OWNER)

    page = open_page("/employer", token=owner.token)
    card = page.get_by_test_id("verification-card")
    expect(card.get_by_test_id("email-route-problem")).to_contain_text(f"the company website is at {domain}")
    card.get_by_label("Anything the administrator should know (optional)").fill("Our register extract.")
    card.locator("input[type=file]").set_input_files(
        files=[{"name": "extract.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    expect(card.get_by_text("extract.pdf")).to_be_visible()
    _allow_uploads_from(base_url)
    card.get_by_role("button", name="Send document").click()
    expect(card.get_by_text("Waiting for review")).to_be_visible()
    with session_scope() as db:
        request_id = db.scalars(
            select(CompanyVerificationRequest.id).where(CompanyVerificationRequest.company_id == company)
        ).one()

    admin = _admin()
    queue = open_page("/admin/companies", token=admin.token)
    request = queue.get_by_test_id("verification-request").filter(has_text="Forge Ltd")
    link = request.get_by_role("link", name="Download extract.pdf")
    href = link.get_attribute("href") or ""
    assert href.endswith(f"/admin/verification/{request_id}/document")
    download = queue.request.get(href)
    assert download.status == 200 and download.body() == PDF_BYTES
    assert download.headers["cache-control"] == "no-store"
    assert open_page("/").request.get(href).status == 401

    request.get_by_role("button", name="Refuse Forge Ltd").click()
    dialog = queue.get_by_role("dialog")
    dialog.get_by_role("button", name="Refuse request").click()
    expect(dialog).to_be_visible()
    dialog.get_by_label("Reason").fill(REASON)
    dialog.get_by_role("button", name="Refuse request").click()
    expect(queue.get_by_text("Request refused; the team can read your reason.")).to_be_visible()

    page.reload()
    expect(card.get_by_text("Not verified")).to_be_visible()
    expect(card.get_by_test_id("refusal-reason")).to_contain_text(REASON)
    expect(card.get_by_role("button", name="Send document")).to_be_visible()


def test_a_new_company_sees_its_checklist_and_both_pages_fit_a_phone(open_page: Callable[..., Page]) -> None:
    domain = f"fresh-{uuid.uuid4().hex[:6]}.test"
    company = _company("Fresh Start", domain)
    owner = _signed_in("employer", "employer", "Nia", f"nia@{domain}")
    _member(company, owner, TeamRole.OWNER)

    page = open_page("/employer", token=owner.token, viewport=PHONE)
    checklist = page.get_by_test_id("checklist")
    expect(checklist.get_by_text("0 of 4 steps done")).to_be_visible()
    steps = checklist.get_by_test_id("checklist-step")
    expect(steps).to_have_count(4)
    expect(checklist.get_by_role("link", name="Upload a logo")).to_have_attribute("href", "/employer/company")
    expect(checklist.get_by_role("link", name="Post a job")).to_have_attribute("href", "/employer/jobs/new")
    expect(checklist.get_by_role("link", name="Invite someone")).to_have_attribute("href", "/employer/team")
    expect(page.get_by_text("No open jobs")).to_be_visible()
    expect(page.get_by_test_id("open-count")).to_have_text("0")
    expect(page.get_by_role("button", name="Verify with my work email")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    job = create_job("Baker", company, owner.user_id)
    page.reload()
    expect(checklist.get_by_text("1 of 4 steps done")).to_be_visible()
    expect(page.get_by_role("link", name="Baker")).to_have_attribute("href", f"/employer/jobs/{job}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    with session_scope() as db:
        db.add(
            CompanyVerificationRequest(company_id=company, requested_by=owner.user_id, method="email_domain")
        )
    queue = open_page("/admin/companies", token=_admin().token, viewport=PHONE)
    expect(queue.get_by_test_id("verification-request")).to_have_count(1)
    assert queue.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_moderator_is_turned_away_from_the_queue(open_page: Callable[..., Page], base_url: str) -> None:
    moderator = _signed_in("admin", "moderator", "Mo", f"mo.{uuid.uuid4().hex[:6]}@jobhub.test")

    page = open_page("/admin/companies", token=moderator.token)

    page.wait_for_url(f"{base_url}/forbidden")
