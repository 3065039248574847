"""Who may do what to a company's postings: every (person, action) cell of the table, and ids of
another company's jobs (IDOR) getting exactly what an unknown id gets."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.jobs import posting_editor, posting_list, postings
from jobhub.jobs import posting_lifecycle as lifecycle
from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.posting_scope import NO_SUCH_JOB
from jobhub.platform.errors import Forbidden, NotFound
from tests.factories import Team, principal_with_role
from tests.jobs.posting_support import NOW, posting, publishable_form


@dataclass(frozen=True)
class World:
    db: Session
    team: Team
    jobs: dict[str, Job]


Action = Callable[[World, Principal | None], object]


def _bulk_close(world: World, who: Principal | None) -> object:
    report = lifecycle.bulk_close(world.db, who, [world.jobs["published"].id], now=NOW)
    if report.closed:
        return report
    (refusal,) = report.refused
    raise (NotFound if refusal.reason == NO_SUCH_JOB else Forbidden)(refusal.reason)


ACTIONS: dict[str, Action] = {
    "create": lambda w, who: postings.create_draft(w.db, who, w.team.company.id, publishable_form(), now=NOW),
    "edit": lambda w, who: postings.update_posting(
        w.db, who, w.jobs["draft"].id, publishable_form(), now=NOW
    ),
    "publish": lambda w, who: lifecycle.publish(w.db, who, w.jobs["draft"].id, now=NOW),
    "pause": lambda w, who: lifecycle.pause(w.db, who, w.jobs["published"].id, now=NOW),
    "close": lambda w, who: lifecycle.close(w.db, who, w.jobs["published"].id, now=NOW),
    "reopen": lambda w, who: lifecycle.reopen(w.db, who, w.jobs["closed"].id, now=NOW),
    "copy": lambda w, who: postings.copy_posting(w.db, who, w.jobs["published"].id, now=NOW),
    "delete draft": lambda w, who: postings.delete_draft(w.db, who, w.jobs["draft"].id, now=NOW),
    "bulk close": _bulk_close,
    "list": lambda w, who: posting_list.list_company_postings(w.db, who, w.team.company.id, now=NOW),
    "open editor": lambda w, who: posting_editor.posting_for_edit(w.db, who, w.jobs["draft"].id, now=NOW),
    "preview": lambda w, who: posting_editor.preview_posting(
        w.db, who, w.team.company.id, publishable_form()
    ),
}
READS = {"list", "open editor", "preview"}

ALLOWED = "allowed"
PEOPLE: dict[str, Callable[[Team, Team], Principal | None]] = {
    "owner": lambda team, other: team.owner,
    "admin": lambda team, other: team.admin,
    "recruiter": lambda team, other: team.recruiter,
    "hiring_manager": lambda team, other: team.hiring_manager,
    "other company's owner": lambda team, other: other.owner,
    "other company's recruiter": lambda team, other: other.recruiter,
    "job seeker": lambda team, other: principal_with_role("job_seeker"),
    "platform admin": lambda team, other: principal_with_role("admin"),
    "anonymous": lambda team, other: None,
}


def expected(person: str, action: str) -> str | type[Exception]:
    if person in ("owner", "admin", "recruiter"):
        return ALLOWED
    if person == "hiring_manager":
        return ALLOWED if action in READS else Forbidden
    if person == "anonymous":
        return SignInRequired
    return NotFound


CELLS = [(person, action) for person in PEOPLE for action in ACTIONS]


@pytest.fixture
def world(db: Session, team: Team) -> World:
    titles = {JobStatus.DRAFT: "Data Analyst", JobStatus.PUBLISHED: "Nurse", JobStatus.CLOSED: "Welder"}
    jobs = {status: posting(db, team, status, title=title) for status, title in titles.items()}
    return World(db, team, jobs)


def _snapshot(world: World) -> dict[str, tuple[object, ...]]:
    for job in world.jobs.values():
        world.db.refresh(job)
    return {key: (job.status, job.title, job.deleted_at, job.closed_at) for key, job in world.jobs.items()}


@pytest.mark.parametrize(("person", "action"), CELLS, ids=[f"{p}-{a}" for p, a in CELLS])
def test_the_permission_table(world: World, other_team: Team, person: str, action: str) -> None:
    who = PEOPLE[person](world.team, other_team)
    outcome = expected(person, action)
    before = _snapshot(world)

    if outcome == ALLOWED:
        ACTIONS[action](world, who)
        return
    assert isinstance(outcome, type)
    with pytest.raises(outcome) as refused:
        ACTIONS[action](world, who)
    if outcome is NotFound and action not in ("create", "list", "preview"):
        assert refused.value.message == NO_SUCH_JOB
    assert _snapshot(world) == before


def test_another_companys_job_id_gets_the_same_answer_as_an_unknown_id(
    db: Session, team: Team, other_team: Team
) -> None:
    theirs = posting(db, other_team, JobStatus.PUBLISHED)
    answers = []
    for job_id in (theirs.id, uuid.uuid4()):
        with pytest.raises(NotFound) as refused:
            lifecycle.close(db, team.owner, job_id, now=NOW)
        answers.append(refused.value.message)

    assert answers == [NO_SUCH_JOB, NO_SUCH_JOB]
    assert theirs.status == JobStatus.PUBLISHED


def test_a_member_cannot_create_a_draft_for_another_company(
    db: Session, team: Team, other_team: Team
) -> None:
    with pytest.raises(NotFound):
        postings.create_draft(db, team.owner, other_team.company.id, publishable_form(), now=NOW)


def test_bulk_close_closes_own_jobs_and_leaves_foreign_ones_untouched(
    db: Session, team: Team, other_team: Team
) -> None:
    mine = [posting(db, team, JobStatus.PUBLISHED), posting(db, team, JobStatus.PAUSED)]
    draft = posting(db, team, JobStatus.DRAFT)
    theirs = posting(db, other_team, JobStatus.PUBLISHED)

    report = lifecycle.bulk_close(
        db, team.recruiter, [mine[0].id, theirs.id, draft.id, mine[1].id, "not-an-id"], now=NOW
    )

    assert report.closed == (str(mine[0].id), str(mine[1].id))
    refused = {refusal.id: refusal.reason for refusal in report.refused}
    assert refused[str(theirs.id)] == NO_SUCH_JOB
    assert refused["not-an-id"] == NO_SUCH_JOB
    assert refused[str(draft.id)].startswith("A draft job cannot be closed")
    assert [job.status for job in mine] == [JobStatus.CLOSED, JobStatus.CLOSED]
    db.refresh(theirs)
    assert (theirs.status, theirs.closed_at) == (JobStatus.PUBLISHED, None)


def test_the_list_never_shows_another_companys_jobs(db: Session, team: Team, other_team: Team) -> None:
    mine = posting(db, team, JobStatus.PUBLISHED)
    posting(db, other_team, JobStatus.PUBLISHED)

    page = posting_list.list_company_postings(db, team.hiring_manager, team.company.id, now=NOW)

    assert [row.id for row in page.rows] == [str(mine.id)]


def test_a_hiring_manager_opens_the_editor_read_only(db: Session, team: Team) -> None:
    job = posting(db, team, JobStatus.DRAFT)

    assert posting_editor.posting_for_edit(db, team.hiring_manager, job.id, now=NOW).can_edit is False
    assert posting_editor.posting_for_edit(db, team.recruiter, job.id, now=NOW).can_edit is True
