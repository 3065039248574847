"""A seeker's answers to a posting's screening questions: checked against the questions, stored by key.

Questions are stored on the posting as a list (``screening_questions``); an answer refers to
its question by its place in that list, from ``"0"``, which is how the team's candidate panel
reads them back. Answers are stored as ``{key: answer}`` on
``job_applications.screening_answers``: yes/no questions as ``"yes"``/``"no"``, choice
questions as the chosen text, text questions as the trimmed text. ``answered`` pairs each
stored answer with its question again for the tracker; it also finds answers stored under a
question's own ``id`` or its text (the demo's older rows).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from jobhub.jobs.screening_questions import QUESTIONS_MAX, QuestionType, ScreeningQuestion, read_questions
from jobhub.platform.errors import Invalid

ANSWER_MAX: Final = 1000
YES: Final = "yes"
NO: Final = "no"
FIELD: Final = "answers"
UNSTORABLE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
"""NUL (PostgreSQL cannot store it), other control characters and lone surrogates."""


def storable(field: str, text: str, what: str) -> str:
    """``text`` unchanged, or ``Invalid`` when it holds characters that cannot be stored."""
    if UNSTORABLE.search(text):
        raise Invalid(field, f"{what} holds characters that cannot be saved; please retype it.")
    return text


@dataclass(frozen=True)
class KeyedQuestion:
    key: str
    question: ScreeningQuestion
    own_id: str = ""


@dataclass(frozen=True)
class AnsweredQuestion:
    question: str
    answer: str


def keyed_questions(items: object) -> tuple[KeyedQuestion, ...]:
    """The posting's readable questions with their keys, in the order applicants see them."""
    if not isinstance(items, list | tuple):
        return ()
    keyed: list[KeyedQuestion] = []
    for index, item in enumerate(items[:QUESTIONS_MAX]):
        read, _problem = read_questions([item])
        if not read:
            continue
        own = item.get("id") if isinstance(item, Mapping) else None
        keyed.append(KeyedQuestion(str(index), read[0], str(own) if own else ""))
    return tuple(keyed)


def _answer(keyed: KeyedQuestion, raw: object) -> str:
    """The answer as stored ("" when not given), or ``Invalid`` naming the question."""
    q = keyed.question
    if raw is None:
        return ""
    if not isinstance(raw, str | bool):
        raise Invalid(f"{FIELD}.{keyed.key}", f"\u201c{q.question}\u201d: this answer could not be read.")
    if q.type == QuestionType.YES_NO:
        value = (YES if raw else NO) if isinstance(raw, bool) else raw.strip().lower()
        if value not in ("", YES, NO):
            raise Invalid(f"{FIELD}.{keyed.key}", f"\u201c{q.question}\u201d: answer yes or no.")
        return value
    text = storable(f"{FIELD}.{keyed.key}", str(raw), f"\u201c{q.question}\u201d")
    text = " ".join(text.split()) if q.type == QuestionType.CHOICE else text.strip()
    if q.type == QuestionType.CHOICE and text and text not in q.choices:
        raise Invalid(f"{FIELD}.{keyed.key}", f"\u201c{q.question}\u201d: choose one of the choices.")
    if len(text) > ANSWER_MAX:
        raise Invalid(
            f"{FIELD}.{keyed.key}", f"\u201c{q.question}\u201d: at most {ANSWER_MAX:,} characters, please."
        )
    return text


def checked_answers(items: object, answers: Mapping[str, object]) -> dict[str, str]:
    """The answers to store, or ``Invalid`` for an unknown question, a wrong type or a missing
    required answer (the first problem, in question order)."""
    questions = keyed_questions(items)
    known = {keyed.key for keyed in questions}
    unknown = sorted(str(key) for key in answers if key not in known)
    if unknown:
        raise Invalid(FIELD, "Some answers are for questions this job does not ask. Reload the page.")
    stored: dict[str, str] = {}
    for keyed in questions:
        value = _answer(keyed, answers.get(keyed.key))
        if not value and keyed.question.required:
            raise Invalid(f"{FIELD}.{keyed.key}", f"\u201c{keyed.question.question}\u201d needs an answer.")
        if value:
            stored[keyed.key] = value
    return stored


def answered(items: object, stored: Mapping[str, Any] | None) -> list[AnsweredQuestion]:
    """Each question of the posting that has a stored answer, with that answer."""
    answers = stored or {}
    shown = []
    for keyed in keyed_questions(items):
        for key in (keyed.key, keyed.own_id, keyed.question.question):
            if key and answers.get(key) not in (None, ""):
                shown.append(AnsweredQuestion(keyed.question.question, str(answers[key])))
                break
    return shown
