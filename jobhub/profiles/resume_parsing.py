"""What a resume's text says that a profile can use: skills of the taxonomy, recent titles, schools.

Pure functions over text, so the worker, the benchmark and the tests share them. The reading is
deliberately modest (a resume has no schema): skills are names of ``profiles.skills`` found as
whole words, case-insensitively, multi-word names across line breaks too; names of one or two
characters ("C", "R", "Go", "C#") must match their case, or every "go" in a sentence would be
a skill. Titles are short lines of the experience section that name a role ("Senior Data
Engineer at Acme, 2019 - present"); schools are lines naming a university, college or school.

Email addresses and phone numbers are removed from the text before anything is kept: the
parsed content is shown to the seeker and exported, and it has no use for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Final

MAX_TITLES: Final = 5
MAX_SCHOOLS: Final = 5
STORED_TEXT: Final = 20_000
"""Characters of text kept in ``parsed_content`` (the export and the DOCX preview show it)."""
LINE_MAX: Final = 140
WORDS_MAX: Final = 8
SHORT_NAME: Final = 2

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_CANDIDATE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
_PHONE_DIGITS = range(9, 16)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d{2})\b")
_CURRENT = re.compile(r"\b(present|current|now|today)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+(?:at|@|[-\u2013\u2014|\u00b7])\s+|,\s+|\s+\(|\t")
_TITLE_WORD = re.compile(
    r"\b(engineer|developer|programmer|manager|designer|analyst|scientist|consultant|director|"
    r"architect|administrator|specialist|coordinator|intern|officer|accountant|nurse|teacher|"
    r"lead|head|writer|editor|recruiter|technician|assistant|associate|advisor|strategist|"
    r"researcher|product owner|scrum master|founder|cto|ceo|cfo|vp|devops|sre)\b",
    re.IGNORECASE,
)
_SCHOOL_WORD = re.compile(
    r"\b(university|universit[yä]t|université|college|school|institute|academy|polytechnic|"
    r"conservatory|hochschule|école)\b",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"\b(ph\.?\s?d|doctorate|master(?:'s)?|m\.?sc|m\.?s\.|m\.?a\.|mba|bachelor(?:'s)?|b\.?sc|b\.?s\.|"
    r"b\.?a\.|b\.?eng|m\.?eng|associate degree|diploma|certificate)",
    re.IGNORECASE,
)
_HEADING_EXPERIENCE = re.compile(
    r"^(work |professional |relevant )?(experience|employment( history)?|career( history)?|work history)$",
    re.IGNORECASE,
)
_HEADING_EDUCATION = re.compile(r"^(education|academic background|studies|qualifications)$", re.IGNORECASE)
_HEADING_OTHER = re.compile(
    r"^(skills|technical skills|projects|certifications|languages|interests|hobbies|summary|"
    r"profile|about( me)?|contact|references|awards|publications|volunteering)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundTitle:
    title: str
    company: str
    start_year: int | None
    end_year: int | None
    current: bool


@dataclass(frozen=True)
class FoundSchool:
    name: str
    degree: str
    start_year: int | None
    end_year: int | None


@dataclass(frozen=True)
class ParsedResume:
    text: str
    text_length: int
    skills: tuple[tuple[str, str], ...]
    """(skill id, name) in the order the resume first names them."""
    titles: tuple[FoundTitle, ...]
    schools: tuple[FoundSchool, ...]

    def as_content(self) -> dict[str, Any]:
        """The JSON stored as ``resumes.parsed_content``."""
        return {
            "text": self.text[:STORED_TEXT],
            "text_length": self.text_length,
            "skills": [{"id": skill_id, "name": name} for skill_id, name in self.skills],
            "titles": [asdict(title) for title in self.titles],
            "schools": [asdict(school) for school in self.schools],
        }


def redact(text: str) -> str:
    """The text without email addresses and phone numbers (year ranges are not phone numbers)."""

    def phone(match: re.Match[str]) -> str:
        digits = sum(ch.isdigit() for ch in match.group(0))
        return "[phone]" if digits in _PHONE_DIGITS else match.group(0)

    return _PHONE_CANDIDATE.sub(phone, _EMAIL.sub("[email]", text))


Trie = dict[str, "Trie"]


def _trie_pattern(names: Iterable[str]) -> str:
    """One regex alternation for ``names`` shaped as a trie of their lower-case characters (a
    space stands for any run of white space), so each position tries a handful of branches
    instead of every name; longer names are tried first at every fork."""
    root: Trie = {}
    for name in names:
        node = root
        for unit in " ".join(name.lower().split()):
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: Trie) -> str:
        branches = [
            (r"\s+" if unit == " " else re.escape(unit)) + emit(child)
            for unit, child in sorted(node.items())
            if unit
        ]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 and "" not in node else f"(?:{'|'.join(branches)})"
        return f"{group}?" if "" in node else group

    return emit(root)


class SkillMatcher:
    """One compiled pattern over the whole taxonomy, the longest name winning where names share a
    start ("React Native" over "React", "C++" over "C"); build it once per batch of resumes."""

    def __init__(self, skills: Mapping[str, str]) -> None:
        self._by_name = {" ".join(name.split()).lower(): skill_id for skill_id, name in skills.items()}
        self._names = {" ".join(name.split()).lower(): name for name in skills.values()}
        long_names = [name for name in skills.values() if len(name) > SHORT_NAME]
        short = sorted((name for name in skills.values() if len(name) <= SHORT_NAME), key=len, reverse=True)
        parts = [_trie_pattern(long_names)] if long_names else []
        if short:
            parts.append(f"(?-i:{'|'.join(re.escape(name) for name in short)})")
        self._pattern = (
            re.compile(rf"(?<![A-Za-z0-9])(?:{'|'.join(parts)})(?![A-Za-z0-9+#])", re.IGNORECASE)
            if parts
            else None
        )

    @property
    def size(self) -> int:
        """How many skill names it looks for."""
        return len(self._by_name)

    def find(self, text: str) -> tuple[tuple[str, str], ...]:
        if self._pattern is None:
            return ()
        found: dict[str, str] = {}
        for match in self._pattern.finditer(text):
            key = " ".join(match.group(0).split()).lower()
            if key in self._by_name:
                found.setdefault(self._by_name[key], self._names[key])
        return tuple(found.items())


def _sections(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines under an experience heading and under an education heading (each may be empty)."""
    experience: list[str] = []
    education: list[str] = []
    current: list[str] | None = None
    for line in lines:
        heading = line.rstrip(":").strip()
        if _HEADING_EXPERIENCE.match(heading):
            current = experience
        elif _HEADING_EDUCATION.match(heading):
            current = education
        elif _HEADING_OTHER.match(heading):
            current = None
        elif current is not None:
            current.append(line)
    return experience, education


