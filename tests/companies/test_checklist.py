"""The new company's checklist: each item done by the right fact, and only for the company's own team."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from jobhub.companies.checklist import company_checklist
from jobhub.companies.models import EmploymentStatus, TeamRole
from jobhub.platform.errors import NotFound
from tests.factories import Team, add, make_company, make_employee, principal_with_role

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def done(db: Session, team: Team, *, has_posted_job: bool = False) -> dict[str, bool]:
    checklist = company_checklist(db, team.owner, team.company.id, has_posted_job=has_posted_job, now=NOW)
    return {item.key: item.done for item in checklist.items}


def alone(db: Session) -> Team:
    """A company whose only member is its owner."""
    company = make_company()
    owner = principal_with_role("employer")
    add(db, company, make_employee(company, user_id=owner.user_id, team_role=TeamRole.OWNER, is_admin=True))
    return Team(company, {TeamRole.OWNER: owner})


def test_a_new_company_has_everything_to_do(db: Session) -> None:
    team = alone(db)

    checklist = company_checklist(db, team.owner, team.company.id, has_posted_job=False, now=NOW)

    assert [item.key for item in checklist.items] == [
        "logo",
        "description",
        "headquarters",
        "team",
        "first_job",
    ]
    assert (checklist.done, checklist.total, checklist.complete) == (0, 5, False)
    assert all(item.href.startswith("/employer") for item in checklist.items)


def test_each_item_is_done_by_its_own_fact(db: Session) -> None:
    team = alone(db)
    team.company.logo_url = "/files/public/logos/" + "a" * 32 + ".png"
    team.company.description = "We build robots."
    team.company.headquarters_location = "Berlin"
    db.flush()

    assert done(db, team, has_posted_job=True) == {
        "logo": True,
        "description": True,
        "headquarters": True,
        "team": False,
        "first_job": True,
    }


def test_a_blank_description_does_not_count(db: Session) -> None:
    team = alone(db)
    team.company.description = "   \n "
    db.flush()

    assert done(db, team)["description"] is False


@pytest.mark.parametrize(
    ("member", "counts"),
    [
        ({"team_role": TeamRole.RECRUITER}, True),
        ({"team_role": TeamRole.RECRUITER, "employment_status": EmploymentStatus.INACTIVE}, False),
        ({"team_role": None, "role": "Engineer"}, False),
        (
            {
                "user_id": None,
                "invitation_email": "ada@example.test",
                "team_role": TeamRole.ADMIN,
                "employment_status": EmploymentStatus.PENDING,
                "invitation_expires_at": NOW + timedelta(days=3),
            },
            True,
        ),
        (
            {
                "user_id": None,
                "invitation_email": "ada@example.test",
                "team_role": TeamRole.ADMIN,
                "employment_status": EmploymentStatus.PENDING,
                "invitation_expires_at": NOW - timedelta(days=1),
            },
            False,
        ),
    ],
    ids=["active-recruiter", "former-member", "listed-employee", "open-invitation", "expired-invitation"],
)
def test_the_team_item_needs_a_colleague_or_an_open_invitation(
    db: Session, member: dict[str, object], counts: bool
) -> None:
    team = alone(db)
    add(db, make_employee(team.company, **member))

    assert done(db, team)["team"] is counts


def test_every_member_sees_it_and_nobody_else(db: Session, team: Team, other_team: Team) -> None:
    for who in team.members.values():
        assert company_checklist(db, who, team.company.id, has_posted_job=False, now=NOW).total == 5
    for outsider in (other_team.owner, principal_with_role("admin"), principal_with_role("job_seeker")):
        with pytest.raises(NotFound):
            company_checklist(db, outsider, team.company.id, has_posted_job=False, now=NOW)
