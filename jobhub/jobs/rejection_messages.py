"""The kind words a rejected candidate receives: a few templates the team edits before sending.

A template holds ``{first_name}``, ``{job_title}`` and ``{company_name}``, filled per candidate
by ``mail.fill`` (plain names only, so a typed ``{x.y}`` stays as written). The seeker reads
the message in their mail and on their timeline; the *reason* (one of :data:`REASONS` or a
short text) is for the team and the audit log only, and never leaves the employer side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sqlmodel import Session

from jobhub.auth.people import people_by_id
from jobhub.jobs.models import JobApplication
from jobhub.jobs.pipeline_scope import storable
from jobhub.platform.errors import Invalid
from jobhub.platform.mail import Message, fill

MESSAGE_FIELD: Final = "message"
REASON_FIELD: Final = "reason"
MESSAGE_MAX: Final = 3000
REASON_MAX: Final = 255
SUBJECT: Final = "Your application for {job_title} at {company_name}"

TEMPLATES: Final[dict[str, tuple[str, str]]] = {
    "standard": (
        "Thank you, not this time",
        "Dear {first_name},\n\nthank you for applying for {job_title} at {company_name} and for the "
        "time you gave us. We have decided to continue with other candidates whose experience is "
        "closer to what this role needs right now.\n\nWe wish you every success in your search.",
    ),
    "after_interview": (
        "After an interview",
        "Dear {first_name},\n\nthank you for meeting us about {job_title}. We enjoyed the "
        "conversation, and the decision was not easy: we have offered the role to another "
        "candidate.\n\nWe would be glad to hear from you again when a role fits.",
    ),
    "position_filled": (
        "The position is filled",
        "Dear {first_name},\n\nthank you for your interest in {job_title} at {company_name}. The "
        "position has now been filled, so we are not moving forward with your application.\n\n"
        "Please keep an eye on our other openings.",
    ),
}
DEFAULT_TEMPLATE: Final = "standard"
REASONS: Final[dict[str, str]] = {
    "skills": "Skills or experience do not match",
    "other_candidate": "Another candidate went further",
    "filled": "Position filled",
    "no_show": "Did not attend or reply",
    "other": "Other",
}


@dataclass(frozen=True)
class RejectionLetter:
    """What the team sends: ``message`` (a template, edited) and an internal ``reason`` key or text."""

    message: str
    reason: str = ""

    def checked(self) -> RejectionLetter:
        message = storable(self.message).replace("\r\n", "\n").strip()
        if not message:
            raise Invalid(MESSAGE_FIELD, "Write a message for the candidate, or pick a template.")
        if len(message) > MESSAGE_MAX:
            raise Invalid(MESSAGE_FIELD, f"Keep the message under {MESSAGE_MAX} characters.")
        reason = " ".join(storable(self.reason).split())
        if len(reason) > REASON_MAX:
            raise Invalid(REASON_FIELD, f"Keep the reason under {REASON_MAX} characters.")
        return RejectionLetter(message, REASONS.get(reason, reason))


def template_text(key: str) -> str:
    return TEMPLATES.get(key, TEMPLATES[DEFAULT_TEMPLATE])[1]


def rejection_mail(
    db: Session, application: JobApplication, job_title: str, company_name: str, letter: RejectionLetter
) -> tuple[Message | None, str]:
    """The message as this candidate reads it, and the mail carrying it (``None`` without an address)."""
    person = people_by_id(db, [application.applicant_id]).get(application.applicant_id)
    values = {
        "first_name": (person.first_name if person else "") or "there",
        "job_title": job_title,
        "company_name": company_name,
    }
    text = fill(letter.message, values)
    if person is None:
        return None, text
    return Message(to=person.email, subject=" ".join(fill(SUBJECT, values).split()), text=text), text
