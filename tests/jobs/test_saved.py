"""Saved jobs: who may save, idempotence and counters, notes/tags/reminder rules, the list, reminders."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, delete, select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.jobs import saved
from jobhub.jobs.models import Job, JobStatus, OutboxEvent, SavedJob
from jobhub.jobs.saved_reminders import REMINDER_TYPE, send_due_reminders, send_saved_job_reminders
from jobhub.notifications.models import UserNotification
from jobhub.platform import tasks
from jobhub.platform.errors import Forbidden, Invalid, NotFound
from jobhub.platform.event_types import JOB_SAVED
from tests.factories import add, make_company, make_job, make_preference, make_principal

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


def _open_job(db: Session, **overrides: object) -> Job:
    values: dict[str, object] = {
        "status": JobStatus.PUBLISHED,
        "published_at": NOW - timedelta(days=2),
        "expires_at": NOW + timedelta(days=30),
    }
    job = make_job(**(values | overrides))
    add(db, job)
    return job


def _save_count(db: Session, job: Job) -> int:
    return db.execute(select(Job.save_count).where(Job.id == job.id)).scalar_one()


def _saved_event_payloads(db: Session, job: Job) -> list[dict[str, object]]:
    return list(
        db.scalars(
            select(OutboxEvent.event_data).where(
                OutboxEvent.aggregate_id == job.id, OutboxEvent.event_type == JOB_SAVED
            )
        )
    )


# who may save


@pytest.mark.parametrize(
    ("who", "error"),
    [(None, SignInRequired), (make_principal("employer"), Forbidden), (make_principal("admin"), Forbidden)],
    ids=["anonymous", "employer", "admin"],
)
def test_only_job_seekers_save_jobs(db: Session, who: Principal | None, error: type[Exception]) -> None:
    job = _open_job(db)

    with pytest.raises(error):
        saved.save_job(db, who, job.id, now=NOW)
    assert _save_count(db, job) == 0


@pytest.mark.parametrize("user_type", ["employer", "admin"])
def test_other_kinds_of_account_cannot_list_edit_or_unsave(db: Session, user_type: str) -> None:
    who = make_principal(user_type)

    with pytest.raises(Forbidden):
        saved.list_saved_jobs(db, who)
    with pytest.raises(Forbidden):
        saved.saved_tags(db, who)
    with pytest.raises(Forbidden):
        saved.unsave_job(db, who, uuid.uuid4())
    with pytest.raises(Forbidden):
        saved.update_saved_job(db, who, uuid.uuid4(), "", [], None, now=NOW)


def test_anonymous_cannot_list_saved_jobs(db: Session) -> None:
    with pytest.raises(SignInRequired):
        saved.list_saved_jobs(db, None)


# saving


def test_saving_counts_once_and_emits_one_job_saved_event(db: Session, seeker: Principal) -> None:
    company = make_company()
    add(db, company)
    job = _open_job(db, company_id=company.id)

    first = saved.save_job(db, seeker, job.id, now=NOW)
    again = saved.save_job(db, seeker, job.id, now=NOW)

    assert first == again
    assert _save_count(db, job) == 1
    (payload,) = _saved_event_payloads(db, job)
    assert payload["job_id"] == str(job.id)
    assert payload["employer_id"] == str(job.employer_id)
    assert payload["company_id"] == str(company.id)
    assert payload["user_id"] == str(seeker.user_id)


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": JobStatus.DRAFT},
        {"status": JobStatus.CLOSED},
        {"status": JobStatus.REMOVED},
        {"expires_at": NOW - timedelta(minutes=1)},
        {"deleted_at": NOW - timedelta(days=1)},
    ],
    ids=["draft", "closed", "removed", "expired", "deleted"],
)
def test_only_open_jobs_can_be_saved(db: Session, seeker: Principal, overrides: dict[str, object]) -> None:
    job = _open_job(db, **overrides)

    with pytest.raises(NotFound):
        saved.save_job(db, seeker, job.id, now=NOW)
    assert _save_count(db, job) == 0


def test_saving_an_unknown_job_is_not_found(db: Session, seeker: Principal) -> None:
    with pytest.raises(NotFound):
        saved.save_job(db, seeker, uuid.uuid4(), now=NOW)


def test_two_seekers_saving_the_same_job_count_twice(
    db: Session, seeker: Principal, other_seeker: Principal
) -> None:
    job = _open_job(db)

    saved.save_job(db, seeker, job.id, now=NOW)
    saved.save_job(db, other_seeker, job.id, now=NOW)

    assert _save_count(db, job) == 2


# unsaving


def test_unsaving_decrements_and_unsaving_again_changes_nothing(db: Session, seeker: Principal) -> None:
    job = _open_job(db)
    saved.save_job(db, seeker, job.id, now=NOW)

    assert saved.unsave_job(db, seeker, job.id) is not None
    assert saved.unsave_job(db, seeker, job.id) is None
    assert _save_count(db, job) == 0


def test_the_save_count_never_goes_below_zero(db: Session, seeker: Principal) -> None:
    job = _open_job(db)
    saved.save_job(db, seeker, job.id, now=NOW)
    job.save_count = 0
    add(db, job)

    saved.unsave_job(db, seeker, job.id)

    assert _save_count(db, job) == 0


def test_unsaving_another_seekers_job_leaves_their_bookmark(
    db: Session, seeker: Principal, other_seeker: Principal
) -> None:
    job = _open_job(db)
    saved.save_job(db, other_seeker, job.id, now=NOW)

    assert saved.unsave_job(db, seeker, job.id) is None
    assert saved.saved_job_ids(db, other_seeker.user_id, [job.id]) == {str(job.id)}
    assert _save_count(db, job) == 1


def test_undo_restores_notes_tags_reminder_and_place(db: Session, seeker: Principal) -> None:
    job = _open_job(db)
    saved_id = uuid.UUID(saved.save_job(db, seeker, job.id, now=NOW))
    saved.update_saved_job(db, seeker, saved_id, "Call Ada", ["Berlin"], TODAY, now=NOW)
    before = db.execute(select(SavedJob.created_at).where(SavedJob.id == saved_id)).scalar_one()
    snapshot = saved.unsave_job(db, seeker, job.id)
    assert snapshot is not None
    job.status = JobStatus.CLOSED
    add(db, job)

    saved.restore_saved_job(db, seeker, snapshot)

    (item,) = saved.list_saved_jobs(db, seeker, now=NOW).items
    assert (item.notes, item.tags, item.reminder_date) == ("Call Ada", ["berlin"], TODAY.isoformat())
    assert db.execute(select(SavedJob.created_at).where(SavedJob.job_id == job.id)).scalar_one() == before
    assert _save_count(db, job) == 1
    assert len(_saved_event_payloads(db, job)) == 1


# card state


def test_saved_job_ids_are_the_users_own_among_those_asked(
    db: Session, seeker: Principal, other_seeker: Principal
) -> None:
    mine, theirs, unsaved = _open_job(db), _open_job(db), _open_job(db)
    saved.save_job(db, seeker, mine.id, now=NOW)
    saved.save_job(db, other_seeker, theirs.id, now=NOW)

    ids = saved.saved_job_ids(db, seeker.user_id, [mine.id, theirs.id, unsaved.id])

    assert ids == {str(mine.id)}
    assert saved.saved_job_ids(db, seeker.user_id, []) == set()


# notes, tags, reminder


def _saved_id(db: Session, seeker: Principal, **job_overrides: object) -> uuid.UUID:
    return uuid.UUID(saved.save_job(db, seeker, _open_job(db, **job_overrides).id, now=NOW))


def test_notes_and_tags_are_stored_cleaned(db: Session, seeker: Principal) -> None:
    saved_id = _saved_id(db, seeker)

    view = saved.update_saved_job(
        db, seeker, saved_id, "  Ask about visa  ", [" Remote ", "remote", "Dream  Job", " "], TODAY, now=NOW
    )

    assert view.notes == "Ask about visa"
    assert view.tags == ["remote", "dream job"]
    assert view.reminder_date == TODAY.isoformat()


def test_clearing_notes_tags_and_reminder_stores_nothing(db: Session, seeker: Principal) -> None:
    saved_id = _saved_id(db, seeker)
    saved.update_saved_job(db, seeker, saved_id, "x", ["a"], TODAY, now=NOW)

    view = saved.update_saved_job(db, seeker, saved_id, "", [], None, now=NOW)

    row = db.get(SavedJob, saved_id)
    assert row is not None
    assert (row.notes, row.tags, row.reminder_date) == (None, None, None)
    assert (view.notes, view.tags, view.reminder_date) == ("", [], "")


@pytest.mark.parametrize(
    ("notes", "tags", "reminder", "field"),
    [
        ("x" * (saved.NOTES_MAX + 1), [], None, "notes"),
        ("", [f"tag{i}" for i in range(saved.TAGS_MAX + 1)], None, "tags"),
        ("", ["y" * (saved.TAG_LENGTH_MAX + 1)], None, "tags"),
        ("", [], TODAY - timedelta(days=1), "reminder_date"),
    ],
    ids=["notes-too-long", "too-many-tags", "tag-too-long", "reminder-in-the-past"],
)
def test_invalid_changes_name_their_field(
    db: Session, seeker: Principal, notes: str, tags: list[str], reminder: date | None, field: str
) -> None:
    saved_id = _saved_id(db, seeker)

    with pytest.raises(Invalid) as refused:
        saved.update_saved_job(db, seeker, saved_id, notes, tags, reminder, now=NOW)

    assert refused.value.field == field


def test_the_limits_themselves_are_accepted(db: Session, seeker: Principal) -> None:
    saved_id = _saved_id(db, seeker)
    tags = [f"{i}{'t' * (saved.TAG_LENGTH_MAX - 1)}" for i in range(saved.TAGS_MAX)]

    view = saved.update_saved_job(db, seeker, saved_id, "n" * saved.NOTES_MAX, tags, TODAY, now=NOW)

    assert len(view.notes) == saved.NOTES_MAX
    assert len(view.tags) == saved.TAGS_MAX


def test_another_users_saved_id_is_not_found(db: Session, seeker: Principal, other_seeker: Principal) -> None:
    theirs = _saved_id(db, other_seeker)

    with pytest.raises(NotFound) as refused:
        saved.update_saved_job(db, seeker, theirs, "mine now", [], None, now=NOW)

    assert refused.value.message == saved.NOT_FOUND_MESSAGE
    row = db.get(SavedJob, theirs)
    assert row is not None and row.notes is None


def test_an_unknown_saved_id_reads_the_same_as_another_users(db: Session, seeker: Principal) -> None:
    with pytest.raises(NotFound) as refused:
        saved.update_saved_job(db, seeker, uuid.uuid4(), "", [], None, now=NOW)

    assert refused.value.message == saved.NOT_FOUND_MESSAGE


# the list


def test_the_list_shows_only_the_principals_jobs_newest_saved_first(
    db: Session, seeker: Principal, other_seeker: Principal
) -> None:
    company = make_company(name="Initech")
    add(db, company)
    first = _open_job(db, title="First", company_id=company.id)
    second = _open_job(db, title="Second")
    saved.save_job(db, seeker, first.id, now=NOW)
    saved.save_job(db, seeker, second.id, now=NOW)
    saved.save_job(db, other_seeker, _open_job(db, title="Theirs").id, now=NOW)
    db.execute(
        SavedJob.__table__.update()
        .where(SavedJob.job_id == first.id)
        .values(created_at=NOW - timedelta(days=1))  # type: ignore[attr-defined]
    )

    result = saved.list_saved_jobs(db, seeker, now=NOW)

    assert [item.job.title for item in result.items] == ["Second", "First"]
    assert result.items[1].job.company_name == "Initech"
    assert (result.total, result.page, result.pages) == (2, 1, 1)


def test_a_closed_posting_stays_listed_marked_no_longer_open(db: Session, seeker: Principal) -> None:
    job = _open_job(db)
    saved.save_job(db, seeker, job.id, now=NOW)
    job.status = JobStatus.CLOSED
    add(db, job)

    (item,) = saved.list_saved_jobs(db, seeker, now=NOW).items

    assert item.is_open is False
    assert item.status_label == saved.NO_LONGER_OPEN


def test_status_filter_splits_open_and_closed(db: Session, seeker: Principal) -> None:
    open_job, closing = _open_job(db, title="Open"), _open_job(db, title="Expiring")
    saved.save_job(db, seeker, open_job.id, now=NOW)
    saved.save_job(db, seeker, closing.id, now=NOW)
    later = closing.expires_at + timedelta(minutes=1)  # type: ignore[operator]
    open_job.expires_at = later + timedelta(days=1)
    add(db, open_job)

    def titles(status: str) -> list[str]:
        result = saved.list_saved_jobs(db, seeker, status=status, now=later)
        return sorted(item.job.title for item in result.items)

    assert titles(saved.SavedStatus.OPEN) == ["Open"]
    assert titles(saved.SavedStatus.CLOSED) == ["Expiring"]
    assert titles(saved.SavedStatus.ALL) == ["Expiring", "Open"]


def test_tag_filter_matches_whatever_case_is_typed(db: Session, seeker: Principal) -> None:
    tagged, plain = _saved_id(db, seeker, title="Tagged"), _saved_id(db, seeker, title="Plain")
    saved.update_saved_job(db, seeker, tagged, "", ["Remote"], None, now=NOW)
    saved.update_saved_job(db, seeker, plain, "", ["onsite"], None, now=NOW)

    result = saved.list_saved_jobs(db, seeker, tag=" REMOTE ", now=NOW)

    assert [item.job.title for item in result.items] == ["Tagged"]
    assert saved.saved_tags(db, seeker) == ["onsite", "remote"]


def test_saved_tags_are_the_principals_own(db: Session, seeker: Principal, other_seeker: Principal) -> None:
    saved.update_saved_job(db, other_seeker, _saved_id(db, other_seeker), "", ["secret"], None, now=NOW)

    assert saved.saved_tags(db, seeker) == []


def test_sort_by_posting_date_and_by_reminder(db: Session, seeker: Principal) -> None:
    old = _saved_id(db, seeker, title="Old", published_at=NOW - timedelta(days=20))
    new = _saved_id(db, seeker, title="New", published_at=NOW - timedelta(days=1))
    _saved_id(db, seeker, title="No reminder", published_at=NOW - timedelta(days=5))
    saved.update_saved_job(db, seeker, old, "", [], TODAY + timedelta(days=1), now=NOW)
    saved.update_saved_job(db, seeker, new, "", [], TODAY + timedelta(days=9), now=NOW)

    def titles(sort: str) -> list[str]:
        return [item.job.title for item in saved.list_saved_jobs(db, seeker, sort=sort, now=NOW).items]

    assert titles(saved.SavedSort.POSTED) == ["New", "No reminder", "Old"]
    assert titles(saved.SavedSort.REMINDER) == ["Old", "New", "No reminder"]


def test_pages_hold_page_size_items_and_a_page_past_the_end_shows_the_last(
    db: Session, seeker: Principal
) -> None:
    for number in range(5):
        _saved_id(db, seeker, title=f"Job {number}")

    second = saved.list_saved_jobs(db, seeker, page=2, page_size=2, now=NOW)
    past_end = saved.list_saved_jobs(db, seeker, page=99, page_size=2, now=NOW)

    assert (len(second.items), second.total, second.pages) == (2, 5, 3)
    assert (past_end.page, len(past_end.items)) == (3, 1)


# reminders


def _notifications(db: Session, user_id: uuid.UUID) -> list[UserNotification]:
    return list(
        db.scalars(
            select(UserNotification).where(
                UserNotification.user_id == user_id, UserNotification.type == REMINDER_TYPE
            )
        )
    )


def _with_reminder(db: Session, seeker: Principal, reminder: date, **job_overrides: object) -> uuid.UUID:
    saved_id = _saved_id(db, seeker, **job_overrides)
    saved.update_saved_job(db, seeker, saved_id, "", [], reminder, now=NOW)
    return saved_id


def test_a_due_reminder_notifies_exactly_once(db: Session, seeker: Principal) -> None:
    _with_reminder(db, seeker, TODAY, title="Data Engineer", slug="data-engineer-1")
    _with_reminder(db, seeker, TODAY + timedelta(days=1))

    assert send_due_reminders(db, TODAY, now=NOW) == 1
    assert send_due_reminders(db, TODAY, now=NOW) == 0

    (notification,) = _notifications(db, seeker.user_id)
    assert notification.title == "Reminder: Data Engineer"
    assert notification.action_url == "/jobs/data-engineer-1"


def test_a_missed_day_is_caught_up_and_the_next_day_sends_the_next(db: Session, seeker: Principal) -> None:
    _with_reminder(db, seeker, TODAY)
    _with_reminder(db, seeker, TODAY + timedelta(days=1))

    assert send_due_reminders(db, TODAY + timedelta(days=1), now=NOW + timedelta(days=1)) == 2
    assert len(_notifications(db, seeker.user_id)) == 2


def test_moving_a_sent_reminder_sends_it_again_on_the_new_day(db: Session, seeker: Principal) -> None:
    saved_id = _with_reminder(db, seeker, TODAY)
    send_due_reminders(db, TODAY, now=NOW)

    saved.update_saved_job(db, seeker, saved_id, "", [], TODAY + timedelta(days=3), now=NOW)

    assert send_due_reminders(db, TODAY + timedelta(days=2), now=NOW) == 0
    assert send_due_reminders(db, TODAY + timedelta(days=3), now=NOW) == 1


def test_a_closed_jobs_reminder_points_at_the_saved_list(db: Session, seeker: Principal) -> None:
    saved_id = _with_reminder(db, seeker, TODAY)
    row = db.get(SavedJob, saved_id)
    assert row is not None
    job = db.get(Job, row.job_id)
    assert job is not None
    job.status = JobStatus.CLOSED
    add(db, job)

    send_due_reminders(db, TODAY, now=NOW)

    (notification,) = _notifications(db, seeker.user_id)
    assert notification.action_url == "/saved"
    assert "no longer open" in notification.message


def test_a_user_without_in_app_notifications_is_marked_reminded_without_one(
    db: Session, seeker: Principal
) -> None:
    add(db, make_preference(user_id=seeker.user_id, in_app_enabled=False))
    saved_id = _with_reminder(db, seeker, TODAY)

    assert send_due_reminders(db, TODAY, now=NOW) == 1
    assert _notifications(db, seeker.user_id) == []
    row = db.get(SavedJob, saved_id)
    assert row is not None and row.reminded_at is not None


def test_the_reminder_task_runs_every_morning_without_piling_up() -> None:
    tasks.app.perform_import_paths()
    periodics = tasks.app.periodic_registry.periodic_tasks.values()

    (periodic,) = [p for p in periodics if p.task.name == "send_saved_job_reminders"]

    assert periodic.cron == "0 7 * * *"
    assert periodic.task.queueing_lock == "send_saved_job_reminders"


def test_the_reminder_task_commits_the_reminders_due_on_its_run_date(engine: Engine) -> None:
    user_id = uuid.uuid4()
    job = make_job(status=JobStatus.PUBLISHED, published_at=NOW)
    job_id = job.id
    with Session(engine) as db:
        add(db, job, SavedJob(user_id=user_id, job_id=job_id, reminder_date=TODAY))
        db.commit()
    try:
        assert send_saved_job_reminders(timestamp=int(NOW.timestamp())) == 1
        with Session(engine) as db:
            assert len(_notifications(db, user_id)) == 1
    finally:
        with Session(engine) as db:
            db.execute(delete(UserNotification).where(UserNotification.user_id == user_id))
            db.execute(delete(Job).where(Job.id == job_id))
            db.commit()
