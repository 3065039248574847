"""The OAuth routes against a real OpenID provider (``oidc-provider-mock``) over HTTP.

Every flow is the real one: our start route redirects to the provider, the provider's
consent form is answered with a subject, and its redirect comes back to our callback,
which redeems the code, checks the signed ID token and its nonce, and signs in. The
routes commit, so each test's accounts live under one address domain removed afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select, text
from starlette.testclient import TestClient

from jobhub.api import build_http_api
from jobhub.auth.mfa_challenge import CHALLENGE_COOKIE
from jobhub.auth.models import AuthSession, User
from jobhub.auth.oauth_routes import FLOW_COOKIE, PendingFlow, oauth_client, seal_flow, unseal_flow
from jobhub.auth.principal import resolve_principal
from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session
from jobhub.platform.db import session_scope
from jobhub.settings import reset_settings
from tests.oidc import MockProvider, running_provider

FRONTEND = "http://localhost:3000"
BACKEND = "http://localhost:8000"


@pytest.fixture(scope="module")
def provider() -> Iterator[MockProvider]:
    with running_provider() as running:
        yield running


@pytest.fixture
def configured(provider: MockProvider, monkeypatch: pytest.MonkeyPatch) -> Iterator[MockProvider]:
    """Google and GitHub configured against the mock provider; LinkedIn left unconfigured."""
    for name in ("GOOGLE", "GITHUB"):
        monkeypatch.setenv(f"JOBHUB_OAUTH_{name}_CLIENT_ID", f"jobhub-{name.lower()}")
        monkeypatch.setenv(f"JOBHUB_OAUTH_{name}_CLIENT_SECRET", "not-a-real-secret")
    monkeypatch.setenv("JOBHUB_OAUTH_GOOGLE_METADATA_URL", provider.metadata_url)
    monkeypatch.setenv("JOBHUB_OAUTH_GITHUB_AUTHORIZE_URL", provider.authorize_url)
    monkeypatch.setenv("JOBHUB_OAUTH_GITHUB_TOKEN_URL", provider.token_url)
    monkeypatch.setenv("JOBHUB_OAUTH_GITHUB_API_URL", provider.github_api_url)
    reset_settings()
    yield provider
    monkeypatch.undo()
    reset_settings()
    oauth_client.cache_clear()


@pytest.fixture
def domain(engine: Engine) -> Iterator[str]:
    """An address domain of this test's own; its accounts and their rows go afterwards."""
    name = f"{uuid.uuid4().hex[:10]}.oauth.test"
    yield name
    ids = "SELECT id FROM auth.users WHERE email LIKE :pattern"
    with engine.begin() as conn:
        for statement in (
            f"DELETE FROM auth.audit_logs WHERE user_id IN ({ids})",
            f"DELETE FROM auth.outbox_events WHERE aggregate_id IN ({ids})",
            f"DELETE FROM auth.domain_events WHERE aggregate_id IN ({ids})",
            "DELETE FROM auth.users WHERE email LIKE :pattern",
        ):
            conn.execute(text(statement), {"pattern": f"%@{name}"})


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(build_http_api(), base_url=BACKEND, follow_redirects=False) as test:
        yield test


def _claims(email: str, **extra: Any) -> dict[str, Any]:
    return {"email": email, "email_verified": True, "given_name": "Olive", "family_name": "Auth", **extra}


def _start(client: TestClient, provider: str = "google", **params: str) -> httpx.Response:
    query = f"?{urlencode(params)}" if params else ""
    return client.get(f"/auth/oauth/{provider}/start{query}")


