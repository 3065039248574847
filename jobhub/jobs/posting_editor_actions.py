"""The editor's buttons and its duplicate dialog: the lifecycle steps the posting's status allows.

Which buttons show is read from ``actions`` (the service's list for the status), so the page
never offers a step the table refuses; the service checks it again anyway. A member whose
role may only read sees a note instead.
"""

from __future__ import annotations

import reflex as rx

from jobhub.jobs.job_posting_parts import icon
from jobhub.jobs.posting_editor_state import PostingEditorState as S
from jobhub.jobs.posting_rules import PostingAction
from jobhub.ui.feedback import confirm_dialog
from jobhub.ui.links import button_link, text_link
from jobhub.ui.theme import SPACE_TIGHT, TEXT_MUTED


def _has(action: PostingAction) -> rx.Var[bool]:
    return S.actions.contains(action.value)


def action_bar() -> rx.Component:
    saved = ~S.is_new
    return rx.cond(
        S.can_edit,
        rx.flex(
            rx.button(
                rx.cond(S.status == "draft", "Save draft", "Save changes"),
                variant="soft",
                size="3",
                loading=S.saving,
                on_click=S.save_draft,
            ),
            rx.cond(
                S.is_new | _has(PostingAction.PUBLISH),
                rx.button(
                    icon("send"),
                    rx.cond(S.status == "paused", "Resume", "Publish"),
                    size="3",
                    loading=S.saving,
                    on_click=S.publish,
                ),
            ),
            rx.cond(
                _has(PostingAction.REOPEN),
                rx.button(icon("rotate-ccw"), "Reopen", size="3", on_click=S.reopen),
            ),
            rx.cond(
                _has(PostingAction.PAUSE),
                rx.button(icon("circle-pause"), "Pause", variant="soft", size="3", on_click=S.pause),
            ),
            rx.cond(
                _has(PostingAction.CLOSE),
                rx.button(
                    icon("circle-x"), "Close", variant="soft", color_scheme="red", size="3", on_click=S.close
                ),
            ),
            rx.cond(
                saved,
                rx.button(
                    icon("copy"), "Copy", variant="soft", color_scheme="gray", size="3", on_click=S.copy
                ),
            ),
            rx.cond(
                saved & (S.status == "draft"),
                confirm_dialog(
                    rx.button(icon("trash-2"), "Delete draft", variant="ghost", color_scheme="red", size="3"),
                    title="Delete this draft?",
                    description="It was never published; nobody but your team has seen it.",
                    confirm_label="Delete draft",
                    on_confirm=S.delete_draft,
                ),
            ),
            rx.cond(
                S.public_path != "",
                button_link("View live", S.public_path, icon="external-link", variant="outline", size="3"),
            ),
            rx.cond(
                saved & (S.status != "draft"),
                button_link(
                    "Candidates",
                    rx.State.router.url.path.to(str) + "/pipeline",
                    icon="users",
                    variant="outline",
                    size="3",
                ),
            ),
            spacing=SPACE_TIGHT,
            wrap="wrap",
            align="center",
        ),
        rx.callout(
            "Your role lets you read this job but not change it.",
            icon="lock",
            color_scheme="gray",
            width="100%",
        ),
    )


def duplicate_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("This looks like a job you already have open"),
            rx.alert_dialog.description(
                "\u201c",
                S.duplicate_title,
                "\u201d is open and nearly the same. Seekers see reposts as spam, so close or edit the "
                "other one, or publish this one anyway.",
                color=TEXT_MUTED,
            ),
            rx.flex(
                text_link("Open the other job", S.duplicate_edit_path),
                text_link("See it as seekers do", S.duplicate_public_path),
                spacing="4",
                margin_top="0.75rem",
                wrap="wrap",
            ),
            rx.flex(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(rx.button("Publish anyway", on_click=S.confirm_duplicate)),
                spacing=SPACE_TIGHT,
                justify="end",
                margin_top="1rem",
            ),
            max_width="30rem",
        ),
        open=S.duplicate_open,
        on_open_change=S.set_duplicate_open,
    )
