"""Pipeline tests act as team members with stored accounts: audit rows point at real users."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from tests.companies.team_support import named_team
from tests.factories import Team


@pytest.fixture
def team(db: Session) -> Team:
    return named_team(db)


@pytest.fixture
def other_team(db: Session) -> Team:
    return named_team(db)
