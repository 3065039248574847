"""Pay normalised to a yearly figure, so a salary filter compares like with like.

Full-time hours: 40 h a week, 52 weeks, 260 working days, the usual US conversions.
"""

from __future__ import annotations

YEARLY_FACTOR: dict[str, int] = {
    "hourly": 2080,
    "daily": 260,
    "weekly": 52,
    "monthly": 12,
    "yearly": 1,
}


def to_yearly(amount: int | None, period: str | None) -> int | None:
    """``None`` stays ``None``: a job that hides pay must not match a minimum it never stated."""
    if amount is None or period is None:
        return None
    try:
        return amount * YEARLY_FACTOR[period]
    except KeyError as exc:
        raise ValueError(f"unknown salary period {period!r}") from exc
