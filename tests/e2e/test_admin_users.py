"""An admin finds a seeker and suspends them; the seeker's open tab is signed out on its next move."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.auth.models import AuditLog, User, UserRole
from jobhub.platform.db import session_scope
from tests.e2e.journey_data import create_user, grant_role, sign_in, signed_in

ADMIN_EMAIL = "admin@jobhub.example"
PASSWORD = "jobhub-admin-password"


def test_an_admin_suspends_a_seeker_who_is_signed_out_on_their_next_navigation(
    open_page: Callable[..., Page], base_url: str
) -> None:
    admin_id = create_user("admin", "Ada", "Admin", email=ADMIN_EMAIL, password=PASSWORD)
    grant_role(admin_id, "admin")
    seeker = signed_in("job_seeker", "Sam")
    grant_role(seeker.user_id, "job_seeker")
    with session_scope() as db:
        seeker_email = db.scalars(select(User.email).where(User.id == seeker.user_id)).one()

    seeker_page = open_page("/", token=seeker.token)
    expect(seeker_page.get_by_role("banner").get_by_text(seeker.display_name)).to_be_visible()

    admin_page = open_page("/admin/users")
    admin_page.wait_for_url(f"{base_url}/login?next=%2Fadmin%2Fusers")
    sign_in(admin_page, ADMIN_EMAIL, PASSWORD)
    admin_page.wait_for_url(f"{base_url}/admin/users")
    expect(admin_page.get_by_role("heading", name="Users", level=1)).to_be_visible()

    search = admin_page.get_by_role("search", name="Find accounts")
    search.get_by_label("Search by email or name").fill(seeker_email)
    search.get_by_role("button", name="Search").click()
    expect(admin_page.get_by_text("1 accounts")).to_be_visible()
    admin_page.get_by_role("button", name=f"Open {seeker.display_name}").click()

    detail = admin_page.get_by_role("region", name="Account details")
    expect(detail.get_by_role("heading", name=seeker.display_name)).to_be_visible()
    detail.get_by_label("Reason").fill("Sending spam to employers")
    detail.get_by_role("button", name="Suspend").click()

    expect(admin_page.get_by_text("Account suspended; its sessions were signed out.")).to_be_visible()
    expect(detail.get_by_role("button", name="Reactivate")).to_be_visible()
    with session_scope() as db:
        assert db.scalars(select(User.status).where(User.id == seeker.user_id)).one() == "suspended"
        row = db.scalars(select(AuditLog).where(AuditLog.action == "user_suspended")).one()
        assert row.user_id == admin_id and row.resource_id == seeker.user_id
        assert row.new_values["reason"] == "Sending spam to employers"

    seeker_page.get_by_role("banner").get_by_role("link", name="Jobs", exact=True).click()

    banner = seeker_page.get_by_role("banner")
    expect(banner.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    expect(banner.get_by_text(seeker.display_name)).to_have_count(0)


def test_an_admin_grants_a_temporary_role_through_the_form(
    open_page: Callable[..., Page], base_url: str
) -> None:
    admin_id = create_user("admin", "Ada", "Admin", email=ADMIN_EMAIL, password=PASSWORD)
    grant_role(admin_id, "admin")
    seeker = signed_in("job_seeker", "Kim")
    page = open_page("/login?next=/admin/users")
    sign_in(page, ADMIN_EMAIL, PASSWORD)
    page.wait_for_url(f"{base_url}/admin/users")
    page.get_by_role("button", name=f"Open {seeker.display_name}").click()
    detail = page.get_by_role("region", name="Account details")
    expect(detail.get_by_text("No roles.")).to_be_visible()

    form = detail.get_by_role("form", name="Assign a role")
    form.get_by_label("Role").click()
    page.get_by_role("option", name="moderator").click()
    form.get_by_label("Expires (UTC, optional)").fill("2031-01-01T10:00")
    form.get_by_role("button", name="Assign role").click()

    expect(page.get_by_text("Role moderator assigned.")).to_be_visible()
    expect(detail.get_by_text("expires 2031-01-01 10:00 UTC", exact=False)).to_be_visible()
    with session_scope() as db:
        grant = db.scalars(select(UserRole).where(UserRole.user_id == seeker.user_id)).one()
        assert grant.assigned_by == admin_id
        assert grant.expires_at is not None and grant.expires_at.isoformat() == "2031-01-01T10:00:00+00:00"

    detail.get_by_role("button", name="Remove role moderator").click()
    expect(page.get_by_text("Role moderator removed.")).to_be_visible()
    expect(detail.get_by_text("No roles.")).to_be_visible()


def test_a_moderator_manages_accounts_but_sees_no_role_controls(open_page: Callable[..., Page]) -> None:
    moderator = signed_in("admin", "Mo")
    grant_role(moderator.user_id, "moderator")
    seeker = signed_in("job_seeker", "Sam")
    grant_role(seeker.user_id, "job_seeker")

    page = open_page("/admin/users", token=moderator.token)
    page.get_by_role("button", name=f"Open {seeker.display_name}").click()

    detail = page.get_by_role("region", name="Account details")
    expect(detail.get_by_text("Only administrators grant or remove roles.")).to_be_visible()
    expect(detail.get_by_role("form", name="Assign a role")).to_have_count(0)
    expect(detail.get_by_role("button", name="Remove role job_seeker")).to_have_count(0)
    expect(detail.get_by_role("button", name="Suspend")).to_be_visible()
