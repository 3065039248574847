"""What the job editor holds while a posting is typed: the fields, skills, questions and their errors.

A mixin of the editor's state (``PostingEditorState``), kept apart from the actions so each
file does one thing. Everything here is what the member typed, echoed back: the inputs are
controlled (Reflex debounces them), so a refused save keeps every character and marks the
fields the service named. Nothing here is trusted: :meth:`_payload` is what the services
parse and check again. Skill ids come only from the options the server offered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.state import AuthState
from jobhub.jobs import posting_editor
from jobhub.jobs.posting_editor import SkillChip
from jobhub.jobs.posting_form import DEFAULT_CURRENCY, F
from jobhub.jobs.screening_questions import QUESTIONS_MAX, QuestionType
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError
from jobhub.ui.feedback import toast_error

REQUIRED: Final = "required"
PREFERRED: Final = "preferred"
SKILL_FIELDS: Final = {REQUIRED: F.REQUIRED_SKILLS, PREFERRED: F.PREFERRED_SKILLS}
TEXT_FIELDS: Final = frozenset(F) - {F.SHOW_SALARY, F.REQUIRED_SKILLS, F.PREFERRED_SKILLS, F.QUESTIONS}
PAY_FIELDS: Final = frozenset({F.SALARY_MIN, F.SALARY_MAX, F.CURRENCY, F.PERIOD})
QUESTION_TEXT_KEYS: Final = frozenset({"question", "type", "choices"})
SKILL_OPTIONS_MAX: Final = 8
NO_SELECTION: Final = "none"
"""An optional select's "not set" value (Radix selects cannot hold an empty value)."""


def blank_form() -> dict[str, str]:
    """A new posting's fields: full time, paid in dollars, everything else empty."""
    return {name.value: "" for name in TEXT_FIELDS} | {
        F.EMPLOYMENT_TYPE.value: "full_time",
        F.CURRENCY.value: DEFAULT_CURRENCY,
    }


def no_errors() -> dict[str, str]:
    """Every field's error, empty: the page reads each key, so all are always there."""
    return {name.value: "" for name in F}


def _question_row(question: Mapping[str, Any]) -> dict[str, Any]:
    choices = question.get("choices") or []
    return {
        "question": str(question.get("question") or ""),
        "type": str(question.get("type") or QuestionType.TEXT),
        "choices": "\n".join(choices) if isinstance(choices, list) else str(choices),
        "required": bool(question.get("required")),
    }


