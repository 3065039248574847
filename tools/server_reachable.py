"""Exit 0 when the PostgreSQL server of a URL accepts a connection (used by ``make test``)."""

from __future__ import annotations

import sys

import psycopg


def main(url: str) -> int:
    try:
        with psycopg.connect(url, connect_timeout=2):
            return 0
    except psycopg.OperationalError:
        return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
