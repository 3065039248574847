"""Job alerts: who may keep them, another seeker's ids, the limit, duplicates, names and frequencies."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.jobs import alerts
from jobhub.jobs.models import JobSearchAlert
from jobhub.platform.errors import Conflict, Forbidden, Invalid, NotFound
from tests.factories import add, make_alert, make_principal

PYTHON_BERLIN = {"q": "python", "location": "Berlin", "radius": "50", "sort": "date", "page": "3"}


def _stored(db: Session, alert_id: str) -> JobSearchAlert | None:
    db.expire_all()
    return db.get(JobSearchAlert, uuid.UUID(alert_id))


# who may keep alerts


@pytest.mark.parametrize(
    ("who", "error"),
    [(None, SignInRequired), (make_principal("employer"), Forbidden), (make_principal("admin"), Forbidden)],
    ids=["anonymous", "employer", "admin"],
)
def test_only_job_seekers_create_and_list_alerts(
    db: Session, who: Principal | None, error: type[Exception]
) -> None:
    with pytest.raises(error):
        alerts.create_alert(db, who, {"q": "python"})
    with pytest.raises(error):
        alerts.list_alerts(db, who)
    assert db.scalars(select(JobSearchAlert).where(JobSearchAlert.name == "python")).first() is None


ACTIONS: dict[str, Callable[[Session, Principal, str], Any]] = {
    "rename": lambda db, who, alert_id: alerts.update_alert(db, who, alert_id, name="Mine now"),
    "frequency": lambda db, who, alert_id: alerts.update_alert(db, who, alert_id, frequency="weekly"),
    "pause": lambda db, who, alert_id: alerts.set_active(db, who, alert_id, False),
    "delete": lambda db, who, alert_id: alerts.delete_alert(db, who, alert_id),
}


@pytest.mark.parametrize("action", ACTIONS, ids=list(ACTIONS))
def test_another_seekers_alert_is_not_found_and_stays_unchanged(
    db: Session, seeker: Principal, other_seeker: Principal, action: str
) -> None:
    theirs = alerts.create_alert(db, other_seeker, {"q": "rust"}, name="Rust jobs")

    with pytest.raises(NotFound) as refused:
        ACTIONS[action](db, seeker, theirs.id)

    with pytest.raises(NotFound) as unknown:
        ACTIONS[action](db, seeker, str(uuid.uuid4()))
    assert refused.value.message == unknown.value.message
    stored = _stored(db, theirs.id)
    assert stored is not None
    assert (stored.name, stored.frequency, stored.is_active) == ("Rust jobs", "daily", True)


@pytest.mark.parametrize("alert_id", ["", "not-a-uuid", "1; DROP TABLE x"])
def test_malformed_ids_are_not_found(db: Session, seeker: Principal, alert_id: str) -> None:
    with pytest.raises(NotFound):
        alerts.set_active(db, seeker, alert_id, False)


def test_the_list_holds_only_the_seekers_own_alerts_newest_first(
    db: Session, seeker: Principal, other_seeker: Principal
) -> None:
    first = alerts.create_alert(db, seeker, {"q": "python"})
    second = alerts.create_alert(db, seeker, {"q": "go", "remote": "remote"})
    alerts.create_alert(db, other_seeker, {"q": "python"})

    listed = alerts.list_alerts(db, seeker)

    assert {view.id for view in listed} == {first.id, second.id}
    assert listed[0].created_at >= listed[1].created_at


# what an alert stores


def test_an_alert_stores_the_search_without_page_and_sort_and_links_to_it(
    db: Session, seeker: Principal
) -> None:
    view = alerts.create_alert(db, seeker, PYTHON_BERLIN, frequency="immediate")

    stored = _stored(db, view.id)
    assert stored is not None
    assert stored.search_criteria == {"q": "python", "location": "Berlin", "radius": "50"}
    assert view.search_url == "/jobs?q=python&location=Berlin&radius=50"
    assert view.name == view.summary == "python · Berlin +50 km"
    assert (view.frequency, view.frequency_label, view.is_active) == ("immediate", "As jobs are posted", True)


def test_a_search_with_no_keyword_or_filter_is_refused(db: Session, seeker: Principal) -> None:
    with pytest.raises(Invalid) as refused:
        alerts.create_alert(db, seeker, {"sort": "date", "page": "2"})
    assert refused.value.field == "criteria"


def test_a_blank_name_becomes_the_search_summary_and_spaces_are_tidied(
    db: Session, seeker: Principal
) -> None:
    assert alerts.create_alert(db, seeker, {"q": "python"}, name="   ").name == "python"
    assert alerts.create_alert(db, seeker, {"q": "go"}, name="  Go \n in   Berlin ").name == "Go in Berlin"


def test_names_longer_than_100_characters_are_refused(db: Session, seeker: Principal) -> None:
    assert len(alerts.create_alert(db, seeker, {"q": "python"}, name="x" * 100).name) == 100
    with pytest.raises(Invalid) as refused:
        alerts.create_alert(db, seeker, {"q": "go"}, name="x" * 101)
    assert refused.value.field == "name"


@pytest.mark.parametrize("frequency", ["never", "hourly", ""])
def test_only_immediate_daily_and_weekly_are_accepted(db: Session, seeker: Principal, frequency: str) -> None:
    with pytest.raises(Invalid) as refused:
        alerts.create_alert(db, seeker, {"q": "python"}, frequency=frequency)
    assert refused.value.field == "frequency"


# limits and duplicates


def test_the_same_search_twice_is_a_conflict_naming_the_first_alert(db: Session, seeker: Principal) -> None:
    alerts.create_alert(db, seeker, {"q": "python", "location": "Berlin"}, name="Berlin Python")

    with pytest.raises(Conflict) as refused:
        alerts.create_alert(db, seeker, {"location": "Berlin", "q": "python", "sort": "salary"})

    assert "Berlin Python" in refused.value.message
    assert len(alerts.list_alerts(db, seeker)) == 1


def test_two_seekers_may_watch_the_same_search(
    db: Session, seeker: Principal, other_seeker: Principal
) -> None:
    alerts.create_alert(db, seeker, {"q": "python"})
    alerts.create_alert(db, other_seeker, {"q": "python"})

    assert len(alerts.list_alerts(db, other_seeker)) == 1


def test_a_seeker_keeps_at_most_twenty_alerts(db: Session, seeker: Principal) -> None:
    add(db, *[make_alert(user_id=seeker.user_id, search_criteria={"q": f"skill{i}"}) for i in range(20)])

    with pytest.raises(Conflict) as refused:
        alerts.create_alert(db, seeker, {"q": "one more"})

    assert "20" in refused.value.message
    alerts.delete_alert(db, seeker, alerts.list_alerts(db, seeker)[0].id)
    assert alerts.create_alert(db, seeker, {"q": "one more"}).name == "one more"


# changes


def test_rename_and_frequency_change_keep_the_search(db: Session, seeker: Principal) -> None:
    view = alerts.create_alert(db, seeker, {"q": "python"})

    renamed = alerts.update_alert(db, seeker, view.id, name="Snakes")
    weekly = alerts.update_alert(db, seeker, view.id, frequency="weekly")

    assert (renamed.name, renamed.frequency) == ("Snakes", "daily")
    assert (weekly.name, weekly.frequency, weekly.search_url) == ("Snakes", "weekly", "/jobs?q=python")


def test_pause_and_resume(db: Session, seeker: Principal) -> None:
    view = alerts.create_alert(db, seeker, {"q": "python"})

    assert alerts.set_active(db, seeker, view.id, False).is_active is False
    assert alerts.list_alerts(db, seeker)[0].is_active is False
    assert alerts.set_active(db, seeker, view.id, True).is_active is True


def test_delete_removes_the_alert(db: Session, seeker: Principal) -> None:
    view = alerts.create_alert(db, seeker, {"q": "python"})

    alerts.delete_alert(db, seeker, view.id)

    assert _stored(db, view.id) is None
    with pytest.raises(NotFound):
        alerts.delete_alert(db, seeker, view.id)