class PostingFormState(AuthState, mixin=True):
    form: dict[str, str] = blank_form()
    show_salary: bool = True
    # {"id", "name"} of each chosen skill, and the type-ahead's current offers.
    required_skills: list[dict[str, str]] = []
    preferred_skills: list[dict[str, str]] = []
    skill_query: dict[str, str] = {REQUIRED: "", PREFERRED: ""}
    skill_options: dict[str, list[dict[str, str]]] = {REQUIRED: [], PREFERRED: []}
    # {"question", "type", "choices" (one per line), "required"} in the order applicants see them.
    questions: list[dict[str, Any]] = []
    errors: dict[str, str] = no_errors()
    pay_stated: str = ""
    pay_yearly: str = ""
    location_hint: str = ""

    def _fill(
        self,
        form: Mapping[str, Any],
        required: list[SkillChip],
        preferred: list[SkillChip],
    ) -> None:
        self.form = blank_form() | {name: str(form.get(name) or "") for name in TEXT_FIELDS}
        self.show_salary = bool(form.get(F.SHOW_SALARY, True))
        self.required_skills = [{"id": chip.id, "name": chip.name} for chip in required]
        self.preferred_skills = [{"id": chip.id, "name": chip.name} for chip in preferred]
        self.questions = [_question_row(q) for q in form.get(F.QUESTIONS) or []]
        self.skill_query = {REQUIRED: "", PREFERRED: ""}
        self.skill_options = {REQUIRED: [], PREFERRED: []}
        self.errors = no_errors()
        self._refresh_hints()

    def _payload(self) -> dict[str, Any]:
        """The form as the services read it."""
        return dict(self.form) | {
            F.SHOW_SALARY: self.show_salary,
            F.REQUIRED_SKILLS: [chip["id"] for chip in self.required_skills],
            F.PREFERRED_SKILLS: [chip["id"] for chip in self.preferred_skills],
            F.QUESTIONS: [dict(question) for question in self.questions],
        }

    def _show_errors(self, errors: Mapping[str, str]) -> None:
        self.errors = no_errors() | {str(name): message for name, message in errors.items()}

    def _refresh_hints(self) -> None:
        pay = posting_editor.pay_preview(self._payload())
        self.pay_stated, self.pay_yearly = pay.stated, pay.yearly
        self.location_hint = posting_editor.location_hint(self.form.get(F.LOCATION, ""))

    @rx.event
    def set_field(self, name: str, value: str) -> None:
        if name not in TEXT_FIELDS:
            return
        self.form = {**self.form, name: "" if value == NO_SELECTION else str(value)}
        if self.errors.get(name):
            self.errors = {**self.errors, name: ""}
        if name in PAY_FIELDS or name == F.LOCATION:
            self._refresh_hints()

    @rx.event
    def set_show_salary(self, checked: bool) -> None:
        self.show_salary = bool(checked)

    def _chosen(self, kind: str) -> list[dict[str, str]]:
        return self.required_skills if kind == REQUIRED else self.preferred_skills

    @rx.event
    def search_skills(self, kind: str, text: str) -> EventSpec | None:
        """The type-ahead: skills of the taxonomy matching ``text``, less those already chosen."""
        if kind not in SKILL_FIELDS:
            return None
        self.skill_query = {**self.skill_query, kind: str(text)[:100]}
        chosen = {chip["id"] for chip in [*self.required_skills, *self.preferred_skills]}
        offers: list[dict[str, str]] = []
        if str(text).strip():
            try:
                with session_scope() as db:
                    found = posting_editor.skill_choices(db, self.current_principal(db), str(text))
            except DomainError as exc:
                return toast_error(exc.message)
            offers = [{"id": c.id, "name": c.name} for c in found if c.id not in chosen][:SKILL_OPTIONS_MAX]
        self.skill_options = {**self.skill_options, kind: offers}
        return None

    @rx.event
    def add_skill(self, kind: str, skill_id: str) -> None:
        """Take one of the offered skills (its name comes from the offer, not the browser)."""
        offer = next((o for o in self.skill_options.get(kind, []) if o["id"] == skill_id), None)
        if offer is None:
            return
        if kind == REQUIRED:
            self.required_skills = [*self.required_skills, offer]
        else:
            self.preferred_skills = [*self.preferred_skills, offer]
        self.skill_query = {**self.skill_query, kind: ""}
        self.skill_options = {**self.skill_options, kind: []}

    @rx.event
    def remove_skill(self, kind: str, skill_id: str) -> None:
        if kind == REQUIRED:
            self.required_skills = [chip for chip in self.required_skills if chip["id"] != skill_id]
        else:
            self.preferred_skills = [chip for chip in self.preferred_skills if chip["id"] != skill_id]

    @rx.event
    def add_question(self) -> None:
        if len(self.questions) < QUESTIONS_MAX:
            self.questions = [*self.questions, _question_row({})]

    @rx.event
    def remove_question(self, index: int) -> None:
        self.questions = [q for n, q in enumerate(self.questions) if n != index]

    @rx.event
    def move_question(self, index: int, step: int) -> None:
        """Up (``-1``) or down (``1``) one place; the order is the one applicants see."""
        target = index + step
        if 0 <= index < len(self.questions) and 0 <= target < len(self.questions):
            moved = list(self.questions)
            moved[index], moved[target] = moved[target], moved[index]
            self.questions = moved

    @rx.event
    def set_question(self, index: int, key: str, value: str) -> None:
        if key in QUESTION_TEXT_KEYS and 0 <= index < len(self.questions):
            self.questions = [
                {**q, key: str(value)} if n == index else q for n, q in enumerate(self.questions)
            ]

    @rx.event
    def set_question_required(self, index: int, checked: bool) -> None:
        if 0 <= index < len(self.questions):
            self.questions = [
                {**q, "required": bool(checked)} if n == index else q for n, q in enumerate(self.questions)
            ]
