"""The screening questions an employer adds to a posting's application form, read and checked.

Stored on ``jobs.screening_questions`` as a JSON list of ``{question, type, choices,
required}``; ``type`` is how the applicant answers: free text, yes or no, or one of the
``choices``. The list's order is the order applicants see.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

QUESTIONS_MAX: Final = 10
QUESTION_MAX: Final = 300
CHOICES_MIN: Final = 2
CHOICES_MAX: Final = 10
CHOICE_MAX: Final = 100
TRUE_WORDS: Final = frozenset({"true", "on", "yes", "1"})
CONTROL_CHARS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class QuestionType(StrEnum):
    TEXT = "text"
    YES_NO = "yes_no"
    CHOICE = "choice"


QUESTION_TYPE_LABELS: Final[dict[str, str]] = {
    QuestionType.TEXT: "Text answer",
    QuestionType.YES_NO: "Yes or no",
    QuestionType.CHOICE: "One of several choices",
}


@dataclass(frozen=True)
class ScreeningQuestion:
    """A question of the application form; ``choices`` only for ``choice`` questions."""

    question: str
    type: QuestionType
    choices: tuple[str, ...] = ()
    required: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "type": self.type.value,
            "choices": list(self.choices),
            "required": self.required,
        }


def truthy(value: object, default: bool) -> bool:
    """A checkbox's value as forms send it (``True``, "on", "true"); ``None`` means not sent."""
    if value is None:
        return default
    return value is True or (isinstance(value, str) and value.strip().lower() in TRUE_WORDS)


def _one_line(value: object) -> str:
    return " ".join(CONTROL_CHARS.sub("", str(value)).split())


def _choices(raw: object) -> tuple[str, ...]:
    """Choices as a list or as one per line, blank ones dropped, each once."""
    items = raw.split("\n") if isinstance(raw, str) else raw if isinstance(raw, list | tuple) else []
    return tuple(dict.fromkeys(_one_line(item) for item in items if _one_line(item)))


def _question(item: object, number: int) -> tuple[ScreeningQuestion | None, str]:
    where = f"Question {number}"
    if not isinstance(item, Mapping):
        return None, f"{where} could not be read."
    try:
        kind = QuestionType(str(item.get("type") or QuestionType.TEXT))
    except ValueError:
        return None, f"{where}: choose text, yes/no or choice as its answer type."
    text = _one_line(item.get("question") or "")
    choices = _choices(item.get("choices")) if kind == QuestionType.CHOICE else ()
    problem = ""
    if not text:
        problem = f"{where} needs its question, or remove it."
    elif len(text) > QUESTION_MAX:
        problem = f"{where} can be at most {QUESTION_MAX} characters."
    elif kind == QuestionType.CHOICE and not CHOICES_MIN <= len(choices) <= CHOICES_MAX:
        problem = f"{where} needs {CHOICES_MIN} to {CHOICES_MAX} different choices, one per line."
    elif any(len(choice) > CHOICE_MAX for choice in choices):
        problem = f"{where}: each choice can be at most {CHOICE_MAX} characters."
    question = ScreeningQuestion(text[:QUESTION_MAX], kind, choices, truthy(item.get("required"), False))
    return question, problem


def read_questions(items: object) -> tuple[tuple[ScreeningQuestion, ...], str]:
    """The questions as far as they read, and the first problem ("" when there is none)."""
    if items is None:
        return (), ""
    if not isinstance(items, list | tuple):
        return (), "The screening questions could not be read."
    problems = [f"Ask at most {QUESTIONS_MAX} screening questions."] if len(items) > QUESTIONS_MAX else []
    questions: list[ScreeningQuestion] = []
    for number, item in enumerate(items[:QUESTIONS_MAX], start=1):
        question, problem = _question(item, number)
        if question is not None:
            questions.append(question)
        if problem:
            problems.append(problem)
    return tuple(questions), problems[0] if problems else ""
