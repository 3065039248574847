"""The employer home's job figures against hand-made rows: this week's views and applicants, no older."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.companies.models import TeamRole
from jobhub.jobs.employer_stats import employer_job_stats
from jobhub.jobs.models import Job, JobStatus, JobView
from jobhub.platform.errors import NotFound
from tests.factories import Team, add, make_application, make_job, principal_with_role

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def _job(db: Session, team: Team, status: JobStatus, days_ago: int = 0, **values: object) -> Job:
    published = NOW - timedelta(days=days_ago) if status != JobStatus.DRAFT else None
    defaults: dict[str, object] = {"published_at": published, "expires_at": NOW + timedelta(days=30)}
    job = make_job(
        company_id=team.company.id, employer_id=team.owner.user_id, status=status, **(defaults | values)
    )
    add(db, job)
    return job


def _views(db: Session, job: Job, *days_ago: float) -> None:
    for ago in days_ago:
        add(db, JobView(job_id=job.id, viewer_id=uuid.uuid4(), viewed_at=NOW - timedelta(days=ago)))


def _applications(db: Session, job: Job, *days_ago: float) -> None:
    for ago in days_ago:
        add(db, make_application(job, applied_at=NOW - timedelta(days=ago)))


def test_the_figures_count_this_weeks_views_and_applicants_and_not_older_ones(
    db: Session, team: Team, other_team: Team
) -> None:
    newest = _job(db, team, JobStatus.PUBLISHED, days_ago=5, title="Data Engineer", view_count=140)
    older = _job(db, team, JobStatus.PUBLISHED, days_ago=20, title="SRE", view_count=12)
    _job(db, team, JobStatus.DRAFT)
    _job(db, team, JobStatus.PAUSED, days_ago=9)
    closed = _job(db, team, JobStatus.CLOSED, days_ago=40)
    _job(db, team, JobStatus.PUBLISHED, days_ago=2, deleted_at=NOW - timedelta(days=1))
    _job(db, team, JobStatus.PUBLISHED, days_ago=50, expires_at=NOW - timedelta(days=1))
    elsewhere = _job(db, other_team, JobStatus.PUBLISHED, days_ago=1)
    _views(db, newest, 0.1, 3, 6.9, 7.5, 30)
    _views(db, older, 1)
    _views(db, elsewhere, 0.5, 1, 2)
    _applications(db, newest, 1, 2, 10)
    _applications(db, closed, 3, 60)
    _applications(db, elsewhere, 1)

    stats = employer_job_stats(db, team.owner, team.company.id, now=NOW)

    assert [job.title for job in stats.open_jobs] == ["Data Engineer", "SRE"]
    first = stats.open_jobs[0]
    assert (first.id, first.slug, first.days_open) == (str(newest.id), newest.slug, 5)
    assert (first.views, first.views_this_week) == (140, 3)
    assert (first.applicants, first.new_applicants) == (3, 2)
    assert (stats.open_jobs[1].views_this_week, stats.open_jobs[1].applicants) == (1, 0)
    assert stats.open_count == 2
    assert stats.views_this_week == 4
    assert stats.new_applicants_this_week == 3
    assert stats.job_count == 6
    assert stats.status_counts == {
        "draft": 1,
        "published": 3,
        "paused": 1,
        "closed": 1,
        "expired": 0,
        "removed": 0,
    }


def test_a_company_without_jobs_has_zero_everywhere(db: Session, team: Team) -> None:
    stats = employer_job_stats(db, team.hiring_manager, team.company.id, now=NOW)

    assert stats.open_jobs == [] and stats.job_count == stats.open_count == 0
    assert stats.views_this_week == stats.new_applicants_this_week == 0
    assert set(stats.status_counts.values()) == {0}


def test_the_list_shows_the_newest_open_jobs_first_and_at_most_ten(db: Session, team: Team) -> None:
    for days in range(12):
        _job(db, team, JobStatus.PUBLISHED, days_ago=days, title=f"Job {days}")

    stats = employer_job_stats(db, team.recruiter, team.company.id, now=NOW)

    assert [job.title for job in stats.open_jobs] == [f"Job {days}" for days in range(10)]
    assert stats.open_count == 12


@pytest.mark.parametrize("role", list(TeamRole))
def test_every_member_sees_the_figures(db: Session, team: Team, role: TeamRole) -> None:
    assert employer_job_stats(db, team.members[role], team.company.id, now=NOW).job_count == 0


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("other_owner", NotFound),
        ("seeker", NotFound),
        ("platform_admin", NotFound),
        ("anonymous", SignInRequired),
    ],
)
def test_outsiders_get_nothing(
    db: Session, team: Team, other_team: Team, who: str, error: type[Exception]
) -> None:
    actor = {
        "other_owner": other_team.owner,
        "seeker": principal_with_role("job_seeker"),
        "platform_admin": principal_with_role("admin"),
        "anonymous": None,
    }[who]

    with pytest.raises(error):
        employer_job_stats(db, actor, team.company.id, now=NOW)
