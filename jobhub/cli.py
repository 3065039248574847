"""Management commands: migrate, demo, worker, stop, createadmin, bench.

Commands that touch ClickHouse must run before the app starts or instead of it when the
store is embedded (chDB opens its data directory in one process only).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from jobhub.platform.errors import StoreUnavailable
from jobhub.settings import get_settings

log = logging.getLogger("jobhub")


def cmd_migrate(args: argparse.Namespace) -> int:
    from jobhub.platform.analytics_store import get_analytics_client, migrate_analytics
    from jobhub.platform.db import check_database, database_url, redacted
    from jobhub.platform.migrations import upgrade_database
    from jobhub.platform.tasks import apply_task_queue_schema

    url = database_url()
    check_database()
    upgrade_database(url)
    apply_task_queue_schema()
    migrate_analytics(get_analytics_client())
    print(f"PostgreSQL {redacted(url)}: at head; ClickHouse {get_settings().resolved_clickhouse_url}: ready")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from jobhub.demo import DemoSize, load_demo_data

    size = DemoSize(companies=args.companies, jobs=args.jobs, seekers=args.seekers)
    report = load_demo_data(size, only_if_empty=args.if_empty, seed=args.seed)
    print(report)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from jobhub.platform.tasks import run_worker

    run_worker()
    return 0


def cmd_stop(args: argparse.Namespace) -> int:
    from jobhub.platform.db import stop_embedded_server

    data_dir = get_settings().resolved_data_dir
    stopped = stop_embedded_server(data_dir)
    print("embedded PostgreSQL stopped" if stopped else "no embedded PostgreSQL was running")
    if stop_embedded_server(data_dir / "bench"):
        print("the search benchmark's embedded PostgreSQL (bench search --reuse) stopped")
    return 0


def cmd_createadmin(args: argparse.Namespace) -> int:
    from jobhub.auth.admin_bootstrap import run_createadmin
    from jobhub.platform.errors import DomainError

    try:
        outcome = run_createadmin(
            args.email,
            password_stdin=args.password_stdin,
            first_name=args.first_name,
            last_name=args.last_name,
        )
    except DomainError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    print(outcome.describe())
    return 0


def cmd_bench_search(args: argparse.Namespace) -> int:
    """The benchmarks live under tests/, which an installed app does not ship."""
    try:
        from tests.bench.bench_search import run_benchmark
    except ModuleNotFoundError as exc:
        if exc.name not in ("tests", "tests.bench", "tests.bench.bench_search"):
            raise
        print("error: benchmarks need a source checkout (tests/bench); run from its root", file=sys.stderr)
        return 2
    return run_benchmark(args.jobs, args.server, args.queries, args.reuse, args.naive_queries)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m jobhub", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("migrate", help="upgrade PostgreSQL and create the ClickHouse tables").set_defaults(
        handler=cmd_migrate
    )

    demo = sub.add_parser("demo", help="load realistic demo data (idempotent)")
    demo.add_argument("--companies", type=int, default=25)
    demo.add_argument("--jobs", type=int, default=300)
    demo.add_argument("--seekers", type=int, default=120)
    demo.add_argument("--seed", type=int, default=2026, help="Faker seed, so runs are repeatable")
    demo.add_argument("--if-empty", action="store_true", help="do nothing when demo data exists")
    demo.set_defaults(handler=cmd_demo)

    sub.add_parser("worker", help="run the background worker (relay, alerts, mail)").set_defaults(
        handler=cmd_worker
    )
    sub.add_parser("stop", help="stop the embedded PostgreSQL server").set_defaults(handler=cmd_stop)
    admin = sub.add_parser("createadmin", help="create an administrator, or make an existing account one")
    admin.add_argument("email")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from stdin (scripts)")
    admin.add_argument("--first-name", default="Admin")
    admin.add_argument("--last-name", default="User")
    admin.set_defaults(handler=cmd_createadmin)

    bench = sub.add_parser("bench", help="benchmarks (need a source checkout)")
    bench_sub = bench.add_subparsers(dest="benchmark", required=True)
    search = bench_sub.add_parser("search", help="load N jobs, time our search against a naive one")
    search.add_argument("--jobs", type=int, default=1_000_000)
    search.add_argument("--server", help="PostgreSQL URL; the benchmark uses its own database jobhub_bench")
    search.add_argument("--queries", type=int, default=240, help="size of the fixed query mix")
    search.add_argument(
        "--reuse",
        action="store_true",
        help="keep jobhub_bench (embedded: in the data directory), reuse a same-size load",
    )
    search.add_argument(
        "--naive-queries",
        type=int,
        help="run the naive search on this many (default: as many as fit 15 min; 0: ours only)",
    )
    search.set_defaults(handler=cmd_bench_search)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
