"""Autocomplete and "did you mean" from the vocabulary of the jobs people can find now.

The vocabulary (titles, their words, skills and companies of the newest open jobs) is read
in one bounded query and kept per process for ``VOCABULARY_SECONDS``: typing ahead must not
cost a database round trip per key, and a suggestion a few minutes stale is harmless. It is
a cache only; nothing depends on it for correctness, so several processes may each hold one.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from rapidfuzz import fuzz, process
from sqlalchemy import Engine, text
from sqlmodel import Session

from jobhub.companies import service as companies
from jobhub.jobs import geo
from jobhub.platform.long_lived import freeze_long_lived
from jobhub.profiles import service as profiles

VOCABULARY_JOBS = 20_000
VOCABULARY_SECONDS = 600.0
MIN_PREFIX = 2
MATCH_CUTOFF = 75.0
WORD = re.compile(r"[a-z][a-z0-9+#.]*[a-z0-9+#]|[a-z]")
OPERATORS = {"or", "and", "not"}


@dataclass(frozen=True)
class Suggestion:
    kind: str
    label: str
    value: str


@dataclass(frozen=True)
class Vocabulary:
    titles: list[tuple[str, int]]
    words: dict[str, int]
    skills: list[str]
    companies: list[tuple[str, str]]


_lock = threading.Lock()
_cache: dict[str, tuple[float, Vocabulary]] = {}
_refreshing: set[str] = set()
log = logging.getLogger(__name__)


def forget_vocabulary() -> None:
    """Tests change the jobs under the cache's feet; they call this to see their own data."""
    with _lock:
        _cache.clear()


def _load(db: Session) -> Vocabulary:
    rows = db.execute(
        text(
            "SELECT title, company_id, required_skills, preferred_skills FROM jobs.jobs "
            "WHERE status = 'published' AND deleted_at IS NULL AND (expires_at IS NULL OR expires_at > :now) "
            "ORDER BY published_at DESC LIMIT :n"
        ),
        {"now": datetime.now(UTC), "n": VOCABULARY_JOBS},
    ).all()
    titles = Counter(r.title for r in rows)
    words: Counter[str] = Counter()
    for title, n in titles.items():
        for word in WORD.findall(title.lower()):
            words[word] += n
    skill_ids: set[uuid.UUID] = {
        s for r in rows for s in (r.required_skills or []) + (r.preferred_skills or [])
    }
    skills = sorted(profiles.skill_names(db, skill_ids).values(), key=str.lower)
    for skill in skills:
        for word in WORD.findall(skill.lower()):
            words[word] += 1
    summaries = companies.company_summaries(db, {r.company_id for r in rows if r.company_id})
    company_list = sorted(((s.name, s.slug) for s in summaries.values()), key=lambda c: c[0].lower())
    for name, _ in company_list:
        for word in WORD.findall(name.lower()):
            words[word] += 1
    return Vocabulary(titles=titles.most_common(), words=dict(words), skills=skills, companies=company_list)


def _refresh(engine: Engine, key: str) -> None:
    try:
        with Session(engine) as own:
            loaded = _load(own)
        with _lock:
            _cache[key] = (time.monotonic(), loaded)
        freeze_long_lived()
    except Exception:
        log.exception("refreshing the search vocabulary failed; the previous one stays")
    finally:
        with _lock:
            _refreshing.discard(key)


def vocabulary(db: Session) -> Vocabulary:
    """The cached vocabulary; only the first call of a process waits for it (about a second at a
    million jobs). A stale one is still answered while a thread reads the new one, so no
    keystroke waits for the refresh."""
    engine = db.get_bind().engine
    key = engine.url.render_as_string(hide_password=True)
    with _lock:
        cached = _cache.get(key)
        stale = cached is None or time.monotonic() - cached[0] >= VOCABULARY_SECONDS
        if cached and stale and key not in _refreshing:
            _refreshing.add(key)
            threading.Thread(target=_refresh, args=(engine, key), name="vocabulary", daemon=True).start()
    if cached:
        return cached[1]
    loaded = _load(db)
    with _lock:
        _cache[key] = (time.monotonic(), loaded)
    return loaded


def _closest(word: str, words: dict[str, int]) -> str | None:
    matches = process.extract(word, words.keys(), scorer=fuzz.ratio, score_cutoff=MATCH_CUTOFF, limit=5)
    if not matches:
        return None
    best = max(matches, key=lambda m: (round(m[1]), words[m[0]]))
    return best[0]


def did_you_mean(db: Session, q: str) -> str:
    """The query with each unknown word replaced by the closest known one; "" when nothing changes.

    Quoted phrases, ``-exclusions`` and ``or`` keep their place, so the suggestion is still
    the query the person meant to type.
    """
    words = vocabulary(db).words
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        token = match.group(0)
        lower = token.lower()
        if lower in words or lower in OPERATORS or len(lower) < 3:
            return token
        better = _closest(lower, words)
        if better is None:
            return token
        changed = True
        return better

    suggestion = re.sub(r"[A-Za-z][A-Za-z0-9+#.]*", fix, q)
    return suggestion if changed else ""


def suggest(db: Session, prefix: str, kind: str = "keyword", limit: int = 8) -> list[Suggestion]:
    """Type-ahead: titles, skills and companies for the keyword box, cities for the location box."""
    wanted = " ".join(prefix.split()).lower()
    if len(wanted) < MIN_PREFIX:
        return []
    if kind == "location":
        return [Suggestion("city", c.label, c.label) for c in geo.city_suggestions(wanted, limit)]
    vocab = vocabulary(db)

    def starts(name: str) -> bool:
        lower = name.lower()
        return lower.startswith(wanted) or f" {wanted}" in lower

    titles = [Suggestion("title", t, t) for t, _ in vocab.titles if starts(t)][:4]
    skills = [Suggestion("skill", s, s) for s in vocab.skills if starts(s)][:3]
    found = [Suggestion("company", name, slug) for name, slug in vocab.companies if starts(name)][:3]
    return [*titles, *skills, *found][:limit]
