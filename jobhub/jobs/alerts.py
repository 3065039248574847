"""Job alerts: a seeker's saved search that mails new matches (the digest is ``alert_digest``).

Only job seekers keep alerts, and every function starts from :func:`readable`, the seeker's
own alerts: another user's alert id is ``NotFound``, exactly like an id that never existed.
An alert stores its search as ``SearchParams.to_query()`` without ``page`` and ``sort`` (they
change nothing about which jobs match), so two alerts on the same search compare equal in
JSONB and the second is refused as a duplicate.

The one-click unsubscribe link in every digest is a signed token for the alert (purpose
``UNSUBSCRIBE``, bound to the alert's owner too); it needs no session, because mail
clients post it without one (RFC 8058). It pauses the alert, which the seeker can resume.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final
from urllib.parse import urlencode

from sqlalchemy import Select, func, select, text
from sqlmodel import Session

from jobhub.auth.authorization import require_user_type
from jobhub.auth.models import UserType
from jobhub.auth.principal import Principal
from jobhub.jobs.models import SENDING_FREQUENCIES, AlertFrequency, JobSearchAlert
from jobhub.jobs.search_params import SearchParams
from jobhub.platform import signed_links
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.platform.signed_links import LinkExpired, LinkInvalid, LinkPurpose
from jobhub.settings import get_settings

MAX_ALERTS_PER_SEEKER: Final = 20
NAME_MAX: Final = 100
UNSUBSCRIBE_PATH: Final = "/alerts/unsubscribe"
UNSUBSCRIBE_LIFETIME: Final = timedelta(days=90)
"""Long enough for an old digest in the inbox to still stop its alert; each digest brings a new link."""
NOT_IN_CRITERIA: Final = ("page", "sort")

FREQUENCY_LABELS: Final[dict[str, str]] = {
    AlertFrequency.IMMEDIATE: "As jobs are posted",
    AlertFrequency.DAILY: "Daily",
    AlertFrequency.WEEKLY: "Weekly",
}
NOT_FOUND_MESSAGE: Final = "That alert does not exist, or it is not yours."
EMPTY_SEARCH: Final = "Add a keyword or a filter first: an alert on every new job would flood your inbox."
UNSUBSCRIBE_INVALID: Final = "This unsubscribe link is not valid. Manage your alerts on the alerts page."
UNSUBSCRIBE_EXPIRED: Final = "This unsubscribe link has expired. Manage your alerts on the alerts page."


@dataclass(frozen=True)
class AlertView:
    """What the alerts page shows of one alert; ``search_url`` opens its search."""

    id: str
    name: str
    summary: str
    frequency: str
    frequency_label: str
    is_active: bool
    last_sent_at: datetime | None
    new_job_count: int
    search_url: str
    created_at: datetime


@dataclass(frozen=True)
class Unsubscribed:
    """The alert a link paused, for the confirmation page."""

    name: str
    was_active: bool


def _seeker(principal: Principal | None) -> Principal:
    return require_user_type(principal, UserType.JOB_SEEKER)


def readable(principal: Principal) -> Select[tuple[JobSearchAlert]]:
    """The alerts ``principal`` may read and change: their own."""
    return select(JobSearchAlert).where(JobSearchAlert.user_id == principal.user_id)


def params_of(alert: JobSearchAlert) -> SearchParams:
    return SearchParams.from_query(alert.search_criteria or {})


def criteria_of(params: SearchParams) -> dict[str, str]:
    """What an alert stores of a search: the matching keys, canonical, without page and sort."""
    return {key: value for key, value in params.to_query().items() if key not in NOT_IN_CRITERIA}


def view_of(alert: JobSearchAlert) -> AlertView:
    params = params_of(alert)
    return AlertView(
        id=str(alert.id),
        name=alert.name,
        summary=params.describe(),
        frequency=alert.frequency,
        frequency_label=FREQUENCY_LABELS.get(alert.frequency, alert.frequency),
        is_active=alert.is_active,
        last_sent_at=alert.last_sent_at,
        new_job_count=alert.job_count_since_last_sent,
        search_url=params.to_url(),
        created_at=alert.created_at,
    )


def clean_name(value: str | None, default: str) -> str:
    """One line of at most ``NAME_MAX`` characters; blank means the search's own summary."""
    name = " ".join("".join(ch for ch in (value or "") if ch.isprintable()).split())
    if not name:
        return default[:NAME_MAX]
    if len(name) > NAME_MAX:
        raise Invalid("name", f"Keep the name to {NAME_MAX} characters or fewer.")
    return name


def clean_frequency(value: str) -> str:
    if value not in SENDING_FREQUENCIES:
        raise Invalid("frequency", "Choose how often to mail: as jobs are posted, daily or weekly.")
    return str(value)


def _parse_id(alert_id: str | uuid.UUID) -> uuid.UUID | None:
    try:
        return alert_id if isinstance(alert_id, uuid.UUID) else uuid.UUID(str(alert_id))
    except ValueError:
        return None


def _own(db: Session, principal: Principal, alert_id: str | uuid.UUID) -> JobSearchAlert:
    key = _parse_id(alert_id)
    alert = (
        db.scalars(readable(principal).where(JobSearchAlert.id == key).with_for_update()).one_or_none()
        if key
        else None
    )
    if alert is None:
        raise NotFound(NOT_FOUND_MESSAGE)
    return alert


