"""Job search at a million jobs: ``python -m jobhub bench search --jobs 1000000`` (issue 5, Performance).

Loads realistic jobs with COPY (bench_search_load, bench_search_corpus), then runs a fixed
mix of queries (bench_search_queries) through the real service, ``jobhub.jobs.search.search``
(first page and facets), and the same queries through a naive ``ILIKE`` implementation
(bench_search_naive) in the same run. It prints p50/p95/p99 per kind and overall for both,
the naive/ours ratio, the load rate, and the slowest of our queries with their URLs, so
they can be run again under ``EXPLAIN (ANALYZE, BUFFERS)``.

The issue's targets on this 2-core machine: p95 of the whole search at most 60 ms at a
million published jobs, and at least 20 times faster than the naive one. The naive search
scans the table once per count and facet, seconds per query at a million jobs, so unless
``--naive-queries`` says otherwise it runs on a stratified prefix of the mix that fits in
NAIVE_BUDGET_SECONDS, and says so.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
from sqlmodel import Session

from jobhub.jobs.search import search
from jobhub.jobs.search_caches import warm_search_caches
from jobhub.platform.db import build_engine
from tests.bench.bench_search_corpus import Catalog
from tests.bench.bench_search_load import (
    BenchDatabase,
    LoadReport,
    describe_server,
    open_database,
    prepare,
    read_catalog,
)
from tests.bench.bench_search_naive import naive_search
from tests.bench.bench_search_queries import KINDS, BenchQuery, query_mix

NAIVE_BUDGET_SECONDS = 15 * 60
WARM_UP_QUERIES = 600
"""Untimed searches of another draw of the mix first: right after the load, a restart or the naive
baseline's table scans, the search's pages are on disk (this host also takes back its page
cache), and the first queries timed the disk (p95 195 ms straight after a naive run, 58 ms on
the next run; 98 warm-up searches after a restart left p95 at 74 ms, measured). A server in use
keeps its hot pages in memory; 600 other searches bring them into the buffers. The timed
queries themselves are never run before they are timed."""
WARM_UP_SEED = 7
TARGET_P95_MS = 60.0
TARGET_RATIO = 20.0
SLOWEST_SHOWN = 5


@dataclass(frozen=True)
class Timing:
    query: BenchQuery
    ms: float
    total: int
    detail: str = ""


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def warm_up_mix(catalog: Catalog, jobs: int, mix: list[BenchQuery]) -> list[BenchQuery]:
    """Another draw of the mix, less any search that the timed mix holds too."""
    timed_params = {query.params for query in mix}
    drawn = query_mix(catalog, jobs, WARM_UP_QUERIES, seed=WARM_UP_SEED)
    return [query for query in drawn if query.params not in timed_params]


def run_ours(
    db: BenchDatabase, mix: list[BenchQuery], now: datetime, warm_up: list[BenchQuery]
) -> list[Timing]:
    """Each query in its own session, as a page load would run it; the warm-up untimed first,
    and the "did you mean" vocabulary read, as the app does when it starts."""
    engine = build_engine(db.url)
    timings = []
    try:
        for query in warm_up:
            with Session(engine) as session:
                search(session, query.params, now=now)
        with Session(engine) as session:
            warm_search_caches(session)  # as the app does at start
        for query in mix:
            with Session(engine) as session:
                ms, result = timed(lambda s=session, q=query: search(s, q.params, now=now))
            notes = "; ".join(result.notices)
            estimate = " (estimate)" if result.total_is_estimate else ""
            timings.append(Timing(query, ms, result.total, f"{result.total_label}{estimate} {notes}".strip()))
    finally:
        engine.dispose()
    return timings


def run_naive(db: BenchDatabase, mix: list[BenchQuery], limit: int | None, now: datetime) -> list[Timing]:
    """The mix in order (stratified by kind) until ``limit`` queries, or the time budget, whole rounds."""
    timings: list[Timing] = []
    started = time.perf_counter()
    with psycopg.connect(db.conninfo, autocommit=True) as conn:
        conn.execute("SELECT count(*) FROM jobs.jobs WHERE description ILIKE '%warm%'")
        for i, query in enumerate(mix[:limit] if limit is not None else mix):
            round_start = i % len(KINDS) == 0
            if limit is None and round_start and time.perf_counter() - started > NAIVE_BUDGET_SECONDS:
                break
            ms, result = timed(lambda q=query: naive_search(conn, q.params, now))
            timings.append(Timing(query, ms, result.total))
    return timings


def line(label: str, values: Sequence[float]) -> str:
    if not values:
        return f"  {label:<34}{'-':>9}"
    p50, p95, p99 = (percentile(values, f) for f in (0.5, 0.95, 0.99))
    return f"  {label:<34}{len(values):>5}{p50:>10.1f}{p95:>10.1f}{p99:>10.1f}{max(values):>10.1f}"


def table(title: str, timings: list[Timing], *, variants: bool = False) -> None:
    print(f"\n{title}")
    print(f"  {'kind (ms)':<34}{'n':>5}{'p50':>10}{'p95':>10}{'p99':>10}{'max':>10}")
    for kind in KINDS:
        of_kind = [t for t in timings if t.query.kind == kind]
        print(line(kind, [t.ms for t in of_kind]))
        if variants:
            for group in sorted({t.query.group for t in of_kind}):
                print(line(f"  {group}", [t.ms for t in of_kind if t.query.group == group]))
    print(line("overall", [t.ms for t in timings]))


def ratios(ours: list[Timing], naive: list[Timing]) -> tuple[float, float]:
    """naive / ours at p50 and p95 over exactly the queries both ran, per kind; returns the overall pair."""
    ran = {id(t.query) for t in naive}
    same = [t for t in ours if id(t.query) in ran]
    print(f"\nratio naive / ours on the same {len(naive)} queries (ms)")
    print(f"  {'kind':<34}{'p50 ours':>10}{'naive':>10}{'ratio':>8}{'p95 ours':>10}{'naive':>10}{'ratio':>8}")
    groups = [(kind, lambda t, k=kind: t.query.kind == k) for kind in KINDS]
    overall = (0.0, 0.0)
    for kind, chosen in [*groups, ("overall", lambda t: True)]:
        a = [t.ms for t in same if chosen(t)]
        b = [t.ms for t in naive if chosen(t)]
        if not a or not b:
            continue
        (a50, a95), (b50, b95) = ((percentile(v, 0.5), percentile(v, 0.95)) for v in (a, b))
        overall = (r50, r95) = (b50 / a50, b95 / a95)
        print(f"  {kind:<34}{a50:>10.1f}{b50:>10.0f}{r50:>7.1f}x{a95:>10.1f}{b95:>10.0f}{r95:>7.1f}x")
    return overall


def slowest(ours: list[Timing]) -> None:
    """The slowest distinct queries (the mix repeats popular ones, as real traffic does)."""
    print(f"\nour {SLOWEST_SHOWN} slowest queries (run them under EXPLAIN (ANALYZE, BUFFERS)):")
    shown: set[str] = set()
    for t in sorted(ours, key=lambda t: -t.ms):
        url = t.query.params.to_url()
        if url in shown:
            continue
        shown.add(url)
        print(f"  {t.ms:8.1f} ms  {t.query.kind} / {t.query.variant}  total {t.detail}\n             {url}")
        if len(shown) == SLOWEST_SHOWN:
            break


def agreement(ours: list[Timing], naive: list[Timing]) -> None:
    """How often both found the same number of jobs: they differ by design (stemming, substrings)."""
    exact = {id(t.query): t.total for t in ours if "estimate" not in t.detail}
    pairs = [(exact[id(t.query)], t.total) for t in naive if id(t.query) in exact]
    if not pairs:
        return
    same = sum(1 for a, b in pairs if a == b)
    print(
        f"\ntotals equal on {same} of {len(pairs)} queries with exact counts (words differ by design: "
        "stemmed full-text terms vs ILIKE substrings; filter-only queries should all agree)"
    )
    for t in naive:
        if id(t.query) in exact and not t.query.params.q and exact[id(t.query)] != t.total:
            mine = exact[id(t.query)]
            print(f"  filters disagree: ours {mine:,} naive {t.total:,}  {t.query.params.to_url()}")


def verdict(load: LoadReport, ours: list[Timing], ratio: tuple[float, float], naive: int, mix: int) -> None:
    p95 = percentile([t.ms for t in ours], 0.95)
    subset = f"on a stratified {naive} of {mix} queries" if naive < mix else f"on all {mix} queries"
    print(
        f"\nAt {load.jobs:,} jobs: our search p95 {p95:.1f} ms (target <= {TARGET_P95_MS:.0f} ms: "
        f"{'met' if p95 <= TARGET_P95_MS else 'NOT met'}); naive/ours {ratio[0]:.0f}x at p50 and "
        f"{ratio[1]:.0f}x at p95 {subset} (target >= {TARGET_RATIO:.0f}x: "
        f"{'met' if ratio[1] >= TARGET_RATIO else 'NOT met'})."
    )


def run_benchmark(jobs: int, server: str | None, queries: int, reuse: bool, naive_queries: int | None) -> int:
    db = open_database(server, reuse, jobs)
    try:
        embedded = "embedded, kept in the data directory" if reuse else "embedded, throwaway"
        where = f"jobhub_bench on {server}" if server else embedded
        print(f"-- database: {where}; {describe_server(db.conninfo)}")
        load = prepare(db, jobs)
        print(f"-- load: {load.describe()}")
        catalog = read_catalog(db.conninfo)
        mix = query_mix(catalog, jobs, queries)
        warm_up = warm_up_mix(catalog, jobs, mix)
        print(
            f"-- {len(mix)} queries, {len(mix) // len(KINDS)} of each kind: ours (jobhub.jobs.search), "
            f"after {len(warm_up)} others untimed"
        )
        now = datetime.now(UTC)
        ours = run_ours(db, mix, now, warm_up)
        if naive_queries == 0:
            print(f"\n{load.describe()}")
            table("ours: jobhub.jobs.search (first page + facets)", ours, variants=True)
            slowest(ours)
            return 0
        budget = f"stopping after {NAIVE_BUDGET_SECONDS // 60} min" if naive_queries is None else ""
        print(f"-- naive (ILIKE + count(*) + GROUP BY per facet) {budget}".rstrip(), flush=True)
        naive = run_naive(db, mix, naive_queries, now)
        if len(naive) < len(mix):
            per_query = statistics.mean(t.ms for t in naive) / 1000
            print(
                f"   NOTE: naive ran on a STRATIFIED SUBSET: the first {len(naive)} of {len(mix)} queries "
                f"({len(naive) // len(KINDS)} per kind); the whole mix would take ~"
                f"{per_query * len(mix) / 60:.0f} min at {per_query:.1f} s per query"
            )
        print(f"\n{load.describe()}")
        table("ours: jobhub.jobs.search (first page + facets)", ours, variants=True)
        table("naive: ILIKE + count(*) + GROUP BY per facet + newest 20", naive)
        ratio = ratios(ours, naive)
        slowest(ours)
        agreement(ours, naive)
        verdict(load, ours, ratio, len(naive), len(mix))
    finally:
        db.cleanup()
    return 0
