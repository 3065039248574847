"""Pay normalised to a yearly figure, so a salary filter compares like with like.

Full-time hours: 40 h a week, 52 weeks, 260 working days, the usual US conversions.
"""

from __future__ import annotations

from jobhub.jobs.service import salary_label

YEARLY = "yearly"
YEARLY_FACTOR: dict[str, int] = {
    "hourly": 2080,
    "daily": 260,
    "weekly": 52,
    "monthly": 12,
    YEARLY: 1,
}


def to_yearly(amount: int | None, period: str | None) -> int | None:
    """``None`` stays ``None``: a job that hides pay must not match a minimum it never stated."""
    if amount is None or period is None:
        return None
    try:
        return amount * YEARLY_FACTOR[period]
    except KeyError as exc:
        raise ValueError(f"unknown salary period {period!r}") from exc


def yearly_label(low: int | None, high: int | None, currency: str | None, period: str | None) -> str:
    """ "About $104,000 to $124,800 a year" (with an en dash) for pay stated by the hour, day,
    week or month; empty when the pay is already yearly or not stated (nothing to convert)."""
    if period == YEARLY or period not in YEARLY_FACTOR:
        return ""
    label = salary_label(to_yearly(low, period), to_yearly(high, period), currency, YEARLY)
    return f"About {label[0].lower()}{label[1:]}" if label else ""
