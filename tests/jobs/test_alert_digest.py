"""Job alert digests delivered to a real SMTP server, and the one-click unsubscribe link they carry."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine, select, text
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from jobhub.auth.models import User
from jobhub.jobs import alerts
from jobhub.jobs.alert_digest import due_alert_ids, send_due_alerts
from jobhub.jobs.alert_routes import ROUTES
from jobhub.jobs.models import Job, JobAlertDelivery, JobSearchAlert, JobStatus
from jobhub.platform import signed_links, tasks
from jobhub.platform.db import session_scope
from jobhub.platform.errors import Invalid
from jobhub.platform.signed_links import LinkPurpose
from jobhub.settings import reset_settings
from tests.factories import add, make_alert, make_company, make_job, make_preference, make_user
from tests.smtp import Received, SmtpSink, free_port, smtp_mail, smtp_server  # noqa: F401

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
CREATED = NOW - timedelta(days=2)


@pytest.fixture
def account(db: Session) -> User:
    user = make_user(first_name="Ada")
    add(db, user)
    return user


@pytest.fixture
def company(db: Session) -> Any:
    row = make_company(name="Initech")
    add(db, row)
    return row


def _job(db: Session, company: Any, title: str, published: datetime, **overrides: Any) -> Job:
    values: dict[str, Any] = {
        "title": title,
        "company_id": company.id,
        "status": JobStatus.PUBLISHED,
        "published_at": published,
        "location": "Berlin, Germany",
        "expires_at": NOW + timedelta(days=30),
    }
    job = make_job(**(values | overrides))
    add(db, job)
    return job


def _alert(db: Session, user: User, **overrides: Any) -> JobSearchAlert:
    values: dict[str, Any] = {
        "user_id": user.id,
        "name": "Python in Berlin",
        "search_criteria": {"q": "python"},
        "frequency": "immediate",
        "created_at": CREATED,
    }
    alert = make_alert(**(values | overrides))
    add(db, alert)
    return alert


def _delivered(db: Session, alert: JobSearchAlert) -> set[uuid.UUID]:
    return set(db.scalars(select(JobAlertDelivery.job_id).where(JobAlertDelivery.alert_id == alert.id)))


def _token(mail: Received) -> str:
    header = str(mail.message["List-Unsubscribe"]).strip("<>")
    return parse_qs(urlsplit(header).query)["token"][0]


def test_a_digest_mails_exactly_the_new_open_matching_jobs(
    db: Session,
    smtp_mail: SmtpSink,  # noqa: F811
    account: User,
    company: Any,
) -> None:
    alert = _alert(db, account)
    new = _job(
        db, company, "Senior Python Engineer", NOW - timedelta(hours=3), salary_min=60000, salary_max=80000
    )
    _job(db, company, "Python Developer (old)", CREATED - timedelta(days=1))
    _job(db, company, "Python Developer (closed)", NOW - timedelta(hours=2), status=JobStatus.CLOSED)
    _job(db, company, "Python Developer (draft)", NOW - timedelta(hours=2), status=JobStatus.DRAFT)
    _job(
        db,
        company,
        "Python Developer (expired)",
        NOW - timedelta(hours=2),
        expires_at=NOW - timedelta(hours=1),
    )
    _job(db, company, "Java Developer", NOW - timedelta(hours=1))

    assert send_due_alerts(db, NOW) == 1

    (mail,) = smtp_mail.wait_for(account.email)
    assert mail.subject == '1 new jobs for "Python in Berlin"'
    assert "Senior Python Engineer" in mail.text
    assert not any(word in mail.text for word in ("old", "closed", "draft", "expired", "Java"))
    assert "Initech · Berlin, Germany" in mail.text
    assert "Hi Ada" in mail.text and "See all 1 new jobs" in mail.text
    assert f"/jobs/{new.slug}" in mail.text
    assert "/jobs?q=python&sort=date" in mail.text
    assert f'href="http://localhost:3000/jobs/{new.slug}"' in mail.html
    assert "<strong>Senior Python Engineer</strong>" in mail.html
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert str(mail.message["List-Unsubscribe"]).startswith(
        "<http://localhost:8000/alerts/unsubscribe?token="
    )
    assert _token(mail) in mail.text
    db.refresh(alert)
    assert (alert.last_sent_at, alert.job_count_since_last_sent) == (NOW, 1)
    assert _delivered(db, alert) == {new.id}


def test_a_second_run_sends_nothing_and_a_job_published_later_goes_in_the_next_mail(
    db: Session,
    smtp_mail: SmtpSink,  # noqa: F811
    account: User,
    company: Any,
) -> None:
    alert = _alert(db, account)
    first = _job(db, company, "Python Engineer", NOW - timedelta(minutes=10))
    assert send_due_alerts(db, NOW) == 1

    assert send_due_alerts(db, NOW + timedelta(minutes=5)) == 0

    later = _job(db, company, "Python Data Engineer", NOW + timedelta(minutes=7))
    assert send_due_alerts(db, NOW + timedelta(minutes=10)) == 1
    mails = smtp_mail.wait_for(account.email, count=2)
    assert "Python Data Engineer" in mails[1].text
    assert "Python Engineer\n" not in mails[1].text and f"/jobs/{first.slug}" not in mails[1].text
    assert _delivered(db, alert) == {first.id, later.id}


def test_a_job_is_never_mailed_twice_by_one_alert_even_when_the_watermark_goes_back(
    db: Session,
    smtp_mail: SmtpSink,  # noqa: F811
    account: User,
    company: Any,
) -> None:
    alert = _alert(db, account)
    job = _job(db, company, "Python Engineer", NOW - timedelta(hours=1))
    assert send_due_alerts(db, NOW) == 1
    alert.last_sent_at = CREATED
    add(db, alert)

    assert send_due_alerts(db, NOW + timedelta(minutes=5)) == 0
    assert len(smtp_mail.to(account.email)) == 1
    assert _delivered(db, alert) == {job.id}


def test_no_new_jobs_means_no_mail_but_the_watermark_still_moves(
    db: Session,
    smtp_mail: SmtpSink,  # noqa: F811
    account: User,
    company: Any,
) -> None:
    alert = _alert(db, account, last_sent_at=NOW - timedelta(days=1), job_count_since_last_sent=4)
    _job(db, company, "Java Developer", NOW - timedelta(minutes=30))

    assert send_due_alerts(db, NOW) == 0

    db.refresh(alert)
    assert (alert.last_sent_at, alert.job_count_since_last_sent) == (NOW, 0)
    assert smtp_mail.received == []


@pytest.mark.parametrize("preference", [{"email_enabled": False}, {"job_alerts": False}])
def test_a_seeker_who_turned_alert_mail_off_gets_none(
    db: Session,
    smtp_mail: SmtpSink,  # noqa: F811
    account: User,
    company: Any,
    preference: dict[str, bool],
) -> None:
    add(db, make_preference(user_id=account.id, **preference))
    alert = _alert(db, account)
    _job(db, company, "Python Engineer", NOW - timedelta(hours=1))

    assert send_due_alerts(db, NOW) == 0

    db.refresh(alert)
    assert alert.last_sent_at == NOW and _delivered(db, alert) == set()
    assert smtp_mail.received == []


def test_paused_alerts_and_alerts_of_suspended_accounts_mail_nothing(
    db: Session,
    smtp_mail: SmtpSink,  # noqa: F811
    account: User,
    company: Any,
) -> None:
    _alert(db, account, is_active=False)
    suspended = make_user(status="suspended")
    add(db, suspended)
    _alert(db, suspended)
    _job(db, company, "Python Engineer", NOW - timedelta(hours=1))

    assert send_due_alerts(db, NOW) == 0
    assert smtp_mail.received == []


@pytest.mark.parametrize(
    ("frequency", "waited", "due"),
    [
        ("daily", timedelta(hours=23, minutes=55), False),
        ("daily", timedelta(hours=24), True),
        ("weekly", timedelta(days=6, hours=23), False),
        ("weekly", timedelta(days=7), True),
        ("immediate", timedelta(minutes=5), True),
    ],
)
def test_daily_and_weekly_alerts_wait_their_interval(
    db: Session, account: User, frequency: str, waited: timedelta, due: bool
) -> None:
    alert = _alert(db, account, frequency=frequency, last_sent_at=NOW - waited)
    never_sent = _alert(db, account, frequency=frequency, search_criteria={"q": "go"})

    due_ids = set(due_alert_ids(db, NOW))

    assert (alert.id in due_ids) is due
    assert never_sent.id in due_ids


def test_a_refused_mail_takes_the_run_back_so_the_next_run_sends_it(
    db: Session,
    smtp_server: SmtpSink,  # noqa: F811
    account: User,
    company: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alert = _alert(db, account)
    job = _job(db, company, "Python Engineer", NOW - timedelta(hours=1))
    monkeypatch.setenv("JOBHUB_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    reset_settings()

    assert send_due_alerts(db, NOW) == 0
    db.refresh(alert)
    assert (alert.last_sent_at, _delivered(db, alert)) == (None, set())

    monkeypatch.setenv("JOBHUB_SMTP_URL", smtp_server.url)
    reset_settings()
    assert send_due_alerts(db, NOW + timedelta(minutes=5)) == 1
    assert _delivered(db, alert) == {job.id}
    monkeypatch.delenv("JOBHUB_SMTP_URL")
    reset_settings()


def test_the_worker_runs_the_digests_every_five_minutes_without_piling_up() -> None:
    tasks.app.perform_import_paths()
    periodics = tasks.app.periodic_registry.periodic_tasks.values()

    (periodic,) = [p for p in periodics if p.task.name == "send_job_alerts"]

    assert periodic.cron == "*/5 * * * *"
    assert periodic.task.queueing_lock == "send_job_alerts"


# unsubscribe


def test_the_mailed_link_pauses_its_alert_and_nothing_else(
    db: Session,
    smtp_mail: SmtpSink,  # noqa: F811
    account: User,
    company: Any,
) -> None:
    alert = _alert(db, account)
    other = _alert(db, account, search_criteria={"q": "go"}, name="Go")
    _job(db, company, "Python Engineer", NOW - timedelta(hours=1))
    send_due_alerts(db, NOW)
    token = _token(smtp_mail.wait_for(account.email)[0])

    assert alerts.alert_of_unsubscribe_link(db, token).name == "Python in Berlin"
    done = alerts.unsubscribe(db, token)

    db.refresh(alert)
    db.refresh(other)
    assert (done.name, done.was_active, alert.is_active, other.is_active) == (
        "Python in Berlin",
        True,
        False,
        True,
    )
    assert alerts.unsubscribe(db, token).was_active is False


def test_an_expired_link_changes_nothing(db: Session, account: User) -> None:
    alert = _alert(db, account)
    token = alerts.unsubscribe_token(alert)

    with pytest.raises(Invalid) as refused:
        alerts.unsubscribe(
            db, token, now=datetime.now(UTC) + alerts.UNSUBSCRIBE_LIFETIME + timedelta(minutes=1)
        )

    assert refused.value.message == alerts.UNSUBSCRIBE_EXPIRED
    db.refresh(alert)
    assert alert.is_active is True


@pytest.mark.parametrize("kind", ["tampered", "other purpose", "other owner", "deleted alert", "garbage"])
def test_a_wrong_link_changes_nothing(db: Session, account: User, kind: str) -> None:
    alert = _alert(db, account)
    tokens = {
        "tampered": alerts.unsubscribe_token(alert)[:-3] + "abc",
        "other purpose": signed_links.issue(
            LinkPurpose.RESET_PASSWORD, alert.id, extra={"u": str(account.id)}
        ).token,
        "other owner": signed_links.issue(
            LinkPurpose.UNSUBSCRIBE, alert.id, extra={"u": str(uuid.uuid4())}
        ).token,
        "deleted alert": signed_links.issue(
            LinkPurpose.UNSUBSCRIBE, uuid.uuid4(), extra={"u": str(account.id)}
        ).token,
        "garbage": "x" * 5000,
    }

    with pytest.raises(Invalid) as refused:
        alerts.unsubscribe(db, tokens[kind])

    assert refused.value.message == alerts.UNSUBSCRIBE_INVALID
    db.refresh(alert)
    assert alert.is_active is True


@pytest.fixture
def committed_alert(engine: Engine) -> Iterator[JobSearchAlert]:
    """An alert the routes' own transactions can see; removed with its owner afterwards."""
    user = make_user()
    with session_scope() as db:
        add(db, user)
        alert = make_alert(user_id=user.id, name="Rust <remote>")
        add(db, alert)
    yield alert
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM jobs.job_search_alerts WHERE id = :id"), {"id": alert.id})
        conn.execute(text("DELETE FROM auth.users WHERE id = :id"), {"id": user.id})


