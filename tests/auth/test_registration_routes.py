"""POST /auth/register and /auth/verify-email/resend over HTTP, with mail to a real SMTP server."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from starlette.testclient import TestClient

from jobhub.auth import account_routes
from jobhub.auth.account_routes import FLASH_COOKIE, REGISTER_PATH, RESEND_VERIFICATION_PATH, read_flash
from jobhub.auth.audit import RequestContext
from jobhub.auth.models import User, UserStatus
from jobhub.auth.verification import verify_email
from jobhub.platform import rate_limits
from jobhub.platform.db import session_scope
from jobhub.platform.rate_limits import LIMITS, Scope
from tests.auth.routes_support import FRONTEND, account_tag, client, flash_of, location, post  # noqa: F401
from tests.smtp import SmtpSink, smtp_mail, smtp_server  # noqa: F401

PASSWORD = "violet tractor nine lemons"


def form(tag: str, **overrides: str) -> dict[str, str]:
    values = {
        "user_type": "job_seeker",
        "email": f"Reg.{tag}@Example.test",
        "password": PASSWORD,
        "first_name": "Ada",
        "last_name": "Lovelace",
    }
    return values | overrides


def stored(email: str) -> User | None:
    with session_scope() as db:
        return db.scalars(select(User).where(User.email == email.lower())).one_or_none()


def users_count() -> int:
    with session_scope() as db:
        return int(db.scalar(select(func.count()).select_from(User)) or 0)


def test_registering_mails_a_link_that_verifies_the_account(
    client: TestClient,  # noqa: F811
    account_tag: str,  # noqa: F811
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    response = post(client, REGISTER_PATH, form(account_tag))

    url, query = location(response)
    assert response.status_code == 303 and url == f"{FRONTEND}/register" and query["sent"] == "1"  # type: ignore[attr-defined]
    flash = flash_of(response, "register")
    assert flash is not None and flash.values == {"email": f"reg.{account_tag}@example.test"}
    (mail,) = smtp_mail.wait_for(f"reg.{account_tag}@example.test")
    assert mail.subject == "Confirm your e-mail address" and mail.html
    (link,) = mail.links()
    assert link.startswith(f"{FRONTEND}/verify-email?token=")

    with session_scope() as db:
        verify_email(db, link.split("token=")[1], RequestContext())
    user = stored(f"reg.{account_tag}@example.test")
    assert user is not None and (user.status, user.email_verified) == (UserStatus.ACTIVE, True)


def test_a_refused_form_keeps_its_values_in_a_signed_flash_not_the_url(
    client: TestClient,  # noqa: F811
    account_tag: str,  # noqa: F811
) -> None:
    response = post(client, REGISTER_PATH, form(account_tag, password="short", first_name="  Grace "))

    url, query = location(response)
    assert url == f"{FRONTEND}/register" and set(query) == {"f"}
    flash = flash_of(response, "register")
    assert flash is not None and set(flash.errors) == {"password"}
    assert flash.values["first_name"] == "  Grace " and "password" not in flash.values
    assert (
        PASSWORD not in response.headers["set-cookie"]
        and "httponly" in response.headers["set-cookie"].lower()
    )  # type: ignore[attr-defined]
    assert stored(f"reg.{account_tag}@example.test") is None


def test_a_flash_is_bound_to_its_form_and_id(client: TestClient, account_tag: str) -> None:  # noqa: F811
    response = post(client, REGISTER_PATH, form(account_tag, password="short"))
    raw = response.cookies.get(FLASH_COOKIE)  # type: ignore[attr-defined]
    _url, query = location(response)
    assert read_flash(f"{FLASH_COOKIE}={raw}", "forgot", query["f"]) is None
    assert read_flash(f"{FLASH_COOKIE}={raw}", "register", "another-id") is None
    assert read_flash(f"{FLASH_COOKIE}={raw[:-3]}xyz", "register", query["f"]) is None


def test_an_existing_address_gets_the_same_answer_and_a_mail_to_its_owner(
    client: TestClient,  # noqa: F811
    account_tag: str,  # noqa: F811
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    first = post(client, REGISTER_PATH, form(account_tag))
    second = post(
        client, REGISTER_PATH, form(account_tag, email=f"REG.{account_tag}@EXAMPLE.TEST", first_name="Eve")
    )

    assert location(first)[0] == location(second)[0] and location(second)[1]["sent"] == "1"
    mails = smtp_mail.wait_for(f"reg.{account_tag}@example.test", count=2)
    assert [m.subject for m in mails] == ["Confirm your e-mail address"] * 2
    user = stored(f"reg.{account_tag}@example.test")
    assert user is not None and user.first_name == "Ada"


def test_a_cross_site_post_is_refused(client: TestClient, account_tag: str) -> None:  # noqa: F811
    response = post(client, REGISTER_PATH, form(account_tag), origin="https://evil.example")
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert stored(f"reg.{account_tag}@example.test") is None


def test_registration_is_limited_per_ip_with_retry_after(client: TestClient, account_tag: str) -> None:  # noqa: F811
    for _ in range(LIMITS[Scope.REGISTER_IP].amount):
        post(client, REGISTER_PATH, form(account_tag, password="short"))
    response = post(client, REGISTER_PATH, form(account_tag))
    flash = flash_of(response, "register")
    assert flash is not None and "Too many attempts" in flash.errors["form"]
    assert int(response.headers["retry-after"]) > 3000  # type: ignore[attr-defined]
    assert stored(f"reg.{account_tag}@example.test") is None


def test_resend_mails_a_pending_account_and_answers_the_same_for_strangers(
    client: TestClient,  # noqa: F811
    account_tag: str,  # noqa: F811
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    post(client, REGISTER_PATH, form(account_tag))
    address = f"reg.{account_tag}@example.test"
    smtp_mail.wait_for(address)

    known = post(client, RESEND_VERIFICATION_PATH, {"email": address.upper()})
    stranger = post(client, RESEND_VERIFICATION_PATH, {"email": f"nobody.{account_tag}@example.test"})

    assert location(known)[0] == location(stranger)[0] == f"{FRONTEND}/verify-email"
    assert location(known)[1]["sent"] == location(stranger)[1]["sent"] == "1"
    assert len(smtp_mail.wait_for(address, count=2)) == 2
    assert smtp_mail.to(f"nobody.{account_tag}@example.test") == []


def test_resend_is_limited_per_address(client: TestClient, account_tag: str) -> None:  # noqa: F811
    address = f"nobody.{account_tag}@example.test"
    for _ in range(LIMITS[Scope.VERIFY_MAIL_ACCOUNT].amount):
        post(client, RESEND_VERIFICATION_PATH, {"email": address})
    response = post(client, RESEND_VERIFICATION_PATH, {"email": address})
    assert "retry-after" in response.headers  # type: ignore[attr-defined]
    flash = flash_of(response, "verify")
    assert flash is not None and "Too many attempts" in flash.errors["form"]


FIELD_TEXT = st.text(max_size=300)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    user_type=FIELD_TEXT,
    email=FIELD_TEXT,
    password=FIELD_TEXT,
    first_name=FIELD_TEXT,
    last_name=FIELD_TEXT,
)
def test_arbitrary_registration_input_is_refused_cleanly(
    client: TestClient,  # noqa: F811
    user_type: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
) -> None:
    rate_limits.reset_limiter()
    before = users_count()
    fields = {"user_type": user_type, "email": email, "password": password}
    response = post(client, REGISTER_PATH, fields | {"first_name": first_name, "last_name": last_name})
    assert response.status_code == 303  # type: ignore[attr-defined]
    _url, query = location(response)
    assert "sent" not in query and users_count() == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(email=FIELD_TEXT)
def test_arbitrary_resend_input_changes_nothing(client: TestClient, email: str) -> None:  # noqa: F811
    rate_limits.reset_limiter()
    with session_scope() as db:
        before = db.scalar(select(func.max(User.updated_at)))
    response = post(client, RESEND_VERIFICATION_PATH, {"email": email})
    assert response.status_code == 303  # type: ignore[attr-defined]
    with session_scope() as db:
        assert db.scalar(select(func.max(User.updated_at))) == before


def test_the_flash_expires(client: TestClient, account_tag: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    response = post(client, REGISTER_PATH, form(account_tag, password="short"))
    monkeypatch.setattr(account_routes, "FLASH_MAX_AGE_SECONDS", -1)
    assert flash_of(response, "register") is None