def _lock_seeker_alerts(db: Session, user_id: uuid.UUID) -> None:
    """Serialise creations per seeker, so two tabs cannot pass the limit or the duplicate check."""
    db.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": f"alerts:{user_id}"})


def list_alerts(db: Session, principal: Principal | None) -> list[AlertView]:
    """The seeker's alerts, newest first."""
    who = _seeker(principal)
    rows = db.scalars(readable(who).order_by(JobSearchAlert.created_at.desc(), JobSearchAlert.id))
    return [view_of(alert) for alert in rows]


def create_alert(
    db: Session,
    principal: Principal | None,
    query: Mapping[str, Any],
    *,
    name: str | None = None,
    frequency: str = AlertFrequency.DAILY,
) -> AlertView:
    """An alert on the search ``query`` (URL parameters, read as ``SearchParams.from_query``)."""
    who = _seeker(principal)
    params = SearchParams.from_query(query)
    criteria = criteria_of(params)
    if not criteria:
        raise Invalid("criteria", EMPTY_SEARCH)
    clean = clean_name(name, params.describe())
    chosen = clean_frequency(frequency)
    _lock_seeker_alerts(db, who.user_id)
    count = db.scalar(select(func.count()).select_from(readable(who).subquery())) or 0
    if count >= MAX_ALERTS_PER_SEEKER:
        raise Conflict(
            f"You already have {MAX_ALERTS_PER_SEEKER} alerts, the most an account can keep. "
            "Delete one to add another."
        )
    same = db.scalars(readable(who).where(JobSearchAlert.search_criteria == criteria)).first()
    if same is not None:
        raise Conflict(f'Your alert "{same.name}" already watches this search.')
    alert = JobSearchAlert(user_id=who.user_id, name=clean, search_criteria=criteria, frequency=chosen)
    db.add(alert)
    db.flush()
    return view_of(alert)


def update_alert(
    db: Session,
    principal: Principal | None,
    alert_id: str | uuid.UUID,
    *,
    name: str | None = None,
    frequency: str | None = None,
) -> AlertView:
    """Rename and/or change how often; ``None`` leaves that part as it is."""
    who = _seeker(principal)
    alert = _own(db, who, alert_id)
    if name is not None:
        alert.name = clean_name(name, params_of(alert).describe())
    if frequency is not None:
        alert.frequency = clean_frequency(frequency)
    db.add(alert)
    db.flush()
    return view_of(alert)


def set_active(
    db: Session, principal: Principal | None, alert_id: str | uuid.UUID, active: bool
) -> AlertView:
    """Pause (no mail) or resume; a resumed alert mails what was posted since its last mail."""
    who = _seeker(principal)
    alert = _own(db, who, alert_id)
    alert.is_active = bool(active)
    db.add(alert)
    db.flush()
    return view_of(alert)


def delete_alert(db: Session, principal: Principal | None, alert_id: str | uuid.UUID) -> None:
    """Gone for good, with its delivery records (the foreign key cascades)."""
    who = _seeker(principal)
    db.delete(_own(db, who, alert_id))
    db.flush()


def unsubscribe_token(alert: JobSearchAlert) -> str:
    return signed_links.issue(LinkPurpose.UNSUBSCRIBE, alert.id, extra={"u": str(alert.user_id)}).token


def unsubscribe_url(alert: JobSearchAlert) -> str:
    """The link in the mail and in ``List-Unsubscribe``: the backend's plain HTTP route.

    It is the API origin, not the public site, because the route is plain HTTP that must
    answer a mail client's POST; served from one port, the two are the same.
    """
    query = urlencode({"token": unsubscribe_token(alert)})
    return f"{get_settings().api_url.rstrip('/')}{UNSUBSCRIBE_PATH}?{query}"


def _alert_of_link(db: Session, token: str, now: datetime) -> JobSearchAlert:
    try:
        claim = signed_links.read(token, LinkPurpose.UNSUBSCRIBE, UNSUBSCRIBE_LIFETIME, now=now)
    except LinkExpired as exc:
        raise Invalid("token", UNSUBSCRIBE_EXPIRED) from exc
    except LinkInvalid as exc:
        raise Invalid("token", UNSUBSCRIBE_INVALID) from exc
    key = _parse_id(claim.subject)
    alert = db.scalars(select(JobSearchAlert).where(JobSearchAlert.id == key).with_for_update()).one_or_none()
    if alert is None or claim.extra.get("u") != str(alert.user_id):
        raise Invalid("token", UNSUBSCRIBE_INVALID)
    return alert


def alert_of_unsubscribe_link(db: Session, token: str, *, now: datetime | None = None) -> Unsubscribed:
    """What the link would stop (for the confirm page); changes nothing."""
    alert = _alert_of_link(db, token, now or datetime.now(UTC))
    return Unsubscribed(name=alert.name, was_active=alert.is_active)


def unsubscribe(db: Session, token: str, *, now: datetime | None = None) -> Unsubscribed:
    """Pause the link's alert; ``Invalid`` for a bad, expired or orphaned link. Idempotent."""
    alert = _alert_of_link(db, token, now or datetime.now(UTC))
    was_active = alert.is_active
    alert.is_active = False
    db.add(alert)
    db.flush()
    return Unsubscribed(name=alert.name, was_active=was_active)
