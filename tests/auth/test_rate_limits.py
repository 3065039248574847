"""Rate limits: a limit trips, names how long to wait and clears with its window, in memory and in
Redis; failed sign-ins on ``POST /auth/login`` are throttled per address with ``Retry-After``."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from limits import parse
from sqlalchemy import Engine
from starlette.testclient import TestClient

from jobhub.api import build_http_api
from jobhub.platform import rate_limits
from jobhub.platform.rate_limits import LIMITS, RateLimiter, Scope, wait_message
from tests.smtp import free_port

REDIS = ("127.0.0.1", 6379)
FRONTEND = "http://localhost:3000"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture(params=["memory", "redis"])
def limiter(request: pytest.FixtureRequest) -> Iterator[RateLimiter]:
    """A short window (2 per second) so a test can wait it out."""
    if request.param == "redis" and not _redis_answers():
        pytest.skip("no Redis at 127.0.0.1:6379")
    uri = "memory://" if request.param == "memory" else "redis://127.0.0.1:6379/0"
    yield RateLimiter(
        uri, {Scope.REGISTER_IP: parse("2 per 1 second"), Scope.RESET_ACCOUNT: parse("1 per hour")}
    )


@pytest.fixture
def fresh_limits() -> Iterator[None]:
    rate_limits.reset_limiter()
    yield
    rate_limits.reset_limiter()


def test_the_limit_trips_after_its_count_and_names_the_wait(limiter: RateLimiter) -> None:
    key = uuid.uuid4().hex
    assert limiter.hit(Scope.REGISTER_IP, key) is None
    assert limiter.hit(Scope.REGISTER_IP, key) is None
    assert limiter.hit(Scope.REGISTER_IP, key) == 1


def test_the_limit_resets_with_the_window(limiter: RateLimiter) -> None:
    key = uuid.uuid4().hex
    for _ in range(2):
        limiter.hit(Scope.REGISTER_IP, key)
    assert limiter.hit(Scope.REGISTER_IP, key) is not None
    time.sleep(1.1)
    assert limiter.hit(Scope.REGISTER_IP, key) is None


def test_keys_and_scopes_count_apart(limiter: RateLimiter) -> None:
    key = uuid.uuid4().hex
    assert limiter.hit(Scope.RESET_ACCOUNT, key) is None
    assert limiter.hit(Scope.RESET_ACCOUNT, key) is not None
    assert limiter.hit(Scope.RESET_ACCOUNT, uuid.uuid4().hex) is None
    assert limiter.hit(Scope.REGISTER_IP, key) is None


def test_check_does_not_count(limiter: RateLimiter) -> None:
    key = uuid.uuid4().hex
    for _ in range(5):
        assert limiter.check(Scope.RESET_ACCOUNT, key) is None
    limiter.hit(Scope.RESET_ACCOUNT, key)
    wait = limiter.check(Scope.RESET_ACCOUNT, key)
    assert wait is not None and 3590 <= wait <= 3600


def test_clear_forgets_one_key(limiter: RateLimiter) -> None:
    key = uuid.uuid4().hex
    limiter.hit(Scope.RESET_ACCOUNT, key)
    limiter.clear(Scope.RESET_ACCOUNT, key)
    assert limiter.hit(Scope.RESET_ACCOUNT, key) is None


def test_redis_holds_no_address() -> None:
    if not _redis_answers():
        pytest.skip("no Redis at 127.0.0.1:6379")
    import redis

    email = f"secret.{uuid.uuid4().hex[:8]}@example.test"
    RateLimiter("redis://127.0.0.1:6379/0").hit(Scope.RESET_ACCOUNT, email)
    client = redis.Redis(*REDIS)
    assert not [key for key in client.scan_iter("*") if b"secret." in key]
    assert list(client.scan_iter("*jobhub*reset_account*"))


def test_an_unreachable_redis_lets_requests_through() -> None:
    limiter = RateLimiter(f"redis://127.0.0.1:{free_port()}/0")
    assert limiter.hit(Scope.RESET_ACCOUNT, "k") is None
    assert limiter.check(Scope.RESET_ACCOUNT, "k") is None


def test_every_scope_has_a_limit() -> None:
    assert set(LIMITS) == set(Scope)


@pytest.mark.parametrize(
    ("seconds", "words"), [(1, "1 second "), (30, "30 seconds"), (60, "1 minute "), (61, "2 minutes")]
)
def test_wait_message_uses_minutes_from_one_minute(seconds: int, words: str) -> None:
    assert words in wait_message(seconds) + " "


def test_failed_logins_for_one_address_are_throttled_with_retry_after(
    engine: Engine, fresh_limits: None
) -> None:
    email = f"nobody.{uuid.uuid4().hex[:8]}@example.test"
    allowed = LIMITS[Scope.LOGIN_ACCOUNT].amount
    with TestClient(build_http_api(), base_url="http://localhost:8000", follow_redirects=False) as client:

        def attempt() -> object:
            return client.post(
                "/auth/login",
                data={"email": email, "password": "wrong password"},
                headers={"origin": FRONTEND},
            )

        answers = [attempt() for _ in range(allowed)]
        assert all(
            parse_qs(urlsplit(a.headers["location"]).query)["error"] == ["credentials"] for a in answers
        )  # type: ignore[attr-defined]
        limited = attempt()
    assert limited.status_code == 303  # type: ignore[attr-defined]
    query = parse_qs(urlsplit(limited.headers["location"]).query)  # type: ignore[attr-defined]
    assert query["error"] == ["locked"] and query["retry"] == ["15"]
    assert 890 <= int(limited.headers["retry-after"]) <= 900  # type: ignore[attr-defined]
