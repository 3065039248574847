"""The pipeline page's states: a hiring manager's browser gets their job's candidates and nothing
of another company's, the ids stay on the server, and forged ids move nothing.

Rows are committed (the handlers open their own transactions) and removed after each test.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from reflex.state import State
from reflex_base.utils import format
from sqlalchemy import Engine, select, text

from jobhub.auth.models import Role, UserRole
from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session
from jobhub.companies.models import CompanyEmployee, TeamRole
from jobhub.jobs import candidate_reviews
from jobhub.jobs.candidate_state import CandidateState
from jobhub.jobs.models import ApplicationStatus, JobApplication, JobStatus
from jobhub.jobs.pipeline_state import PipelineState
from jobhub.platform.db import session_scope
from tests.auth.support import add_seeker, delete_users
from tests.companies.team_support import account
from tests.factories import make_application, make_company, make_job


@dataclass(frozen=True)
class Pipelines:
    token: str
    own_job: uuid.UUID
    own_application: uuid.UUID
    foreign_application: uuid.UUID


def _seeker(db: Any, first: str, last: str) -> uuid.UUID:
    return add_seeker(db, f"{first.lower()}.{uuid.uuid4().hex[:8]}@example.test", first, last).id


@pytest.fixture
def pipelines(engine: Engine) -> Iterator[Pipelines]:
    """A hiring manager of one company (signed in) with an applicant, and another company's applicant."""
    with session_scope() as db:
        manager = add_seeker(db, f"hm.{uuid.uuid4().hex[:10]}@example.test", "Hana", "Manager")
        manager.user_type = "employer"
        role_id = db.scalars(select(Role.id).where(Role.name == "employer")).one()
        mine, theirs = make_company(), make_company()
        db.add_all([UserRole(user_id=manager.id, role_id=role_id), mine, theirs])
        db.flush()
        db.add(CompanyEmployee(company_id=mine.id, user_id=manager.id, team_role=TeamRole.HIRING_MANAGER))
        rival = account(db, first_name="Rival", last_name="Owner")
        db.add(CompanyEmployee(company_id=theirs.id, user_id=rival.user_id, team_role=TeamRole.OWNER))
        own = make_job(company_id=mine.id, employer_id=manager.id, status=JobStatus.PUBLISHED, title="Welder")
        foreign = make_job(
            company_id=theirs.id, employer_id=rival.user_id, status=JobStatus.PUBLISHED, title="Spy"
        )
        db.add_all([own, foreign])
        db.flush()
        ours = make_application(own, applicant_id=_seeker(db, "Olive", "Applicant"))
        secret = make_application(foreign, applicant_id=_seeker(db, "Secret", "Candidate"))
        db.add_all([ours, secret])
        db.flush()
        candidate_reviews.add_note(db, rival, secret.id, "Rival private note")
        found = Pipelines(issue_session(db, manager.id), own.id, ours.id, secret.id)
        users = [manager.id, rival.user_id, ours.applicant_id, secret.applicant_id]
        companies = [mine.id, theirs.id]
    yield found
    with engine.begin() as conn:
        apps = (
            "SELECT a.id FROM jobs.job_applications a JOIN jobs.jobs j ON j.id = a.job_id"
            " WHERE j.company_id = ANY(:c)"
        )
        for table in ("jobs.outbox_events", "jobs.domain_events"):
            conn.execute(text(f"DELETE FROM {table} WHERE aggregate_id IN ({apps})"), {"c": companies})
        conn.execute(text(f"DELETE FROM auth.audit_logs WHERE resource_id IN ({apps})"), {"c": companies})
        conn.execute(text(f"DELETE FROM jobs.job_applications WHERE id IN ({apps})"), {"c": companies})
        conn.execute(text("DELETE FROM jobs.jobs WHERE company_id = ANY(:c)"), {"c": companies})
        conn.execute(
            text("DELETE FROM companies.company_employees WHERE company_id = ANY(:c)"), {"c": companies}
        )
        conn.execute(text("DELETE FROM companies.companies WHERE id = ANY(:c)"), {"c": companies})
        conn.execute(text("DELETE FROM auth.user_roles WHERE user_id = ANY(:u)"), {"u": users})
    delete_users(engine, users)


def _state(cls: type[State], job_id: uuid.UUID | str, token: str) -> Any:
    root = State(_reflex_internal_init=True)
    path = f"/employer/jobs/{job_id}/pipeline"
    router_data = {
        "headers": {"cookie": f"{SESSION_COOKIE}={token}", "user-agent": "pytest-browser"},
        "pathname": "/employer/jobs/[id]/pipeline",
        "asPath": path,
        "query": {"id": str(job_id)},
        "token": "tab-1",
        "sid": "socket-1",
        "ip": "192.0.2.10",
    }
    root.router_data = root._update_router_vars(router_data, {})
    return root.get_substate(cls.get_full_name().split("."))


def _sent(state: Any) -> str:
    return format.json_dumps(state.dict())


def _status(application_id: uuid.UUID) -> str:
    with session_scope() as db:
        return db.scalars(select(JobApplication.status).where(JobApplication.id == application_id)).one()


def test_a_hiring_managers_board_and_panel_hold_nothing_of_another_company(pipelines: Pipelines) -> None:
    panel = _state(CandidateState, pipelines.own_job, pipelines.token)
    board = panel.parent_state

    list(PipelineState.load.fn(board))
    list(CandidateState.open_candidate.fn(panel, str(pipelines.own_application)))

    assert board.job_title == "Welder" and board.total == 1
    assert panel.panel["name"] == "Olive Applicant"
    sent = _sent(board.parent_state.parent_state)
    for secret in ("Secret", "Rival private note", "Spy", str(pipelines.foreign_application)):
        assert secret not in sent
    assert "_job_id" not in sent and "_application_id" not in sent
    assert str(pipelines.own_job) not in sent.replace(f"/employer/jobs/{pipelines.own_job}", "")


def test_another_companys_application_opens_nothing_and_moves_nothing(pipelines: Pipelines) -> None:
    panel = _state(CandidateState, pipelines.own_job, pipelines.token)
    board = panel.parent_state
    list(PipelineState.load.fn(board))

    list(CandidateState.open_candidate.fn(panel, str(pipelines.foreign_application)))
    board.selected = [str(pipelines.foreign_application), str(pipelines.own_application)]
    list(PipelineState.move_selected.fn(board, ApplicationStatus.SCREENING))

    assert not panel.panel_open and panel.panel == {}
    assert "Rival private note" not in _sent(panel)
    assert _status(pipelines.foreign_application) == ApplicationStatus.APPLIED
    assert _status(pipelines.own_application) == ApplicationStatus.SCREENING


def test_another_companys_job_shows_not_found(pipelines: Pipelines) -> None:
    with session_scope() as db:
        foreign_job = db.scalars(
            select(JobApplication.job_id).where(JobApplication.id == pipelines.foreign_application)
        ).one()
    board = _state(PipelineState, foreign_job, pipelines.token)

    list(PipelineState.load.fn(board))

    assert board.not_found and board.columns == []
    assert "Secret" not in _sent(board) and "Spy" not in _sent(board)
