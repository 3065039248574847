"""Real resume files made on the spot: PDFs written by hand (no reportlab here), DOCX by python-docx.

The PDF writer emits the smallest valid file a reader needs (catalog, pages, one standard
Type 1 font, a content stream per page, a cross-reference table), so pypdf reads its text the
way it reads an exported resume. The tests, the browser journey and the benchmark share these.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from typing import Final

import docx

LINES_PER_PAGE: Final = 46

SAMPLE_LINES: Final = (
    "Jane Example",
    "jane.example@example.com | +44 20 7946 0958",
    "Summary",
    "Backend engineer who likes Python, PostgreSQL and Machine Learning.",
    "Experience",
    "Senior Software Engineer at Acme Robotics, 2019 - present",
    "Built services in Python and Go on Kubernetes.",
    "Data Analyst at Globex, 2016 - 2019",
    "Education",
    "University of Cambridge, BSc Computer Science, 2012 - 2015",
    "Skills",
    "Python, PostgreSQL, Docker, React",
)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(lines: Sequence[str]) -> bytes:
    body = ["BT", "/F1 11 Tf", "14 TL", "56 800 Td"]
    for line in lines:
        body.append(f"({_escape(line)}) Tj T*")
    body.append("ET")
    return "\n".join(body).encode("latin-1", "replace")


def pdf_bytes(lines: Sequence[str] = SAMPLE_LINES) -> bytes:
    """A PDF of ``lines`` in Helvetica, as many A4 pages as they need."""
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]
    font_id, pages_id = 3, 2
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    kids = []
    for index, page_lines in enumerate(pages):
        page_id, stream_id = 4 + 2 * index, 5 + 2 * index
        stream = _page_stream(page_lines)
        objects[stream_id] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % stream_id
        )
        kids.append(b"%d 0 R" % page_id)
    objects[pages_id] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    count = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
    for number in range(1, count):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref))
    return out.getvalue()


def docx_bytes(lines: Sequence[str] = SAMPLE_LINES) -> bytes:
    """A Word document with one paragraph per line (headings as Word headings)."""
    document = docx.Document()
    for line in lines:
        if line in {"Summary", "Experience", "Education", "Skills"}:
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FIRST_NAMES: Final = ("Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances")
TITLES: Final = ("Software Engineer", "Data Scientist", "Product Manager", "DevOps Engineer", "UX Designer")
COMPANIES: Final = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries")
SCHOOLS: Final = ("University of Leeds", "Imperial College London", "Technical University of Munich")
SKILLS: Final = ("Python", "Java", "PostgreSQL", "Kubernetes", "React", "Docker", "Machine Learning", "Go")
FILLER: Final = (
    "Led a team of five to ship a billing platform used by two million customers.",
    "Cut the p95 latency of the search service from 900 ms to 120 ms.",
    "Mentored junior colleagues and ran the weekly architecture review.",
    "Designed the event pipeline that feeds the analytics warehouse.",
)


def realistic_lines(rng: random.Random, pages: int = 2) -> list[str]:
    """A plausible resume of about ``pages`` pages: contact, summary, jobs, schools, skills."""
    lines = [rng.choice(FIRST_NAMES) + " Example", "someone@example.com | +1 415 555 0100", "Summary"]
    lines.append("Engineer with ten years of " + ", ".join(rng.sample(SKILLS, 3)) + ".")
    lines.append("Experience")
    year = 2025
    while len(lines) < pages * LINES_PER_PAGE - 8:
        start = year - rng.randint(1, 4)
        lines.append(f"{rng.choice(TITLES)} at {rng.choice(COMPANIES)}, {start} - {year}")
        lines.extend(rng.sample(FILLER, 3))
        year = start
    lines += ["Education", f"{rng.choice(SCHOOLS)}, MSc Computer Science, {year - 5} - {year - 3}", "Skills"]
    lines.append(", ".join(rng.sample(SKILLS, 5)))
    return lines
