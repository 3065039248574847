"""Domain errors raised by services and turned into messages by the UI layer."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a user may be shown; the message is safe to display."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """The row does not exist or is outside what the caller may read (ids cannot be probed)."""


class Forbidden(DomainError):
    """The caller may see the thing but not do this to it."""


class Invalid(DomainError):
    """Input broke a rule; ``field`` names the form field to mark."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Conflict(DomainError):
    """The action clashes with the current state (duplicate, stale, already done)."""


class StoreUnavailable(RuntimeError):
    """A configured database or analytics server cannot be reached."""
