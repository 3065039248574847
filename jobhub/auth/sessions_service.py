"""The signed-in devices of one user: list them, end one, end all the others.

Every query starts from the principal's own sessions (``_own``), so an id from the browser
that belongs to someone else, or to nothing, is ``NotFound`` and changes nothing: ids
cannot be probed. Views carry the row id (to name the session in a revoke) but never the
token hash. Revoking sets ``revoked_at``; ``resolve_principal`` refuses the row on that
browser's very next event.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, select, update
from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuditSeverity, AuthSession
from jobhub.auth.principal import Principal
from jobhub.platform.errors import Conflict, NotFound
from jobhub.platform.event_types import USER_SESSION_REVOKED
from jobhub.platform.events import emit

REVOKED_BY_USER = "revoked_by_user"
SESSION_ID_MAX = 64
UNKNOWN = "Unknown"

_BROWSERS: tuple[tuple[str, str], ...] = (
    (r"Edg(?:e|A|iOS)?/", "Edge"),
    (r"OPR/|Opera", "Opera"),
    (r"SamsungBrowser/", "Samsung Internet"),
    (r"Firefox/|FxiOS/", "Firefox"),
    (r"Chrome/|CriOS/|Chromium/", "Chrome"),
    (r"Safari/", "Safari"),
)
_SYSTEMS: tuple[tuple[str, str], ...] = (
    (r"iPhone|iPad|iPod", "iOS"),
    (r"Android", "Android"),
    (r"CrOS", "ChromeOS"),
    (r"Windows", "Windows"),
    (r"Mac OS X|Macintosh", "macOS"),
    (r"Linux", "Linux"),
)


@dataclass(frozen=True)
class DeviceDescription:
    browser: str
    system: str
    kind: str


@dataclass(frozen=True)
class SessionView:
    """One signed-in device as the security page lists it (plain values, no token hash)."""

    id: str
    browser: str
    system: str
    kind: str
    ip: str
    created_at: datetime
    last_active_at: datetime
    is_current: bool


def describe_user_agent(user_agent: str | None) -> DeviceDescription:
    """Browser, system and device kind from a ``User-Agent``: enough to recognise one's devices.

    A small ordered table rather than a package: order matters (Edge and Opera also say
    "Chrome", Chrome also says "Safari") and only the families people recognise are named.
    """
    agent = (user_agent or "")[:500]
    browser = next((name for pattern, name in _BROWSERS if re.search(pattern, agent)), UNKNOWN)
    system = next((name for pattern, name in _SYSTEMS if re.search(pattern, agent)), UNKNOWN)
    if re.search(r"iPad|Tablet", agent) or (system == "Android" and "Mobile" not in agent):
        kind = "Tablet"
    elif re.search(r"Mobi|iPhone|iPod", agent):
        kind = "Phone"
    elif agent:
        kind = "Computer"
    else:
        kind = UNKNOWN
    return DeviceDescription(browser=browser, system=system, kind=kind)


def _own(principal: Principal, now: datetime) -> Select[tuple[AuthSession]]:
    """The principal's live sessions: the scope every read and revoke starts from."""
    return select(AuthSession).where(
        AuthSession.user_id == principal.user_id,
        AuthSession.is_active.is_(True),
        AuthSession.revoked_at.is_(None),
        AuthSession.expires_at > now,
    )


def list_sessions(db: Session, principal: Principal, *, now: datetime | None = None) -> list[SessionView]:
    """This device first, then the others by last activity."""
    moment = now or datetime.now(UTC)
    rows = db.scalars(_own(principal, moment).order_by(AuthSession.last_accessed_at.desc())).all()
    views = []
    for row in rows:
        device = describe_user_agent(row.user_agent)
        views.append(
            SessionView(
                id=str(row.id),
                browser=device.browser,
                system=device.system,
                kind=device.kind,
                ip=str(row.ip_address) if row.ip_address else "",
                created_at=row.created_at,
                last_active_at=row.last_accessed_at,
                is_current=row.id == principal.session_id,
            )
        )
    return sorted(views, key=lambda view: not view.is_current)


def _parse_id(session_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(session_id)[:SESSION_ID_MAX])
    except ValueError as exc:
        raise NotFound("That session has already ended.") from exc


def _audit_revoked(
    db: Session, principal: Principal, context: RequestContext, ended: list[uuid.UUID], scope: str
) -> None:
    audit.record(
        db,
        AuditAction.SESSION_REVOKED,
        AuditSeverity.INFO,
        context,
        user_id=principal.user_id,
        session_id=principal.session_id,
        details={"sessions": [str(i) for i in ended], "scope": scope},
    )
    emit(
        db,
        "auth",
        "user",
        principal.user_id,
        USER_SESSION_REVOKED,
        {"count": len(ended), "scope": scope},
        user_id=principal.user_id,
        correlation_id=context.correlation_id,
    )
    db.flush()


def _end(db: Session, principal: Principal, ids: list[uuid.UUID], now: datetime) -> None:
    db.execute(
        update(AuthSession)
        .where(AuthSession.id.in_(ids), AuthSession.user_id == principal.user_id)
        .values(is_active=False, revoked_at=now, revoked_by=principal.user_id, revoke_reason=REVOKED_BY_USER)
        .execution_options(synchronize_session=False)
    )


def revoke_session(
    db: Session,
    principal: Principal,
    session_id: str,
    context: RequestContext,
    *,
    now: datetime | None = None,
) -> None:
    """End one of the principal's other sessions; someone else's id is ``NotFound``."""
    moment = now or datetime.now(UTC)
    target = _parse_id(session_id)
    row = db.scalars(_own(principal, moment).where(AuthSession.id == target)).one_or_none()
    if row is None:
        raise NotFound("That session has already ended.")
    if row.id == principal.session_id:
        raise Conflict("This is the device you are using: sign out instead.")
    _end(db, principal, [row.id], moment)
    _audit_revoked(db, principal, context, [row.id], "one")


def revoke_other_sessions(
    db: Session, principal: Principal, context: RequestContext, *, now: datetime | None = None
) -> int:
    """End every session but this one; how many ended (zero writes no audit row)."""
    moment = now or datetime.now(UTC)
    query = _own(principal, moment)
    if principal.session_id is not None:
        query = query.where(AuthSession.id != principal.session_id)
    ids = [row.id for row in db.scalars(query).all()]
    if not ids:
        return 0
    _end(db, principal, ids, moment)
    _audit_revoked(db, principal, context, ids, "others")
    return len(ids)
