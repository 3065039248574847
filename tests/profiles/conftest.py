"""Fixtures of the profile tests."""

from tests.profiles.state_support import seekers  # noqa: F401 (fixture)
