"""Session lifetimes (remember me, sliding, the cap) and the user's own list of devices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import sessions_service
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.login import login
from jobhub.auth.models import AuthSession, User, UserStatus
from jobhub.auth.passwords import hash_password
from jobhub.auth.principal import SLIDE_EVERY, Principal, hash_session_token, resolve_principal
from jobhub.auth.session_tokens import REMEMBERED_SESSION, STANDARD_SESSION, issue_session
from jobhub.platform.errors import Conflict, NotFound
from tests.auth.support import audit_actions
from tests.factories import add, make_user

PASSWORD = "correct horse battery staple"
CONTEXT = RequestContext.of("198.51.100.4", "pytest")
CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)


def _user(db: Session) -> User:
    user = make_user(password_hash=hash_password(PASSWORD))
    add(db, user)
    return user


def _row(db: Session, token: str) -> AuthSession:
    return db.scalars(select(AuthSession).where(AuthSession.token_hash == hash_session_token(token))).one()


def _signed_in(
    db: Session, user: User, agent: str = CHROME_LINUX, now: datetime | None = None
) -> tuple[str, Principal]:
    token = issue_session(db, user.id, user_agent=agent, ip_address="192.0.2.10", now=now)
    principal = resolve_principal(db, token, now=now)
    assert principal is not None
    return token, principal


def test_without_remember_me_the_cookie_ends_with_the_browser_and_the_session_after_12_idle_hours(
    db: Session,
) -> None:
    user = _user(db)
    now = datetime.now(UTC)

    result = login(db, user.email, PASSWORD, remember=False, now=now)

    row = _row(db, result.token)
    assert result.max_age_seconds is None
    assert row.expires_at == now + STANDARD_SESSION.idle
    assert row.absolute_expires_at == now + STANDARD_SESSION.absolute


def test_remember_me_keeps_a_14_day_cookie_capped_at_30_days(db: Session) -> None:
    user = _user(db)
    now = datetime.now(UTC)

    result = login(db, user.email, PASSWORD, remember=True, now=now)

    row = _row(db, result.token)
    assert result.max_age_seconds == 14 * 24 * 3600
    assert row.expires_at == now + timedelta(days=14)
    assert row.absolute_expires_at == now + timedelta(days=30)


def test_a_session_in_use_slides_but_not_on_every_event(db: Session) -> None:
    user = _user(db)
    start = datetime.now(UTC)
    token, _ = _signed_in(db, user, now=start)

    resolve_principal(db, token, now=start + SLIDE_EVERY / 2)
    db.expire_all()
    assert _row(db, token).last_accessed_at == start

    later = start + timedelta(days=3)
    resolve_principal(db, token, now=later)
    db.expire_all()
    row = _row(db, token)
    assert row.last_accessed_at == later
    assert row.expires_at == later + REMEMBERED_SESSION.idle


def test_sliding_never_passes_the_absolute_cap(db: Session) -> None:
    user = _user(db)
    start = datetime.now(UTC)
    token, _ = _signed_in(db, user, now=start)
    moment = start
    for _ in range(2):
        moment += timedelta(days=13)
        assert resolve_principal(db, token, now=moment) is not None
        db.expire_all()

    assert _row(db, token).expires_at == start + REMEMBERED_SESSION.absolute
    assert (
        resolve_principal(db, token, now=start + REMEMBERED_SESSION.absolute + timedelta(seconds=1)) is None
    )


def test_an_idle_standard_session_expires(db: Session) -> None:
    user = _user(db)
    start = datetime.now(UTC)
    token = issue_session(db, user.id, policy=STANDARD_SESSION, now=start)

    assert resolve_principal(db, token, now=start + timedelta(hours=13)) is None


def test_a_suspended_user_is_anonymous_even_with_a_live_session(db: Session) -> None:
    user = _user(db)
    token, _ = _signed_in(db, user)
    user.status = UserStatus.SUSPENDED
    db.add(user)
    db.flush()

    assert resolve_principal(db, token) is None


def test_the_list_shows_this_device_first_and_names_browsers_without_hashes(db: Session) -> None:
    user = _user(db)
    start = datetime.now(UTC)
    _signed_in(db, user, SAFARI_IPHONE, now=start - timedelta(hours=1))
    token, me = _signed_in(db, user, CHROME_LINUX, now=start - timedelta(hours=2))

    views = sessions_service.list_sessions(db, me)

    assert [v.is_current for v in views] == [True, False]
    assert (views[0].browser, views[0].system, views[0].kind) == ("Chrome", "Linux", "Computer")
    assert (views[1].browser, views[1].system, views[1].kind) == ("Safari", "iOS", "Phone")
    assert hash_session_token(token) not in repr(views)


def test_revoking_another_device_signs_it_out_at_once_and_is_audited(db: Session) -> None:
    user = _user(db)
    other_token, other = _signed_in(db, user)
    _, me = _signed_in(db, user)

    sessions_service.revoke_session(db, me, str(other.session_id), CONTEXT)

    assert resolve_principal(db, other_token) is None
    actions = audit_actions(db, user.id)
    assert AuditAction.SESSION_REVOKED in actions


def test_this_device_cannot_be_revoked_from_the_list(db: Session) -> None:
    user = _user(db)
    token, me = _signed_in(db, user)

    with pytest.raises(Conflict):
        sessions_service.revoke_session(db, me, str(me.session_id), CONTEXT)

    assert resolve_principal(db, token) is not None


def test_someone_elses_session_id_is_not_found_and_stays_signed_in(db: Session) -> None:
    victim, attacker = _user(db), _user(db)
    victim_token, victim_principal = _signed_in(db, victim)
    _, me = _signed_in(db, attacker)

    with pytest.raises(NotFound):
        sessions_service.revoke_session(db, me, str(victim_principal.session_id), CONTEXT)

    assert resolve_principal(db, victim_token) is not None


@pytest.mark.parametrize("bad_id", ["", "not-a-uuid", "00000000-0000-0000-0000-000000000000", "x" * 5000])
def test_malformed_or_unknown_ids_are_not_found(db: Session, bad_id: str) -> None:
    user = _user(db)
    _, me = _signed_in(db, user)

    with pytest.raises(NotFound):
        sessions_service.revoke_session(db, me, bad_id, CONTEXT)


def test_signing_out_all_others_keeps_this_device_and_spares_other_users(db: Session) -> None:
    user, stranger = _user(db), _user(db)
    others = [_signed_in(db, user)[0] for _ in range(3)]
    stranger_token, _ = _signed_in(db, stranger)
    mine, me = _signed_in(db, user)

    ended = sessions_service.revoke_other_sessions(db, me, CONTEXT)

    assert ended == 3
    assert all(resolve_principal(db, token) is None for token in others)
    assert resolve_principal(db, mine) is not None
    assert resolve_principal(db, stranger_token) is not None
    assert sessions_service.revoke_other_sessions(db, me, CONTEXT) == 0


@pytest.mark.parametrize(
    ("agent", "expected"),
    [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131 Safari/537.36 Edg/131",
            "Edge",
        ),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0", "Firefox"),
        ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131 Mobile Safari/537.36", "Chrome"),
        ("", "Unknown"),
    ],
)
def test_user_agents_are_named_by_browser_family(agent: str, expected: str) -> None:
    assert sessions_service.describe_user_agent(agent).browser == expected
