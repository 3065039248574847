"""Request throttling: moving-window limits per IP and per account, in Redis or in memory.

``hit(scope, key)`` counts one request and answers how many seconds to wait when over the
limit (``None`` when allowed); ``check`` answers the same without counting, for flows that
only count failures (login counts wrong passwords, not successful sign-ins).

With ``JOBHUB_REDIS_URL`` every backend worker shares the counters; without it each process
counts on its own, which is right for the embedded single-process default only. If Redis
stops answering, requests are let through and a warning is logged: the lockout in
``auth/login.py`` still protects each account, and an outage of the limiter must not take
sign-in down with it.

Keys (an IP, an email) are hashed before they reach the store, so Redis holds no addresses.
"""

from __future__ import annotations

import hashlib
import logging
import time
from enum import StrEnum
from functools import lru_cache
from math import ceil

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from jobhub.settings import get_settings

log = logging.getLogger(__name__)

NAMESPACE = "jobhub"


class Scope(StrEnum):
    LOGIN_IP = "login_ip"
    LOGIN_ACCOUNT = "login_account"
    REGISTER_IP = "register_ip"
    RESET_IP = "reset_ip"
    RESET_ACCOUNT = "reset_account"
    VERIFY_MAIL_IP = "verify_mail_ip"
    VERIFY_MAIL_ACCOUNT = "verify_mail_account"
    COMPANY_INVITATIONS = "company_invitations"


LIMITS: dict[Scope, RateLimitItem] = {
    # Failed sign-ins only. An office behind one NAT shares an IP; the per-account limit and
    # the lockout stop guessing one password, this one stops spraying many accounts.
    Scope.LOGIN_IP: parse("100 per 15 minutes"),
    Scope.LOGIN_ACCOUNT: parse("10 per 15 minutes"),
    Scope.REGISTER_IP: parse("10 per hour"),
    # Every request mails someone: a few per address keep the inbox (and our sender reputation) safe.
    Scope.RESET_IP: parse("20 per hour"),
    Scope.RESET_ACCOUNT: parse("3 per hour"),
    Scope.VERIFY_MAIL_IP: parse("20 per hour"),
    Scope.VERIFY_MAIL_ACCOUNT: parse("3 per hour"),
    # Invitations and resends per company: enough to bring a whole team in, too few to spam with.
    Scope.COMPANY_INVITATIONS: parse("30 per hour"),
}


def _hashed(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class RateLimiter:
    """The limits of ``table`` over one storage (``memory://`` or ``redis://…``)."""

    def __init__(self, storage_uri: str, table: dict[Scope, RateLimitItem] | None = None) -> None:
        self.storage = storage_from_string(storage_uri)
        self.strategy = MovingWindowRateLimiter(self.storage)
        self.table = dict(LIMITS if table is None else table)

    def _retry_after(self, item: RateLimitItem, ids: tuple[str, ...]) -> int:
        reset_time, _remaining = self.strategy.get_window_stats(item, *ids)
        return max(1, ceil(reset_time - time.time()))

    def hit(self, scope: Scope, key: str) -> int | None:
        """Count one request; seconds to wait when it is over the limit, else ``None``."""
        item, ids = self.table[scope], (NAMESPACE, scope.value, _hashed(key))
        try:
            if self.strategy.hit(item, *ids):
                return None
            return self._retry_after(item, ids)
        except Exception:
            log.warning("rate limiter unavailable; letting %s through", scope, exc_info=True)
            return None

    def check(self, scope: Scope, key: str) -> int | None:
        """Like ``hit`` without counting."""
        item, ids = self.table[scope], (NAMESPACE, scope.value, _hashed(key))
        try:
            if self.strategy.test(item, *ids):
                return None
            return self._retry_after(item, ids)
        except Exception:
            log.warning("rate limiter unavailable; letting %s through", scope, exc_info=True)
            return None

    def clear(self, scope: Scope, key: str) -> None:
        self.strategy.clear(self.table[scope], NAMESPACE, scope.value, _hashed(key))

    def reset(self) -> None:
        """Forget every counter (tests)."""
        self.storage.reset()


@lru_cache(maxsize=1)
def get_limiter() -> RateLimiter:
    return RateLimiter(get_settings().redis_url or "memory://")


def reset_limiter() -> None:
    """Drop the limiter and its memory counters, e.g. after changing ``JOBHUB_REDIS_URL``."""
    get_limiter.cache_clear()


def hit(scope: Scope, key: str) -> int | None:
    return get_limiter().hit(scope, key)


def check(scope: Scope, key: str) -> int | None:
    return get_limiter().check(scope, key)


def first_limited(*checks: int | None) -> int | None:
    """The longest wait among several limits, or ``None`` when none is exceeded."""
    waits = [wait for wait in checks if wait is not None]
    return max(waits) if waits else None


def wait_message(seconds: int) -> str:
    """A sentence a person can act on: minutes when it is a minute or more."""
    if seconds < 60:
        return f"Too many attempts. Please wait {seconds} second{'s' if seconds != 1 else ''} and try again."
    minutes = ceil(seconds / 60)
    return f"Too many attempts. Please wait {minutes} minute{'s' if minutes != 1 else ''} and try again."


def retry_after_headers(seconds: int) -> dict[str, str]:
    """The ``Retry-After`` header for a limited answer, redirect or 429."""
    return {"Retry-After": str(seconds)}


def _ip_key(ip: str | None) -> str:
    return ip or "unknown"


def login_wait(ip: str | None, email: str) -> int | None:
    """Whether this IP or this address has failed too often lately (checked before the password)."""
    return first_limited(
        check(Scope.LOGIN_IP, _ip_key(ip)), check(Scope.LOGIN_ACCOUNT, email.strip().lower())
    )


def count_login_failure(ip: str | None, email: str) -> None:
    hit(Scope.LOGIN_IP, _ip_key(ip))
    hit(Scope.LOGIN_ACCOUNT, email.strip().lower())
