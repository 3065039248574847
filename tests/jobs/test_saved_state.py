"""What the /saved page's state makes of its form before the service sees it."""

from __future__ import annotations

from datetime import date

import pytest

from jobhub.jobs.saved_state import parse_reminder, split_tags
from jobhub.platform.errors import Invalid


def test_the_tags_line_splits_on_commas_and_drops_blank_parts() -> None:
    assert split_tags("Berlin, top pick,, ,remote") == ["Berlin", " top pick", "remote"]
    assert split_tags("") == []


def test_an_empty_reminder_is_no_reminder_and_a_date_is_read() -> None:
    assert parse_reminder("  ") is None
    assert parse_reminder("2026-12-01") == date(2026, 12, 1)


def test_a_reminder_that_is_not_a_date_names_its_field() -> None:
    with pytest.raises(Invalid) as refused:
        parse_reminder("next week")

    assert refused.value.field == "reminder_date"
