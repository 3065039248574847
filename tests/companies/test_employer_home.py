"""The employer home composed: a new company's checklist step by step, figures and verification with it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from jobhub.companies.employer_home import employer_home
from jobhub.companies.models import CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.companies.verification import BadgeStatus
from jobhub.jobs.models import JobStatus
from jobhub.platform.errors import NotFound
from jobhub.ui import navigation as nav
from tests.factories import Team, add, make_company, make_employee, make_job, principal_with_role

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def new_company(db: Session) -> Team:
    """A company just created: its owner alone, nothing on the page, no jobs."""
    company = make_company()
    add(db, company)
    owner = principal_with_role("employer")
    add(db, make_employee(company, user_id=owner.user_id, team_role=TeamRole.OWNER, is_admin=True))
    return Team(company, {TeamRole.OWNER: owner})


def _steps(db: Session, team: Team) -> dict[str, bool]:
    return {step.key: step.done for step in employer_home(db, team.owner, team.company.id, now=NOW).checklist}


def test_a_new_company_sees_every_step_to_do_with_where_to_do_it(db: Session, new_company: Team) -> None:
    home = employer_home(db, new_company.owner, new_company.company.id, now=NOW)

    assert home.show_checklist and home.steps_done == 0
    assert [(step.key, step.done, step.href) for step in home.checklist] == [
        ("logo", False, nav.EMPLOYER_COMPANY),
        ("description", False, nav.EMPLOYER_COMPANY),
        ("first_job", False, nav.POST_JOB),
        ("team", False, nav.EMPLOYER_TEAM),
    ]
    assert home.company_name == new_company.company.name
    assert home.verification.status == BadgeStatus.NONE
    assert home.jobs.open_jobs == []


def test_each_step_is_done_by_what_it_names_and_the_list_goes_away_at_the_end(
    db: Session, new_company: Team
) -> None:
    company = new_company.company
    company.logo_url = "/files/public/logos/0123456789abcdef0123456789abcdef.png"
    add(db, company)
    assert _steps(db, new_company) == {"logo": True, "description": False, "first_job": False, "team": False}

    company.description = "   "
    add(db, company)
    assert not _steps(db, new_company)["description"]
    company.description = "We make anvils."
    add(db, company)
    add(db, make_job(company_id=company.id, status=JobStatus.DRAFT))
    add(
        db,
        CompanyEmployee(
            company_id=company.id,
            invitation_email="new.hire@example.test",
            team_role=TeamRole.RECRUITER,
            employment_status=EmploymentStatus.PENDING,
            invitation_expires_at=NOW + timedelta(days=7),
        ),
    )

    home = employer_home(db, new_company.owner, company.id, now=NOW)
    assert home.steps_done == 4 and not home.show_checklist


def test_a_member_who_left_does_not_count_as_a_teammate(db: Session, new_company: Team) -> None:
    add(
        db,
        make_employee(
            new_company.company, team_role=TeamRole.RECRUITER, employment_status=EmploymentStatus.INACTIVE
        ),
    )

    assert not _steps(db, new_company)["team"]


def test_the_home_shows_the_open_jobs_figures(db: Session, team: Team) -> None:
    add(
        db,
        make_job(
            company_id=team.company.id,
            title="Welder",
            status=JobStatus.PUBLISHED,
            published_at=NOW - timedelta(days=3),
        ),
    )

    home = employer_home(db, team.recruiter, team.company.id, now=NOW)

    assert [(job.title, job.days_open) for job in home.jobs.open_jobs] == [("Welder", 3)]
    assert home.checklist[3].done


def test_an_outsider_cannot_open_another_companys_home(db: Session, team: Team, other_team: Team) -> None:
    with pytest.raises(NotFound):
        employer_home(db, other_team.owner, team.company.id, now=NOW)
