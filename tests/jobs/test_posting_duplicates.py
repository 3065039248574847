"""Publishing a near-copy of an open job of the same company warns first; anything else does not."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from jobhub.jobs import posting_lifecycle as lifecycle
from jobhub.jobs.models import JobStatus
from jobhub.jobs.posting_duplicates import PossibleDuplicate
from jobhub.platform.errors import Conflict
from tests.factories import Team
from tests.jobs.posting_support import DESCRIPTION, NOW, posting

OTHER_DESCRIPTION = (
    "Care for patients on a busy surgical ward, plan their discharge with families and keep "
    "clear records for the next shift."
)


def test_a_near_identical_posting_warns_with_a_link_and_stays_a_draft(db: Session, team: Team) -> None:
    open_job = posting(db, team, JobStatus.PUBLISHED, title="Senior Backend Engineer")
    job = posting(
        db, team, JobStatus.DRAFT, title="Senior Backend Engineer (Berlin)", description=DESCRIPTION + " "
    )

    with pytest.raises(PossibleDuplicate) as warned:
        lifecycle.publish(db, team.recruiter, job.id, now=NOW)

    duplicate = warned.value.duplicate
    assert duplicate.id == str(open_job.id)
    assert duplicate.edit_path == f"/employer/jobs/{open_job.id}"
    assert duplicate.public_path == f"/jobs/{open_job.slug}"
    assert duplicate.title_similarity > 0.6 and duplicate.description_similarity > 0.5
    assert isinstance(warned.value, Conflict) and "Senior Backend Engineer" in warned.value.message
    assert job.status == JobStatus.DRAFT


def test_confirming_publishes_the_duplicate_anyway(db: Session, team: Team) -> None:
    posting(db, team, JobStatus.PUBLISHED, title="Senior Backend Engineer")
    job = posting(db, team, JobStatus.DRAFT, title="Senior Backend Engineer")

    lifecycle.publish(db, team.recruiter, job.id, confirm_duplicate=True, now=NOW)

    assert job.status == JobStatus.PUBLISHED


@pytest.mark.parametrize(
    ("title", "description"),
    [("Ward Nurse", DESCRIPTION), ("Senior Backend Engineer", OTHER_DESCRIPTION)],
    ids=["other-title", "other-description"],
)
def test_a_different_posting_does_not_warn(db: Session, team: Team, title: str, description: str) -> None:
    posting(db, team, JobStatus.PUBLISHED, title="Senior Backend Engineer")
    job = posting(db, team, JobStatus.DRAFT, title=title, description=description)

    lifecycle.publish(db, team.recruiter, job.id, now=NOW)

    assert job.status == JobStatus.PUBLISHED


def test_another_companys_identical_posting_does_not_warn(db: Session, team: Team, other_team: Team) -> None:
    posting(db, other_team, JobStatus.PUBLISHED, title="Senior Backend Engineer")
    job = posting(db, team, JobStatus.DRAFT, title="Senior Backend Engineer")

    lifecycle.publish(db, team.recruiter, job.id, now=NOW)

    assert job.status == JobStatus.PUBLISHED


@pytest.mark.parametrize("status", [JobStatus.CLOSED, JobStatus.PAUSED, JobStatus.DRAFT, JobStatus.EXPIRED])
def test_only_open_jobs_count_as_duplicates(db: Session, team: Team, status: JobStatus) -> None:
    posting(db, team, status, title="Senior Backend Engineer")
    job = posting(db, team, JobStatus.DRAFT, title="Senior Backend Engineer")

    lifecycle.publish(db, team.recruiter, job.id, now=NOW)

    assert job.status == JobStatus.PUBLISHED


def test_reopening_a_closed_copy_of_an_open_job_warns_too(db: Session, team: Team) -> None:
    posting(db, team, JobStatus.PUBLISHED, title="Senior Backend Engineer")
    job = posting(db, team, JobStatus.CLOSED, title="Senior Backend Engineer")

    with pytest.raises(PossibleDuplicate):
        lifecycle.reopen(db, team.recruiter, job.id, now=NOW)
    assert job.status == JobStatus.CLOSED
