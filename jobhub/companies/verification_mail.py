"""What the requester of a verification hears about the decision: the bell, and a mail.

The mail comes from the notification template ``<kind>.email`` when the reference data has one
(``company_verified``, ``company_verification_refused``, ``company_verification_revoked``) and
otherwise from the texts here, which use the same placeholders. It is built inside the
deciding transaction (the address is read there) and sent by the caller after commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from sqlmodel import Session

from jobhub.auth.recipients import mail_recipients
from jobhub.platform import event_types, mail
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav


@dataclass(frozen=True)
class DecisionTexts:
    template: str
    subject: str
    title: str
    notice: str
    body: str


SIGN_OFF: Final = "\n\n\u2014 The JobHub team"
TEXTS: Final[dict[str, DecisionTexts]] = {
    event_types.COMPANY_VERIFIED: DecisionTexts(
        template="company_verified",
        subject="{company_name} is verified on JobHub",
        title="{company_name} is verified",
        notice="Your company page and every job now carry the verified badge.",
        body=(
            "Hi {first_name},\n\nGood news: we verified {company_name}. Your company page and every "
            "job you post now carry the verified badge.\n\nYour employer home: {employer_url}"
        ),
    ),
    event_types.COMPANY_VERIFICATION_REFUSED: DecisionTexts(
        template="company_verification_refused",
        subject="We could not verify {company_name} yet",
        title="{company_name} was not verified",
        notice="Reason: {reason}. You can ask again.",
        body=(
            "Hi {first_name},\n\nWe could not verify {company_name} this time.\n\nReason: {reason}"
            "\n\nYou can ask again with a work email address or documents: {employer_url}"
        ),
    ),
    event_types.COMPANY_VERIFICATION_REVOKED: DecisionTexts(
        template="company_verification_revoked",
        subject="The verified badge of {company_name} was removed",
        title="{company_name} is no longer verified",
        notice="Reason: {reason}. You can ask again.",
        body=(
            "Hi {first_name},\n\nAn administrator removed the verified badge of {company_name}."
            "\n\nReason: {reason}\n\nYou can ask again once that is resolved: {employer_url}"
        ),
    ),
}


def _values(company_name: str, reason: str | None, first_name: str = "") -> dict[str, str]:
    return {
        "company_name": company_name,
        "reason": (reason or "").rstrip("."),
        "first_name": first_name or "there",
        "employer_url": f"{get_settings().public_url.rstrip('/')}{nav.EMPLOYER_DASHBOARD}",
    }


def decision_notice(kind: str, company_name: str, reason: str | None) -> tuple[str, str]:
    """The in-app notification's title and text."""
    texts, values = TEXTS[kind], _values(company_name, reason)
    return mail.fill(texts.title, values), mail.fill(texts.notice, values)


def decision_mail(
    db: Session, user_id: uuid.UUID, kind: str, company_name: str, reason: str | None
) -> mail.Message | None:
    """The mail to the requester, or ``None`` when their account can no longer be mailed."""
    recipient = mail_recipients(db, [user_id]).get(user_id)
    if recipient is None:
        return None
    texts = TEXTS[kind]
    return mail.from_template(
        db,
        texts.template,
        recipient.email,
        _values(company_name, reason, recipient.first_name),
        fallback_subject=texts.subject,
        fallback_text=texts.body + SIGN_OFF,
    )


def send_decision_mail(message: mail.Message | None) -> None:
    """Send once the decision is committed; a failure is logged (the bell already told them)."""
    mail.send_after_commit(message)