def _local(url: str) -> str:
    """Our callback URL as the test client requests it (path and query on the backend)."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == BACKEND
    return urlunsplit(("", "", parts.path, parts.query, ""))


def _sign_in(
    client: TestClient,
    provider: MockProvider,
    subject: str,
    claims: dict[str, Any],
    *,
    which: str = "google",
    **params: str,
) -> httpx.Response:
    provider.put_user(subject, claims)
    started = _start(client, which, **params)
    assert started.status_code == 302, started.headers.get("location")
    return client.get(_local(provider.authorize(started.headers["location"], subject)))


def _location(response: httpx.Response) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(response.headers["location"])
    return f"{parts.scheme}://{parts.netloc}{parts.path}", parse_qs(parts.query)


def _session_token(response: httpx.Response) -> str | None:
    cookie = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        cookie.load(header)
    morsel = cookie.get(SESSION_COOKIE)
    return morsel.value if morsel and morsel.value else None


def _user(email: str) -> User | None:
    with session_scope() as db:
        return db.scalars(select(User).where(User.email == email)).one_or_none()


def _count_users(domain: str) -> int:
    with session_scope() as db:
        return db.scalar(select(func.count()).select_from(User).where(User.email.like(f"%@{domain}"))) or 0


def _make_user(email: str, **values: Any) -> User:
    with session_scope() as db:
        user = User(email=email, first_name="Pat", last_name="Word", user_type="job_seeker", **values)
        db.add(user)
        db.flush()
        return user


def _refusal(response: httpx.Response, page: str = "/login") -> str:
    assert response.status_code == 303
    where, query = _location(response)
    assert where == f"{FRONTEND}{page}"
    assert _session_token(response) is None
    return query["error"][0]


def test_the_first_login_creates_a_signed_in_account(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    email = f"new@{domain}"

    response = _sign_in(client, configured, f"g-{domain}", _claims(email), next="/jobs?q=python")

    assert response.status_code == 303
    assert response.headers["location"] == f"{FRONTEND}/jobs?q=python"
    token = _session_token(response)
    user = _user(email)
    assert token and user is not None
    assert (user.google_id, user.email_verified, user.password_hash, user.status) == (
        f"g-{domain}",
        True,
        None,
        "active",
    )
    with session_scope() as db:
        principal = resolve_principal(db, token)
    assert principal is not None and principal.user_id == user.id
    assert f"{FLOW_COOKIE}=" in response.headers["set-cookie"] and client.cookies.get(FLOW_COOKIE) is None


def test_the_second_login_signs_in_the_same_account(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    subject, email = f"g2-{domain}", f"again@{domain}"
    first = _sign_in(client, configured, subject, _claims(email))

    second = _sign_in(client, configured, subject, _claims(email))

    assert _session_token(first) != _session_token(second) and _session_token(second)
    assert _count_users(domain) == 1


def test_a_verified_email_links_the_existing_password_account(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    existing = _make_user(f"pat@{domain}", password_hash="argon2-hash-stand-in")

    response = _sign_in(client, configured, f"g3-{domain}", _claims(f"PAT@{domain}"))

    assert _session_token(response)
    user = _user(f"pat@{domain}")
    assert user is not None and user.id == existing.id and user.google_id == f"g3-{domain}"


def test_an_account_with_mfa_still_owes_its_second_step(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    _make_user(f"mfa@{domain}", google_id=f"g-mfa-{domain}", mfa_enabled=True, email_verified=True)

    response = _sign_in(client, configured, f"g-mfa-{domain}", _claims(f"mfa@{domain}"), next="/saved")

    assert response.status_code == 303
    assert _location(response) == (f"{FRONTEND}/login/verify", {"next": ["/saved"]})
    assert _session_token(response) is None
    assert f"{CHALLENGE_COOKIE}=" in response.headers["set-cookie"]


def test_an_unverified_email_of_an_existing_account_is_refused(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    _make_user(f"pat@{domain}", password_hash="argon2-hash-stand-in")

    response = _sign_in(client, configured, f"g4-{domain}", _claims(f"pat@{domain}", email_verified=False))

    assert _refusal(response) == "oauth_unverified_email"
    user = _user(f"pat@{domain}")
    assert user is not None and user.google_id is None


def test_linkedin_is_offered_once_configured_and_signs_in_through_openid_connect(
    client: TestClient, configured: MockProvider, domain: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBHUB_OAUTH_LINKEDIN_CLIENT_ID", "jobhub-linkedin")
    monkeypatch.setenv("JOBHUB_OAUTH_LINKEDIN_CLIENT_SECRET", "not-a-real-secret")
    monkeypatch.setenv("JOBHUB_OAUTH_LINKEDIN_METADATA_URL", configured.metadata_url)
    reset_settings()

    response = _sign_in(client, configured, f"li-{domain}", _claims(f"lin@{domain}"), which="linkedin")

    assert _session_token(response)
    user = _user(f"lin@{domain}")
    assert user is not None and user.linkedin_id == f"li-{domain}" and user.google_id is None


def test_a_suspended_account_is_not_signed_in_by_its_provider(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    _make_user(f"held@{domain}", google_id=f"g-held-{domain}", status="suspended")

    response = _sign_in(client, configured, f"g-held-{domain}", _claims(f"held@{domain}"))

    assert _refusal(response) == "suspended"


def test_github_signs_in_with_its_verified_primary_email(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    emails = [
        {"email": f"other@{domain}", "primary": False, "verified": True},
        {"email": f"octo@{domain}", "primary": True, "verified": True},
    ]
    claims = {"github_id": 4242, "login": "octo", "name": "Octo Cat", "emails": emails}

    response = _sign_in(client, configured, f"gh-{domain}", claims, which="github")

    assert _session_token(response)
    user = _user(f"octo@{domain}")
    assert user is not None and (user.github_id, user.first_name, user.last_name) == ("4242", "Octo", "Cat")


def test_github_without_a_verified_primary_email_creates_nothing(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    claims = {"github_id": 4343, "emails": [{"email": f"octo@{domain}", "primary": True, "verified": False}]}

    response = _sign_in(client, configured, f"gh2-{domain}", claims, which="github")

    assert _refusal(response) == "oauth_no_email"
    assert _count_users(domain) == 0


def _signed_in_cookie(client: TestClient, user: User) -> None:
    with session_scope() as db:
        token = issue_session(db, user.id)
    client.cookies.set(SESSION_COOKIE, token)


def test_a_signed_in_user_links_a_provider_from_settings(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    me = _make_user(f"me@{domain}", password_hash="argon2-hash-stand-in")
    _signed_in_cookie(client, me)

    response = _sign_in(client, configured, f"g5-{domain}", _claims(f"someone.else@{domain}"), intent="link")

    assert response.status_code == 303
    assert _location(response) == (f"{FRONTEND}/settings/connections", {"linked": ["google"]})
    user = _user(f"me@{domain}")
    assert user is not None and user.google_id == f"g5-{domain}"
    assert _count_users(domain) == 1


def test_linking_a_subject_someone_else_holds_is_refused(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    _make_user(f"owner@{domain}", google_id=f"g6-{domain}")
    me = _make_user(f"me@{domain}", password_hash="argon2-hash-stand-in")
    _signed_in_cookie(client, me)

    response = _sign_in(client, configured, f"g6-{domain}", _claims(f"owner@{domain}"), intent="link")

    assert _refusal(response, "/settings/connections") == "oauth_taken"
    user = _user(f"me@{domain}")
    assert user is not None and user.google_id is None


def test_linking_without_a_session_goes_to_login_first(client: TestClient, configured: MockProvider) -> None:
    response = _start(client, intent="link")

    assert response.status_code == 303
    assert _location(response) == (
        f"{FRONTEND}/login",
        {"error": ["oauth_session_ended"], "next": ["/settings/connections"]},
    )


def test_the_start_sets_a_short_lived_lax_httponly_flow_cookie_and_asks_for_pkce_and_a_nonce(
    client: TestClient, configured: MockProvider
) -> None:
    response = _start(client)

    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"] and query["nonce"]
    assert query["redirect_uri"] == [f"{BACKEND}/auth/oauth/google/callback"]
    raw = response.headers["set-cookie"].lower()
    assert "httponly" in raw and "samesite=lax" in raw and "path=/auth/oauth" in raw and "max-age=600" in raw
    flow = unseal_flow(client.cookies.get(FLOW_COOKIE))
    assert flow is not None and flow.state == query["state"][0] and flow.nonce == query["nonce"][0]


def test_an_unconfigured_provider_is_refused_without_leaving_the_site(
    client: TestClient, configured: MockProvider
) -> None:
    response = _start(client, "linkedin")

    assert _refusal(response) == "oauth_failed"


def _authorized_callback(client: TestClient, provider: MockProvider, subject: str, email: str) -> str:
    provider.put_user(subject, _claims(email))
    started = _start(client)
    return _local(provider.authorize(started.headers["location"], subject))


def _with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()} | changes
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


def test_a_state_that_does_not_match_the_cookie_is_refused(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    callback = _authorized_callback(client, configured, f"g7-{domain}", f"state@{domain}")

    response = client.get(_with_query(callback, state="forged-state"))

    assert _refusal(response) == "oauth_failed"
    assert _count_users(domain) == 0


def test_a_callback_without_the_flow_cookie_is_refused(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    callback = _authorized_callback(client, configured, f"g8-{domain}", f"nocookie@{domain}")
    client.cookies.delete(FLOW_COOKIE)

    assert _refusal(client.get(callback)) == "oauth_failed"
    assert _count_users(domain) == 0


def test_a_replayed_callback_is_refused_even_with_the_old_cookie(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    callback = _authorized_callback(client, configured, f"g9-{domain}", f"replay@{domain}")
    flow_cookie = client.cookies.get(FLOW_COOKIE)
    assert flow_cookie
    first = client.get(callback)
    assert _session_token(first)
    with session_scope() as db:
        sessions = db.scalar(select(func.count()).select_from(AuthSession)) or 0

    client.cookies.set(FLOW_COOKIE, flow_cookie, path="/auth/oauth")
    replay = client.get(callback)

    assert _refusal(replay) == "oauth_failed"
    with session_scope() as db:
        assert db.scalar(select(func.count()).select_from(AuthSession)) == sessions


def test_an_id_token_with_another_nonce_is_refused(
    client: TestClient, configured: MockProvider, domain: str
) -> None:
    subject = f"g10-{domain}"
    configured.put_user(subject, _claims(f"nonce@{domain}"))
    started = _start(client)
    parts = urlsplit(started.headers["location"])
    query = {key: values[0] for key, values in parse_qs(parts.query).items()} | {
        "nonce": "a-nonce-we-never-made"
    }
    tampered = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))

    response = client.get(_local(configured.authorize(tampered, subject)))

    assert _refusal(response) == "oauth_failed"
    assert _count_users(domain) == 0


def test_a_tampered_or_expired_flow_cookie_is_not_accepted() -> None:
    flow = PendingFlow("google", "s", "n", "v", f"{BACKEND}/cb", FRONTEND, "/", "login", "", None, 2_000)
    sealed = seal_flow(flow)

    assert unseal_flow(sealed, now=1_000) == flow
    assert unseal_flow(sealed, now=2_001) is None
    payload, signature = sealed.split(".")
    assert unseal_flow(f"{payload}x.{signature}", now=1_000) is None
    assert unseal_flow("garbage", now=1_000) is None


def test_a_denial_at_the_provider_says_it_was_cancelled(client: TestClient, configured: MockProvider) -> None:
    started = _start(client, next="/saved")

    response = client.get(_local(configured.deny(started.headers["location"])))

    assert _refusal(response) == "oauth_cancelled"
    assert _location(response)[1]["next"] == ["/saved"]


callback_params = st.dictionaries(
    st.sampled_from(["code", "state", "error", "error_description", "iss", "session_state"]),
    st.text(max_size=80),
    max_size=5,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=callback_params, keep_cookie=st.booleans())
def test_any_callback_query_is_refused_without_a_change(
    client: TestClient, configured: MockProvider, domain: str, params: dict[str, str], keep_cookie: bool
) -> None:
    _start(client)
    if not keep_cookie:
        client.cookies.delete(FLOW_COOKIE)
    with session_scope() as db:
        before = (
            db.scalar(select(func.count()).select_from(User)),
            db.scalar(select(func.count()).select_from(AuthSession)),
        )

    response = client.get(f"/auth/oauth/google/callback?{urlencode(params)}")

    assert response.status_code == 303
    assert _location(response)[0] == f"{FRONTEND}/login"
    assert _session_token(response) is None
    with session_scope() as db:
        after = (
            db.scalar(select(func.count()).select_from(User)),
            db.scalar(select(func.count()).select_from(AuthSession)),
        )
    assert after == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    which=st.sampled_from(["google", "github", "linkedin", "nope"]),
    params=st.dictionaries(
        st.sampled_from(["next", "intent", "user_type"]), st.text(max_size=120), max_size=3
    ),
)
def test_any_start_query_either_leaves_for_the_provider_or_returns_without_a_change(
    client: TestClient, configured: MockProvider, which: str, params: dict[str, str]
) -> None:
    with session_scope() as db:
        before = db.scalar(select(func.count()).select_from(User))

    response = client.get(f"/auth/oauth/{which}/start?{urlencode(params)}")

    if response.status_code == 302:
        assert response.headers["location"].startswith(configured.issuer)
        flow = unseal_flow(client.cookies.get(FLOW_COOKIE))
        assert flow is not None and flow.next_path.startswith("/") and not flow.next_path.startswith("//")
        assert flow.intent == "login" and flow.origin == FRONTEND
    else:
        assert response.status_code == 303
        assert _location(response)[0] == f"{FRONTEND}/login"
    with session_scope() as db:
        assert db.scalar(select(func.count()).select_from(User)) == before
