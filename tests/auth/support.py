"""Accounts and what they left behind, for the auth tests.

Tests that go through the routes or the Reflex handlers need committed users: those open their
own transactions, so their users cannot live in the rolled-back ``db`` session. They are added
in a ``session_scope`` and removed by ``delete_users`` afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pyotp
from sqlalchemy import Engine, select, text
from sqlmodel import Session

from jobhub.auth import mfa
from jobhub.auth.audit import RequestContext
from jobhub.auth.models import AuditLog, DomainEvent, User
from jobhub.auth.passwords import hash_password
from jobhub.auth.principal import Principal, hash_session_token

_DELETE_USERS = (
    "DELETE FROM auth.audit_logs WHERE user_id = ANY(:ids)",
    "DELETE FROM auth.outbox_events WHERE aggregate_id = ANY(:ids)",
    "DELETE FROM auth.domain_events WHERE aggregate_id = ANY(:ids)",
    "DELETE FROM auth.sessions WHERE user_id = ANY(:ids)",
    "DELETE FROM auth.users WHERE id = ANY(:ids)",
)


def add_seeker(
    db: Session, email: str, first_name: str, last_name: str, *, password: str | None = None
) -> User:
    """A job seeker (without a password when none is given), flushed so it has its id."""
    user = User(
        email=email,
        password_hash=hash_password(password) if password else None,
        first_name=first_name,
        last_name=last_name,
        user_type="job_seeker",
    )
    db.add(user)
    db.flush()
    return user


def enrol_mfa(db: Session, user: User, context: RequestContext | None = None) -> tuple[str, list[str]]:
    """Turn MFA on for ``user``; its TOTP secret and backup codes.

    Confirmed with the code of a minute ago, so the current code is still unused.
    """
    who = Principal(user_id=user.id, user_type=str(user.user_type))
    mfa.begin_enrolment(db, who)
    secret = mfa.open_secret(user.mfa_secret) or ""
    earlier = datetime.now(UTC) - timedelta(seconds=60)
    codes = mfa.confirm_enrolment(
        db, who, pyotp.TOTP(secret).at(earlier), context or RequestContext(), now=earlier
    )
    return secret, codes


def secrets_of(
    user: User, password: str, secret: str, codes: Sequence[str], tokens: Sequence[str]
) -> tuple[str, ...]:
    """Every secret of an account with MFA on, raw and as stored: what no page may send the browser."""
    token_forms = [form for token in tokens for form in (token, hash_session_token(token))]
    return (
        password,
        user.password_hash or "",
        secret,
        user.mfa_secret or "",
        *codes,
        *(user.mfa_backup_codes or []),
        *token_forms,
    )


def delete_users(engine: Engine, ids: Sequence[uuid.UUID]) -> None:
    """Remove committed users with their sessions, audit rows and events."""
    with engine.begin() as conn:
        for statement in _DELETE_USERS:
            conn.execute(text(statement), {"ids": list(ids)})


def audit_actions(db: Session, user_id: uuid.UUID) -> list[str]:
    """The audit actions ``user_id`` took, oldest first."""
    query = select(AuditLog.action).where(AuditLog.user_id == user_id).order_by(AuditLog.created_at)
    return list(db.scalars(query))


def event_types_of(db: Session, user_id: uuid.UUID) -> list[str]:
    """The types of the domain events about the user ``user_id``."""
    return list(db.scalars(select(DomainEvent.event_type).where(DomainEvent.aggregate_id == user_id)))
