"""The candidate panel: a side sheet with tabs for profile, resume, answers, notes, ratings,
interviews, offer and timeline. Notes and ratings are shown to the team only (this page is
the employer's); a private profile shows what the application carries and says why.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.jobs.candidate_forms import interview_form, note_edit_form, note_form, offer_form
from jobhub.jobs.candidate_state import TABS
from jobhub.jobs.candidate_state import CandidateState as C
from jobhub.jobs.pipeline_cards import stage_label
from jobhub.profiles.profile_view import ShownEntry
from jobhub.profiles.public_profile_pages import profile_entries
from jobhub.ui.feedback import confirm_dialog
from jobhub.ui.forms import stored_file_url
from jobhub.ui.page_parts import loading_lines
from jobhub.ui.theme import BORDER, SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

TAB_LABELS = {
    "profile": "Profile",
    "resume": "Resume",
    "answers": "Answers",
    "notes": "Notes",
    "ratings": "Ratings",
    "interviews": "Interviews",
    "offer": "Offer",
    "timeline": "Timeline",
}
P = C.panel


def _list(items: rx.Var, render: Any, empty: str) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(rx.foreach(items, render), padding="0", margin="0", display="grid", gap="0.75rem"),
        rx.text(empty, color=TEXT_MUTED, size="2"),
    )


def _item(*children: rx.Component) -> rx.Component:
    return rx.el.li(
        *children, list_style="none", padding_bottom="0.5rem", border_bottom=f"1px solid {BORDER}"
    )


def profile_tab() -> rx.Component:
    return rx.cond(
        P["profile_visible"].to(bool),
        rx.flex(
            rx.text(
                rx.cond(P["headline"].to(str) != "", P["headline"].to(str), "No headline yet."), size="3"
            ),
            rx.cond(P["location"].to(str) != "", rx.text(P["location"].to(str), size="2", color=TEXT_MUTED)),
            rx.flex(
                rx.foreach(P["skills"].to(list[str]), lambda s: rx.badge(s, variant="soft")),
                wrap="wrap",
                spacing="2",
            ),
            rx.text(P["email"].to(str), size="2", color=TEXT_MUTED),
            rx.cond(P["summary"].to(str) != "", rx.text(P["summary"].to(str), white_space="pre-line")),
            *(
                rx.cond(
                    P[key].to(list).length() > 0,
                    rx.flex(
                        rx.heading(title, as_="h3", size="3"),
                        profile_entries(P[key].to(list[ShownEntry])),
                        direction="column",
                        spacing=SPACE_TIGHT,
                    ),
                )
                for key, title in (
                    ("experience", "Experience"),
                    ("education", "Education"),
                    ("certifications", "Certifications"),
                )
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        rx.text(
            "This candidate keeps their profile private: you see what they sent with the application.",
            color=TEXT_MUTED,
        ),
    )


def resume_tab() -> rx.Component:
    return rx.flex(
        rx.cond(
            P["resume_name"].to(str) != "",
            rx.flex(
                rx.link(
                    rx.icon("download", size=16, aria_hidden="true"),
                    " Download ",
                    P["resume_name"].to(str),
                    href=stored_file_url(P["resume_download_url"].to(str)),
                    is_external=True,
                ),
                rx.el.iframe(
                    src=stored_file_url(P["resume_preview_url"].to(str)),
                    title="Resume preview",
                    width="100%",
                    height="28rem",
                    border=f"1px solid {BORDER}",
                    border_radius="6px",
                ),
                direction="column",
                spacing=SPACE_TIGHT,
            ),
            rx.text("No resume was sent with this application.", color=TEXT_MUTED),
        ),
        rx.heading("Cover letter", as_="h3", size="3"),
        rx.text(
            rx.cond(P["cover_letter"].to(str) != "", P["cover_letter"].to(str), "No cover letter."),
            white_space="pre-wrap",
        ),
        direction="column",
        spacing=SPACE_TIGHT,
    )


def answers_tab() -> rx.Component:
    return _list(
        P["answers"].to(list[dict[str, str]]),
        lambda a: _item(rx.text(a["question"], font_weight="bold", size="2"), rx.text(a["answer"])),
        "The posting asked no screening questions.",
    )


def _note(note: rx.Var[dict[str, Any]]) -> rx.Component:
    note_id = note["id"].to(str)
    return _item(
        rx.text(note["author"].to(str), " · ", note["written"].to(str), size="1", color=TEXT_MUTED),
        rx.cond(
            C.editing_note == note_id,
            note_edit_form(note["body"].to(str)),
            rx.text(note["body"].to(str), white_space="pre-wrap"),
        ),
        rx.cond(
            note["mine"].to(bool) & (C.editing_note != note_id),
            rx.flex(
                rx.button("Edit", size="1", variant="ghost", on_click=C.start_edit_note(note_id)),
                confirm_dialog(
                    rx.button("Delete", size="1", variant="ghost", color_scheme="red"),
                    title="Delete this note?",
                    description="It is gone for the whole team.",
                    confirm_label="Delete",
                    on_confirm=C.delete_note(note_id),
                ),
                spacing=SPACE_TIGHT,
            ),
        ),
    )


def notes_tab() -> rx.Component:
    return rx.flex(
        note_form(),
        _list(P["notes"].to(list[dict[str, Any]]), _note, "No notes yet."),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def ratings_tab() -> rx.Component:
    mine = P["my_rating"].to(int)
    return rx.flex(
        rx.text("Your rating", font_weight="bold"),
        rx.flex(
            *[
                rx.button(
                    rx.icon(
                        "star", size=16, fill=rx.cond(mine >= n, "currentColor", "none"), aria_hidden="true"
                    ),
                    variant=rx.cond(mine >= n, "solid", "soft"),
                    size="2",
                    on_click=C.rate(n),
                    aria_label=f"Rate {n} of 5",
                    aria_pressed=rx.cond(mine == n, "true", "false"),
                )
                for n in range(1, 6)
            ],
            spacing="1",
            role="group",
            aria_label="Your rating",
        ),
        rx.cond(
            P["mean_rating"].to(str) != "",
            rx.text("Team average ", P["mean_rating"].to(str), " of 5", color=TEXT_MUTED),
        ),
        _list(
            P["ratings"].to(list[dict[str, Any]]),
            lambda r: _item(rx.text(r["rater"].to(str), ": ", r["rating"].to(str), " of 5")),
            "Nobody has rated this candidate yet.",
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def _interview(row: rx.Var[dict[str, Any]]) -> rx.Component:
    return _item(
        rx.text(row["when"].to(str), font_weight="bold"),
        rx.text(row["location"].to(str), " ", row["meeting_url"].to(str), size="2", color=TEXT_MUTED),
        rx.cond(
            row["is_scheduled"].to(bool),
            rx.flex(
                rx.button("Move", size="1", variant="soft", on_click=C.start_reschedule(row["id"].to(str))),
                confirm_dialog(
                    rx.button("Cancel interview", size="1", variant="soft", color_scheme="red"),
                    title="Cancel this interview?",
                    description="The candidate gets an email and their calendar removes it.",
                    confirm_label="Cancel interview",
                    on_confirm=C.cancel_interview(row["id"].to(str)),
                ),
                spacing=SPACE_TIGHT,
            ),
            rx.badge("Cancelled", color_scheme="gray", size="1"),
        ),
    )


def interviews_tab() -> rx.Component:
    return rx.flex(
        _list(P["interviews"].to(list[dict[str, Any]]), _interview, "No interviews yet."),
        interview_form(),
        direction="column",
        spacing=SPACE_DEFAULT,
    )


def offer_tab() -> rx.Component:
    offer = P["offer"].to(dict[str, Any])
    return rx.cond(
        P["offer"].to(dict[str, Any]) != None,  # noqa: E711 (a Var comparison, compiled to JS)
        rx.flex(
            rx.text(offer["salary"].to(str), font_weight="bold", data_testid="offer-salary"),
            rx.text("Starts ", offer["start_date"].to(str), " · open until ", offer["expires_on"].to(str)),
            rx.badge(offer["status_label"].to(str), width="fit-content"),
            rx.cond(
                offer["is_pending"].to(bool) & P["can_offer"].to(bool),
                confirm_dialog(
                    rx.button("Withdraw the offer", variant="soft", color_scheme="red"),
                    title="Withdraw the offer?",
                    description="The candidate goes back to interviewing and sees the offer withdrawn.",
                    confirm_label="Withdraw",
                    on_confirm=C.withdraw_offer,
                ),
            ),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        rx.cond(
            P["can_offer"].to(bool),
            offer_form(),
            rx.text("Offers are made by recruiters, admins and owners.", color=TEXT_MUTED),
        ),
    )


def timeline_tab() -> rx.Component:
    return _list(
        P["timeline"].to(list[dict[str, Any]]),
        lambda s: _item(
            rx.text(s["label"].to(str), " ", s["detail"].to(str), font_weight="bold", size="2"),
            rx.text(
                s["when"].to(str),
                rx.cond(s["seen_by_seeker"].to(bool), "", " · team only"),
                size="1",
                color=TEXT_MUTED,
            ),
        ),
        "Nothing has happened yet.",
    )


TAB_BODIES = {
    "profile": profile_tab,
    "resume": resume_tab,
    "answers": answers_tab,
    "notes": notes_tab,
    "ratings": ratings_tab,
    "interviews": interviews_tab,
    "offer": offer_tab,
    "timeline": timeline_tab,
}


def _header() -> rx.Component:
    return rx.flex(
        rx.dialog.title(P["name"].to(str), margin="0"),
        rx.flex(
            rx.badge(stage_label(P["stage"].to(str)), size="2", data_testid="panel-stage"),
            rx.menu.root(
                rx.menu.trigger(
                    rx.button("Move to…", rx.icon("chevron-down", size=14), size="1", variant="soft")
                ),
                rx.menu.content(
                    rx.foreach(
                        P["moves"].to(list[str]),
                        lambda stage: rx.menu.item(stage_label(stage), on_click=C.move_open(stage)),
                    )
                ),
            ),
            rx.dialog.close(rx.button(rx.icon("x", size=16), variant="ghost", aria_label="Close the panel")),
            spacing=SPACE_TIGHT,
            align="center",
        ),
        justify="between",
        align="center",
        wrap="wrap",
        gap="0.5rem",
    )


def candidate_drawer() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.cond(
                C.panel_loading | (P.length() == 0),
                loading_lines("Loading the candidate", 5),
                rx.flex(
                    _header(),
                    rx.tabs.root(
                        rx.tabs.list(*[rx.tabs.trigger(TAB_LABELS[t], value=t) for t in TABS], wrap="wrap"),
                        *[rx.tabs.content(TAB_BODIES[t](), value=t, padding_top="1rem") for t in TABS],
                        value=C.panel_tab,
                        on_change=C.show_tab,
                    ),
                    direction="column",
                    spacing=SPACE_DEFAULT,
                ),
            ),
            rx.dialog.description("The candidate's application", class_name="jh-visually-hidden"),
            position="fixed",
            top="0",
            right="0",
            height="100dvh",
            max_height="100dvh",
            width="min(40rem, 100vw)",
            max_width="100vw",
            border_radius="0",
            overflow_y="auto",
            transform="none",
            left="auto",
            data_testid="candidate-panel",
        ),
        open=C.panel_open,
        on_open_change=C.set_panel_open,
    )
