"""The dialog every rejection goes through: a kind template to edit, and a reason kept internal."""

from __future__ import annotations

import reflex as rx

from jobhub.jobs.candidate_state import CandidateState
from jobhub.jobs.pipeline_state import PipelineState as S
from jobhub.jobs.rejection_messages import REASONS, TEMPLATES
from jobhub.ui.theme import ERROR_TEXT, SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

NO_REASON = "none"


def rejection_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(
                "Reject ", S.reject_count.to(str), rx.cond(S.reject_count == 1, " candidate", " candidates")
            ),
            rx.dialog.description(
                "They receive this message by email and on their applications page. "
                "{first_name}, {job_title} and {company_name} are filled in for each.",
                color=TEXT_MUTED,
                size="2",
            ),
            rx.flex(
                rx.el.label(
                    rx.text("Template", size="2", as_="span"),
                    rx.select.root(
                        rx.select.trigger(aria_label="Template", width="100%"),
                        rx.select.content(
                            *[rx.select.item(title, value=key) for key, (title, _text) in TEMPLATES.items()]
                        ),
                        value=S.reject_template,
                        on_change=S.choose_template,
                    ),
                    display="flex",
                    flex_direction="column",
                    gap="0.25rem",
                ),
                rx.el.label(
                    rx.text("Message to the candidate", size="2", as_="span"),
                    rx.text_area(
                        value=S.reject_message,
                        on_change=S.set_reject_message,
                        rows="9",
                        width="100%",
                        aria_describedby="reject-error",
                    ),
                    display="flex",
                    flex_direction="column",
                    gap="0.25rem",
                ),
                rx.el.label(
                    rx.text("Reason (only your team sees it)", size="2", as_="span"),
                    rx.select.root(
                        rx.select.trigger(aria_label="Reason, internal", width="100%"),
                        rx.select.content(
                            rx.select.item("No reason given", value=NO_REASON),
                            *[rx.select.item(label, value=key) for key, label in REASONS.items()],
                        ),
                        value=rx.cond(S.reject_reason == "", NO_REASON, S.reject_reason),
                        on_change=lambda value: S.set_reject_reason(rx.cond(value == NO_REASON, "", value)),
                    ),
                    display="flex",
                    flex_direction="column",
                    gap="0.25rem",
                ),
                rx.text(S.reject_error, id="reject-error", color=ERROR_TEXT, size="2", aria_live="polite"),
                rx.flex(
                    rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray")),
                    rx.button(
                        "Send and reject",
                        color_scheme="red",
                        loading=S.busy,
                        on_click=[S.send_rejection, CandidateState.refresh_panel],
                    ),
                    spacing=SPACE_TIGHT,
                    justify="end",
                ),
                direction="column",
                spacing=SPACE_DEFAULT,
                margin_top="1rem",
            ),
            max_width="36rem",
        ),
        open=S.reject_open,
        on_open_change=S.set_reject_open,
    )
