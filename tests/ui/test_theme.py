"""The colour pairs the UI uses keep WCAG AA contrast in light and dark mode."""

from __future__ import annotations

import pytest

from jobhub.ui.theme import CONTRAST_PAIRS, ContrastPair, contrast_ratio


@pytest.mark.parametrize("pair", CONTRAST_PAIRS, ids=lambda pair: pair.name)
def test_colour_pair_meets_its_wcag_minimum(pair: ContrastPair) -> None:
    assert contrast_ratio(pair.foreground, pair.background) >= pair.minimum


def test_contrast_ratio_matches_the_wcag_extremes() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
