"""The editor's form parser: clear messages per field, and properties over any input Hypothesis finds."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobhub.jobs.models import Job
from jobhub.jobs.posting_form import (
    CURRENCIES,
    DESCRIPTION_MAX,
    PAY_MAX,
    SKILLS_MAX,
    TITLE_MAX,
    F,
    PostingInput,
    PostingInvalid,
    form_of,
    parse_posting,
    read_posting,
)
from jobhub.jobs.posting_rules import day_end
from jobhub.jobs.postings import apply_values
from jobhub.jobs.screening_questions import QUESTIONS_MAX, QuestionType
from tests.jobs.posting_support import publishable_form


def _errors(**overrides: Any) -> dict[str, str]:
    with pytest.raises(PostingInvalid) as refused:
        parse_posting(publishable_form(**overrides))
    return refused.value.errors


def test_a_good_form_reads_into_typed_values() -> None:
    values = parse_posting(publishable_form(salary_min="85,000", salary_max="105 000", show_salary="on"))

    assert (values.salary_min, values.salary_max, values.salary_currency) == (85_000, 105_000, "EUR")
    assert values.employment_type == "full_time" and values.remote_policy == "hybrid"
    assert values.show_salary is True


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({F.TITLE: "QA"}, F.TITLE),
        ({F.TITLE: "x" * (TITLE_MAX + 1)}, F.TITLE),
        ({F.EMPLOYMENT_TYPE: "gig"}, F.EMPLOYMENT_TYPE),
        ({F.LEVEL: "wizard"}, F.LEVEL),
        ({F.REMOTE: "moon"}, F.REMOTE),
        ({F.SALARY_MIN: "85.5"}, F.SALARY_MIN),
        ({F.SALARY_MIN: "-5"}, F.SALARY_MIN),
        ({F.SALARY_MAX: str(PAY_MAX + 1)}, F.SALARY_MAX),
        ({F.SALARY_MIN: "90000", F.SALARY_MAX: "80000"}, F.SALARY_MAX),
        ({F.CURRENCY: "XYZ"}, F.CURRENCY),
        ({F.PERIOD: "fortnightly"}, F.PERIOD),
        ({F.CATEGORY: "not-an-id"}, F.CATEGORY),
        ({F.REQUIRED_SKILLS: ["python"]}, F.REQUIRED_SKILLS),
        ({F.REQUIRED_SKILLS: [str(uuid.uuid4()) for _ in range(SKILLS_MAX + 1)]}, F.REQUIRED_SKILLS),
        ({F.DESCRIPTION: "x" * (DESCRIPTION_MAX + 1)}, F.DESCRIPTION),
        ({F.DEADLINE: "next friday"}, F.DEADLINE),
        ({F.EXPIRES_ON: "1999-12-31"}, F.EXPIRES_ON),
        ({F.APPLY_URL: "javascript:alert(1)"}, F.APPLY_URL),
        ({F.APPLY_URL: "https://localhost"}, F.APPLY_URL),
        ({F.QUESTIONS: [{"question": "", "type": "text"}]}, F.QUESTIONS),
        ({F.QUESTIONS: [{"question": "Shift?", "type": "choice", "choices": "Early"}]}, F.QUESTIONS),
        ({F.QUESTIONS: [{"question": "Age?", "type": "number"}]}, F.QUESTIONS),
        ({F.QUESTIONS: [{"question": f"Q{n}?"} for n in range(QUESTIONS_MAX + 1)]}, F.QUESTIONS),
        ({F.QUESTIONS: "visa?"}, F.QUESTIONS),
    ],
)
def test_each_bad_field_gets_its_own_message(overrides: dict[str, Any], field: str) -> None:
    errors = _errors(**overrides)

    assert list(errors) == [field]
    assert errors[field].endswith(".")


def test_every_problem_is_reported_at_once() -> None:
    errors = _errors(title="", salary_min="lots", external_application_url="ftp://x.example")

    assert set(errors) == {F.TITLE, F.SALARY_MIN, F.APPLY_URL}


def test_text_is_trimmed_and_control_characters_dropped() -> None:
    values = parse_posting(
        publishable_form(title="  Senior \x00 Backend\tEngineer  ", description=" Hi\r\nthere ")
    )

    assert values.title == "Senior Backend Engineer"
    assert values.description == "Hi\nthere"


def test_a_skill_both_required_and_preferred_is_required_only() -> None:
    python, sql = str(uuid.uuid4()), str(uuid.uuid4())

    values = parse_posting(publishable_form(required_skills=[python, python], preferred_skills=[sql, python]))

    assert values.required_skills == (uuid.UUID(python),)
    assert values.preferred_skills == (uuid.UUID(sql),)


def test_screening_questions_keep_their_order_and_only_choice_questions_keep_choices() -> None:
    values = parse_posting(
        publishable_form(
            screening_questions=[
                {"question": "Which shift?", "type": "choice", "choices": ["Early", "Late", "Early", " "]},
                {"question": "Do you drive?", "type": "yes_no", "choices": ["ignored"], "required": "true"},
            ]
        )
    )

    first, second = values.screening_questions
    assert (first.type, first.choices, first.required) == (QuestionType.CHOICE, ("Early", "Late"), False)
    assert (second.type, second.choices, second.required) == (QuestionType.YES_NO, (), True)


def test_the_preview_reads_what_it_can_while_the_form_is_unfinished() -> None:
    values, errors = read_posting({F.TITLE: "Chef", F.SALARY_MIN: "lots", F.SALARY_MAX: "3000"})

    assert values.title == "Chef" and values.salary_min is None and values.salary_max == 3000
    assert set(errors) == {F.SALARY_MIN}


# properties

TEXT = st.text(max_size=40)
FORM_VALUES = st.one_of(TEXT, st.none(), st.integers(), st.booleans(), st.lists(TEXT, max_size=3))
RAW_FORMS = st.dictionaries(st.sampled_from([f.value for f in F]), FORM_VALUES, max_size=len(F))


@given(RAW_FORMS)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_any_input_either_parses_or_says_which_fields_are_wrong(raw: dict[str, Any]) -> None:
    try:
        values = parse_posting(raw)
    except PostingInvalid as exc:
        assert exc.errors and set(exc.errors) <= {f.value for f in F}
        assert all(isinstance(message, str) and message for message in exc.errors.values())
        return
    assert 3 <= len(values.title) <= TITLE_MAX
    assert values.salary_currency in CURRENCIES
    if values.salary_min is not None and values.salary_max is not None:
        assert values.salary_min <= values.salary_max
    assert not set(values.required_skills) & set(values.preferred_skills)


PAY = st.integers(min_value=1, max_value=PAY_MAX)
QUESTIONS = st.lists(
    st.fixed_dictionaries(
        {
            "question": st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=30),
            "type": st.sampled_from(["text", "yes_no"]),
            "required": st.booleans(),
        }
    ),
    max_size=3,
)


@st.composite
def good_forms(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(PAY)
    return publishable_form(
        title=draw(st.text(st.characters(categories=["L", "N"]), min_size=3, max_size=60)),
        salary_min=str(low),
        salary_max=str(draw(st.integers(min_value=low, max_value=PAY_MAX))),
        salary_period=draw(st.sampled_from(["hourly", "monthly", "yearly", ""])),
        salary_currency=draw(st.sampled_from(CURRENCIES)),
        experience_level=draw(st.sampled_from(["", "junior", "senior"])),
        show_salary=draw(st.booleans()),
        required_skills=[str(uuid.UUID(int=n)) for n in draw(st.sets(st.integers(1, 50), max_size=4))],
        screening_questions=draw(QUESTIONS),
        application_deadline=draw(st.sampled_from(["", "2026-12-01"])),
        expires_on=draw(st.sampled_from(["", "2026-12-20"])),
    )


@given(good_forms())
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_a_stored_posting_opens_in_the_editor_with_the_same_values(form: dict[str, Any]) -> None:
    values = parse_posting(form)
    job = Job(employer_id=uuid.uuid4(), title="", slug="s", description="", employment_type="full_time")
    apply_values(job, values, day_end(values.expires_on) if values.expires_on else None)

    again = parse_posting(form_of(job, values.expires_on))

    assert again == values
    assert isinstance(again, PostingInput)
