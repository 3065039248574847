"""Whole numbers typed or sent by a browser: ASCII digits only.

``str.isdigit()`` also accepts "²" and other Unicode digits that ``int()`` refuses, so a check
with it alone let a form field crash the handler that trusted it (found by the offer form's
property test).
"""

from __future__ import annotations


def plain_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()
