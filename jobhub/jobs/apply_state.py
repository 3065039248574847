"""State of ``/jobs/[slug]/apply``: the steps of one application, then one service call.

Thin: ``load`` asks the service for the form of the job at the URL's slug and keeps the job's
id in a backend var, so ``submit`` applies to the job the page showed and never to an id the
browser sent. What the seeker types stays in state between the steps (the fields unmount as
the steps change) and is checked by the service on submit; a refusal goes back to the step of
the field it names.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from enum import IntEnum
from urllib.parse import unquote

import reflex as rx
from reflex.event import EventSpec

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.guards import GuardState, current_path_and_query, login_url
from jobhub.jobs.application_mail import application_path
from jobhub.jobs.applications import AlreadyApplied, submit_application
from jobhub.jobs.apply_form import (
    ANSWER_PREFIX,
    NO_RESUME,
    QuestionField,
    ResumeOption,
    apply_form,
    read_apply_form,
)
from jobhub.platform.db import session_scope
from jobhub.platform.errors import DomainError, Invalid
from jobhub.platform.mail import send_after_commit
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import toast_error, toast_success

APPLIED = "Application sent. You can follow it on your tracker."


class Step(IntEnum):
    RESUME = 0
    LETTER = 1
    QUESTIONS = 2
    REVIEW = 3


STEP_NAMES = ("Resume", "Cover letter", "Questions", "Review")


class ApplyState(GuardState):
    _job_id: str = ""

    loading: bool = True
    unavailable: str = ""
    slug_shown: str = ""
    title: str = ""
    company_name: str = ""
    questions: list[QuestionField] = []
    resumes: list[ResumeOption] = []

    step: int = Step.RESUME
    resume_choice: str = NO_RESUME
    cover_letter: str = ""
    answers: dict[str, str] = {}

    resume_error: str = ""
    letter_error: str = ""
    answers_error: str = ""
    answer_errors: dict[str, str] = {}
    submitting: bool = False
    applied_id: str = ""
    applied_on: str = ""
    done: bool = False

    def _slug(self) -> str:
        path = str(self.router.url.path).rstrip("/")
        prefix, suffix = f"{nav.JOBS}/", "/apply"
        if not (path.startswith(prefix) and path.endswith(suffix)):
            return ""
        return unquote(path[len(prefix) : -len(suffix)])

    def _clear_errors(self) -> None:
        self.resume_error, self.letter_error, self.answers_error, self.answer_errors = "", "", "", {}

    @rx.event
    def load(self) -> Iterator[EventSpec | None]:
        self.loading, self.unavailable, self.done, self.step = True, "", False, Step.RESUME
        self._clear_errors()
        yield
        try:
            with session_scope() as db:
                who = self.current_principal(db)
                if who is None:
                    raise SignInRequired()
                form = apply_form(db, who, self._slug())
        except SignInRequired:
            yield self._to_sign_in()
        except DomainError as exc:
            self._job_id, self.unavailable, self.title = "", exc.message, ""
        else:
            self._job_id = form.job_id
            self.slug_shown, self.title, self.company_name = form.slug, form.title, form.company_name
            self.questions, self.resumes = form.questions, form.resumes
            self.resume_choice, self.cover_letter, self.answers = form.default_resume, "", {}
            self.applied_id, self.applied_on = form.applied_id, form.applied_on
        finally:
            self.loading = False

    def _to_sign_in(self) -> EventSpec:
        url = self.router.url
        return rx.redirect(login_url(current_path_and_query(url.path, url.query)))

    @rx.var
    def has_questions(self) -> bool:
        return len(self.questions) > 0

    @rx.var
    def resume_label(self) -> str:
        chosen = next((r.label for r in self.resumes if r.id == self.resume_choice), "")
        return chosen or "No resume: the team sees your profile"

    @rx.event
    def set_resume(self, value: str) -> None:
        self.resume_choice, self.resume_error = value, ""

    @rx.event
    def set_cover_letter(self, value: str) -> None:
        self.cover_letter, self.letter_error = value, ""

    @rx.event
    def set_answer(self, key: str, value: str) -> None:
        self.answers = {**self.answers, key: value}
        self.answer_errors = {k: v for k, v in self.answer_errors.items() if k != key}

    def _next(self, step: int) -> int:
        following = step + 1
        return Step.REVIEW if following == Step.QUESTIONS and not self.questions else following

    @rx.event
    def next_step(self) -> None:
        self.step = min(self._next(self.step), Step.REVIEW)

    @rx.event
    def previous_step(self) -> None:
        back = self.step - 1
        self.step = Step.LETTER if back == Step.QUESTIONS and not self.questions else max(back, Step.RESUME)

    @rx.event
    def go_to(self, step: int) -> None:
        if Step.RESUME <= step <= self.step:
            self.step = step

    def _show_refusal(self, exc: Invalid) -> None:
        if exc.field == "resume":
            self.resume_error, self.step = exc.message, Step.RESUME
        elif exc.field == "cover_letter":
            self.letter_error, self.step = exc.message, Step.LETTER
        elif exc.field.startswith("answers."):
            self.answer_errors = {exc.field.removeprefix("answers."): exc.message}
            self.step = Step.QUESTIONS
        else:
            self.answers_error, self.step = exc.message, Step.QUESTIONS

    @rx.event
    def submit(self) -> Iterator[EventSpec | None]:
        if not self._job_id or self.submitting:
            return
        self.submitting = True
        self._clear_errors()
        yield
        form = {"resume": self.resume_choice, "cover_letter": self.cover_letter}
        form |= {f"{ANSWER_PREFIX}{key}": value for key, value in self.answers.items()}
        try:
            entered = read_apply_form(form)
            with session_scope() as db:
                submitted = submit_application(
                    db,
                    self.current_principal(db),
                    uuid.UUID(self._job_id),
                    resume_id=entered.resume_id,
                    cover_letter=entered.cover_letter,
                    answers=entered.answers,
                )
        except SignInRequired:
            yield self._to_sign_in()
        except Invalid as exc:
            self._show_refusal(exc)
        except AlreadyApplied as exc:
            self.applied_id = str(exc.application_id)
            yield toast_error(
                exc.message,
                action={"label": "See it", "on_click": rx.redirect(application_path(exc.application_id))},
            )
        except DomainError as exc:
            yield toast_error(exc.message)
        else:
            send_after_commit(submitted.mail)
            self.applied_id, self.done = str(submitted.application_id), True
            yield toast_success(APPLIED)
        finally:
            self.submitting = False