def _years(line: str) -> tuple[int | None, int | None]:
    years = [int(year) for year in _YEAR.findall(line)]
    if not years:
        return None, None
    return years[0], (years[1] if len(years) > 1 else None)


def _pieces(line: str) -> list[str]:
    return [piece.strip(" .;:)(") for piece in _SEPARATORS.split(line) if piece and piece.strip(" .;:)(")]


def _title(line: str) -> FoundTitle | None:
    if len(line) > LINE_MAX:
        return None
    pieces = _pieces(line)
    for index, piece in enumerate(pieces):
        if _TITLE_WORD.search(piece) and not _YEAR.search(piece) and len(piece.split()) <= WORDS_MAX:
            rest = [p for p in pieces[index + 1 :] if not _YEAR.search(p) and not _CURRENT.fullmatch(p)]
            start, end = _years(line)
            company = rest[0] if rest and not _TITLE_WORD.search(rest[0]) else ""
            return FoundTitle(piece, company[:255], start, end, bool(_CURRENT.search(line)))
    return None


def _school(line: str) -> FoundSchool | None:
    if len(line) > LINE_MAX:
        return None
    for piece in _pieces(line):
        if _SCHOOL_WORD.search(piece) and len(piece.split()) <= WORDS_MAX + 2 and not _YEAR.search(piece):
            degree = _DEGREE.search(line)
            start, end = _years(line)
            return FoundSchool(piece[:255], degree.group(0).strip() if degree else "", start, end)
    return None


def _first(found: Iterable[Any], limit: int, key: str) -> tuple[Any, ...]:
    kept: dict[str, Any] = {}
    for item in found:
        if item is not None and len(kept) < limit:
            kept.setdefault(getattr(item, key).lower(), item)
    return tuple(kept.values())


def parse_resume_text(text: str, matcher: SkillMatcher) -> ParsedResume:
    """What ``text`` offers the profile; the titles and schools in the order written (newest first
    on nearly every resume, hence "recent")."""
    clean = redact(text)
    lines = [" ".join(line.split()) for line in clean.splitlines()]
    lines = [line for line in lines if line]
    experience, education = _sections(lines)
    titles = _first((_title(line) for line in experience or lines), MAX_TITLES, "title")
    schools = _first((_school(line) for line in education or lines), MAX_SCHOOLS, "name")
    return ParsedResume(
        text=clean,
        text_length=len(text),
        skills=matcher.find(clean),
        titles=titles,
        schools=schools,
    )
