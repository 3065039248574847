"""An interview as a calendar invitation: the ``.ics`` file and the mail that carries it.

Calendars match updates by ``UID`` and order them by ``SEQUENCE``: the UID is the interview's
id (stable across reschedules), the sequence its ``ics_sequence`` (grown by every change), and
a cancellation is the same event with ``METHOD:CANCEL``. Times are written in UTC, so no
time-zone table has to travel with the file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parseaddr
from typing import Final

from icalendar import Calendar, Event, vCalAddress, vText

from jobhub.jobs.application_models import ApplicationInterview, InterviewStatus
from jobhub.platform.mail import Attachment, Message
from jobhub.settings import get_settings

PRODUCT: Final = "-//JobHub//Interviews//EN"
UID_DOMAIN: Final = "jobhub.local"


def interview_uid(interview: ApplicationInterview) -> str:
    return f"interview-{interview.id}@{UID_DOMAIN}"


def when_text(interview: ApplicationInterview) -> str:
    start, end = interview.starts_at.astimezone(UTC), interview.ends_at.astimezone(UTC)
    return f"{start:%A %d %B %Y, %H:%M} to {end:%H:%M} UTC"


def invitation_ics(
    interview: ApplicationInterview, title: str, organizer: str, attendee: str, *, now: datetime | None = None
) -> bytes:
    """The ``.ics`` for the interview as it now stands (``REQUEST``, or ``CANCEL`` once cancelled)."""
    cancelled = interview.status == InterviewStatus.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", interview_uid(interview))
    event.add("sequence", interview.ics_sequence)
    event.add("dtstamp", (now or datetime.now(UTC)).astimezone(UTC))
    event.add("dtstart", interview.starts_at.astimezone(UTC))
    event.add("dtend", interview.ends_at.astimezone(UTC))
    event.add("summary", title)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if interview.location:
        event.add("location", interview.location)
    if interview.meeting_url:
        event.add("url", interview.meeting_url)
    if interview.details or interview.meeting_url:
        event.add("description", "\n\n".join(filter(None, [interview.details, interview.meeting_url])))
    event.add("organizer", vCalAddress(f"mailto:{organizer}"))
    guest = vCalAddress(f"mailto:{attendee}")
    guest.params["ROLE"] = vText("REQ-PARTICIPANT")
    guest.params["RSVP"] = vText("TRUE")
    event.add("attendee", guest)
    calendar.add_component(event)
    return calendar.to_ical()


def invitation_mail(
    interview: ApplicationInterview, job_title: str, company_name: str, to: str, first_name: str
) -> Message:
    """The seeker's mail about a new, moved or cancelled interview, with its ``.ics``."""
    cancelled = interview.status == InterviewStatus.CANCELLED
    title = f"Interview: {job_title} at {company_name}"
    where = interview.location or interview.meeting_url or "to be confirmed"
    if cancelled:
        subject = f"Cancelled: {title}"
        text = (
            f"Dear {first_name or 'there'},\n\nthe interview for {job_title} at {company_name} on "
            f"{when_text(interview)} is cancelled. The team will be in touch about what comes next."
        )
    else:
        subject = f"{'Updated' if interview.ics_sequence else 'Invitation'}: {title}"
        text = (
            f"Dear {first_name or 'there'},\n\n"
            f"{company_name} invites you to an interview for {job_title}.\n\n"
            f"When: {when_text(interview)}\nWhere: {where}\n"
            + (f"\n{interview.details}\n" if interview.details else "")
            + "\nThe attached invitation adds it to your calendar."
        )
    organizer = parseaddr(get_settings().mail_from)[1]
    ics = invitation_ics(interview, title, organizer, to)
    method = "CANCEL" if cancelled else "REQUEST"
    attachment = Attachment("invite.ics", ics, "text", "calendar", (("method", method), ("charset", "utf-8")))
    return Message(to=to, subject=subject, text=text, attachments=(attachment,))
