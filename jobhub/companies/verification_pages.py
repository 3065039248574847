"""The verification card of the employer side: where the badge stands, and how to ask for it.

Drop ``verification_card()`` into any ``/employer/*`` page (the company editor, the employer
home): it loads itself when it mounts, for the company the frame chose. The employer home
composes the status in its own load and passes ``load_on_mount=False``.

The card says what the status means, the admin's reason after a refusal, and, to owners and
admins, the two ways to ask: one click when their confirmed address is at the website's domain
(and otherwise exactly why not), or a document. Other members read the status only.
"""

from __future__ import annotations

import reflex as rx

from jobhub.companies.verification import DOCUMENT_RULE, NOTE_MAX, BadgeStatus
from jobhub.companies.verification_state import UPLOAD_ID
from jobhub.companies.verification_state import VerificationCardState as S
from jobhub.platform import storage
from jobhub.ui.forms import field_ids, form_field
from jobhub.ui.page_parts import loading_lines
from jobhub.ui.theme import BORDER, ERROR_TEXT, SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

CARD_HEADING_ID = "verification-heading"
ACCEPTED = {storage.PDF: [".pdf"], storage.PNG: [".png"], storage.JPEG: [".jpg", ".jpeg"]}
BADGE_COLOURS = {
    BadgeStatus.VERIFIED: "green",
    BadgeStatus.PENDING: "blue",
    BadgeStatus.REFUSED: "amber",
    BadgeStatus.NONE: "gray",
}
BADGE_LABELS = {
    BadgeStatus.VERIFIED: "Verified",
    BadgeStatus.PENDING: "Waiting for review",
    BadgeStatus.REFUSED: "Not verified",
    BadgeStatus.NONE: "Not verified",
}


def _error(message: rx.Var[str], element_id: str) -> rx.Component:
    return rx.text(message, id=element_id, size="2", color=ERROR_TEXT, aria_live="polite")


def status_badge() -> rx.Component:
    return rx.match(
        S.badge_status,
        *[
            (status.value, rx.badge(BADGE_LABELS[status], color_scheme=colour, size="2"))
            for status, colour in BADGE_COLOURS.items()
        ],
        rx.fragment(),
    )


def _callout(icon: str, colour: str, *lines: rx.Component) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon(icon, aria_hidden="true")),
        *lines,
        color_scheme=colour,
        role="status",
    )


def _status_text() -> rx.Component:
    return rx.match(
        S.badge_status,
        (
            BadgeStatus.VERIFIED.value,
            _callout(
                "badge-check",
                "green",
                rx.callout.text(
                    S.company_name,
                    " is verified since ",
                    S.badge_since,
                    ". The badge shows on your company page and on every job you post.",
                ),
            ),
        ),
        (
            BadgeStatus.PENDING.value,
            _callout(
                "hourglass",
                "blue",
                rx.callout.text(
                    "Asked on ",
                    S.badge_since,
                    " with: ",
                    S.badge_method,
                    rx.cond(S.badge_document != "", " (" + S.badge_document + ")", ""),
                    ". An administrator decides next; you will hear here and by email.",
                ),
            ),
        ),
        (
            BadgeStatus.REFUSED.value,
            _callout(
                "circle-alert",
                "amber",
                rx.callout.text("We could not verify ", S.company_name, " (", S.badge_since, ")."),
                rx.callout.text("Reason: ", rx.el.strong(S.badge_reason), data_testid="refusal-reason"),
                rx.cond(
                    S.may_request_badge, rx.callout.text("Fix what the reason says and ask again below.")
                ),
            ),
        ),
        rx.text(
            "Verified companies carry a badge on their page and on every job. Job seekers trust it: it "
            "says we checked that you are who your page says.",
            color=TEXT_MUTED,
        ),
    )


def _email_route() -> rx.Component:
    return rx.flex(
        rx.heading("With your work email", as_="h3", size="3"),
        rx.cond(
            S.email_matches,
            rx.fragment(
                rx.text(
                    "Your confirmed address is at ",
                    rx.el.strong(S.email_domain),
                    ", the domain of your website. That is all we need.",
                    size="2",
                ),
                rx.button(
                    rx.icon("mail-check", size=16, aria_hidden="true"),
                    "Verify with my work email",
                    on_click=S.request_by_email,
                    loading=S.requesting,
                    aria_describedby="verification-method-error",
                    align_self="start",
                ),
            ),
            rx.text(S.email_problem, size="2", color=TEXT_MUTED, data_testid="email-route-problem"),
        ),
        _error(S.method_error, "verification-method-error"),
        direction="column",
        spacing=SPACE_TIGHT,
    )


