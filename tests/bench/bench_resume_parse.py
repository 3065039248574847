"""Resume parsing throughput: ``python -m tests.bench.bench_resume_parse [--files 200 --pages 2]``.

Generates ``--files`` realistic resumes of ``--pages`` pages as PDF (the tests' hand-written PDF
writer, no reportlab) and as DOCX (python-docx), then times what the worker does with each
file's bytes: text extraction (pypdf, python-docx) and reading that text against the whole skill
taxonomy (the 378 names migration 0002 seeds, read from ``alembic/reference_data``). Prints
files per second and p50/p95 per file for each type, with extraction alone beside the total so
the share of the matching is visible. No database: the worker's two small transactions around a
file are not what limits it.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from jobhub.platform.storage import DOCX, PDF
from jobhub.profiles.resume_parsing import SkillMatcher, parse_resume_text
from jobhub.profiles.resume_text import extract_text
from tests.profiles.resume_files import docx_bytes, pdf_bytes, realistic_lines

SKILLS_FILE = Path(__file__).resolve().parents[2] / "alembic" / "reference_data" / "skills.json"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def taxonomy() -> SkillMatcher:
    names = [skill["name"] for skill in json.loads(SKILLS_FILE.read_text())]
    return SkillMatcher({str(index): name for index, name in enumerate(names)})


def read(data: bytes, content_type: str, matcher: SkillMatcher) -> object:
    return parse_resume_text(extract_text(data, content_type), matcher)


def timed(files: list[bytes], work: Callable[[bytes], object]) -> tuple[float, list[float]]:
    """Files per second over the whole batch, and milliseconds per file."""
    each: list[float] = []
    started = time.perf_counter()
    for data in files:
        begun = time.perf_counter()
        work(data)
        each.append((time.perf_counter() - begun) * 1000)
    return len(files) / (time.perf_counter() - started), each


def report(label: str, rate: float, each: list[float]) -> None:
    print(
        f"  {label:<22} {rate:8.1f} files/s   p50 {percentile(each, 0.5):7.2f} ms"
        f"   p95 {percentile(each, 0.95):7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="resumes of each type")
    parser.add_argument("--pages", type=int, default=2, help="pages per resume")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    resumes = [realistic_lines(rng, args.pages) for _ in range(args.files)]
    matcher = taxonomy()
    print(f"{args.files} resumes of each type, {args.pages} pages, {matcher.size} skills")
    for label, content_type, make in (
        ("PDF (pypdf)", PDF, pdf_bytes),
        ("DOCX (python-docx)", DOCX, docx_bytes),
    ):
        files = [make(lines) for lines in resumes]
        size = sum(map(len, files)) / len(files) / 1024
        print(f"{label}: {size:.1f} KB per file on average")
        found = parse_resume_text(extract_text(files[0], content_type), matcher)
        assert found.skills and found.titles and found.schools, "the generated resumes must be read"
        report("extraction only", *timed(files, partial(extract_text, content_type=content_type)))
        report(
            "extraction + reading", *timed(files, partial(read, content_type=content_type, matcher=matcher))
        )


if __name__ == "__main__":
    main()
