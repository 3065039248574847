"""The first administrator: ``python -m jobhub createadmin EMAIL`` creates one or promotes an account.

Nobody can grant the admin role through the site before an admin exists, so this runs with
shell access to the server as its authority: the audit rows it writes have no acting user
and say ``"via": "createadmin"``. A new account starts active and verified (the operator
vouches for the address) under registration's password policy (12 to 128 characters, not a
common password, not the address); an existing account keeps its password and only gains
the role.
"""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass
from datetime import UTC, datetime

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.login import normalise_email
from jobhub.auth.models import AuditSeverity, Role, User, UserRole, UserStatus, UserType
from jobhub.auth.password_policy import MIN_LENGTH, check_password
from jobhub.auth.passwords import hash_password
from jobhub.auth.permissions import RoleName
from jobhub.platform import event_types
from jobhub.platform.db import session_scope
from jobhub.platform.errors import Invalid
from jobhub.platform.events import emit

VIA = "createadmin"


@dataclass(frozen=True)
class AdminOutcome:
    email: str
    created: bool
    granted: bool

    def describe(self) -> str:
        if self.created:
            return f"created administrator {self.email}"
        if self.granted:
            return f"granted the admin role to the existing account {self.email}"
        return f"{self.email} is already an administrator"


def checked_email(email: str) -> str:
    try:
        validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise Invalid("email", f"That is not a valid email address: {exc}") from exc
    return normalise_email(email)


def find_account(db: Session, email: str) -> User | None:
    return db.scalars(select(User).where(User.email == checked_email(email))).one_or_none()


def _grant_admin(db: Session, user: User, now: datetime, *, created: bool) -> bool:
    """True when the grant is new or renewed; a live grant is left alone."""
    role = db.scalars(select(Role).where(Role.name == RoleName.ADMIN)).one()
    grant = db.scalars(
        select(UserRole).where(UserRole.user_id == user.id, UserRole.role_id == role.id).with_for_update()
    ).one_or_none()
    if grant is not None and grant.is_active and (grant.expires_at is None or grant.expires_at > now):
        return False
    if grant is None:
        grant = UserRole(user_id=user.id, role_id=role.id, assigned_at=now)
    grant.is_active, grant.expires_at, grant.assigned_by = True, None, None
    db.add(grant)
    details = {"role": RoleName.ADMIN.value, "via": VIA, "account_created": created}
    audit.record(
        db,
        AuditAction.ROLE_ASSIGNED,
        AuditSeverity.WARN,
        RequestContext(),
        subject_id=user.id,
        details=details,
    )
    emit(db, "auth", "user", user.id, event_types.USER_ROLE_ASSIGNED, details)
    return True


def create_or_promote_admin(
    db: Session, email: str, password: str | None, *, first_name: str = "Admin", last_name: str = "User"
) -> AdminOutcome:
    """Promote the account of ``email`` or create it; ``password`` is needed only to create one."""
    address = checked_email(email)
    now = datetime.now(UTC)
    user = db.scalars(select(User).where(User.email == address).with_for_update()).one_or_none()
    if user is not None:
        if user.deleted_at is not None:
            raise Invalid("email", "That account was deleted; use another address.")
        granted = _grant_admin(db, user, now, created=False)
        db.flush()
        return AdminOutcome(address, created=False, granted=granted)
    if password is None:
        raise Invalid("password", "A new account needs a password.")
    check_password(password, email=address)
    user = User(
        email=address,
        password_hash=hash_password(password),
        first_name=first_name.strip()[:100] or "Admin",
        last_name=last_name.strip()[:100],
        user_type=UserType.ADMIN,
        status=UserStatus.ACTIVE,
        email_verified=True,
    )
    db.add(user)
    db.flush()
    _grant_admin(db, user, now, created=True)
    db.flush()
    return AdminOutcome(address, created=True, granted=True)


def read_new_password(email: str, *, from_stdin: bool) -> str:
    """The first line of stdin (for scripts), or asked twice without echo; registration's policy."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        check_password(password, email=email)
        return password
    password = getpass.getpass(f"Password (at least {MIN_LENGTH} characters): ")
    check_password(password, email=email)
    if getpass.getpass("The same password again: ") != password:
        raise Invalid("password", "The two passwords differ.")
    return password


def run_createadmin(email: str, *, password_stdin: bool, first_name: str, last_name: str) -> AdminOutcome:
    """Ask for a password only when the account has to be created."""
    with session_scope() as db:
        exists = find_account(db, email) is not None
    password = None if exists else read_new_password(checked_email(email), from_stdin=password_stdin)
    with session_scope() as db:
        return create_or_promote_admin(db, email, password, first_name=first_name, last_name=last_name)