def _is_active(engine: Engine, alert: JobSearchAlert) -> bool:
    with engine.connect() as conn:
        query = text("SELECT is_active FROM jobs.job_search_alerts WHERE id = :id")
        return bool(conn.execute(query, {"id": alert.id}).scalar_one())


def test_opening_the_link_asks_first_and_a_one_click_post_without_a_session_unsubscribes(
    engine: Engine, committed_alert: JobSearchAlert
) -> None:
    client = TestClient(Starlette(routes=ROUTES))
    token = alerts.unsubscribe_token(committed_alert)

    page = client.get(alerts.UNSUBSCRIBE_PATH, params={"token": token})
    assert page.status_code == 200
    assert "Rust &lt;remote&gt;" in page.text and 'method="post"' in page.text
    assert _is_active(engine, committed_alert)

    done = client.post(
        alerts.UNSUBSCRIBE_PATH, params={"token": token}, data={"List-Unsubscribe": "One-Click"}
    )
    assert done.status_code == 200 and "unsubscribed" in done.text
    assert not _is_active(engine, committed_alert)


def test_the_confirm_form_post_unsubscribes_and_a_bad_token_is_refused_with_a_message(
    engine: Engine, committed_alert: JobSearchAlert
) -> None:
    client = TestClient(Starlette(routes=ROUTES))

    refused = client.post(alerts.UNSUBSCRIBE_PATH, data={"token": "nope"})
    assert refused.status_code == 400 and "not valid" in refused.text
    assert _is_active(engine, committed_alert)

    done = client.post(alerts.UNSUBSCRIBE_PATH, data={"token": alerts.unsubscribe_token(committed_alert)})
    assert done.status_code == 200
    assert not _is_active(engine, committed_alert)
