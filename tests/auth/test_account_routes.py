"""The account routes over HTTP: cookies, redirects with codes, mails after commit, the download, CSRF.

The routes open their own committed transactions, so each test commits a user and removes it
(with everything keyed to it) afterwards.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from starlette.testclient import TestClient

from jobhub.api import build_http_api
from jobhub.auth import account_email
from jobhub.auth.account_routes import FLASH_COOKIE, read_flash
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuditLog, User
from jobhub.auth.principal import resolve_principal
from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session
from jobhub.platform.db import session_scope
from tests.auth.support import add_seeker, delete_users
from tests.smtp import SmtpSink, smtp_mail, smtp_server  # noqa: F401 (fixtures)

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a much longer new secret 42"
FRONTEND = "http://localhost:3000"
SETTINGS = f"{FRONTEND}/settings/account"


@dataclass
class Account:
    id: uuid.UUID
    email: str
    token: str


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(build_http_api(), base_url="http://localhost:8000", follow_redirects=False) as test:
        yield test


@pytest.fixture
def accounts(engine: Engine) -> Iterator[Callable[[], Account]]:
    """Commits signed-in accounts on demand and removes them, with what is keyed to them, after."""
    made: list[uuid.UUID] = []

    def _make() -> Account:
        address = f"acct.{uuid.uuid4().hex[:10]}@example.com"
        with session_scope() as db:
            user = add_seeker(db, address, "Rosa", "Route", password=PASSWORD)
            made.append(user.id)
            return Account(user.id, address, issue_session(db, user.id))

    yield _make
    delete_users(engine, made)


@pytest.fixture
def signed_in(accounts: Callable[[], Account]) -> Account:
    return accounts()


def _post(client: TestClient, path: str, who: Account | None, data: dict[str, str], origin: str = FRONTEND):
    cookies = {SESSION_COOKIE: who.token} if who else {}
    client.cookies.clear()
    return client.post(path, data=data, headers={"origin": origin}, cookies=cookies)


def _new_cookie(response: object) -> SimpleCookie:
    cookie = SimpleCookie()
    cookie.load(response.headers["set-cookie"])  # type: ignore[attr-defined]
    return cookie


def _user(account_: Account) -> User:
    with session_scope() as db:
        user = db.get(User, account_.id)
        assert user is not None
        return user


def _password_form(
    current: str = PASSWORD, new: str = NEW_PASSWORD, again: str = NEW_PASSWORD
) -> dict[str, str]:
    return {"current_password": current, "new_password": new, "new_password_confirm": again}


def test_a_password_change_sets_a_new_session_cookie_and_mails_the_user(
    client: TestClient,
    signed_in: Account,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    response = _post(client, "/account/password", signed_in, _password_form())

    assert response.status_code == 303
    assert response.headers["location"] == f"{SETTINGS}?password=changed"
    morsel = _new_cookie(response)[SESSION_COOKIE]
    assert morsel["httponly"] and morsel.value != signed_in.token
    with session_scope() as db:
        assert resolve_principal(db, signed_in.token) is None
        assert resolve_principal(db, morsel.value) is not None
    [mail] = smtp_mail.wait_for(signed_in.email)
    assert "password was changed" in mail.subject.lower()
    assert NEW_PASSWORD not in mail.text


def test_a_wrong_current_password_comes_back_as_a_code_and_is_remembered(
    client: TestClient, signed_in: Account
) -> None:
    response = _post(client, "/account/password", signed_in, _password_form(current="nope, not it"))

    assert response.headers["location"] == f"{SETTINGS}?password_error=current"
    assert "set-cookie" not in response.headers
    assert _user(signed_in).failed_login_attempts == 1


def test_a_cross_site_post_is_refused_before_anything_happens(client: TestClient, signed_in: Account) -> None:
    for path, data in (
        ("/account/password", _password_form()),
        ("/account/delete", {"password": PASSWORD, "confirm": "DELETE"}),
        ("/account/email", {"email": "x@example.com", "password": PASSWORD}),
    ):
        assert _post(client, path, signed_in, data, origin="https://evil.example").status_code == 403
    user = _user(signed_in)
    assert user.deleted_at is None and user.email == signed_in.email


def test_anonymous_posts_go_to_sign_in(client: TestClient) -> None:
    response = _post(client, "/account/password", None, _password_form())
    assert response.headers["location"] == f"{FRONTEND}/login?next=%2Fsettings%2Faccount"


def test_an_email_change_mails_the_new_address_and_the_link_changes_it(
    client: TestClient,
    signed_in: Account,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    new = f"new.{uuid.uuid4().hex[:8]}@example.com"
    response = _post(client, "/account/email", signed_in, {"email": new, "password": PASSWORD})

    assert response.headers["location"] == f"{SETTINGS}?email=sent"
    assert _user(signed_in).email == signed_in.email
    [mail] = smtp_mail.wait_for(new)
    link = next(url for url in mail.links() if "/confirm-email-change" in url)
    with session_scope() as db:
        account_email.confirm_email_change(db, parse_qs(urlsplit(link).query)["token"][0], RequestContext())
    assert _user(signed_in).email == new


def test_an_email_change_to_a_taken_address_is_refused(
    client: TestClient, signed_in: Account, accounts: Callable[[], Account]
) -> None:
    other = accounts()
    data = {"email": other.email.upper(), "password": PASSWORD}
    response = _post(client, "/account/email", signed_in, data)

    location = response.headers["location"]
    assert location.startswith(f"{SETTINGS}?email_error=email_taken&f=")
    assert other.email.upper() not in location
    flash_id = parse_qs(urlsplit(location).query)["f"][0]
    cookie = _new_cookie(response)[FLASH_COOKIE]
    kept = read_flash(f"{FLASH_COOKIE}={cookie.value}", "account_email", flash_id)
    assert kept is not None and kept.values == {"email": other.email.upper()}
    assert PASSWORD not in cookie.value


def test_deleting_clears_the_cookie_and_goes_to_the_goodbye_page(
    client: TestClient, signed_in: Account
) -> None:
    response = _post(client, "/account/delete", signed_in, {"password": PASSWORD, "confirm": "DELETE"})

    assert response.status_code == 303
    assert response.headers["location"] == f"{FRONTEND}/goodbye"
    assert f'{SESSION_COOKIE}=""' in response.headers["set-cookie"] or "max-age=0" in (
        response.headers["set-cookie"].lower()
    )
    user = _user(signed_in)
    assert user.deleted_at is not None and user.email.endswith("@deleted.invalid")
    with session_scope() as db:
        actions = set(db.scalars(select(AuditLog.action).where(AuditLog.user_id == signed_in.id)))
    assert AuditAction.ACCOUNT_DELETED in actions


def test_deleting_without_the_word_comes_back_with_a_code(client: TestClient, signed_in: Account) -> None:
    response = _post(client, "/account/delete", signed_in, {"password": PASSWORD, "confirm": "delete"})
    assert response.headers["location"] == f"{SETTINGS}?delete_error=confirm_word"
    assert _user(signed_in).deleted_at is None


def test_the_export_is_a_private_json_attachment(client: TestClient, signed_in: Account) -> None:
    client.cookies.clear()
    response = client.get("/account/export", cookies={SESSION_COOKIE: signed_in.token})

    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["cache-control"] == "no-store"
    document = json.loads(response.content)
    assert document["contexts"]["auth"]["user"]["email"] == signed_in.email
    assert "password_hash" not in response.text


def test_the_export_needs_a_session(client: TestClient) -> None:
    client.cookies.clear()
    assert client.get("/account/export").status_code == 401
    assert client.get("/account/export", cookies={SESSION_COOKIE: "forged"}).status_code == 401


def test_a_cross_site_export_fetch_is_refused(client: TestClient, signed_in: Account) -> None:
    client.cookies.clear()
    response = client.get(
        "/account/export", cookies={SESSION_COOKIE: signed_in.token}, headers={"sec-fetch-site": "cross-site"}
    )
    assert response.status_code == 403


form_text = st.text(max_size=200)
FORMS = {
    "/account/password": st.fixed_dictionaries(
        {"current_password": form_text, "new_password": form_text, "new_password_confirm": form_text}
    ),
    "/account/email": st.fixed_dictionaries(
        {"email": st.one_of(form_text, st.emails()), "password": form_text}
    ),
    "/account/delete": st.fixed_dictionaries(
        {"password": form_text, "confirm": st.one_of(form_text, st.just("DELETE"))}
    ),
}
ROUTE_EXAMPLES = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("path", sorted(FORMS))
def test_any_form_post_is_answered_with_a_redirect_and_changes_nothing_when_refused(
    client: TestClient, signed_in: Account, path: str
) -> None:
    before = _user(signed_in).model_dump()

    @ROUTE_EXAMPLES
    @given(data=FORMS[path])
    def post(data: dict[str, str]) -> None:
        response = _post(client, path, signed_in, data)
        assert response.status_code == 303
        assert "error=" in response.headers["location"]

    post()
    after = _user(signed_in).model_dump()
    changed = {key for key in before if before[key] != after[key]}
    assert changed <= {"failed_login_attempts", "locked_until", "updated_at"}
