"""Whatever the apply, withdraw and offer forms send, the answer is a clean refusal or a stored row."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.jobs.application_models import ApplicationEvent
from jobhub.jobs.applications import submit_application, withdraw
from jobhub.jobs.apply_form import ANSWER_PREFIX, read_apply_form
from jobhub.jobs.models import JobApplication
from jobhub.platform.errors import DomainError, Invalid
from tests.factories import Team, make_principal
from tests.jobs.application_support import apply_to, team_posting

NOW = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "yes", "no", "Lyon", "Berlin", "none", "\x00", "\ud800", "x" * 1200]),
)
_VALUE = st.one_of(_TEXT, st.booleans(), st.integers(), st.none(), st.lists(st.text(max_size=3), max_size=2))
_KEYS = st.one_of(st.sampled_from([f"{ANSWER_PREFIX}{n}" for n in range(4)]), st.text(max_size=12))


@FUZZ
@given(
    form=st.dictionaries(st.one_of(st.sampled_from(["resume", "cover_letter"]), _KEYS), _VALUE, max_size=8)
)
def test_any_apply_form_is_refused_cleanly_or_stored(
    db: Session, team: Team, form: dict[str, object]
) -> None:
    job = team_posting(db, team, NOW)
    who = make_principal()
    try:
        entered = read_apply_form(form)
        submit_application(
            db,
            who,
            job.id,
            resume_id=entered.resume_id,
            cover_letter=entered.cover_letter,
            answers=entered.answers,
            now=NOW,
        )
    except DomainError as exc:
        assert exc.message
        stored = db.execute(select(func.count()).where(JobApplication.applicant_id == who.user_id))
        assert stored.scalar_one() == 0, "a refusal changes nothing"
        return
    application = db.scalars(select(JobApplication).where(JobApplication.applicant_id == who.user_id)).one()
    assert set(application.screening_answers or {}) <= {"0", "1", "2"}
    assert (application.screening_answers or {}).get("0") in {"yes", "no"}


@FUZZ
@given(reason=st.one_of(_TEXT, st.none()))
def test_any_withdrawal_reason_is_refused_cleanly_or_kept_within_its_limit(
    db: Session, team: Team, reason: str | None
) -> None:
    who = make_principal()
    application = apply_to(db, who, team_posting(db, team, NOW), NOW)
    try:
        withdraw(db, who, application.id, reason, now=NOW)
    except Invalid as exc:
        assert exc.field == "reason"
        assert application.status == "applied"
        steps = db.execute(select(func.count()).where(ApplicationEvent.application_id == application.id))
        assert steps.scalar_one() == 1
        return
    assert application.status == "withdrawn"
    assert 0 < len(application.withdrawal_reason or "") <= 500
