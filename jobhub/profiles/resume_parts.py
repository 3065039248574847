"""The parts of ``/profile/resumes``: the upload card and one resume's row.

The drop zone's ``accept`` only filters the file picker; the server judges every file by its
bytes and its message appears under the drop zone. Downloads are plain links to the backend's
``/files/resumes/{id}`` route, which checks the session again.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.platform.storage import DOCX, EXTENSIONS, PDF
from jobhub.profiles.models import ParsingStatus
from jobhub.profiles.resume_state import UPLOAD_ID, ResumesState
from jobhub.profiles.resumes import ACCEPTED, LABEL_MAX, MAX_RESUMES
from jobhub.ui.feedback import confirm_dialog
from jobhub.ui.forms import form_field, stored_file_url, submit_button
from jobhub.ui.theme import BORDER, ERROR_TEXT, SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

ACCEPT: dict[str, list[str]] = {PDF: [f".{EXTENSIONS[PDF]}"], DOCX: [f".{EXTENSIONS[DOCX]}"]}
UPLOAD_ERROR_ID = "resume-upload-error"


def upload_card() -> rx.Component:
    return rx.card(
        rx.flex(
            rx.flex(
                rx.heading("Upload a resume", as_="h2", size="4"),
                rx.text(ResumesState.count_label, size="2", color=TEXT_MUTED, data_testid="resume-count"),
                justify="between",
                align="center",
                wrap="wrap",
                spacing=SPACE_TIGHT,
            ),
            rx.cond(
                ResumesState.at_limit,
                rx.callout(
                    f"You keep {MAX_RESUMES} resumes, the most there is room for. "
                    "Delete one to upload another.",
                    icon="info",
                    color_scheme="amber",
                ),
                rx.upload(
                    rx.flex(
                        rx.icon("upload", size=18, aria_hidden="true"),
                        rx.text("Choose a PDF or Word file, or drop it here", size="2", weight="medium"),
                        align="center",
                        justify="center",
                        spacing=SPACE_TIGHT,
                    ),
                    id=UPLOAD_ID,
                    accept=ACCEPT,
                    multiple=False,
                    max_files=1,
                    on_drop=ResumesState.upload(rx.upload_files(upload_id=UPLOAD_ID)),
                    border=f"1px dashed {BORDER}",
                    border_radius="var(--radius-3)",
                    padding="1rem",
                    cursor="pointer",
                    width="100%",
                    data_testid=UPLOAD_ID,
                ),
            ),
            rx.text(
                f"{ACCEPTED.describe()}. We read it to suggest skills and history.",
                size="1",
                color=TEXT_MUTED,
            ),
            rx.cond(
                ResumesState.uploading,
                rx.flex(
                    rx.spinner(size="1"), rx.text("Uploading\u2026", size="2"), spacing="2", role="status"
                ),
            ),
            rx.text(
                ResumesState.upload_error,
                id=UPLOAD_ERROR_ID,
                size="2",
                color=ERROR_TEXT,
                aria_live="polite",
                data_testid=UPLOAD_ERROR_ID,
            ),
            direction="column",
            spacing="3",
        ),
        width="100%",
    )


def _status(item: rx.Var) -> rx.Component:
    status = item["status"].to(str)
    return rx.match(
        status,
        (
            ParsingStatus.COMPLETED,
            rx.badge(
                rx.icon("check", size=12, aria_hidden="true"),
                item["status_label"].to(str),
                color_scheme="green",
            ),
        ),
        (
            ParsingStatus.FAILED,
            rx.badge(
                rx.icon("triangle-alert", size=12, aria_hidden="true"),
                item["status_label"].to(str),
                color_scheme="red",
            ),
        ),
        rx.badge(rx.spinner(size="1"), item["status_label"].to(str), color_scheme="gray", role="status"),
    )


def _rename_form(item: rx.Var) -> rx.Component:
    return rx.form(
        rx.flex(
            form_field(
                "Name",
                "label",
                default_value=item["label"].to(str),
                max_length=LABEL_MAX,
                error=ResumesState.rename_error,
                auto_complete="off",
                auto_focus=True,
            ),
            rx.flex(
                rx.button(
                    "Cancel",
                    type="button",
                    variant="soft",
                    color_scheme="gray",
                    on_click=ResumesState.cancel_rename,
                ),
                submit_button("Save name"),
                spacing=SPACE_TIGHT,
                justify="end",
            ),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        on_submit=ResumesState.rename,
        reset_on_submit=False,
        aria_label="Rename resume",
        width="100%",
    )


def small_button(icon: str, label: str, name: rx.Var[str], **props: Any) -> rx.Component:
    """A row's soft action button; ``name`` says which resume it acts on for screen readers."""
    return rx.button(
        rx.icon(icon, size=14, aria_hidden="true"), label, variant="soft", size="1", aria_label=name, **props
    )


