"""The candidate panel's forms: a note, an interview (set or moved), an offer."""

from __future__ import annotations

import reflex as rx

from jobhub.jobs.candidate_state import CandidateState as C
from jobhub.jobs.offers import PERIOD_LABELS
from jobhub.jobs.posting_form import CURRENCIES
from jobhub.ui.forms import form_field, submit_button
from jobhub.ui.theme import ERROR_TEXT, SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED


def _error(message: rx.Var[str]) -> rx.Component:
    return rx.text(message, color=ERROR_TEXT, size="2", aria_live="polite", role="status")


def _field_error(field: rx.Var[str], message: rx.Var[str], name: str) -> rx.Var[str]:
    return rx.cond(field == name, message, "")


def note_form() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.el.label("Add a note (only your team sees it)", html_for="note-body", font_weight="500"),
            rx.text_area(id="note-body", name="note", rows="3", required=True, width="100%", max_length=5000),
            rx.box(submit_button("Save note", loading=C.busy)),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        key=C.note_key.to(str),
        on_submit=C.add_note,
        reset_on_submit=True,
    )


def note_edit_form(body: rx.Var[str]) -> rx.Component:
    return rx.form(
        rx.flex(
            rx.text_area(name="note", default_value=body, rows="3", width="100%", aria_label="Edit note"),
            rx.flex(
                submit_button("Save"),
                rx.button("Cancel", type="button", variant="soft", size="2", on_click=C.cancel_edit_note),
                spacing=SPACE_TIGHT,
            ),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        on_submit=C.save_note,
    )


def interview_form() -> rx.Component:
    field, message = C.interview_field, C.interview_error
    return rx.form(
        rx.flex(
            rx.heading(
                rx.cond(C.rescheduling != "", "Move the interview", "Set an interview"), as_="h3", size="3"
            ),
            form_field(
                "Date and time (UTC)",
                "starts_at",
                input_type="datetime-local",
                required=True,
                error=_field_error(field, message, "starts_at"),
            ),
            form_field(
                "Length in minutes",
                "duration",
                input_type="number",
                default_value="45",
                min="15",
                max="480",
                step="15",
                error=_field_error(field, message, "duration"),
            ),
            form_field("Place", "location", error=_field_error(field, message, "location"), max_length=255),
            form_field(
                "Meeting link",
                "meeting_url",
                input_type="url",
                placeholder="https://",
                error=_field_error(field, message, "meeting_url"),
            ),
            form_field("Details for the candidate", "details", error=_field_error(field, message, "details")),
            rx.cond((field == "") & (message != ""), _error(message)),
            rx.flex(
                submit_button(
                    rx.cond(C.rescheduling != "", "Move and notify", "Set and invite"), loading=C.busy
                ),
                rx.cond(
                    C.rescheduling != "",
                    rx.button("Keep the time", type="button", variant="soft", on_click=C.cancel_reschedule),
                ),
                spacing=SPACE_TIGHT,
            ),
            rx.text("The candidate gets an email with a calendar invitation.", size="1", color=TEXT_MUTED),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        on_submit=C.schedule_interview,
        aria_label="Interview",
    )


def _choice(label: str, name: str, choices: dict[str, str], default: str) -> rx.Component:
    return rx.el.label(
        rx.text(label, size="2", font_weight="500", as_="span"),
        rx.select.root(
            rx.select.trigger(aria_label=label, width="100%"),
            rx.select.content(*[rx.select.item(text, value=key) for key, text in choices.items()]),
            name=name,
            default_value=default,
        ),
        display="flex",
        flex_direction="column",
        gap="0.25rem",
    )


def offer_form() -> rx.Component:
    field, message = C.offer_field, C.offer_error
    return rx.form(
        rx.flex(
            rx.heading("Make an offer", as_="h3", size="3"),
            form_field(
                "Salary",
                "amount",
                input_type="number",
                required=True,
                min="1",
                error=_field_error(field, message, "amount"),
            ),
            rx.flex(
                _choice("Currency", "currency", {c: c for c in CURRENCIES}, "USD"),
                _choice("Per", "period", {str(k): v for k, v in PERIOD_LABELS.items()}, "yearly"),
                spacing=SPACE_DEFAULT,
            ),
            form_field(
                "Start date",
                "start_date",
                input_type="date",
                required=True,
                error=_field_error(field, message, "start_date"),
            ),
            form_field(
                "Offer open until",
                "expires_on",
                input_type="date",
                required=True,
                error=_field_error(field, message, "expires_on"),
            ),
            form_field("Note to the candidate", "note", error=_field_error(field, message, "note")),
            rx.cond(
                (field == "currency") | (field == "period") | ((field == "") & (message != "")),
                _error(message),
            ),
            rx.box(submit_button("Make the offer", loading=C.busy)),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        on_submit=C.make_offer,
        aria_label="Offer",
    )