def _chosen_file() -> rx.Component:
    names = rx.selected_files(UPLOAD_ID)
    return rx.cond(
        names.length() > 0,
        rx.text(rx.icon("file-check", size=14, aria_hidden="true"), " ", names[0], size="2"),
        rx.text("No file chosen yet.", size="2", color=TEXT_MUTED),
    )


def _documents_route() -> rx.Component:
    return rx.flex(
        rx.heading("With documents", as_="h3", size="3"),
        rx.text(
            "A register extract, a tax certificate or a letter on your letterhead that names the company "
            f"({DOCUMENT_RULE.describe()}). Only administrators see it.",
            size="2",
            color=TEXT_MUTED,
        ),
        rx.upload.root(
            rx.flex(
                rx.icon("upload", size=20, aria_hidden="true"),
                rx.text("Drop the file here, or press to choose one", size="2"),
                align="center",
                spacing="2",
                justify="center",
                wrap="wrap",
            ),
            id=UPLOAD_ID,
            accept=ACCEPTED,
            max_files=1,
            multiple=False,
            border=f"1px dashed {BORDER}",
            border_radius="var(--radius-3)",
            padding="1rem",
            cursor="pointer",
            role="button",
            aria_label="Choose the verification document",
            aria_describedby="verification-document-error",
        ),
        _chosen_file(),
        rx.button(
            rx.icon("send", size=16, aria_hidden="true"),
            "Send document",
            on_click=S.request_by_documents(rx.upload_files(upload_id=UPLOAD_ID)),
            loading=S.requesting,
            variant="soft",
            align_self="start",
        ),
        _error(S.document_error, "verification-document-error"),
        direction="column",
        spacing=SPACE_TIGHT,
    )


def _note() -> rx.Component:
    note_id = field_ids("verification_note")[0]
    return form_field(
        "Anything the administrator should know (optional)",
        "verification_note",
        control=rx.text_area(
            id=note_id,
            name="verification_note",
            value=S.verification_note,
            on_change=S.set_verification_note,
            max_length=NOTE_MAX,
            rows="2",
            width="100%",
            aria_describedby=f"{note_id}-error",
        ),
        error=S.note_error,
    )


def _ask() -> rx.Component:
    return rx.flex(
        _note(),
        rx.grid(
            _email_route(),
            _documents_route(),
            columns={"initial": "1", "md": "2"},
            spacing=SPACE_DEFAULT,
            width="100%",
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
        data_testid="verification-ask",
    )


def _who_may_ask() -> rx.Component:
    return rx.cond(
        (S.badge_status == BadgeStatus.NONE.value) | (S.badge_status == BadgeStatus.REFUSED.value),
        rx.text("The company's owners and admins can ask for verification.", size="2", color=TEXT_MUTED),
    )


def verification_card(*, load_on_mount: bool = True) -> rx.Component:
    """The card; ``load_on_mount=False`` when the page's own load fills ``VerificationCardState``."""
    mount = {"on_mount": S.load_verification} if load_on_mount else {}
    return rx.card(
        rx.el.section(
            rx.flex(
                rx.flex(
                    rx.heading("Verification", as_="h2", size="5", id=CARD_HEADING_ID),
                    status_badge(),
                    align="center",
                    spacing=SPACE_TIGHT,
                    wrap="wrap",
                ),
                rx.cond(
                    S.verification_loading,
                    loading_lines("Loading the verification status", 2),
                    rx.flex(
                        _status_text(),
                        rx.cond(S.may_request_badge, _ask(), _who_may_ask()),
                        direction="column",
                        spacing=SPACE_DEFAULT,
                    ),
                ),
                direction="column",
                spacing=SPACE_DEFAULT,
            ),
            aria_labelledby=CARD_HEADING_ID,
        ),
        width="100%",
        data_testid="verification-card",
        **mount,
    )
