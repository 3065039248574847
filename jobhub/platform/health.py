"""``GET /health``: can this process reach PostgreSQL and ClickHouse right now?

Load balancers and uptime checks read the status code (200 ok, 503 degraded); people
read the JSON. Checks run in a worker thread because both clients block, and each
store is checked independently so one outage never hides the state of the other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from jobhub.platform.db import check_database
from jobhub.platform.errors import StoreUnavailable

log = logging.getLogger(__name__)

Check = Callable[[], None]


@dataclass(frozen=True)
class StoreHealth:
    ok: bool
    error: str | None = None

    def as_json(self) -> dict[str, object]:
        return {"ok": self.ok, "error": self.error}


@dataclass(frozen=True)
class HealthReport:
    stores: Mapping[str, StoreHealth]

    @property
    def ok(self) -> bool:
        return all(store.ok for store in self.stores.values())

    @property
    def status_code(self) -> int:
        return 200 if self.ok else 503

    def as_json(self) -> dict[str, object]:
        body: dict[str, object] = {"status": "ok" if self.ok else "degraded"}
        body.update({name: store.as_json() for name, store in self.stores.items()})
        return body


def check_analytics_store() -> None:
    """Delegate to the analytics store; imported late so PostgreSQL-only tools never load chDB."""
    from jobhub.platform.analytics_store import check_analytics

    check_analytics()


def default_checks() -> dict[str, Check]:
    return {"postgres": check_database, "clickhouse": check_analytics_store}


def run_check(name: str, check: Check) -> StoreHealth:
    """``StoreUnavailable`` messages are written to be shown (credentials redacted); any
    other failure is reported by type only, with the details in the log."""
    try:
        check()
    except StoreUnavailable as exc:
        log.warning("health: %s unavailable: %s", name, exc)
        return StoreHealth(ok=False, error=str(exc))
    except Exception as exc:
        log.exception("health: %s check failed", name)
        return StoreHealth(ok=False, error=f"{name} check failed ({type(exc).__name__})")
    return StoreHealth(ok=True)


def health_report(checks: Mapping[str, Check] | None = None) -> HealthReport:
    selected = default_checks() if checks is None else checks
    return HealthReport({name: run_check(name, check) for name, check in selected.items()})


async def health_endpoint(request: Request) -> JSONResponse:
    report = await run_in_threadpool(health_report)
    return JSONResponse(
        report.as_json(), status_code=report.status_code, headers={"Cache-Control": "no-store"}
    )
