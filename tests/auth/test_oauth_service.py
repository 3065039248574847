"""What a verified OAuth identity does to our accounts, through the service on real PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.audit import AuditAction
from jobhub.auth.login_messages import LoginErrorCode
from jobhub.auth.models import AuditLog, Role, User, UserRole
from jobhub.auth.oauth import (
    OAuthIdentity,
    OAuthIntent,
    OAuthProvider,
    OAuthRefused,
    configured_providers,
    connections,
    sign_in_with,
    unlink,
)
from jobhub.auth.principal import Principal
from jobhub.platform.errors import Forbidden
from jobhub.platform.event_types import USER_OAUTH_LINKED, USER_OAUTH_UNLINKED, USER_REGISTERED
from jobhub.settings import Settings
from tests.auth.support import audit_actions, event_types_of
from tests.factories import add, make_user, tag


def _identity(**overrides: object) -> OAuthIdentity:
    values: dict[str, object] = {
        "provider": OAuthProvider.GOOGLE,
        "subject": f"sub-{tag()}",
        "email": f"oauth.{tag()}@example.test",
        "email_verified": True,
        "first_name": "Olive",
        "last_name": "Auth",
    }
    return OAuthIdentity(**(values | overrides))  # type: ignore[arg-type]


def _principal(user: User) -> Principal:
    return Principal(user_id=user.id, user_type=user.user_type, session_id=None)


def _user_rows(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(User)) or 0


def test_a_new_verified_identity_creates_an_active_passwordless_account(db: Session) -> None:
    identity = _identity(email="  New.Person@Example.TEST ")

    outcome = sign_in_with(db, identity)

    user = db.get(User, outcome.user_id)
    assert outcome.created and user is not None
    assert (user.email, user.google_id, user.password_hash) == (
        "new.person@example.test",
        identity.subject,
        None,
    )
    assert (user.status, user.email_verified, user.user_type) == ("active", True, "job_seeker")
    assert (user.first_name, user.last_name) == ("Olive", "Auth")
    role = db.scalars(
        select(Role.name).join(UserRole, UserRole.role_id == Role.id).where(UserRole.user_id == user.id)
    )
    assert list(role) == ["job_seeker"]
    assert audit_actions(db, user.id) == [AuditAction.REGISTER, AuditAction.OAUTH_LOGIN]
    register = db.scalars(
        select(AuditLog).where(AuditLog.action == AuditAction.REGISTER, AuditLog.user_id == user.id)
    )
    assert register.one().new_values == {"method": "oauth", "provider": "google", "user_type": "job_seeker"}
    assert event_types_of(db, user.id) == [USER_REGISTERED]


@pytest.mark.parametrize(
    ("asked", "created_as"), [("employer", "employer"), ("admin", "job_seeker"), ("x", "job_seeker")]
)
def test_the_chosen_user_type_is_kept_but_never_admin(db: Session, asked: str, created_as: str) -> None:
    outcome = sign_in_with(db, _identity(), user_type=asked)

    user = db.get(User, outcome.user_id)
    assert user is not None and user.user_type == created_as


def test_the_second_login_with_the_same_subject_signs_in_the_same_account(db: Session) -> None:
    identity = _identity()
    first = sign_in_with(db, identity)
    users = _user_rows(db)

    second = sign_in_with(db, _identity(subject=identity.subject, email="changed@example.test"))

    assert second.user_id == first.user_id and not second.created
    assert _user_rows(db) == users


def test_a_verified_email_links_the_existing_account_and_signs_it_in(db: Session) -> None:
    user = make_user(password_hash="x")
    add(db, user)
    identity = _identity(email=user.email.upper(), provider=OAuthProvider.LINKEDIN)

    outcome = sign_in_with(db, identity)

    assert outcome.user_id == user.id and outcome.linked and not outcome.created
    db.refresh(user)
    assert user.linkedin_id == identity.subject and user.google_id is None
    assert audit_actions(db, user.id) == [AuditAction.OAUTH_LINKED, AuditAction.OAUTH_LOGIN]
    assert event_types_of(db, user.id) == [USER_OAUTH_LINKED]


def test_a_verified_email_also_confirms_an_account_still_waiting_for_its_link(db: Session) -> None:
    user = make_user(status="pending_verification", password_hash="x")
    add(db, user)

    sign_in_with(db, _identity(email=user.email))

    db.refresh(user)
    assert (user.status, user.email_verified) == ("active", True)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"status": "suspended"}, LoginErrorCode.SUSPENDED),
        ({"status": "banned"}, LoginErrorCode.BANNED),
        ({"deleted_at": datetime.now(UTC)}, LoginErrorCode.DELETED),
    ],
)
def test_a_verified_email_never_opens_a_closed_account(
    db: Session, overrides: dict[str, object], code: str
) -> None:
    user = make_user(**overrides)
    add(db, user)

    with pytest.raises(OAuthRefused) as refusal:
        sign_in_with(db, _identity(email=user.email))

    assert refusal.value.code == code
    db.refresh(user)
    assert user.google_id is None and audit_actions(db, user.id) == []


def test_a_known_subject_of_a_suspended_account_is_refused(db: Session) -> None:
    identity = _identity()
    outcome = sign_in_with(db, identity)
    user = db.get(User, outcome.user_id)
    assert user is not None
    user.status = "suspended"
    db.flush()

    with pytest.raises(OAuthRefused) as refusal:
        sign_in_with(db, identity)

    assert refusal.value.code == LoginErrorCode.SUSPENDED


def test_an_unverified_email_matching_an_account_is_refused_and_links_nothing(db: Session) -> None:
    user = make_user(password_hash="x")
    add(db, user)
    users = _user_rows(db)

    with pytest.raises(OAuthRefused) as refusal:
        sign_in_with(db, _identity(email=user.email, email_verified=False))

    assert refusal.value.code == LoginErrorCode.OAUTH_UNVERIFIED_EMAIL
    assert "Sign in with your password" in refusal.value.message
    db.refresh(user)
    assert user.google_id is None and _user_rows(db) == users


@pytest.mark.parametrize(
    "overrides", [{"email": None}, {"email_verified": False}, {"email": "not-an-address"}]
)
def test_no_verified_email_creates_no_account(db: Session, overrides: dict[str, object]) -> None:
    users = _user_rows(db)

    with pytest.raises(OAuthRefused) as refusal:
        sign_in_with(db, _identity(**overrides))

    assert refusal.value.code == LoginErrorCode.OAUTH_NO_EMAIL
    assert _user_rows(db) == users


def test_an_account_linked_to_another_subject_is_not_taken_over_by_email(db: Session) -> None:
    user = make_user(google_id=f"first-{tag()}")
    add(db, user)

    with pytest.raises(OAuthRefused) as refusal:
        sign_in_with(db, _identity(email=user.email))

    assert refusal.value.code == LoginErrorCode.OAUTH_OTHER_ACCOUNT


def test_a_signed_in_link_attaches_the_subject_whatever_its_email(db: Session) -> None:
    user = make_user(password_hash="x")
    add(db, user)
    identity = _identity(provider=OAuthProvider.GITHUB, email="elsewhere@example.test", email_verified=False)

    outcome = sign_in_with(db, identity, intent=OAuthIntent.LINK, principal=_principal(user))

    assert outcome.user_id == user.id and outcome.linked
    db.refresh(user)
    assert user.github_id == identity.subject
    assert audit_actions(db, user.id) == [AuditAction.OAUTH_LINKED]


def test_linking_a_subject_that_belongs_to_someone_else_is_refused(db: Session) -> None:
    owner, me = make_user(), make_user(password_hash="x")
    add(db, owner, me)
    identity = _identity()
    owner.google_id = identity.subject
    db.flush()

    with pytest.raises(OAuthRefused) as refusal:
        sign_in_with(db, identity, intent=OAuthIntent.LINK, principal=_principal(me))

    assert refusal.value.code == LoginErrorCode.OAUTH_TAKEN
    db.refresh(me)
    assert me.google_id is None and audit_actions(db, me.id) == []


def test_linking_without_a_session_is_refused(db: Session) -> None:
    with pytest.raises(OAuthRefused) as refusal:
        sign_in_with(db, _identity(), intent=OAuthIntent.LINK, principal=None)

    assert refusal.value.code == LoginErrorCode.OAUTH_SESSION_ENDED


def test_unlinking_the_only_way_to_sign_in_is_refused(db: Session) -> None:
    outcome = sign_in_with(db, _identity())
    user = db.get(User, outcome.user_id)
    assert user is not None

    with pytest.raises(Forbidden, match="only way to sign in"):
        unlink(db, _principal(user), "google")

    db.refresh(user)
    assert user.google_id is not None


def test_unlinking_with_a_password_left_forgets_the_subject(db: Session) -> None:
    user = make_user(password_hash="x", github_id=f"gh-{tag()}")
    add(db, user)

    unlink(db, _principal(user), "github")

    db.refresh(user)
    assert user.github_id is None
    assert audit_actions(db, user.id) == [AuditAction.OAUTH_UNLINKED]
    assert event_types_of(db, user.id) == [USER_OAUTH_UNLINKED]


def test_unlinking_one_provider_is_allowed_when_another_is_left(db: Session) -> None:
    user = make_user(google_id=f"g-{tag()}", linkedin_id=f"l-{tag()}")
    add(db, user)

    unlink(db, _principal(user), "linkedin")

    db.refresh(user)
    assert (user.linkedin_id, user.google_id is not None) == (None, True)


@pytest.mark.parametrize("provider", ["github", "nope"])
def test_unlinking_something_not_connected_is_refused(db: Session, provider: str) -> None:
    user = make_user(password_hash="x")
    add(db, user)

    with pytest.raises(Forbidden):
        unlink(db, _principal(user), provider)


def _settings(**values: str) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_only_providers_with_both_id_and_secret_are_offered() -> None:
    settings = _settings(
        oauth_google_client_id="g",
        oauth_google_client_secret="gs",
        oauth_linkedin_client_id="l",
        oauth_github_client_secret="hs",
    )

    assert [config.provider for config in configured_providers(settings)] == [OAuthProvider.GOOGLE]
    assert configured_providers(_settings()) == ()


def test_connections_list_offered_providers_and_what_may_be_unlinked(db: Session) -> None:
    user = make_user(google_id=f"g-{tag()}", github_id=f"h-{tag()}")
    add(db, user)
    settings = _settings(oauth_linkedin_client_id="l", oauth_linkedin_client_secret="ls")

    views = connections(db, _principal(user), settings)

    assert [(v.provider, v.connected, v.can_unlink) for v in views] == [
        ("google", True, True),
        ("linkedin", False, False),
        ("github", True, True),
    ]


texts = st.text(max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    subject=texts,
    email=st.one_of(st.none(), texts, st.emails()),
    verified=st.booleans(),
    first=texts,
    last=texts,
    user_type=texts,
    provider=st.sampled_from(list(OAuthProvider)),
)
def test_any_identity_either_signs_in_or_is_refused_without_a_change(
    db: Session,
    subject: str,
    email: str | None,
    verified: bool,
    first: str,
    last: str,
    user_type: str,
    provider: OAuthProvider,
) -> None:
    identity = OAuthIdentity(provider, subject, email, verified, first, last)
    before = _user_rows(db)
    savepoint = db.begin_nested()
    try:
        outcome = sign_in_with(db, identity, user_type=user_type)
    except OAuthRefused:
        assert _user_rows(db) == before
    else:
        user = db.get(User, outcome.user_id)
        assert user is not None and user.user_type in ("job_seeker", "employer")
    finally:
        savepoint.rollback()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(provider=st.one_of(texts, st.sampled_from([p.value for p in OAuthProvider])))
def test_unlinking_any_text_as_the_last_way_to_sign_in_changes_nothing(db: Session, provider: str) -> None:
    user = make_user(google_id=f"only-{tag()}")
    add(db, user)

    with pytest.raises(Forbidden):
        unlink(db, _principal(user), provider)

    db.refresh(user)
    assert user.google_id is not None and audit_actions(db, user.id) == []
