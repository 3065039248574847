"""The job page ``/jobs/[slug]``: the posting, its pay and company, and what a seeker can do next.

Two columns on wide screens (the posting; a side card with pay, apply, save, share and
report, then the company), one column on phones. The posting itself is drawn by
``job_posting_parts``, which the employer's live preview shares; this page adds the seeker's
actions and the head tags. The page's ``<title>``, meta description, canonical link and JSON-LD
come from state: React 19 hoists ``<title>``, ``<meta>`` and ``<link>`` rendered anywhere into
``<head>``, so each job gets its own.
"""

from __future__ import annotations

import reflex as rx

from jobhub.jobs.detail_state import JobDetailState as S
from jobhub.jobs.job_posting_parts import icon, posting_content
from jobhub.jobs.reports import DETAILS_MAX, REPORT_REASONS
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import empty_state
from jobhub.ui.forms import field_ids, form_field, submit_button
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import loading_lines
from jobhub.ui.theme import ERROR_TEXT, SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

REPORT_FORM = "Report this job"


def head_tags() -> rx.Component:
    """Per-job canonical URL and JSON-LD; a missing job tells crawlers not to index the page."""
    return rx.fragment(
        rx.cond(S.share_url != "", rx.el.link(rel="canonical", href=S.share_url)),
        rx.cond(S.json_ld != "", rx.el.script(S.json_ld, type="application/ld+json", id="job-posting-ld")),
        rx.cond(S.not_found, rx.el.meta(name="robots", content="noindex")),
    )


def sign_in_link(label: str) -> rx.Component:
    return text_link(label, f"{nav.LOGIN}?next={nav.JOBS}/" + S.slug_shown, size="2")


def apply_here() -> rx.Component:
    """Apply on JobHub: the seeker's way in, "Applied on …" once done, a word for everyone else."""
    apply_path = f"{nav.JOBS}/" + S.slug_shown + "/apply"
    return rx.cond(
        S.applied_id != "",
        rx.flex(
            rx.callout(
                "Applied on " + S.applied_on, icon="circle-check", color_scheme="green", role="status"
            ),
            text_link("See where it stands", f"{nav.APPLICATIONS}/" + S.applied_id, size="2"),
            direction="column",
            spacing="1",
        ),
        rx.cond(
            S.is_seeker,
            button_link("Apply now", apply_path, icon="send", size="3", width="100%"),
            rx.cond(
                S.is_authenticated,
                rx.text("Applying is for job seeker accounts.", size="2", color=TEXT_MUTED),
                rx.flex(
                    button_link(
                        "Sign in to apply",
                        f"{nav.LOGIN}?next=" + apply_path,
                        icon="log-in",
                        size="3",
                        width="100%",
                    ),
                    rx.text("You come straight back to the application.", size="1", color=TEXT_MUTED),
                    direction="column",
                    spacing="1",
                ),
            ),
        ),
    )


def save_action() -> rx.Component:
    return rx.cond(
        S.is_seeker,
        rx.button(
            icon(rx.cond(S.is_saved, "bookmark-check", "bookmark")),
            rx.cond(S.is_saved, "Saved", "Save job"),
            variant="soft",
            size="3",
            width="100%",
            loading=S.saving,
            aria_pressed=rx.cond(S.is_saved, "true", "false"),
            on_click=S.toggle_save,
        ),
        rx.cond(~S.is_authenticated, sign_in_link("Sign in to save this job")),
    )


def reason_choices() -> rx.Component:
    _, _, error_id = field_ids("reason")
    return rx.flex(
        rx.el.legend("Reason", font_weight="500", margin_bottom="0.25rem"),
        rx.radio_group.root(
            rx.flex(
                *[
                    rx.text(
                        rx.flex(rx.radio_group.item(value=value), label, spacing="2", align="center"),
                        as_="label",
                        size="2",
                    )
                    for value, label in REPORT_REASONS.items()
                ],
                direction="column",
                spacing=SPACE_TIGHT,
            ),
            name="reason",
            required=True,
            aria_describedby=error_id,
        ),
        rx.text(S.report_reason_error, id=error_id, size="2", color=ERROR_TEXT, aria_live="polite"),
        as_="fieldset",
        direction="column",
        border="none",
        padding="0",
        margin="0",
    )


def report_action() -> rx.Component:
    details_id, _, _ = field_ids("details")
    form = rx.form(
        rx.flex(
            reason_choices(),
            form_field(
                "Details",
                "details",
                help_text=f"Needed for \u201cSomething else\u201d; up to {DETAILS_MAX:,} characters.",
                error=S.report_details_error,
                control=rx.text_area(id=details_id, name="details", max_length=DETAILS_MAX, rows="4"),
            ),
            rx.flex(
                rx.dialog.close(rx.button("Cancel", type="button", variant="soft", color_scheme="gray")),
                submit_button("Send report", loading=S.reporting),
                justify="end",
                spacing=SPACE_TIGHT,
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        on_submit=S.report,
        aria_label=REPORT_FORM,
        reset_on_submit=False,
    )
    dialog = rx.dialog.root(
        rx.dialog.trigger(
            rx.button(
                icon("flag"),
                "Report this job",
                variant="ghost",
                color_scheme="gray",
                size="2",
            )
        ),
        rx.dialog.content(
            rx.dialog.title(REPORT_FORM),
            rx.dialog.description(
                "Tell us what is wrong. Moderators review every report; the employer never sees who sent it.",
                color=TEXT_MUTED,
                size="2",
                margin_bottom="1rem",
            ),
            form,
            max_width="30rem",
        ),
        open=S.report_open,
        on_open_change=S.set_report_open,
    )
    return rx.cond(
        S.reported,
        rx.text("You reported this job. Thank you.", size="2", color=TEXT_MUTED, role="status"),
        rx.cond(S.is_authenticated, dialog, sign_in_link("Sign in to report this job")),
    )


def job_content() -> rx.Component:
    share = rx.button(
        icon("share-2"), "Copy link to share", variant="outline", size="3", width="100%", on_click=S.share
    )
    return posting_content(S, save_action(), share, report_action(), apply=apply_here())


def not_open() -> rx.Component:
    return empty_state(
        "This job is no longer open",
        "It may have been filled or taken down by the employer. Plenty of open jobs are a search away.",
        icon="briefcase",
        action=button_link("Search open jobs", nav.JOBS, icon="search"),
    )


def job_detail_page() -> rx.Component:
    return page_layout(
        head_tags(),
        rx.cond(
            S.loading,
            loading_lines("Loading the job", 8),
            rx.cond(
                S.not_found,
                not_open(),
                rx.cond(
                    S.failed,
                    empty_state(
                        "We couldn't load this job", "Please reload the page in a moment.", icon="cloud-off"
                    ),
                    job_content(),
                ),
            ),
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        route=nav.JOB_DETAIL,
        component=job_detail_page,
        # Vars in an f-string stay live: Reflex renders the <title> and description from state.
        title=f"{S.seo_title}",
        description=f"{S.seo_description}",
        on_load=S.load,
    ),
)
