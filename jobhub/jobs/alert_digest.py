"""Job alert digests: one mail per due alert with the jobs it has not mailed before.

The worker runs :func:`send_due_alerts` every five minutes. An alert is due when it is
active and ``immediate`` (every run), or never sent, or last sent a day (``daily``) or a
week (``weekly``) ago. Its new jobs are the open matches of its search published since its
watermark (``last_sent_at``, else ``created_at``) minus ``LOOKBACK`` (a job whose publishing
committed a little late still reaches the next mail), minus every job that alert has mailed:
``job_alert_deliveries`` remembers those, under a primary key, so no alert mails a job twice.

**Commit, then send.** Per alert, one transaction locks the alert row (``SKIP LOCKED``: two
workers never work on one alert), records the deliveries, advances the watermark and sets
``job_count_since_last_sent``, and commits; the mail goes out after. Sending first would mail
twice whenever the commit failed afterwards (a crash, a lost connection): the next run would
find the same jobs undelivered. Committing first means a crash between commit and send loses
that one digest instead, which is the better failure for a mail people can unsubscribe from.
When the mail server refuses, the run takes the commit back (deletes those deliveries, puts
the watermark back) so the next run tries again.

A run with no new jobs sends nothing but still advances the watermark. So does a run for a
seeker who turned e-mail or job alerts off (``notifications`` preferences) or whose account
can no longer be mailed: turning mail back on does not bring a flood of old jobs.
"""

from __future__ import annotations

import html
import logging
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, and_, delete, func, or_, select
from sqlmodel import Session

from jobhub.auth.recipients import MailRecipient, mail_recipients
from jobhub.jobs.alerts import params_of, unsubscribe_url
from jobhub.jobs.models import AlertFrequency, JobAlertDelivery, JobSearchAlert
from jobhub.jobs.search import JobHit, new_matches
from jobhub.jobs.search_params import SortOrder
from jobhub.notifications.service import wants_job_alert_mail
from jobhub.platform import mail
from jobhub.platform.db import session_scope
from jobhub.platform.mail import MailError, Message, Rendered
from jobhub.platform.tasks import app
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

log = logging.getLogger(__name__)

DIGEST_CRON: Final = "*/5 * * * *"
DIGEST_LIMIT: Final = 50
LOOKBACK: Final = timedelta(minutes=10)
"""Far longer than a publishing transaction takes; each minute more is re-read (and skipped) every run."""
INTERVALS: Final[dict[str, timedelta]] = {
    AlertFrequency.DAILY: timedelta(days=1),
    AlertFrequency.WEEKLY: timedelta(days=7),
}
TEMPLATE: Final = "job_alert_digest"
FALLBACK_SUBJECT: Final = '{job_count} new jobs for "{alert_name}"'
FALLBACK_TEXT: Final = (
    'Hi {first_name},\n\nThese jobs matching "{alert_name}" were posted since your last alert:\n\n'
    "{jobs_summary}\n\nSee all {job_count} new jobs: {alert_url}\n\n— The JobHub team\n\n"
    "Stop this alert with one click: {unsubscribe_url}\n"
    "You can change which e-mails you get at {preferences_url}."
)


@dataclass(frozen=True)
class Digest:
    """What one alert's run committed: enough to send the mail, or to take the run back."""

    alert_id: uuid.UUID
    message: Message | None
    job_ids: tuple[uuid.UUID, ...]
    previous_sent_at: datetime | None
    previous_count: int


def is_due(now: datetime) -> ColumnElement[bool]:
    """Active, and immediate, never sent, or last sent at least its interval before ``now``."""
    waited = [
        and_(JobSearchAlert.frequency == frequency, JobSearchAlert.last_sent_at <= now - interval)
        for frequency, interval in INTERVALS.items()
    ]
    return and_(
        JobSearchAlert.is_active.is_(True),
        or_(
            JobSearchAlert.frequency == AlertFrequency.IMMEDIATE,
            JobSearchAlert.last_sent_at.is_(None),
            *waited,
        ),
    )


def due_alert_ids(db: Session, now: datetime) -> list[uuid.UUID]:
    return list(db.scalars(select(JobSearchAlert.id).where(is_due(now)).order_by(JobSearchAlert.id)))


def _site(path: str) -> str:
    return f"{get_settings().public_url.rstrip('/')}{path}"


def _job_line(hit: JobHit) -> tuple[str, str, str]:
    """A job's title, details line and link."""
    place = hit.location or hit.remote_label
    details = " · ".join(part for part in (hit.company_name, place, hit.salary) if part)
    return hit.title, details, _site(f"{nav.JOBS}/{hit.slug}")


def jobs_summary(hits: list[JobHit]) -> Rendered:
    """The job list: a title, company, place, pay and link per job, as text and as HTML links."""
    lines = [_job_line(hit) for hit in hits]
    text = "\n\n".join(f"- {title}\n  {details}\n  {url}" for title, details, url in lines)
    markup = "<br><br>".join(
        f'<a href="{html.escape(url)}"><strong>{html.escape(title)}</strong></a><br>{html.escape(details)}'
        for title, details, url in lines
    )
    return Rendered(text=text, html=markup)


