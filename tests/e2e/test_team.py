"""An owner invites a recruiter by email; the recruiter opens the mailed link, signs in, joins and
sees the team; the owner changes their role and removes them. On a phone both pages fit."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.auth.models import UserType
from jobhub.auth.permissions import RoleName
from jobhub.auth.session_tokens import issue_session
from jobhub.companies.models import CompanyEmployee, TeamRole
from jobhub.platform.db import session_scope
from tests.e2e.conftest import PHONE
from tests.e2e.journey_data import create_company, create_user, grant_role, join_team, sign_in
from tests.smtp import SmtpSink

RECRUITER = "rita.recruiter@example.test"
PASSWORD = "jobhub-demo-password"


def _employer(first_name: str, last_name: str, **login: str) -> uuid.UUID:
    """An employer account holding the employer role (its permissions are what team actions need)."""
    user_id = create_user(UserType.EMPLOYER, first_name, last_name, **login)
    grant_role(user_id, RoleName.EMPLOYER)
    return user_id


def _owner_of(company_id: uuid.UUID) -> str:
    """A signed-in employer who owns ``company_id``: the session token for the browser."""
    user_id = _employer("Olivia", "Owner")
    join_team(company_id, user_id, TeamRole.OWNER)
    with session_scope() as db:
        return issue_session(db, user_id)


def _membership(user_id: uuid.UUID) -> tuple[str, str | None] | None:
    with session_scope() as db:
        row = db.execute(
            select(CompanyEmployee.employment_status, CompanyEmployee.team_role).where(
                CompanyEmployee.user_id == user_id
            )
        ).first()
        return (row[0], row[1]) if row else None


def test_an_owner_invites_a_recruiter_who_joins_by_the_mailed_link(
    open_page: Callable[..., Page], base_url: str, mailbox: SmtpSink
) -> None:
    company = create_company("Initech")
    owner = open_page("/employer/team", token=_owner_of(company))
    recruiter_id = _employer("Rita", "Recruiter", email=RECRUITER, password=PASSWORD)

    expect(owner.get_by_role("heading", name="Team", level=1)).to_be_visible()
    expect(owner.get_by_test_id("team-member")).to_have_count(1)
    invite = owner.get_by_role("form", name="Invite someone to the team")
    invite.get_by_label("Email address").fill(RECRUITER.upper())
    invite.get_by_role("button", name="Send invitation").click()
    expect(owner.get_by_text(f"Invitation sent to {RECRUITER}.")).to_be_visible()
    pending = owner.get_by_test_id("team-invitation")
    expect(pending).to_have_count(1)
    expect(pending).to_contain_text(RECRUITER)
    expect(pending).to_contain_text("Recruiter")

    (mail,) = mailbox.wait_for(RECRUITER)
    assert mail.subject == "Olivia Owner invited you to join Initech on JobHub"
    (link,) = [link for link in mail.links() if "/invitation?token=" in link]
    assert link.startswith(f"{base_url}/invitation?token=")

    page = open_page(link)
    expect(page.get_by_role("heading", name="Join Initech", level=1)).to_be_visible()
    offer = f"Olivia Owner invited {RECRUITER} to join Initech as a recruiter."
    expect(page.get_by_role("main")).to_contain_text(offer)
    expect(page.get_by_role("link", name="Create an employer account")).to_have_attribute(
        "href", "/register?type=employer"
    )
    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    page.wait_for_url("**/login?next=*")
    sign_in(page, RECRUITER, PASSWORD)
    page.wait_for_url("**/invitation?token=*")
    page.get_by_role("button", name="Join Initech as recruiter").click()
    page.wait_for_url(f"{base_url}/employer")
    assert _membership(recruiter_id) == ("active", "recruiter")

    page.goto("/employer/team")
    expect(page.get_by_role("main").get_by_text("Initech").first).to_be_visible()
    members = page.get_by_test_id("team-member")
    expect(members).to_have_count(2)
    expect(members.filter(has_text="Rita Recruiter")).to_contain_text("You")
    expect(page.get_by_role("form", name="Invite someone to the team")).to_have_count(0)
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("used already")

    owner.reload()
    rita = owner.get_by_test_id("team-member").filter(has_text="Rita Recruiter")
    expect(owner.get_by_test_id("team-invitation")).to_have_count(0)
    rita.get_by_role("button", name="Change the role of Rita Recruiter").click()
    dialog = owner.get_by_role("dialog")
    dialog.get_by_label("Role").click()
    owner.get_by_role("option", name="Hiring manager").click()
    dialog.get_by_role("button", name="Save role").click()
    expect(owner.get_by_text("Rita Recruiter is now hiring manager.")).to_be_visible()
    expect(rita).to_contain_text("Hiring manager")
    assert _membership(recruiter_id) == ("active", "hiring_manager")

    rita.get_by_role("button", name="Remove Rita Recruiter from the team").click()
    owner.get_by_role("alertdialog").get_by_role("button", name="Remove from the team").click()
    expect(owner.get_by_test_id("team-member")).to_have_count(1)
    assert _membership(recruiter_id) == ("inactive", None)

    page.goto("/employer/team")
    expect(page.get_by_text("Set up your company first")).to_be_visible()


def test_on_a_phone_the_team_and_invitation_pages_fit_the_screen(
    open_page: Callable[..., Page], mailbox: SmtpSink
) -> None:
    company = create_company("Initech")
    owner = open_page("/employer/team", token=_owner_of(company), viewport=PHONE)
    invite = owner.get_by_role("form", name="Invite someone to the team")
    invite.get_by_label("Email address").fill("a.very.long.address.for.a.phone.screen@example.test")
    invite.get_by_role("button", name="Send invitation").click()
    expect(owner.get_by_test_id("team-invitation")).to_have_count(1)
    expect(owner.get_by_role("button", name="Leave the company")).to_be_visible()
    assert owner.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    (mail,) = mailbox.wait_for("a.very.long.address.for.a.phone.screen@example.test")
    (link,) = [link for link in mail.links() if "/invitation?token=" in link]
    page = open_page(link, viewport=PHONE)
    expect(page.get_by_role("link", name="Create an employer account")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
