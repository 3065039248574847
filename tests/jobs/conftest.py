"""The job seekers the jobs service tests act as: one, and another whose rows the first must not reach."""

from __future__ import annotations

import pytest

from jobhub.auth.principal import Principal
from tests.factories import make_principal


@pytest.fixture
def seeker() -> Principal:
    return make_principal()


@pytest.fixture
def other_seeker() -> Principal:
    return make_principal()
