"""Outbox relay throughput on the embedded stores: ``python -m tests.bench.bench_relay``.

Starts PostgreSQL (pgserver) and chDB in a fresh temporary data directory, migrates,
emits N events across every context's outbox (a fifth of them job views and a tenth
searches, which also feed the analytics tables), then relays everything and prints
events per second and the p50/p95 latency of one batch (lock, deliver, mark, commit).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from jobhub.platform import event_types as et
from jobhub.platform import relay
from jobhub.platform.analytics_store import get_analytics_client, migrate_analytics
from jobhub.platform.db import CONTEXT_SCHEMAS, build_engine, embedded_database_url, stop_embedded_server
from jobhub.platform.event_tables import REGISTRY
from jobhub.platform.events import emit
from jobhub.platform.migrations import upgrade_database
from jobhub.settings import reset_settings


def event_for(i: int, job: dict[str, Any]) -> tuple[str, str, str, dict[str, Any]]:
    """(schema, aggregate type, event type, data) of the i-th event of the mix."""
    if i % 10 < 2:
        return "jobs", "job", et.JOB_VIEWED, {**job, "source": "search"}
    if i % 10 == 2:
        return "jobs", "search", et.SEARCH_PERFORMED, {"query": "python", "results_count": i % 7}
    return CONTEXT_SCHEMAS[i % len(CONTEXT_SCHEMAS)], "thing", "bench.happened", {"n": i}


def emit_events(engine: Engine, n: int) -> float:
    """Emit ``n`` events in transactions of 1,000 and return the seconds it took."""
    job = {"job_id": str(uuid.uuid4()), "employer_id": str(uuid.uuid4()), "user_id": str(uuid.uuid4())}
    started = time.perf_counter()
    with Session(engine) as session:
        for i in range(n):
            schema, aggregate_type, event_type, data = event_for(i, job)
            emit(session, schema, aggregate_type, uuid.uuid4(), event_type, data)
            if i % 1000 == 999:
                session.commit()
        session.commit()
    return time.perf_counter() - started


def relay_everything(engine: Engine, client: Any, batch_size: int) -> tuple[int, float, list[float]]:
    """Relay batch by batch until the outboxes are empty: (delivered, seconds, batch latencies)."""
    latencies: list[float] = []
    delivered = 0
    started = time.perf_counter()
    while True:
        round_delivered = 0
        for schema in REGISTRY:
            batch_started = time.perf_counter()
            result = relay.relay_batch(engine, client, schema, batch_size)
            if result.picked:
                latencies.append(time.perf_counter() - batch_started)
            round_delivered += result.delivered
        delivered += round_delivered
        if not round_delivered:
            return delivered, time.perf_counter() - started, latencies


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="jobhub-bench-"))
    data_dir.chmod(0o755)
    os.environ["JOBHUB_DATA_DIR"] = str(data_dir)
    os.environ.pop("JOBHUB_DATABASE_URL", None)
    os.environ.pop("JOBHUB_CLICKHOUSE_URL", None)
    reset_settings()
    try:
        url = embedded_database_url(data_dir, "jobhub_bench")
        upgrade_database(url)
        engine = build_engine(url)
        client = get_analytics_client()
        migrate_analytics(client)

        emit_seconds = emit_events(engine, args.events)
        delivered, seconds, latencies = relay_everything(engine, client, args.batch_size)
        stored = client.command("SELECT count() FROM analytics.domain_events")
        engine.dispose()

        ms = [latency * 1000 for latency in latencies]
        print(
            f"emitted  {args.events:,} events in {emit_seconds:.1f} s ({args.events / emit_seconds:,.0f}/s)"
        )
        print(f"relayed  {delivered:,} events in {seconds:.1f} s ({delivered / seconds:,.0f} events/s)")
        print(
            f"batch    p50 {percentile(ms, 0.5):.0f} ms, p95 {percentile(ms, 0.95):.0f} ms, "
            f"mean {statistics.mean(ms):.0f} ms over {len(ms)} batches of up to {args.batch_size}"
        )
        print(f"stored   {stored:,} rows in analytics.domain_events (expected {args.events:,})")
    finally:
        stop_embedded_server(data_dir)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
