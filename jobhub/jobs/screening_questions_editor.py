"""The job editor's screening questions: edited in place, added, removed and reordered.

Up and Down buttons move a question (keyboard-friendly, no dragging needed); the order is
the one applicants will answer in. A choice question shows its choices, one per line.
"""

from __future__ import annotations

import reflex as rx

from jobhub.jobs.posting_editor_parts import field_error
from jobhub.jobs.posting_editor_state import PostingEditorState as S
from jobhub.jobs.posting_form import F
from jobhub.jobs.screening_questions import CHOICES_MAX, QUESTION_MAX, QUESTION_TYPE_LABELS, QUESTIONS_MAX
from jobhub.ui.theme import SPACE_TIGHT, TEXT_MUTED


def _question_row(question: rx.Var, index: rx.Var[int]) -> rx.Component:
    number = (index + 1).to(str)
    qid = "question-" + index.to(str)
    kind = question["type"].to(str)
    last = index == S.questions.length() - 1
    return rx.el.li(
        rx.card(
            rx.flex(
                rx.el.label("Question " + number, html_for=qid, font_weight="500"),
                rx.input(
                    id=qid,
                    value=question["question"].to(str),
                    on_change=lambda text: S.set_question(index, "question", text),
                    max_length=QUESTION_MAX,
                    disabled=~S.can_edit,
                    width="100%",
                ),
                rx.flex(
                    rx.select.root(
                        rx.select.trigger(aria_label="Answer type of question " + number),
                        rx.select.content(
                            *[
                                rx.select.item(text, value=value)
                                for value, text in QUESTION_TYPE_LABELS.items()
                            ]
                        ),
                        value=kind,
                        on_change=lambda value: S.set_question(index, "type", value),
                        disabled=~S.can_edit,
                    ),
                    rx.text(
                        rx.checkbox(
                            checked=question["required"].to(bool),
                            on_change=lambda checked: S.set_question_required(index, checked),
                            disabled=~S.can_edit,
                        ),
                        " Required",
                        as_="label",
                        size="2",
                        display="flex",
                        align_items="center",
                        gap="0.5rem",
                    ),
                    spacing="4",
                    align="center",
                    wrap="wrap",
                ),
                rx.cond(
                    kind == "choice",
                    rx.text_area(
                        value=question["choices"].to(str),
                        on_change=lambda text: S.set_question(index, "choices", text),
                        placeholder=f"One choice per line, 2 to {CHOICES_MAX}",
                        aria_label="Choices of question " + number,
                        disabled=~S.can_edit,
                        rows="3",
                        width="100%",
                    ),
                ),
                rx.cond(
                    S.can_edit,
                    rx.flex(
                        rx.button(
                            rx.icon("arrow-up", size=14, aria_hidden="true"),
                            "Up",
                            type="button",
                            variant="soft",
                            size="1",
                            disabled=index == 0,
                            on_click=S.move_question(index, -1),
                            aria_label="Move question " + number + " up",
                        ),
                        rx.button(
                            rx.icon("arrow-down", size=14, aria_hidden="true"),
                            "Down",
                            type="button",
                            variant="soft",
                            size="1",
                            disabled=last,
                            on_click=S.move_question(index, 1),
                            aria_label="Move question " + number + " down",
                        ),
                        rx.button(
                            rx.icon("trash-2", size=14, aria_hidden="true"),
                            "Remove",
                            type="button",
                            variant="soft",
                            color_scheme="red",
                            size="1",
                            on_click=S.remove_question(index),
                            aria_label="Remove question " + number,
                        ),
                        spacing=SPACE_TIGHT,
                        wrap="wrap",
                    ),
                ),
                direction="column",
                spacing=SPACE_TIGHT,
            ),
        ),
        list_style="none",
        data_testid="screening-question",
    )


def questions_editor() -> rx.Component:
    return rx.flex(
        rx.text(
            f"Questions every applicant answers when applying, in this order (up to {QUESTIONS_MAX}).",
            size="2",
            color=TEXT_MUTED,
        ),
        rx.el.ul(
            rx.foreach(S.questions, _question_row),
            aria_label="Screening questions",
            display="grid",
            gap="0.75rem",
            padding="0",
            margin="0",
        ),
        field_error(F.QUESTIONS),
        rx.cond(
            S.can_edit & (S.questions.length() < QUESTIONS_MAX),
            rx.button(
                rx.icon("plus", size=16, aria_hidden="true"),
                "Add a question",
                type="button",
                variant="soft",
                on_click=S.add_question,
                width="fit-content",
            ),
        ),
        direction="column",
        spacing="3",
        width="100%",
    )
