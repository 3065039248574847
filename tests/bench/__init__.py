"""Benchmark scripts: run one by one (``python -m tests.bench.<name>``), never collected by pytest."""
