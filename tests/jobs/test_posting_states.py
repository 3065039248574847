"""The employer's job states: they act only on postings the server found for this member, keep what
was typed when a save is refused, and send the browser nothing of another company's jobs.

Rows are committed (the handlers open their own transactions) and removed after each test.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

import pytest
from reflex.state import State
from reflex_base.utils import format
from sqlalchemy import Engine, select, text

from jobhub.auth.models import Role, UserRole
from jobhub.auth.session_tokens import issue_session
from jobhub.companies.models import CompanyEmployee, TeamRole
from jobhub.jobs.detail_state import JobDetailState
from jobhub.jobs.job_page_view import ShownPosting
from jobhub.jobs.models import Job, JobStatus
from jobhub.jobs.posting_editor_state import PostingEditorState
from jobhub.jobs.posting_form import F
from jobhub.jobs.posting_list_state import EmployerJobsState
from jobhub.platform.db import session_scope
from tests.auth.support import add_seeker, delete_users
from tests.factories import make_company, make_job
from tests.jobs.posting_support import DESCRIPTION
from tests.jobs.support import browser_tab


@dataclass(frozen=True)
class Employers:
    token: str
    company_id: uuid.UUID
    own_job: uuid.UUID
    foreign_job: uuid.UUID


@pytest.fixture
def employers(engine: Engine) -> Iterator[Employers]:
    """A recruiter of one company (signed in), a published job of theirs and one of another company."""
    with session_scope() as db:
        user = add_seeker(db, f"rec.{uuid.uuid4().hex[:10]}@example.test", "Rita", "Recruiter")
        user.user_type = "employer"
        role_id = db.scalars(select(Role.id).where(Role.name == "employer")).one()
        mine, theirs = make_company(), make_company()
        db.add_all([UserRole(user_id=user.id, role_id=role_id), mine, theirs])
        db.flush()
        db.add(CompanyEmployee(company_id=mine.id, user_id=user.id, team_role=TeamRole.RECRUITER))
        own = make_job(company_id=mine.id, employer_id=user.id, status=JobStatus.PUBLISHED, title="Welder")
        foreign = make_job(
            company_id=theirs.id, employer_id=uuid.uuid4(), status=JobStatus.PUBLISHED, title="Secret Role"
        )
        db.add_all([own, foreign])
        db.flush()
        found = Employers(issue_session(db, user.id), mine.id, own.id, foreign.id)
        user_id, companies = user.id, [mine.id, theirs.id]
    yield found
    with engine.begin() as conn:
        jobs = "SELECT id FROM jobs.jobs WHERE company_id = ANY(:c)"
        for table in ("jobs.outbox_events", "jobs.domain_events"):
            conn.execute(text(f"DELETE FROM {table} WHERE aggregate_id IN ({jobs})"), {"c": companies})
        conn.execute(text("DELETE FROM jobs.jobs WHERE company_id = ANY(:c)"), {"c": companies})
        conn.execute(
            text("DELETE FROM companies.company_employees WHERE company_id = ANY(:c)"), {"c": companies}
        )
        conn.execute(text("DELETE FROM companies.companies WHERE id = ANY(:c)"), {"c": companies})
        conn.execute(text("DELETE FROM auth.user_roles WHERE user_id = :u"), {"u": user_id})
    delete_users(engine, [user_id])


def _state(cls: type[State], path: str, token: str) -> Any:
    return browser_tab(path, token).get_substate(cls.get_full_name().split("."))


def _status(job_id: uuid.UUID) -> str:
    with session_scope() as db:
        return db.scalars(select(Job.status).where(Job.id == job_id)).one()


def test_the_editor_of_another_companys_job_is_not_found_and_sends_nothing_of_it(
    employers: Employers,
) -> None:
    editor = _state(PostingEditorState, f"/employer/jobs/{employers.foreign_job}", employers.token)

    list(PostingEditorState.load.fn(editor))
    list(PostingEditorState.close.fn(editor))

    assert editor.not_found and editor.form[F.TITLE] == ""
    sent = format.json_dumps(editor.dict())
    assert "Secret Role" not in sent and str(employers.foreign_job) not in sent
    assert _status(employers.foreign_job) == JobStatus.PUBLISHED


def test_the_editor_acts_on_the_job_it_loaded_and_keeps_its_id_on_the_server(employers: Employers) -> None:
    editor = _state(PostingEditorState, f"/employer/jobs/{employers.own_job}", employers.token)

    list(PostingEditorState.load.fn(editor))
    list(PostingEditorState.pause.fn(editor))

    assert (editor.status, editor.form[F.TITLE]) == ("paused", "Welder")
    assert _status(employers.own_job) == JobStatus.PAUSED
    assert "_job_id" not in format.json_dumps(editor.dict())


def test_a_refused_publish_keeps_what_was_typed_and_marks_the_pay_fields(employers: Employers) -> None:
    editor = _state(PostingEditorState, "/employer/jobs/new", employers.token)
    list(PostingEditorState.load.fn(editor))
    for name, value in ((F.TITLE, "Night Baker"), (F.LOCATION, "Lyon"), (F.DESCRIPTION, DESCRIPTION)):
        PostingEditorState.set_field.fn(editor, name.value, value)

    events = list(PostingEditorState.publish.fn(editor))

    assert editor.form[F.TITLE] == "Night Baker" and editor.form[F.LOCATION] == "Lyon"
    assert "pay transparency" in editor.errors[F.SALARY_MIN]
    assert editor.pay_notice.startswith("A salary range is required to publish")
    assert not any("redirect" in str(event) for event in events)
    with session_scope() as db:
        assert db.scalars(select(Job.id).where(Job.title == "Night Baker")).first() is None


def test_bulk_close_from_the_list_closes_only_the_members_jobs(employers: Employers) -> None:
    page = _state(EmployerJobsState, "/employer/jobs", employers.token)
    list(EmployerJobsState.load.fn(page))
    assert [row["id"] for row in page.rows] == [str(employers.own_job)]

    page.selected = [str(employers.own_job), str(employers.foreign_job)]
    list(EmployerJobsState.close_selected.fn(page))

    assert _status(employers.own_job) == JobStatus.CLOSED
    assert _status(employers.foreign_job) == JobStatus.PUBLISHED
    assert page.selected == []


def test_the_job_page_and_the_preview_share_every_field_of_the_posting_view() -> None:
    assert {part.name for part in fields(ShownPosting)} <= set(JobDetailState.base_vars)
