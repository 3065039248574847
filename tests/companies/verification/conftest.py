"""The verification tests' fixtures: verifiable teams, a stored platform admin, private files per test."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.platform import storage
from tests.companies.verification.support import give_address, verifiable_team
from tests.factories import Team, principal_with_role


@pytest.fixture
def vteam(db: Session) -> Team:
    return verifiable_team(db)


@pytest.fixture
def other_vteam(db: Session) -> Team:
    return verifiable_team(db)


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private uploads go to this test's own directory."""
    monkeypatch.setattr(storage, "files_root", lambda: tmp_path)
    return tmp_path


@pytest.fixture
def admin(db: Session) -> Principal:
    """A platform administrator with a stored account (audit rows point at ``auth.users``)."""
    who = principal_with_role("admin", display_name="Ada Admin")
    give_address(db, who, f"ada.{uuid.uuid4().hex[:8]}@jobhub.test")
    return who
