"""Answers are keyed by the question's place; older rows keyed by a question's id or text still show."""

from __future__ import annotations

from jobhub.jobs.screening_answers import answered, checked_answers
from tests.jobs.application_support import QUESTIONS


def test_answers_are_stored_by_place_and_read_back_with_their_questions() -> None:
    stored = checked_answers(QUESTIONS, {"0": True, "2": "  A search engine "})

    assert stored == {"0": "yes", "2": "A search engine"}
    assert [(a.question, a.answer) for a in answered(QUESTIONS, stored)] == [
        ("Are you allowed to work in the EU?", "yes"),
        ("What did you ship last?", "A search engine"),
    ]


def test_an_answer_under_the_questions_own_id_or_text_is_found() -> None:
    questions = [{"id": "authorized", "question": "Are you authorized to work here?", "required": True}]

    assert [a.answer for a in answered(questions, {"authorized": "yes"})] == ["yes"]
    assert [a.answer for a in answered(questions, {"Are you authorized to work here?": "no"})] == ["no"]
