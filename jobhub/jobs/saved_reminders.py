"""Saved-job reminders: on its reminder date a saved job becomes an in-app notification, once.

The worker runs ``send_saved_job_reminders`` every morning (UTC); any run catches up on
reminders a stopped worker missed, since "due" means the date has come, not that it is
today. The notification and ``reminded_at`` are written in one transaction, and due rows
are locked with ``SKIP LOCKED``, so two workers (or a retried run) never remind twice.
The task is registered through ``tasks.app``'s ``import_paths``, so this module can import
the queue without the platform importing the jobs context.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Final

from sqlalchemy import select
from sqlmodel import Session

from jobhub.jobs.models import Job, SavedJob
from jobhub.jobs.service import open_job_filter
from jobhub.notifications.service import notify
from jobhub.platform.db import session_scope
from jobhub.platform.tasks import app
from jobhub.ui import navigation as nav

REMINDER_TYPE: Final = "saved_job.reminder"
REMINDER_CRON: Final = "0 7 * * *"
BATCH_SIZE: Final = 500


def _message(open_now: bool) -> str:
    if open_now:
        return "You asked to be reminded about this job today. It is still open."
    return "You asked to be reminded about this job today. It is no longer open; your notes are kept."


def send_due_reminders(db: Session, today: date, *, now: datetime | None = None) -> int:
    """Notify the owner of every saved job whose reminder date is ``today`` or earlier and
    not yet reminded; returns how many reminders were sent."""
    moment = now or datetime.now(UTC)
    sent = 0
    while True:
        batch = db.execute(
            select(SavedJob, Job, open_job_filter(moment).label("open_now"))
            .join(Job, Job.id == SavedJob.job_id)
            .where(SavedJob.reminder_date <= today, SavedJob.reminded_at.is_(None))
            .order_by(SavedJob.reminder_date, SavedJob.id)
            .limit(BATCH_SIZE)
            .with_for_update(of=SavedJob, skip_locked=True)
        ).all()
        for saved, job, open_now in batch:
            notify(
                db,
                saved.user_id,
                REMINDER_TYPE,
                f"Reminder: {job.title}",
                _message(open_now),
                f"{nav.JOBS}/{job.slug}" if open_now else nav.SAVED_JOBS,
            )
            saved.reminded_at = moment
            db.add(saved)
        db.flush()
        sent += len(batch)
        if len(batch) < BATCH_SIZE:
            return sent


@app.periodic(cron=REMINDER_CRON)
@app.task(name="send_saved_job_reminders", queueing_lock="send_saved_job_reminders", pass_context=False)
def send_saved_job_reminders(timestamp: int) -> int:
    """The daily run: the reminders due on the run's UTC date, in one transaction."""
    moment = datetime.fromtimestamp(timestamp, UTC)
    with session_scope() as db:
        return send_due_reminders(db, moment.date(), now=moment)