def digest_message(
    db: Session, alert: JobSearchAlert, recipient: MailRecipient, hits: list[JobHit]
) -> Message:
    """The digest mail, from the ``job_alert_digest`` template, with one-click unsubscribe headers."""
    search = params_of(alert).with_changes(sort=SortOrder.DATE)
    stop_url = unsubscribe_url(alert)
    message = mail.from_template(
        db,
        TEMPLATE,
        recipient.email,
        {
            "first_name": recipient.first_name,
            "alert_name": alert.name,
            "job_count": len(hits),
            "jobs_summary": jobs_summary(hits),
            "alert_url": _site(search.to_url()),
            "unsubscribe_url": stop_url,
            "preferences_url": _site(nav.ALERTS),
        },
        fallback_subject=FALLBACK_SUBJECT,
        fallback_text=FALLBACK_TEXT,
    )
    headers = (("List-Unsubscribe", f"<{stop_url}>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
    return replace(message, headers=headers)


def _unmailed(db: Session, alert: JobSearchAlert, now: datetime) -> list[JobHit]:
    """New open matches since the watermark that this alert has not mailed, newest first."""
    after = (alert.last_sent_at - LOOKBACK) if alert.last_sent_at else alert.created_at
    # A mailed job in the window was mailed after it was published, so after ``after``:
    # fetching that many more keeps DIGEST_LIMIT new jobs after they are taken out.
    mailed_recently = db.scalar(
        select(func.count())
        .select_from(JobAlertDelivery)
        .where(JobAlertDelivery.alert_id == alert.id, JobAlertDelivery.sent_at >= after)
    )
    hits = new_matches(
        db, params_of(alert), published_after=after, limit=DIGEST_LIMIT + (mailed_recently or 0), now=now
    )
    if not hits:
        return []
    mailed = set(
        db.scalars(
            select(JobAlertDelivery.job_id).where(
                JobAlertDelivery.alert_id == alert.id,
                JobAlertDelivery.job_id.in_([uuid.UUID(hit.id) for hit in hits]),
            )
        )
    )
    return [hit for hit in hits if uuid.UUID(hit.id) not in mailed][:DIGEST_LIMIT]


def prepare_digest(db: Session, alert_id: uuid.UUID, now: datetime) -> Digest | None:
    """Lock the alert, record what it will mail and advance it; ``None`` when another run has it."""
    alert = db.scalars(
        select(JobSearchAlert)
        .where(JobSearchAlert.id == alert_id, is_due(now))
        .with_for_update(skip_locked=True)
    ).one_or_none()
    if alert is None:
        return None
    previous_sent_at, previous_count = alert.last_sent_at, alert.job_count_since_last_sent
    recipient = mail_recipients(db, [alert.user_id]).get(alert.user_id)
    hits = _unmailed(db, alert, now) if recipient and wants_job_alert_mail(db, alert.user_id) else []
    for hit in hits:
        db.add(JobAlertDelivery(alert_id=alert.id, job_id=uuid.UUID(hit.id), sent_at=now))
    alert.last_sent_at = now
    alert.job_count_since_last_sent = len(hits)
    db.add(alert)
    db.flush()
    message = digest_message(db, alert, recipient, hits) if hits and recipient else None
    return Digest(
        alert_id=alert.id,
        message=message,
        job_ids=tuple(uuid.UUID(hit.id) for hit in hits),
        previous_sent_at=previous_sent_at,
        previous_count=previous_count,
    )


def take_back(db: Session, digest: Digest) -> None:
    """Undo a committed run whose mail failed, so the next run mails those jobs again."""
    db.execute(
        delete(JobAlertDelivery).where(
            JobAlertDelivery.alert_id == digest.alert_id, JobAlertDelivery.job_id.in_(digest.job_ids)
        )
    )
    alert = db.get(JobSearchAlert, digest.alert_id, with_for_update=True)
    if alert is not None:
        alert.last_sent_at = digest.previous_sent_at
        alert.job_count_since_last_sent = digest.previous_count
        db.add(alert)
    db.commit()


def send_due_alerts(db: Session, now: datetime) -> int:
    """Run every due alert, one committed transaction each; how many mails went out."""
    sent = 0
    due = due_alert_ids(db, now)
    db.commit()
    for alert_id in due:
        digest = prepare_digest(db, alert_id, now)
        db.commit()
        if digest is None or digest.message is None:
            continue
        try:
            mail.send(digest.message)
        except MailError:
            log.exception("job alert %s: the digest could not be sent; the next run tries again", alert_id)
            take_back(db, digest)
            continue
        sent += 1
    return sent


@app.periodic(cron=DIGEST_CRON)
@app.task(name="send_job_alerts", queueing_lock="send_job_alerts", pass_context=False)
def send_job_alerts(timestamp: int) -> int:
    """The worker's entry point: due alerts as of the scheduled minute (so intervals do not drift)."""
    with session_scope() as db:
        return send_due_alerts(db, datetime.fromtimestamp(timestamp, UTC))
