"""Yearly pay normalisation used by the salary filter and posting pages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobhub.jobs.salary import YEARLY_FACTOR, to_yearly


@pytest.mark.parametrize(
    ("amount", "period", "yearly"),
    [
        (50, "hourly", 104_000),
        (400, "daily", 104_000),
        (2_000, "weekly", 104_000),
        (8_000, "monthly", 96_000),
    ],
)
def test_periods_convert_to_a_full_time_year(amount: int, period: str, yearly: int) -> None:
    assert to_yearly(amount, period) == yearly


def test_hidden_pay_stays_unknown() -> None:
    assert to_yearly(None, "yearly") is None
    assert to_yearly(100_000, None) is None


def test_unknown_period_is_refused() -> None:
    with pytest.raises(ValueError, match="fortnightly"):
        to_yearly(1, "fortnightly")


@given(st.integers(min_value=0, max_value=10_000_000), st.sampled_from(sorted(YEARLY_FACTOR)))
def test_yearly_is_never_less_than_the_stated_amount(amount: int, period: str) -> None:
    assert to_yearly(amount, period) >= amount
