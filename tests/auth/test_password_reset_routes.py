"""POST /auth/forgot-password and /auth/reset-password over HTTP, with mail to a real SMTP server."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from starlette.testclient import TestClient

from jobhub.auth import passwords
from jobhub.auth.account_routes import FORGOT_PASSWORD_PATH, RESET_PASSWORD_PATH
from jobhub.auth.models import AuthSession, User, UserStatus
from jobhub.auth.password_reset import LINK_PROBLEM
from jobhub.auth.session_tokens import issue_session
from jobhub.platform import rate_limits
from jobhub.platform.db import session_scope
from tests.auth.routes_support import FRONTEND, account_tag, client, flash_of, location, post  # noqa: F401
from tests.smtp import SmtpSink, smtp_mail, smtp_server  # noqa: F401

OLD = "the old password of mine"
NEW = "a brand new passphrase"


@pytest.fixture
def member(account_tag: str) -> str:  # noqa: F811
    """An active account with two signed-in sessions; its address."""
    address = f"member.{account_tag}@example.test"
    with session_scope() as db:
        user = User(
            email=address,
            password_hash=passwords.hash_password(OLD),
            first_name="Mia",
            last_name="Member",
            user_type="job_seeker",
            status=UserStatus.ACTIVE,
            email_verified=True,
            failed_login_attempts=3,
        )
        db.add(user)
        db.flush()
        issue_session(db, user.id)
        issue_session(db, user.id)
    return address


def reset_link(client: TestClient, smtp: SmtpSink, address: str) -> str:  # noqa: F811
    post(client, FORGOT_PASSWORD_PATH, {"email": address})
    (link,) = smtp.wait_for(address)[-1].links()
    return link


def test_the_mailed_link_sets_a_new_password_and_ends_every_session(
    client: TestClient,  # noqa: F811
    member: str,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    link = reset_link(client, smtp_mail, member)
    assert link.startswith(f"{FRONTEND}/reset-password?token=")
    token = link.split("token=")[1]

    response = post(client, RESET_PASSWORD_PATH, {"token": token, "password": NEW, "password_confirm": NEW})

    url, query = location(response)
    assert url == f"{FRONTEND}/reset-password" and query == {"done": "1"}
    with session_scope() as db:
        user = db.scalars(select(User).where(User.email == member)).one()
        assert passwords.verify_password(NEW, user.password_hash) and user.failed_login_attempts == 0
        open_sessions = db.scalar(
            select(func.count()).where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None))
        )
    assert open_sessions == 0
    changed = smtp_mail.wait_for(member, count=2)[-1]
    assert changed.subject == "Your JobHub password was changed"
    assert (
        post(client, "/auth/login", {"email": member, "password": OLD})
        .headers["location"]
        .endswith(  # type: ignore[attr-defined]
            "error=credentials"
        )
    )


def test_the_answer_is_the_same_for_any_address(
    client: TestClient,  # noqa: F811
    member: str,
    account_tag: str,  # noqa: F811
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    known = post(client, FORGOT_PASSWORD_PATH, {"email": member})
    unknown = post(client, FORGOT_PASSWORD_PATH, {"email": f"nobody.{account_tag}@example.test"})

    assert location(known)[0] == location(unknown)[0] == f"{FRONTEND}/forgot-password"
    assert location(known)[1]["sent"] == location(unknown)[1]["sent"] == "1"
    assert len(smtp_mail.wait_for(member)) == 1
    assert smtp_mail.to(f"nobody.{account_tag}@example.test") == []


def test_a_used_link_is_refused_and_sent_back_with_its_message(
    client: TestClient,  # noqa: F811
    member: str,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    token = reset_link(client, smtp_mail, member).split("token=")[1]
    post(client, RESET_PASSWORD_PATH, {"token": token, "password": NEW, "password_confirm": NEW})

    again = post(client, RESET_PASSWORD_PATH, {"token": token, "password": OLD, "password_confirm": OLD})

    url, query = location(again)
    assert url == f"{FRONTEND}/reset-password" and query["token"] == token
    flash = flash_of(again, "reset")
    assert flash is not None and flash.errors == {"token": LINK_PROBLEM}


def test_requests_for_one_address_are_limited(
    client: TestClient,  # noqa: F811
    member: str,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    allowed = rate_limits.LIMITS[rate_limits.Scope.RESET_ACCOUNT].amount
    for _ in range(allowed):
        post(client, FORGOT_PASSWORD_PATH, {"email": member})
    limited = post(client, FORGOT_PASSWORD_PATH, {"email": member.upper()})
    assert int(limited.headers["retry-after"]) > 3000  # type: ignore[attr-defined]
    flash = flash_of(limited, "forgot")
    assert flash is not None and "Too many attempts" in flash.errors["form"]
    assert len(smtp_mail.wait_for(member, count=allowed)) == allowed


def test_a_cross_site_reset_is_refused(client: TestClient, member: str) -> None:  # noqa: F811
    response = post(client, FORGOT_PASSWORD_PATH, {"email": member}, origin="https://evil.example")
    assert response.status_code == 403  # type: ignore[attr-defined]


FIELD_TEXT = st.text(max_size=300)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=FIELD_TEXT, password=FIELD_TEXT, confirmation=FIELD_TEXT)
def test_arbitrary_reset_input_changes_no_password(
    client: TestClient,  # noqa: F811
    member: str,
    token: str,
    password: str,
    confirmation: str,
) -> None:
    rate_limits.reset_limiter()
    fields = {"token": token, "password": password, "password_confirm": confirmation}
    response = post(client, RESET_PASSWORD_PATH, fields)
    assert response.status_code == 303 and "done" not in location(response)[1]  # type: ignore[attr-defined]
    with session_scope() as db:
        user = db.scalars(select(User).where(User.email == member)).one()
        assert user.password_reset_token is None and passwords.verify_password(OLD, user.password_hash)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(email=FIELD_TEXT)
def test_arbitrary_forgot_input_answers_a_redirect(client: TestClient, email: str) -> None:  # noqa: F811
    rate_limits.reset_limiter()
    response = post(client, FORGOT_PASSWORD_PATH, {"email": email})
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert location(response)[0] == f"{FRONTEND}/forgot-password"
