"""The editor's logo and cover: the stored image as the preview, a drop zone, what is accepted, remove.

A chosen or dropped file uploads at once; the server judges it by its bytes (the drop zone's
``accept`` only filters the file picker), and its message appears under the drop zone.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.companies.company_editor_state import UPLOAD_IDS
from jobhub.companies.company_editor_state import CompanyEditorState as S
from jobhub.companies.company_images import ACCEPTED, LABELS, ImageKind
from jobhub.platform.storage import EXTENSIONS, JPEG
from jobhub.ui.feedback import confirm_dialog
from jobhub.ui.forms import stored_file_url
from jobhub.ui.theme import BORDER, ERROR_TEXT, SPACE_DEFAULT, SURFACE, TEXT_MUTED

SECTION_ID = "company-images"
ACCEPT: dict[str, list[str]] = {
    content_type: [f".{EXTENSIONS[content_type]}", *([".jpeg"] if content_type == JPEG else [])]
    for content_type in ACCEPTED.content_types
}


def _dropzone(kind: ImageKind, handler: Any) -> rx.Component:
    upload_id = UPLOAD_IDS[kind]
    return rx.upload(
        rx.flex(
            rx.icon("upload", size=18, aria_hidden="true"),
            rx.text(f"Choose a {LABELS[kind]} or drop it here", size="2", weight="medium"),
            align="center",
            justify="center",
            spacing="2",
        ),
        id=upload_id,
        accept=ACCEPT,
        multiple=False,
        max_files=1,
        on_drop=handler(rx.upload_files(upload_id=upload_id)),
        border=f"1px dashed {BORDER}",
        border_radius="var(--radius-3)",
        padding="0.9rem",
        cursor="pointer",
        width="100%",
        data_testid=upload_id,
    )


def _block(
    kind: ImageKind, preview: rx.Component, url: rx.Var[str], error: rx.Var[str], handler: Any, remove: Any
) -> rx.Component:
    label = LABELS[kind]
    error_id = f"{kind.value}-upload-error"
    return rx.flex(
        rx.heading(label.capitalize(), as_="h3", size="3"),
        preview,
        _dropzone(kind, handler),
        rx.text(f"{ACCEPTED.describe()}.", size="1", color=TEXT_MUTED),
        rx.cond(
            S.uploading == kind.value,
            rx.flex(
                rx.spinner(size="1"),
                rx.text(f"Uploading the {label}\u2026", size="2"),
                spacing="2",
                role="status",
            ),
        ),
        rx.text(error, id=error_id, size="2", color=ERROR_TEXT, aria_live="polite", data_testid=error_id),
        rx.cond(
            url != "",
            confirm_dialog(
                rx.button(
                    rx.icon("trash-2", size=14, aria_hidden="true"),
                    f"Remove {label}",
                    variant="soft",
                    color_scheme="red",
                    size="1",
                    width="fit-content",
                ),
                title=f"Remove the {label}?",
                description=f"Your page goes without a {label} until you upload another one.",
                confirm_label=f"Remove {label}",
                on_confirm=remove,
            ),
        ),
        direction="column",
        spacing="2",
        min_width="0",
    )


def _logo_preview() -> rx.Component:
    return rx.avatar(
        src=stored_file_url(S.logo_url),
        fallback=rx.cond(S.company_name != "", S.company_name[0], "?"),
        alt=rx.cond(S.logo_url != "", "Your logo as it appears on your page", ""),
        size="7",
        radius="large",
        data_testid="logo-preview",
    )


def _cover_preview() -> rx.Component:
    return rx.cond(
        S.cover_image_url != "",
        rx.image(
            src=stored_file_url(S.cover_image_url),
            alt="Your cover image as it appears on your page",
            width="100%",
            height="6rem",
            object_fit="cover",
            border_radius="var(--radius-3)",
            data_testid="cover-preview",
        ),
        rx.flex(
            rx.text("No cover image yet", size="2", color=TEXT_MUTED),
            align="center",
            justify="center",
            height="6rem",
            background=SURFACE,
            border_radius="var(--radius-3)",
        ),
    )


def images_section() -> rx.Component:
    return rx.el.section(
        rx.card(
            rx.flex(
                rx.heading("Logo and cover", as_="h2", size="4", id=f"{SECTION_ID}-heading"),
                rx.grid(
                    _block(
                        ImageKind.LOGO,
                        _logo_preview(),
                        S.logo_url,
                        S.logo_error,
                        S.upload_logo,
                        S.remove_logo,
                    ),
                    _block(
                        ImageKind.COVER,
                        _cover_preview(),
                        S.cover_image_url,
                        S.cover_error,
                        S.upload_cover,
                        S.remove_cover,
                    ),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing=SPACE_DEFAULT,
                ),
                direction="column",
                spacing="3",
            ),
            width="100%",
        ),
        id=SECTION_ID,
        aria_labelledby=f"{SECTION_ID}-heading",
    )
