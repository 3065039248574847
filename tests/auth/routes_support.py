"""Shared by the account route tests: an HTTP client on the real routes, committed users removed after.

The routes open their own committed transactions, so these tests cannot use the rolled-back
``db`` session; every address they use contains the test's tag, and ``account_tag`` deletes
the rows of those addresses (and their audit rows and events) afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine, text
from starlette.testclient import TestClient

from jobhub.api import build_http_api
from jobhub.auth.account_routes import FLASH_COOKIE, Flash, read_flash
from jobhub.platform import rate_limits

FRONTEND = "http://localhost:3000"
TAGGED = "(SELECT id FROM auth.users WHERE email LIKE :pattern)"
CLEANUP = (
    f"DELETE FROM auth.audit_logs WHERE user_id IN {TAGGED} OR resource_id IN {TAGGED}",
    f"DELETE FROM auth.outbox_events WHERE aggregate_id IN {TAGGED}",
    f"DELETE FROM auth.domain_events WHERE aggregate_id IN {TAGGED}",
    "DELETE FROM auth.users WHERE email LIKE :pattern",
)


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    rate_limits.reset_limiter()
    with TestClient(build_http_api(), base_url="http://localhost:8000", follow_redirects=False) as test:
        yield test
    rate_limits.reset_limiter()


@pytest.fixture
def account_tag(engine: Engine) -> Iterator[str]:
    tag = uuid.uuid4().hex[:10]
    yield tag
    with engine.begin() as conn:
        for statement in CLEANUP:
            conn.execute(text(statement), {"pattern": f"%{tag}%"})


def post(client: TestClient, path: str, data: dict[str, str], origin: str = FRONTEND) -> object:
    return client.post(path, data=data, headers={"origin": origin})


def location(response: object) -> tuple[str, dict[str, str]]:
    parts = urlsplit(response.headers["location"])  # type: ignore[attr-defined]
    return f"{parts.scheme}://{parts.netloc}{parts.path}", {k: v[0] for k, v in parse_qs(parts.query).items()}


def flash_of(response: object, form: str) -> Flash | None:
    """The flash the redirect set, read the way the page state reads it."""
    _url, query = location(response)
    cookies = response.cookies  # type: ignore[attr-defined]
    raw = cookies.get(FLASH_COOKIE)
    return read_flash(f"{FLASH_COOKIE}={raw}" if raw else None, form, query.get("f"))
