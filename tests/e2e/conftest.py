"""Browser journeys: the real app under Reflex's ``AppHarness``, driven by Playwright + Chromium.

The app runs in this process (backend in a thread, Vite dev server as a child) against
the session's migrated test database; it reads ``JOBHUB_DATABASE_URL`` and
``JOBHUB_DATA_DIR`` from the environment set here before it starts. Its frontend is
built in ``.jobhub/e2e-web`` so a ``make run`` in the same checkout keeps its ``.web``.
Tests commit real rows (the app cannot see a rolled-back transaction), so every test
starts from emptied tables.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from reflex.testing import AppHarness
from reflex_base.config import get_config
from sqlalchemy import Engine, text

from jobhub.auth.session_tokens import SESSION_COOKIE
from jobhub.platform import rate_limits
from jobhub.settings import get_settings, reset_settings
from tests.smtp import SmtpSink, smtp_mail, smtp_server  # noqa: F401

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Two shared cores: first compiles and websocket round trips can be slow.
TIMEOUT_MS = 60_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ORIGINS_VARIABLE = "JOBHUB_CORS_ALLOWED_ORIGINS"
# Emptied before each test; CASCADE reaches the rows that point at them inside each schema.
# The jobs outbox too: journeys count the search and view events their own steps emitted.
TABLES_TO_EMPTY = ("jobs.jobs", "jobs.outbox_events", "companies.companies", "auth.sessions", "auth.users")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" not in str(item.path).replace(os.sep, "/"):
            continue
        item.add_marker(pytest.mark.e2e)
        if not CHROMIUM.exists():
            item.add_marker(
                pytest.mark.skip(
                    reason=f"no Chromium at {CHROMIUM}: install it (apt-get install chromium) "
                    "to run the browser journeys"
                )
            )


def _app_environment(database_url: str, data_dir: Path, states_dir: Path) -> dict[str, str]:
    venv_bin = str(Path(sys.executable).parent)
    return {
        "PATH": os.pathsep.join([venv_bin, os.environ.get("PATH", "")]),
        "JOBHUB_DATABASE_URL": database_url,
        "JOBHUB_DATA_DIR": str(data_dir),
        "JOBHUB_ENVIRONMENT": "test",
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_WEB_WORKDIR": str(PROJECT_ROOT / ".jobhub" / "e2e-web"),
        "REFLEX_STATES_WORKDIR": str(states_dir),
    }


def _prepare_stores() -> None:
    """What ``python -m jobhub migrate`` adds to Alembic: the task queue and ClickHouse tables."""
    from jobhub.platform.analytics_store import get_analytics_client, migrate_analytics
    from jobhub.platform.tasks import apply_task_queue_schema

    apply_task_queue_schema()
    migrate_analytics(get_analytics_client())


@pytest.fixture(scope="session")
def app_harness(
    engine: Engine, database_url: str, test_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppHarness]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    environment = _app_environment(database_url, test_data_dir, tmp_path_factory.mktemp("reflex-states"))
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    reset_settings()
    _prepare_stores()

    harness = AppHarness.create(root=PROJECT_ROOT, app_name="jobhub")
    try:
        harness.start()
        # The browser uses 127.0.0.1 for both servers, so the session cookie (host-only,
        # ports ignored) reaches the websocket; that origin must be allowed like any other.
        assert harness.app_instance is not None and harness.app_instance.sio is not None
        harness.app_instance.sio.eio.cors_allowed_origins.append(_frontend_origin(harness))
        # Uploads are plain HTTP (``POST /_upload``): Reflex's CORS middleware holds this list.
        get_config().cors_allowed_origins.append(_frontend_origin(harness))
        # The login and logout routes accept form posts from allowed origins only.
        saved.setdefault(ORIGINS_VARIABLE, os.environ.get(ORIGINS_VARIABLE))
        os.environ[ORIGINS_VARIABLE] = json.dumps(
            [*get_settings().cors_allowed_origins, _frontend_origin(harness)]
        )
        reset_settings()
        yield harness
    finally:
        harness.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        reset_settings()


def _frontend_origin(harness: AppHarness) -> str:
    return (harness.frontend_url or "").replace("//localhost", "//127.0.0.1").rstrip("/")


@pytest.fixture(scope="session")
def base_url(app_harness: AppHarness) -> str:
    return _frontend_origin(app_harness)


@pytest.fixture(scope="session")
def backend_url(app_harness: AppHarness) -> str:
    from reflex_base.config import get_config

    return get_config().api_url.rstrip("/")


@pytest.fixture(scope="session")
def browser(app_harness: AppHarness) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Browser, base_url: str, backend_url: str) -> Iterator[Callable[..., Page]]:
    """Open ``path`` in a fresh browser context, signed in when given a session token."""
    contexts: list[BrowserContext] = []

    def _open(
        path: str = "/",
        *,
        token: str | None = None,
        viewport: dict[str, int] = DESKTOP,
        color_scheme: Literal["light", "dark"] = "light",
    ) -> Page:
        context = browser.new_context(viewport=viewport, base_url=base_url, color_scheme=color_scheme)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        if token:
            context.add_cookies(
                [
                    {
                        "name": SESSION_COOKIE,
                        "value": token,
                        "url": backend_url,
                        "httpOnly": True,
                        "sameSite": "Lax",
                    }
                ]
            )
        page = context.new_page()
        page.goto(path)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def empty_tables(request: pytest.FixtureRequest) -> None:
    """Every journey starts from no users, sessions, companies or jobs."""
    if "app_harness" not in request.fixturenames:
        return
    engine: Engine = request.getfixturevalue("engine")
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(TABLES_TO_EMPTY)} CASCADE"))


@pytest.fixture
def mailbox(smtp_mail: SmtpSink, base_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpSink]:  # noqa: F811
    """The app under test mails this server, with links to the test's frontend, and its
    rate limits start empty (the journeys that mail ask for links more than once)."""
    monkeypatch.setenv("JOBHUB_PUBLIC_URL", base_url)
    reset_settings()
    rate_limits.reset_limiter()
    yield smtp_mail
    monkeypatch.delenv("JOBHUB_PUBLIC_URL")
    reset_settings()
