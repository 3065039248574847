"""Search filters as words of the posting's own search vector, so one GIN scan answers them all.

At a million jobs the slow searches were common words with filters ("python developer",
entry level, 90k+, AWS): the text index alone finds half a million candidates, and reading
each row to test its type, level, pay and skills took seconds. So each posting's vector also
holds one lexeme per filter value it has (``type:full_time``, ``level:senior``,
``remote:hybrid``, its category, company and skill ids, and ``pay:<n>`` for each pay step its
stated yearly pay reaches), and a search ANDs the chosen values to the user's words: the
index intersects them and only real matches are read.

The lexemes are put in with ``array_to_tsvector``, never parsed, and nothing the English
parser makes of a search box contains ``:`` or ``_``; an id is a 36-character UUID, which is
not a word of any posting. The filters' own SQL conditions stay in every query, so the tokens
only narrow what is read (a pay filter between two steps is decided by the column).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Final

PAY_STEPS: Final = (*range(10_000, 200_001, 10_000), 250_000, 300_000, 400_000, 500_000)
"""Yearly pay thresholds with a token: a posting has ``pay:<step>`` for each step it reaches."""

_STATED_PAY = "COALESCE(salary_max_yearly, salary_min_yearly)"


def value_token(facet: str, value: str) -> str:
    return f"{facet}:{value}"


def pay_token(minimum: int) -> str | None:
    """The token of the highest step at or below ``minimum``; ``None`` below the first step."""
    reached = [step for step in PAY_STEPS if step <= minimum]
    return f"pay:{reached[-1]}" if reached else None


def id_token(value: uuid.UUID | str) -> str:
    return str(value)


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
    values = (
        "'type:' || employment_type, 'level:' || experience_level, 'remote:' || remote_policy, "
        f"category_id::text, company_id::text, {pay}"
    )
    return (
        f"array_to_tsvector(array_remove(ARRAY[{values}]::text[], NULL) "
        "|| COALESCE(required_skills::text[], '{}') || COALESCE(preferred_skills::text[], '{}'))"
    )
