"""Reading browser form data: what is not text is empty, a checkbox is ticked when it says so."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

TRUE_WORDS: Final = frozenset({"on", "true", "1", "yes"})


def text_of(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def flag_of(data: Mapping[str, Any], key: str) -> bool:
    """A checkbox or switch: a browser sends "on" (or nothing); handlers may pass a bool."""
    value = data.get(key)
    return value is True or (isinstance(value, str) and value.strip().lower() in TRUE_WORDS)
