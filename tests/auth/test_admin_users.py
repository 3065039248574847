"""User management: every action, its audit row and event, and every refusal."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth import admin_user_actions as actions
from jobhub.auth import admin_users as service
from jobhub.auth.admin_users import UserFilters
from jobhub.auth.audit import RequestContext
from jobhub.auth.authorization import SignInRequired
from jobhub.auth.models import AuditLog, AuthSession, DomainEvent, Role, User, UserRole
from jobhub.auth.passwords import hash_password
from jobhub.auth.principal import Principal, resolve_principal
from jobhub.auth.session_tokens import issue_session
from jobhub.platform.errors import Conflict, Forbidden, Invalid, NotFound
from tests.factories import add, make_user

CONTEXT = RequestContext.of("203.0.113.9", "pytest")
REASON = "Posting scam job offers"


def _grant(db: Session, user: User, role: str, **values: object) -> None:
    role_id = db.scalars(select(Role.id).where(Role.name == role)).one()
    add(db, UserRole(user_id=user.id, role_id=role_id, **values))


def _account(db: Session, role: str | None = None, **overrides: object) -> tuple[User, str]:
    user = make_user(**overrides)
    add(db, user)
    if role:
        _grant(db, user, role)
    return user, issue_session(db, user.id)


def _principal(db: Session, role: str, **overrides: object) -> Principal:
    _user, token = _account(db, role, **overrides)
    principal = resolve_principal(db, token)
    assert principal is not None
    return principal


@pytest.fixture
def admin(db: Session) -> Principal:
    return _principal(db, "admin", user_type="admin", first_name="Ada", last_name="Admin")


@pytest.fixture
def moderator(db: Session) -> Principal:
    return _principal(db, "moderator", user_type="admin")


@pytest.fixture
def seeker_principal(db: Session) -> Principal:
    return _principal(db, "job_seeker")


@pytest.fixture
def target(db: Session) -> tuple[User, str]:
    return _account(db, "job_seeker", first_name="Sam", last_name="Seeker")


def _audit(db: Session, action: str, subject: uuid.UUID) -> list[AuditLog]:
    return list(
        db.scalars(select(AuditLog).where(AuditLog.action == action, AuditLog.resource_id == subject))
    )


def _events(db: Session, event_type: str, subject: uuid.UUID) -> list[DomainEvent]:
    return list(
        db.scalars(
            select(DomainEvent).where(
                DomainEvent.event_type == event_type, DomainEvent.aggregate_id == subject
            )
        )
    )


# listing and search


def test_search_finds_by_part_of_the_email_or_the_name_case_insensitively(
    db: Session, admin: Principal
) -> None:
    marker = uuid.uuid4().hex[:8]
    grace, _ = _account(
        db, email=f"grace.{marker}@example.test", first_name="Grace", last_name=f"Hopper{marker}"
    )
    _account(db, email=f"other.{marker}x@example.test", first_name="Alan", last_name="Turing")

    by_email = service.list_users(db, admin, UserFilters(search=f"GRACE.{marker}"))
    by_name = service.list_users(db, admin, UserFilters(search=f"grace hopper{marker}"))

    assert [row.id for row in by_email.rows] == [grace.id]
    assert [row.id for row in by_name.rows] == [grace.id]


def test_like_wildcards_in_the_search_are_taken_literally(db: Session, admin: Principal) -> None:
    _account(db)

    assert service.list_users(db, admin, UserFilters(search="%")).total == 0
    assert service.list_users(db, admin, UserFilters(search="_")).total == 0


def test_filters_by_type_and_status_and_pages(db: Session, admin: Principal) -> None:
    marker = uuid.uuid4().hex[:8]
    for index in range(service.PAGE_SIZE + 2):
        _account(db, email=f"emp{index}.{marker}@example.test", user_type="employer", status="suspended")
    _account(db, email=f"seek.{marker}@example.test", status="suspended")

    filters = UserFilters(search=marker, user_type="employer", status="suspended")
    first = service.list_users(db, admin, filters)
    second = service.list_users(db, admin, filters, page=2)
    beyond = service.list_users(db, admin, filters, page=99)

    assert first.total == service.PAGE_SIZE + 2 and first.page_count == 2
    assert len(first.rows) == service.PAGE_SIZE and len(second.rows) == 2
    assert {row.user_type for row in first.rows + second.rows} == {"employer"}
    assert beyond.page == 2


@pytest.mark.parametrize("filters", [UserFilters(user_type="root"), UserFilters(status="gone")])
def test_an_unknown_filter_value_is_invalid(db: Session, admin: Principal, filters: UserFilters) -> None:
    with pytest.raises(Invalid):
        service.list_users(db, admin, filters)


def test_deleted_accounts_are_neither_listed_nor_found(db: Session, admin: Principal) -> None:
    marker = uuid.uuid4().hex[:8]
    gone, _ = _account(db, email=f"gone.{marker}@example.test", deleted_at=datetime.now(UTC))

    assert service.list_users(db, admin, UserFilters(search=marker)).total == 0
    with pytest.raises(NotFound):
        service.user_detail(db, admin, gone.id)


# the detail panel


def test_the_detail_shows_roles_sessions_mfa_and_the_audit_trail(
    db: Session, admin: Principal, target: tuple[User, str]
) -> None:
    user, _ = target
    issue_session(db, user.id)
    expires = datetime.now(UTC) + timedelta(days=7)
    actions.assign_role(db, admin, user.id, "premium_job_seeker", CONTEXT, expires_at=expires)

    detail = service.user_detail(db, admin, user.id)

    assert detail.email == user.email and detail.name == "Sam Seeker"
    assert detail.active_sessions == 2
    assert detail.mfa_enabled is False
    premium = next(grant for grant in detail.roles if grant.role == "premium_job_seeker")
    assert premium.expires_at == expires and premium.active
    assert premium.assigned_by == db.get(User, admin.user_id).email  # type: ignore[union-attr]
    assert next(grant for grant in detail.roles if grant.role == "job_seeker").assigned_by == "system"
    assert [entry.action for entry in detail.audit] == ["role_assigned"]


def test_the_detail_view_holds_no_secret(db: Session, admin: Principal) -> None:
    user, token = _account(
        db,
        "job_seeker",
        password_hash=hash_password("a long enough password"),
        mfa_enabled=True,
        mfa_secret="JBSWY3DPEHPK3PXP",
        mfa_backup_codes=["backup-code-1"],
        email_verification_token="verify-me",
        password_reset_token="reset-me",
    )

    text = repr(dataclasses.asdict(service.user_detail(db, admin, user.id)))
    text += repr(dataclasses.asdict(service.list_users(db, admin, UserFilters(search=user.email))))

    for secret in (user.password_hash, "JBSWY3DPEHPK3PXP", "backup-code-1", "verify-me", "reset-me", token):
        assert secret not in text
    assert "mfa_enabled': True" in text


def test_the_audit_trail_keeps_only_the_last_twenty(
    db: Session, admin: Principal, target: tuple[User, str]
) -> None:
    user, _ = target
    for _ in range(service.AUDIT_ROWS + 5):
        add(db, AuditLog(user_id=user.id, resource="user", resource_id=user.id, action="login_success"))

    assert len(service.user_detail(db, admin, user.id).audit) == service.AUDIT_ROWS


# status changes


def test_suspending_revokes_every_session_and_is_audited_with_old_and_new(
    db: Session, admin: Principal, target: tuple[User, str]
) -> None:
    user, token = target
    second = issue_session(db, user.id)

    detail = actions.suspend_user(db, admin, user.id, f"  {REASON}  ", CONTEXT)

    assert detail.status == "suspended" and detail.active_sessions == 0
    assert resolve_principal(db, token) is None and resolve_principal(db, second) is None
    sessions = db.scalars(select(AuthSession).where(AuthSession.user_id == user.id)).all()
    assert {(s.is_active, s.revoked_by, s.revoke_reason) for s in sessions} == {
        (False, admin.user_id, "account_suspended")
    }
    [row] = _audit(db, "user_suspended", user.id)
    assert row.user_id == admin.user_id and row.severity == "WARN"
    assert row.old_values == {"status": "active"}
    assert row.new_values == {"status": "suspended", "reason": REASON, "sessions_revoked": 2}
    assert str(row.ip_address) == "203.0.113.9"
    [event] = _events(db, "user.suspended", user.id)
    assert event.user_id == admin.user_id and event.event_data["sessions_revoked"] == 2


def test_a_suspended_users_live_session_is_refused_on_its_next_event(
    db: Session, admin: Principal, target: tuple[User, str]
) -> None:
    user, token = target
    assert resolve_principal(db, token) is not None

    actions.suspend_user(db, admin, user.id, REASON, CONTEXT)

    # Even a session the revocation missed (issued after it) resolves to nobody while suspended.
    late = issue_session(db, user.id)
    assert resolve_principal(db, token) is None
    assert resolve_principal(db, late) is None


def test_banning_then_reactivating(db: Session, admin: Principal, target: tuple[User, str]) -> None:
    user, token = target

    banned = actions.ban_user(db, admin, user.id, REASON, CONTEXT)
    active = actions.reactivate_user(db, admin, user.id, "Appeal accepted", CONTEXT)

    assert banned.status == "banned" and active.status == "active"
    assert resolve_principal(db, token) is None  # the old sessions stay revoked
    [ban] = _audit(db, "user_banned", user.id)
    [back] = _audit(db, "user_reactivated", user.id)
    assert ban.severity == "ERROR" and ban.new_values["sessions_revoked"] == 1
    assert back.old_values == {"status": "banned"} and back.new_values["reason"] == "Appeal accepted"
    assert len(_events(db, "user.banned", user.id)) == 1
    assert len(_events(db, "user.reactivated", user.id)) == 1


def test_a_moderator_may_suspend_a_seeker(
    db: Session, moderator: Principal, target: tuple[User, str]
) -> None:
    user, _ = target

    assert actions.suspend_user(db, moderator, user.id, REASON, CONTEXT).status == "suspended"


@pytest.mark.parametrize("action", [actions.suspend_user, actions.ban_user])
def test_nobody_suspends_or_bans_themselves(db: Session, admin: Principal, action: object) -> None:
    with pytest.raises(Forbidden, match="your own account"):
        action(db, admin, admin.user_id, REASON, CONTEXT)  # type: ignore[operator]

    assert db.get(User, admin.user_id).status == "active"  # type: ignore[union-attr]


def test_a_moderator_cannot_touch_an_admin(db: Session, moderator: Principal) -> None:
    other_admin, token = _account(db, "admin", user_type="admin")

    with pytest.raises(Forbidden, match="administrator"):
        actions.suspend_user(db, moderator, other_admin.id, REASON, CONTEXT)

    assert resolve_principal(db, token) is not None


@pytest.mark.parametrize("action", [actions.suspend_user, actions.ban_user, actions.reactivate_user])
def test_a_seeker_and_anonymous_are_refused_and_nothing_changes(
    db: Session, seeker_principal: Principal, target: tuple[User, str], action: object
) -> None:
    user, token = target
    with pytest.raises(Forbidden, match="manage users"):
        action(db, seeker_principal, user.id, REASON, CONTEXT)  # type: ignore[operator]
    with pytest.raises(SignInRequired):
        action(db, None, user.id, REASON, CONTEXT)  # type: ignore[operator]

    assert resolve_principal(db, token) is not None
    assert db.scalars(select(AuditLog).where(AuditLog.resource_id == user.id)).all() == []


@pytest.mark.parametrize(
    "action",
    [actions.suspend_user, actions.ban_user, actions.reactivate_user],
)
def test_an_unknown_id_is_not_found(db: Session, admin: Principal, action: object) -> None:
    with pytest.raises(NotFound):
        action(db, admin, uuid.uuid4(), REASON, CONTEXT)  # type: ignore[operator]


def test_the_detail_of_an_unknown_id_is_not_found(db: Session, admin: Principal) -> None:
    with pytest.raises(NotFound):
        service.user_detail(db, admin, uuid.uuid4())


@pytest.mark.parametrize("reason", ["", "  ", "ok", "\x00\x01", "x" * (actions.REASON_MAX + 1)])
def test_a_reason_is_required(db: Session, admin: Principal, target: tuple[User, str], reason: str) -> None:
    user, token = target

    with pytest.raises(Invalid) as refused:
        actions.suspend_user(db, admin, user.id, reason, CONTEXT)

    assert refused.value.field == "reason"
    assert resolve_principal(db, token) is not None


def test_repeating_a_status_is_a_conflict(db: Session, admin: Principal, target: tuple[User, str]) -> None:
    user, _ = target
    actions.suspend_user(db, admin, user.id, REASON, CONTEXT)

    with pytest.raises(Conflict):
        actions.suspend_user(db, admin, user.id, REASON, CONTEXT)
    active, _ = _account(db)
    with pytest.raises(Conflict):
        actions.reactivate_user(db, admin, active.id, REASON, CONTEXT)


def test_a_pending_account_cannot_be_reactivated_past_its_verification(db: Session, admin: Principal) -> None:
    pending, _ = _account(db, status="pending_verification")

    with pytest.raises(Conflict):
        actions.reactivate_user(db, admin, pending.id, REASON, CONTEXT)


# roles


def test_assigning_a_temporary_role_records_who_and_until_when(
    db: Session, admin: Principal, target: tuple[User, str]
) -> None:
    user, token = target
    expires = datetime.now(UTC) + timedelta(hours=2)

    actions.assign_role(db, admin, user.id, "moderator", CONTEXT, expires_at=expires)

    grant = db.scalars(
        select(UserRole)
        .join(Role, Role.id == UserRole.role_id)
        .where(UserRole.user_id == user.id, Role.name == "moderator")
    ).one()
    assert grant.assigned_by == admin.user_id and grant.expires_at == expires
    principal = resolve_principal(db, token)
    assert principal is not None and "users:manage" in principal.permissions
    assert resolve_principal(db, token, now=expires + timedelta(seconds=1)).permissions == frozenset(  # type: ignore[union-attr]
        {"jobs:read", "jobs:apply", "users:read", "users:update", "companies:read"}
    )
    [row] = _audit(db, "role_assigned", user.id)
    assert row.user_id == admin.user_id
    assert row.new_values == {"role": "moderator", "expires_at": expires.isoformat()}
    assert len(_events(db, "user.role_assigned", user.id)) == 1


def test_an_expired_grant_can_be_renewed_and_its_old_values_are_kept(
    db: Session, admin: Principal, target: tuple[User, str]
) -> None:
    user, _ = target
    lapsed = datetime.now(UTC) - timedelta(days=1)
    _grant(db, user, "premium_job_seeker", expires_at=lapsed)

    actions.assign_role(db, admin, user.id, "premium_job_seeker", CONTEXT)

    [row] = _audit(db, "role_assigned", user.id)
    assert row.old_values == {
        "role": "premium_job_seeker",
        "is_active": True,
        "expires_at": lapsed.isoformat(),
    }
    detail = service.user_detail(db, admin, user.id)
    assert next(g for g in detail.roles if g.role == "premium_job_seeker").active


def test_assigning_a_held_role_again_is_a_conflict(
    db: Session, admin: Principal, target: tuple[User, str]
) -> None:
    user, _ = target

    with pytest.raises(Conflict):
        actions.assign_role(db, admin, user.id, "job_seeker", CONTEXT)


@pytest.mark.parametrize(
    ("role", "expires_at", "field"),
    [
        ("superuser", None, "role"),
        ("", None, "role"),
        ("moderator", datetime.now(UTC) - timedelta(minutes=1), "expires_at"),
        ("moderator", datetime(2099, 1, 1), "expires_at"),
    ],
)
def test_an_unknown_role_or_a_past_expiry_is_invalid(
    db: Session,
    admin: Principal,
    target: tuple[User, str],
    role: str,
    expires_at: datetime | None,
    field: str,
) -> None:
    user, _ = target

    with pytest.raises(Invalid) as refused:
        actions.assign_role(db, admin, user.id, role, CONTEXT, expires_at=expires_at)

    assert refused.value.field == field
    assert _audit(db, "role_assigned", user.id) == []


def test_removing_a_role_is_audited_with_what_it_was(
    db: Session, admin: Principal, target: tuple[User, str]
) -> None:
    user, token = target

    detail = actions.remove_role(db, admin, user.id, "job_seeker", CONTEXT)

    assert detail.roles == []
    assert resolve_principal(db, token).permissions == frozenset()  # type: ignore[union-attr]
    [row] = _audit(db, "role_removed", user.id)
    assert row.old_values == {"role": "job_seeker", "is_active": True, "expires_at": None}
    assert len(_events(db, "user.role_removed", user.id)) == 1
    with pytest.raises(Conflict):
        actions.remove_role(db, admin, user.id, "job_seeker", CONTEXT)


def test_an_admin_cannot_remove_their_own_admin_role(db: Session, admin: Principal) -> None:
    with pytest.raises(Forbidden, match="your own administrator role"):
        actions.remove_role(db, admin, admin.user_id, "admin", CONTEXT)


def test_an_admin_may_remove_another_admins_role(db: Session, admin: Principal) -> None:
    other, _ = _account(db, "admin", user_type="admin")

    assert actions.remove_role(db, admin, other.id, "admin", CONTEXT).roles == []


@pytest.mark.parametrize("caller", ["moderator", "seeker_principal"])
def test_only_admins_grant_or_remove_roles(
    db: Session, request: pytest.FixtureRequest, target: tuple[User, str], caller: str
) -> None:
    principal: Principal = request.getfixturevalue(caller)
    user, _ = target

    with pytest.raises(Forbidden, match="Only administrators"):
        actions.assign_role(db, principal, user.id, "admin", CONTEXT)
    with pytest.raises(Forbidden, match="Only administrators"):
        actions.remove_role(db, principal, user.id, "job_seeker", CONTEXT)
    with pytest.raises(Forbidden, match="Only administrators"):
        actions.assign_role(db, principal, principal.user_id, "admin", CONTEXT)


def test_role_changes_on_an_unknown_id_are_not_found(db: Session, admin: Principal) -> None:
    with pytest.raises(NotFound):
        actions.assign_role(db, admin, uuid.uuid4(), "moderator", CONTEXT)
    with pytest.raises(NotFound):
        actions.remove_role(db, admin, uuid.uuid4(), "moderator", CONTEXT)


def test_listing_needs_users_manage(db: Session, seeker_principal: Principal) -> None:
    with pytest.raises(Forbidden):
        service.list_users(db, seeker_principal, UserFilters())
    with pytest.raises(SignInRequired):
        service.list_users(db, None, UserFilters())


def test_the_total_is_right_when_the_matches_fill_exactly_one_page(db: Session, admin: Principal) -> None:
    marker = uuid.uuid4().hex[:8]
    for index in range(service.PAGE_SIZE):
        _account(db, email=f"full{index}.{marker}@example.test")

    first = service.list_users(db, admin, UserFilters(search=marker))
    second = service.list_users(db, admin, UserFilters(search=marker), page=2)

    assert (first.total, first.page_count, len(first.rows)) == (service.PAGE_SIZE, 1, service.PAGE_SIZE)
    assert (second.total, second.page, len(second.rows)) == (service.PAGE_SIZE, 1, service.PAGE_SIZE)