def _actions(item: rx.Var) -> rx.Component:
    label = item["label"].to(str)
    resume_id = item["id"].to(str)
    return rx.flex(
        rx.button(
            rx.el.a(
                rx.icon("download", size=14, aria_hidden="true"),
                "Download",
                href=stored_file_url(item["download_path"].to(str)),
                download="",
                aria_label="Download " + label,
            ),
            as_child=True,
            variant="soft",
            size="1",
        ),
        rx.cond(
            ~item["is_primary"].to(bool),
            small_button(
                "star",
                "Make default",
                "Make " + label + " the default resume",
                on_click=ResumesState.set_default(resume_id),
            ),
        ),
        rx.cond(
            item["status"].to(str) == ParsingStatus.COMPLETED,
            small_button(
                "sparkles",
                "Suggestions",
                "Show suggestions from " + label,
                on_click=ResumesState.show_suggestions(resume_id),
            ),
        ),
        small_button("pencil", "Rename", "Rename " + label, on_click=ResumesState.start_rename(resume_id)),
        confirm_dialog(
            small_button("trash-2", "Delete", "Delete " + label, color_scheme="red"),
            title="Delete this resume?",
            description="The file is removed for good. Employers you sent it to can no longer open it.",
            confirm_label="Delete resume",
            on_confirm=ResumesState.delete(resume_id),
        ),
        spacing=SPACE_TIGHT,
        wrap="wrap",
    )


def resume_row(item: rx.Var) -> rx.Component:
    error = item["error"].to(str)
    downloads = item["download_count"].to(int)
    return rx.el.li(
        rx.card(
            rx.flex(
                rx.flex(
                    rx.icon("file-text", size=20, aria_hidden="true"),
                    rx.heading(item["label"].to(str), as_="h3", size="3", data_testid="resume-label"),
                    rx.cond(
                        item["is_primary"].to(bool),
                        rx.badge("Default", color_scheme="indigo", data_testid="default-badge"),
                    ),
                    _status(item),
                    spacing=SPACE_TIGHT,
                    align="center",
                    wrap="wrap",
                ),
                rx.text(
                    item["type_label"].to(str),
                    " \u00b7 ",
                    item["size_label"].to(str),
                    " \u00b7 uploaded ",
                    item["uploaded_at"].to(str),
                    rx.cond(
                        downloads > 0,
                        rx.fragment(" \u00b7 downloaded by employers ", downloads.to(str), "\u00d7"),
                    ),
                    size="2",
                    color=TEXT_MUTED,
                ),
                rx.cond(error != "", rx.text(error, size="2", color=ERROR_TEXT)),
                rx.cond(ResumesState.renaming_id == item["id"].to(str), _rename_form(item), _actions(item)),
                direction="column",
                spacing=SPACE_TIGHT,
            ),
            width="100%",
        ),
        list_style="none",
        data_testid="resume",
    )


def page_intro() -> rx.Component:
    return rx.flex(
        rx.heading("Resumes", as_="h1", size="7"),
        rx.text(
            "Keep up to ",
            str(MAX_RESUMES),
            " resumes. Your default one is offered first when you apply; "
            "employers can open a resume only after you apply to them with it.",
            color=TEXT_MUTED,
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
    )
