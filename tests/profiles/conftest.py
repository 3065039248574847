"""Seekers of the profile and resume tests, a private file store, the task queue's tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from jobhub.auth.principal import Principal
from jobhub.platform import storage, tasks
from tests.factories import principal_with_role
from tests.profiles.state_support import seekers  # noqa: F401 (fixture)


@pytest.fixture
def seeker() -> Principal:
    return principal_with_role("job_seeker")


@pytest.fixture
def other_seeker() -> Principal:
    return principal_with_role("job_seeker")


@pytest.fixture
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stored files go to this test's own directory."""
    root = tmp_path / "files"
    monkeypatch.setattr(storage, "files_root", lambda: root)
    return root


@pytest.fixture(scope="session")
def task_queue(engine: Engine) -> None:
    """Uploads queue their parsing in the same transaction, so the queue's tables must exist."""
    tasks.apply_task_queue_schema()
