"""Realistic demo data (``python -m jobhub demo``): idempotent, seeded, fast."""

from jobhub.demo.loader import DemoReport, DemoSize, load_demo_data, load_demo_into

__all__ = ["DemoReport", "DemoSize", "load_demo_data", "load_demo_into"]
