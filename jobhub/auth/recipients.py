"""Who may be mailed: the address and first name of active accounts, for other contexts' mail.

Contexts that mail a user (job alert digests) know only the user id; they ask here rather
than read ``auth.users``. Suspended, banned, unconfirmed and deleted accounts get no mail,
so they are simply absent from the answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.models import User, UserStatus


@dataclass(frozen=True)
class MailRecipient:
    user_id: uuid.UUID
    email: str
    first_name: str


def mail_recipients(db: Session, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, MailRecipient]:
    """The mailable accounts among ``user_ids``, by id."""
    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return {}
    rows = db.execute(
        select(User.id, User.email, User.first_name).where(
            User.id.in_(ids),
            User.status == UserStatus.ACTIVE,
            User.deleted_at.is_(None),
        )
    ).tuples()
    return {user_id: MailRecipient(user_id, email, first_name) for user_id, email, first_name in rows}


def verified_email(db: Session, user_id: uuid.UUID) -> str | None:
    """The address of an active account whose owner proved it (a confirmed link or a provider's
    word), else ``None``: what a check on the mailbox's domain may trust."""
    return db.execute(
        select(User.email).where(
            User.id == user_id,
            User.status == UserStatus.ACTIVE,
            User.email_verified.is_(True),
            User.deleted_at.is_(None),
        )
    ).scalar_one_or_none()
