"""Reading resumes the tests write as real PDF and DOCX files: skills of the taxonomy as whole
words, recent titles, schools; contact details dropped; broken and encrypted files refused cleanly."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter
from sqlmodel import Session

from jobhub.platform.storage import DOCX, PDF
from jobhub.profiles.resume_parsing import SkillMatcher, parse_resume_text, redact
from jobhub.profiles.resume_tasks import taxonomy_matcher
from jobhub.profiles.resume_text import (
    BROKEN_DOCX,
    BROKEN_PDF,
    ENCRYPTED,
    NO_TEXT,
    TOO_BIG,
    UnreadableResume,
    extract_text,
)
from tests.profiles.resume_files import docx_bytes, pdf_bytes

MATCHER = SkillMatcher(
    {
        "py": "Python",
        "c": "C",
        "cpp": "C++",
        "go": "Go",
        "rn": "React Native",
        "react": "React",
        "ml": "Machine Learning",
        "node": "Node.js",
        "pg": "PostgreSQL",
    }
)


def names(text: str) -> list[str]:
    return [name for _, name in MATCHER.find(text)]


def test_skills_match_whole_words_in_any_case_and_multi_word_names_across_lines() -> None:
    assert names("PYTHON, node.js and machine\n  learning; postgresql.") == [
        "Python",
        "Node.js",
        "Machine Learning",
        "PostgreSQL",
    ]


def test_a_skill_inside_another_word_is_not_found() -> None:
    assert names("Pythonic reactive Gopher postgresqlx cpython") == []


def test_the_longest_name_wins_and_short_names_must_match_their_case() -> None:
    assert names("React Native and C++ in C. We go far with Go.") == ["React Native", "C++", "C", "Go"]
    assert names("c and go and r") == []


def test_contact_details_are_removed_but_year_ranges_stay() -> None:
    text = redact("jane.doe+cv@mail.example.org, +44 (20) 7946-0958, 2016 - 2019, 415.555.0100")

    assert text == "[email], [phone], 2016 - 2019, [phone]"


@pytest.mark.parametrize(
    ("make", "content_type"), [(pdf_bytes, PDF), (docx_bytes, DOCX)], ids=["pdf", "docx"]
)
def test_a_real_file_gives_its_skills_titles_and_schools(
    db: Session, make: object, content_type: str
) -> None:
    text = extract_text(make(), content_type)  # type: ignore[operator]

    parsed = parse_resume_text(text, taxonomy_matcher(db))

    assert {"Python", "PostgreSQL", "Machine Learning", "Go", "Kubernetes", "Docker", "React"} <= {
        name for _, name in parsed.skills
    }
    assert [(t.title, t.company, t.start_year, t.end_year, t.current) for t in parsed.titles] == [
        ("Senior Software Engineer", "Acme Robotics", 2019, None, True),
        ("Data Analyst", "Globex", 2016, 2019, False),
    ]
    assert [(s.name, s.degree, s.start_year, s.end_year) for s in parsed.schools] == [
        ("University of Cambridge", "BSc", 2012, 2015)
    ]
    content = parsed.as_content()
    assert "jane.example@example.com" not in str(content) and "7946" not in str(content)
    assert content["text_length"] == len(text)


def test_an_encrypted_pdf_is_refused_with_a_clear_reason() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)

    with pytest.raises(UnreadableResume) as refused:
        extract_text(out.getvalue(), PDF)
    assert refused.value.message == ENCRYPTED


@pytest.mark.parametrize(
    ("data", "content_type", "message"),
    [
        (b"%PDF-1.7\n" + b"\x00garbage" * 50, PDF, BROKEN_PDF),
        (pdf_bytes()[: len(pdf_bytes()) // 3], PDF, BROKEN_PDF),
        (pdf_bytes([]), PDF, NO_TEXT),
        (b"PK\x03\x04" + b"\x00" * 64, DOCX, BROKEN_DOCX),
    ],
    ids=["garbage-pdf", "truncated-pdf", "no-text", "broken-docx"],
)
def test_a_broken_file_fails_with_a_message_not_a_crash(data: bytes, content_type: str, message: str) -> None:
    with pytest.raises(UnreadableResume) as refused:
        extract_text(data, content_type)
    assert refused.value.message == message


def test_a_docx_that_unpacks_to_too_much_is_not_read() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (41 * 1024 * 1024))

    with pytest.raises(UnreadableResume) as refused:
        extract_text(out.getvalue(), DOCX)
    assert refused.value.message == TOO_BIG
