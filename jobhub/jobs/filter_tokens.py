"""Search filters as words of the posting's own search vector, so one GIN scan answers them all.

At a million jobs the slow searches were common words with filters ("python developer",
entry level, 90k+, AWS): the text index alone finds half a million candidates, and reading
each row to test its type, level, pay and skills took seconds. So each posting's vector also
holds one lexeme per filter value it has (``type:full_time``, ``level:senior``,
``remote:hybrid``, its category, company and skill ids, and ``pay:<n>`` for each pay step its
stated yearly pay reaches), and a search ANDs the chosen values to the user's words: the
index intersects them and only real matches are read.

Two filters are ranges, so their tokens only come close and the column decides: ``day:<n>``
(the UTC day of publishing, days since 2000-01-01; "posted within 3 days" is any of four days)
and a cell of the map at two sizes (``geo05:<row>:<col>`` half a degree, ``geo20:`` two
degrees; "within 50 km of Dublin" is any cell the radius's box touches). Without them the
index could not see the date or the place, and those searches read every job that matched the
rest (measured at a million jobs: a rare word within 50 km of Manhattan read 51,000 pages for
30 jobs, and four of the five slowest searches filtered by date).

The lexemes are put in with ``array_to_tsvector``, never parsed, and nothing the English
parser makes of a search box contains ``:`` or ``_``; an id is a 36-character UUID, which is
not a word of any posting. The filters' own SQL conditions stay in every query, so the tokens
only narrow what is read (a pay filter between two steps is decided by the column).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Final

PAY_STEPS: Final = (*range(10_000, 200_001, 10_000), 250_000, 300_000, 400_000, 500_000)
"""Yearly pay thresholds with a token: a posting has ``pay:<step>`` for each step it reaches."""

_STATED_PAY = "COALESCE(salary_max_yearly, salary_min_yearly)"
DAY_ZERO: Final = date(2000, 1, 1)
GEO_CELLS: Final = {"geo05": 0.5, "geo20": 2.0}
"""Map cell sizes in degrees, finest first; a radius uses the finest that needs few cells."""
MAX_CELLS: Final = 36
THIN_TOKEN: Final = "sample:thin"
"""Only in the sample's vectors, of one sampled job in ten (migration 0013): the thin sample."""


def value_token(facet: str, value: str) -> str:
    return f"{facet}:{value}"


def pay_token(minimum: int) -> str | None:
    """The token of the highest step at or below ``minimum``; ``None`` below the first step."""
    reached = [step for step in PAY_STEPS if step <= minimum]
    return f"pay:{reached[-1]}" if reached else None


def id_token(value: uuid.UUID | str) -> str:
    return str(value)


def day_tokens(since: datetime, until: datetime) -> list[str]:
    """The ``day:`` tokens of every UTC day from ``since``'s to ``until``'s, both included."""
    first = (since.astimezone(UTC).date() - DAY_ZERO).days
    last = (until.astimezone(UTC).date() - DAY_ZERO).days
    return [f"day:{n}" for n in range(first, last + 1)]


def cell_tokens(min_lat: float, max_lat: float, min_lon: float, max_lon: float) -> list[str]:
    """The cells of the finest grid that covers the box in at most ``MAX_CELLS``; none when even
    the coarsest needs more (the geo condition alone decides then)."""
    for name, size in GEO_CELLS.items():
        rows = range(math.floor(min_lat / size), math.floor(max_lat / size) + 1)
        cols = range(math.floor(min_lon / size), math.floor(max_lon / size) + 1)
        if len(rows) * len(cols) <= MAX_CELLS:
            return [f"{name}:{row}:{col}" for row in rows for col in cols]
    return []


def any_of(tokens: Iterable[str]) -> str:
    """A tsquery matching any of ``tokens`` (each quoted; tokens hold no quote by construction)."""
    quoted = [f"'{token}'" for token in dict.fromkeys(tokens)]
    return quoted[0] if len(quoted) == 1 else f"({' | '.join(quoted)})"


def all_of(groups: Iterable[str]) -> str:
    return " & ".join(groups)


def tokens_sql() -> str:
    """The generated column's part that turns a posting's filter values into lexemes."""
    pay = ", ".join(
        f"CASE WHEN show_salary AND {_STATED_PAY} >= {step} THEN 'pay:{step}' END" for step in PAY_STEPS
    )
    day = "'day:' || ((published_at AT TIME ZONE 'UTC')::date - DATE '2000-01-01')::text"
    cells = ", ".join(
        f"'{name}:' || floor(latitude / {size})::integer::text "
        f"|| ':' || floor(longitude / {size})::integer::text"
        for name, size in GEO_CELLS.items()
    )
    values = (
        "'type:' || employment_type, 'level:' || experience_level, 'remote:' || remote_policy, "
        f"category_id::text, company_id::text, {pay}, {day}, {cells}"
    )
    return (
        f"array_to_tsvector(array_remove(ARRAY[{values}]::text[], NULL) "
        "|| COALESCE(required_skills::text[], '{}') || COALESCE(preferred_skills::text[], '{}'))"
    )
