"""An employer with no company creates one, fixes refused fields, uploads a logo and sees it on the
public page; a visitor filters the directory and opens a company; both pages fit a phone."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.auth.permissions import RoleName
from jobhub.auth.principal import Principal
from jobhub.auth.session_tokens import issue_session
from jobhub.companies import profile
from jobhub.companies.company_form import CompanyForm
from jobhub.companies.models import Company
from jobhub.platform.db import session_scope
from tests.companies.images import PDF_BYTES, png_bytes
from tests.e2e.conftest import PHONE, PROJECT_ROOT
from tests.e2e.journey_data import create_job, create_user, grant_role

SCREENSHOTS = PROJECT_ROOT / ".jobhub" / "e2e-screenshots"
SLOW_MS = 30_000
STORED_LOGO = re.compile(r"/files/public/logos/[0-9a-f]{32}\.png$")


def employer(first_name: str) -> tuple[uuid.UUID, str]:
    """An employer account holding the employer role (as registration grants it), signed in."""
    user_id = create_user("employer", first_name)
    grant_role(user_id, RoleName.EMPLOYER)
    with session_scope() as db:
        return user_id, issue_session(db, user_id)


def company_of(user_id: uuid.UUID, **fields: Any) -> str:
    """A company page created through the service by ``user_id``; its slug."""
    who = Principal(user_id=user_id, user_type="employer", permissions=frozenset({"companies:create"}))
    with session_scope() as db:
        return profile.create_company(db, who, CompanyForm(**fields)).slug


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def upload(page: Page, test_id: str, name: str, data: bytes, mime: str) -> None:
    page.get_by_test_id(test_id).locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )


def test_an_employer_creates_the_company_and_its_logo_shows_on_the_public_page(
    open_page: Callable[..., Page],
) -> None:
    user_id, token = employer("Erin")
    page = open_page("/employer/company", token=token)
    expect(page.get_by_role("heading", name="Create your company page", level=1)).to_be_visible()
    form = page.get_by_role("form", name="Company page")

    form.get_by_label("Company name").fill("Acme Robotics")
    form.get_by_label("Website").fill("javascript:alert(1)")
    form.get_by_label("Founded").fill("1700")
    form.get_by_label("Headquarters").fill("Berlin, Germany")
    form.get_by_label("Description").fill("We build **warehouse robots**.")
    form.get_by_role("button", name="Create company page").click()
    expect(page.locator("#field-website_url-error")).to_contain_text("https:// or http://")
    expect(page.locator("#field-founded_year-error")).to_contain_text("from 1,800")
    expect(form.get_by_label("Company name")).to_have_value("Acme Robotics")
    expect(form.get_by_label("Description")).to_have_value("We build **warehouse robots**.")
    with session_scope() as db:
        assert db.scalars(select(Company).where(Company.created_by == user_id)).first() is None

    form.get_by_label("Website").fill("acme-robotics.example.com")
    form.get_by_label("Founded").fill("2015")
    form.get_by_role("button", name="Create company page").click()
    # The first save also reads the city gazetteer (about a second, more on two busy cores).
    expect(page.get_by_role("heading", name="Company page", level=1, exact=True)).to_be_visible(
        timeout=SLOW_MS
    )
    expect(page.get_by_test_id("hq-notice")).to_contain_text("Berlin, Germany")
    expect(form.get_by_label("Website")).to_have_value("https://acme-robotics.example.com")

    upload(page, "logo-upload", "logo.png", PDF_BYTES, "image/png")
    expect(page.get_by_test_id("logo-upload-error")).to_contain_text("not accepted")
    upload(page, "logo-upload", "../../logo.png", png_bytes(96, 96, (220, 60, 40)), "image/png")
    # Radix puts the avatar's props on its <img>, which exists once the image has loaded.
    logo = page.get_by_test_id("logo-preview")
    expect(logo).to_have_attribute("src", STORED_LOGO, timeout=SLOW_MS)
    expect(page.get_by_test_id("logo-upload-error")).to_have_text("")
    shot(page, "company-editor")

    page.get_by_role("link", name="View public page").click()
    page.wait_for_url("**/companies/acme-robotics")
    expect(page.get_by_role("heading", name="Acme Robotics", level=1)).to_be_visible()
    public_logo = page.get_by_test_id("company-logo")
    expect(public_logo).to_have_attribute("src", STORED_LOGO)
    page.wait_for_function("document.querySelector('img[data-testid=company-logo]').naturalWidth === 96")
    expect(page.get_by_text("warehouse robots")).to_be_visible()
    expect(page.get_by_test_id("company-rating")).to_have_text("No reviews yet")
    shot(page, "company-public")


def test_a_visitor_filters_the_directory_and_opens_a_company(open_page: Callable[..., Page]) -> None:
    owner, _ = employer("Olga")
    acme = company_of(
        owner, name="Acme Robotics", industry="Robotics", headquarters_location="Berlin, Germany"
    )
    company_of(owner, name="Initech Robotics", industry="Robotics", headquarters_location="Munich, Germany")
    company_of(owner, name="Globex Payments", industry="Fintech", headquarters_location="Austin, TX")
    with session_scope() as db:
        acme_row = db.scalars(select(Company).where(Company.slug == acme)).one()
        acme_row.is_verified = True
        acme_id = acme_row.id
    create_job("Robot Technician", acme_id, owner)
    create_job("Field Engineer", acme_id, owner)

    page = open_page("/companies")
    cards = page.get_by_test_id("company-card")
    expect(cards).to_have_count(3)
    expect(page.get_by_test_id("directory-count")).to_have_text("3 companies")

    page.get_by_test_id("industry-filter").click()
    page.get_by_role("option", name="Robotics").click()
    page.wait_for_url("**/companies?industry=Robotics")
    expect(cards).to_have_count(2)
    page.get_by_role("switch", name="Verified only").click()
    page.wait_for_url("**verified=1**")
    expect(cards).to_have_count(1)
    page.get_by_label("Location").fill("Berlin")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**location=Berlin**")
    expect(page.get_by_test_id("directory-results")).to_have_attribute("aria-busy", "false")
    expect(cards).to_have_count(1)
    expect(cards.first.get_by_test_id("open-jobs")).to_have_text("2 open jobs")
    shot(page, "company-directory")

    cards.first.get_by_role("link", name="Acme Robotics").click()
    page.wait_for_url(f"**/companies/{acme}")
    expect(page.get_by_role("heading", name="Acme Robotics", level=1)).to_be_visible()
    expect(page.get_by_text("Verified")).to_be_visible()
    expect(page.get_by_test_id("company-jobs").get_by_test_id("job-card")).to_have_count(2)
    expect(page.get_by_role("link", name="See them all in job search")).to_have_attribute(
        "href", f"/jobs?company={acme}"
    )
    shot(page, "company-public-jobs")

    page.go_back()
    expect(page.get_by_label("Location")).to_have_value("Berlin")

    page.goto("/companies/no-such-company")
    expect(page.get_by_role("heading", name="We can't find this company")).to_be_visible()
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")
    expect(page.get_by_role("link", name="Browse companies")).to_be_visible()


def test_the_company_page_and_the_directory_fit_a_phone(open_page: Callable[..., Page]) -> None:
    owner, _ = employer("Pia")
    slug = company_of(
        owner,
        name="Acme Robotics International Holdings",
        tagline="Warehouse robots that never need a coffee break",
        industry="Robotics",
        headquarters_location="Berlin, Germany",
        website_url="https://a-very-long-subdomain-name.acme-robotics-international.example.com/careers",
        description="We build robots. " * 40,
        benefits=("Health insurance", "Pension"),
    )

    page = open_page(f"/companies/{slug}", viewport=PHONE)
    expect(page.get_by_role("heading", name="Acme Robotics International Holdings", level=1)).to_be_visible()
    expect(page.get_by_text("No open jobs right now")).to_be_visible()
    shot(page, "company-public-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto("/companies?q=acme")
    expect(page.get_by_test_id("company-card")).to_have_count(1)
    expect(page.get_by_role("button", name="Search")).to_be_visible()
    shot(page, "company-directory-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
