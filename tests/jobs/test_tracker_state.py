"""The apply and tracker states: they act on the signed-in seeker's own rows, and what they would
send the browser holds neither the team's notes and ratings nor another seeker's application.

Rows are committed (the handlers open their own transactions) and removed after each test.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from reflex.state import State
from reflex_base.utils import format
from sqlalchemy import Engine, select, text

from jobhub.auth.session_tokens import issue_session
from jobhub.auth.state import AuthState
from jobhub.jobs.application_models import ApplicationNote, ApplicationRating
from jobhub.jobs.apply_state import ApplyState, Step
from jobhub.jobs.models import Job, JobApplication, JobStatus
from jobhub.jobs.tracker_state import ApplicationState, TrackerState
from jobhub.platform.db import session_scope
from tests.auth.support import add_seeker, delete_users
from tests.factories import make_application, make_job
from tests.jobs.application_support import QUESTIONS
from tests.jobs.support import browser_tab

NOTE = "Weak on SQL, keep as backup"


@dataclass(frozen=True)
class World:
    token: str
    user_id: uuid.UUID
    open_job: Job
    mine: uuid.UUID
    theirs: uuid.UUID
    their_title: str


@pytest.fixture
def world(engine: Engine) -> Iterator[World]:
    now = datetime.now(UTC)
    with session_scope() as db:
        me = add_seeker(db, f"tracker.{uuid.uuid4().hex[:10]}@example.test", "Sam", "Tracker")
        other = add_seeker(db, f"other.{uuid.uuid4().hex[:10]}@example.test", "Kim", "Other")
        token = issue_session(db, me.id)
        published = {"status": JobStatus.PUBLISHED, "published_at": now - timedelta(days=1)}
        open_job = make_job(screening_questions=QUESTIONS, **published)
        applied = make_job(title="Applied Role", **published)
        their_title = f"Their secret role {uuid.uuid4().hex[:6]}"
        their_job = make_job(title=their_title, **published)
        db.add_all([open_job, applied, their_job])
        db.flush()
        mine = make_application(applied, applicant_id=me.id)
        theirs = make_application(their_job, applicant_id=other.id)
        db.add_all([mine, theirs])
        db.flush()
        db.add(ApplicationNote(application_id=mine.id, author_id=applied.employer_id, body=NOTE))
        db.add(ApplicationRating(application_id=mine.id, rater_id=applied.employer_id, rating=2))
        jobs = [open_job.id, applied.id, their_job.id]
        users = [me.id, other.id]
        made = World(token, me.id, open_job, mine.id, theirs.id, their_title)
        employers = [open_job.employer_id, applied.employer_id, their_job.employer_id]
    yield made
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM jobs.job_applications WHERE job_id = ANY(:ids)"), {"ids": jobs})
        for table in ("jobs.outbox_events", "jobs.domain_events"):
            conn.execute(
                text(f"DELETE FROM {table} WHERE event_data->>'job_id' = ANY(:ids)"),
                {"ids": [str(j) for j in jobs]},
            )
        conn.execute(text("DELETE FROM jobs.jobs WHERE id = ANY(:ids)"), {"ids": jobs})
        conn.execute(
            text("DELETE FROM notifications.user_notifications WHERE user_id = ANY(:ids)"), {"ids": employers}
        )
    delete_users(engine, users)


def _root(path: str, token: str) -> State:
    return browser_tab(path, token)


def _page(root: State, cls: type[AuthState]) -> AuthState:
    return root.get_substate(cls.get_full_name().split("."))


def _sent(root: State) -> str:
    return format.json_dumps(root.dict()) + format.json_dumps(root.get_delta())


def test_the_detail_sends_no_note_no_rating_and_the_tracker_only_own_rows(world: World) -> None:
    root = _root(f"/applications/{world.mine}", world.token)
    detail = _page(root, ApplicationState)
    list(ApplicationState.load.fn(detail))
    tracker = _page(root, TrackerState)
    list(TrackerState.load.fn(tracker))

    assert detail.job_title == "Applied Role" and not detail.not_found
    assert [row.id for row in tracker.items] == [str(world.mine)]
    sent = _sent(root)
    assert NOTE not in sent and '"rating"' not in sent
    assert world.their_title not in sent and str(world.theirs) not in sent


def test_another_seekers_application_is_not_found_and_cannot_be_withdrawn(world: World) -> None:
    root = _root(f"/applications/{world.theirs}", world.token)
    page = _page(root, ApplicationState)

    list(ApplicationState.load.fn(page))
    list(ApplicationState.withdraw.fn(page, {"reason": "mine now"}))

    assert page.not_found and page.job_title == ""
    assert world.their_title not in _sent(root)
    with session_scope() as db:
        assert db.get(JobApplication, world.theirs).status == "applied"  # type: ignore[union-attr]


def test_the_apply_state_applies_with_the_answers_typed_in_its_steps(world: World) -> None:
    root = _root(f"/jobs/{world.open_job.slug}/apply", world.token)
    page = _page(root, ApplyState)
    list(ApplyState.load.fn(page))
    assert [q.key for q in page.questions] == ["0", "1", "2"]

    ApplyState.set_cover_letter.fn(page, "Hello team")
    ApplyState.set_answer.fn(page, "0", "yes")
    for _ in range(3):
        ApplyState.next_step.fn(page)
    list(ApplyState.submit.fn(page))
    assert page.step == Step.QUESTIONS and "needs an answer" in page.answer_errors["2"]

    ApplyState.set_answer.fn(page, "2", "A search engine")
    list(ApplyState.submit.fn(page))

    assert page.done
    with session_scope() as db:
        stored = db.scalars(
            select(JobApplication).where(
                JobApplication.job_id == world.open_job.id, JobApplication.applicant_id == world.user_id
            )
        ).one()
        assert stored.screening_answers == {"0": "yes", "2": "A search engine"}
        assert stored.cover_letter == "Hello team" and str(stored.id) == page.applied_id


def test_withdrawing_without_a_reason_says_so_and_with_one_withdraws(world: World) -> None:
    root = _root(f"/applications/{world.mine}", world.token)
    page = _page(root, ApplicationState)
    list(ApplicationState.load.fn(page))
    ApplicationState.set_withdraw_open.fn(page, True)

    list(ApplicationState.withdraw.fn(page, {"reason": "  "}))
    assert page.withdraw_open and "few words" in page.reason_error and page.stage == "applied"

    list(ApplicationState.withdraw.fn(page, {"reason": "I took another job"}))
    assert not page.withdraw_open and page.stage == "withdrawn" and not page.can_withdraw
    assert page.timeline[-1].title == "You withdrew"
