"""The job page ``/jobs/[slug]``: the posting, its pay and company, and what a seeker can do next.

Two columns on wide screens (the posting; a side card with pay, apply, save, share and
report, then the company), one column on phones. The page's ``<title>``, meta description,
canonical link and JSON-LD come from state: React 19 hoists ``<title>``, ``<meta>`` and
``<link>`` rendered anywhere into ``<head>``, so each job gets its own. The rich text is HTML
already sanitized by the service (``platform/markdown.py``), the only reason ``rx.html`` is safe.
"""

from __future__ import annotations

import reflex as rx

from jobhub.jobs.detail_state import JobDetailState as S
from jobhub.jobs.job_detail import SimilarJob
from jobhub.jobs.reports import DETAILS_MAX, REPORT_REASONS
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import empty_state
from jobhub.ui.forms import field_ids, form_field, stored_file_url, submit_button
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import loading_lines
from jobhub.ui.theme import (
    BORDER,
    ERROR_TEXT,
    SPACE_DEFAULT,
    SPACE_SECTION,
    SPACE_TIGHT,
    SURFACE,
    TEXT_LINK,
    TEXT_MUTED,
)

SIDE_WIDTH = "20rem"
REPORT_FORM = "Report this job"
# Spacing for the sanitized HTML's own elements, which no Radix component styles.
PROSE = {
    "& p, & ul, & ol, & pre, & blockquote, & h3, & h4": {"margin": "0 0 0.75rem"},
    "& ul, & ol": {"padding_left": "1.5rem"},
    "& blockquote": {"border_left": f"3px solid {BORDER}", "padding_left": "0.75rem", "color": TEXT_MUTED},
    "& pre": {
        "overflow_x": "auto",
        "padding": "0.75rem",
        "background": SURFACE,
        "border_radius": "var(--radius-2)",
    },
    "& a": {"color": TEXT_LINK, "text_decoration": "underline"},
}


def _icon(name: str | rx.Var[str], size: int = 16) -> rx.Component:
    """A decorative icon: the text beside it says the same to screen readers."""
    return rx.icon(name, size=size, aria_hidden="true")


def _icon_line(icon: str, text: rx.Var | str, **props: object) -> rx.Component:
    return rx.flex(
        _icon(icon),
        rx.text(text, size="2"),
        align="center",
        spacing="2",
        color=TEXT_MUTED,
        **props,
    )


def head_tags() -> rx.Component:
    """Per-job canonical URL and JSON-LD; a missing job tells crawlers not to index the page."""
    return rx.fragment(
        rx.cond(S.share_url != "", rx.el.link(rel="canonical", href=S.share_url)),
        rx.cond(S.json_ld != "", rx.el.script(S.json_ld, type="application/ld+json", id="job-posting-ld")),
        rx.cond(S.not_found, rx.el.meta(name="robots", content="noindex")),
    )


def header() -> rx.Component:
    return rx.flex(
        rx.heading(S.title, as_="h1", size=rx.breakpoints(initial="7", md="8")),
        rx.cond(
            S.company_name != "",
            text_link(S.company_name, f"{nav.COMPANIES}/" + S.company_slug, weight="medium", size="4"),
        ),
        rx.flex(
            rx.cond(S.location != "", _icon_line("map-pin", S.location)),
            _icon_line("clock", S.posted),
            # On phones the side card with the pay comes after the posting: say the pay up front.
            _icon_line("banknote", S.salary, display=rx.breakpoints(initial="flex", md="none")),
            spacing="4",
            wrap="wrap",
        ),
        rx.flex(
            rx.foreach(S.facts, lambda fact: rx.badge(fact, variant="soft", size="2")),
            spacing=SPACE_TIGHT,
            wrap="wrap",
        ),
        direction="column",
        spacing=SPACE_TIGHT,
    )


def _section(shown: rx.Var[bool], title: str, section_id: str, content: rx.Component) -> rx.Component:
    """A titled part of the posting (an ``h2`` region), left out while it has nothing to say."""
    return rx.cond(
        shown,
        rx.el.section(
            rx.heading(title, as_="h2", size="5", id=section_id, margin_bottom="0.5rem"),
            content,
            aria_labelledby=section_id,
        ),
    )


def rich_section(title: str, html: rx.Var[str], section_id: str) -> rx.Component:
    return _section(html != "", title, section_id, rx.html(html, style=PROSE))


def skill_badges(skills: rx.Var[list[str]], color: str, label: str) -> rx.Component:
    return rx.el.ul(
        rx.foreach(skills, lambda skill: rx.el.li(rx.badge(skill, color_scheme=color, size="2"))),
        aria_label=label,
        display="flex",
        flex_wrap="wrap",
        gap="0.5rem",
        list_style="none",
        padding="0",
        margin="0",
    )


def skill_group(title: str, skills: rx.Var[list[str]], color: str, label: str) -> rx.Component:
    return rx.cond(
        skills.length() > 0,
        rx.flex(
            rx.text(title, weight="medium", size="2"),
            skill_badges(skills, color, label),
            direction="column",
            spacing="1",
        ),
    )


def skills_section() -> rx.Component:
    match = rx.cond(
        S.match_summary != "",
        rx.callout(
            rx.flex(
                rx.text(S.match_summary, weight="medium", data_testid="skill-match"),
                rx.cond(
                    S.missing_skills.length() > 0,
                    rx.text("Missing: ", S.missing_skills.join(", "), size="2"),
                ),
                direction="column",
                spacing="1",
            ),
            icon="target",
            color_scheme="green",
            width="100%",
        ),
    )
    return _section(
        (S.required_skills.length() > 0) | (S.preferred_skills.length() > 0),
        "Skills",
        "skills-heading",
        rx.flex(
            match,
            skill_group("Required", S.required_skills, "indigo", "Required skills"),
            skill_group("Nice to have", S.preferred_skills, "gray", "Preferred skills"),
            direction="column",
            spacing="3",
        ),
    )


def similar_card(job: rx.Var[SimilarJob]) -> rx.Component:
    return rx.el.li(
        rx.card(
            rx.flex(
                text_link(job.title, f"{nav.JOBS}/" + job.slug + "?src=similar", weight="medium"),
                rx.text(job.company_name, size="2"),
                rx.text(job.location, size="2", color=TEXT_MUTED),
                rx.text(job.salary, size="2", color=TEXT_MUTED),
                direction="column",
                spacing="1",
            ),
            size="1",
        ),
        list_style="none",
    )


def similar_section() -> rx.Component:
    return _section(
        S.similar.length() > 0,
        "Similar jobs",
        "similar-heading",
        rx.grid(
            rx.foreach(S.similar, similar_card),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            as_="ul",
            padding="0",
            margin="0",
        ),
    )


def apply_action() -> rx.Component:
    return rx.cond(
        S.apply_url != "",
        rx.button(
            rx.link(
                _icon("external-link"),
                "Apply on the company's site",
                href=S.apply_url,
                is_external=True,
                rel="nofollow noopener",
                underline="none",
                color="inherit",
            ),
            as_child=True,
            size="3",
            width="100%",
        ),
        rx.flex(
            rx.button("Applications open soon", size="3", width="100%", disabled=True),
            rx.text(
                "Applying through JobHub is almost ready. Save the job to come back to it.",
                size="1",
                color=TEXT_MUTED,
            ),
            direction="column",
            spacing="1",
        ),
    )


def sign_in_link(label: str) -> rx.Component:
    return text_link(label, f"{nav.LOGIN}?next={nav.JOBS}/" + S.slug_shown, size="2")


def save_action() -> rx.Component:
    return rx.cond(
        S.is_seeker,
        rx.button(
            _icon(rx.cond(S.is_saved, "bookmark-check", "bookmark")),
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
                _icon("flag"),
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


def action_card() -> rx.Component:
    return rx.card(
        rx.flex(
            rx.flex(
                rx.text("Pay", size="2", color=TEXT_MUTED),
                rx.text(S.salary, size="5", weight="bold", data_testid="job-salary"),
                rx.cond(S.salary_yearly != "", rx.text(S.salary_yearly, size="2", color=TEXT_MUTED)),
                direction="column",
                spacing="1",
            ),
            apply_action(),
            save_action(),
            rx.button(
                _icon("share-2"),
                "Copy link to share",
                variant="outline",
                size="3",
                width="100%",
                on_click=S.share,
            ),
            report_action(),
            direction="column",
            spacing="3",
        ),
        width="100%",
    )


def company_card() -> rx.Component:
    return rx.cond(
        S.company_name != "",
        rx.card(
            rx.flex(
                rx.flex(
                    rx.avatar(
                        src=stored_file_url(S.company_logo), fallback=S.company_name[0], size="3", alt=""
                    ),
                    rx.flex(
                        text_link(S.company_name, f"{nav.COMPANIES}/" + S.company_slug, weight="bold"),
                        rx.cond(
                            S.company_verified,
                            rx.badge(
                                _icon("badge-check", 12),
                                "Verified",
                                color_scheme="green",
                            ),
                        ),
                        direction="column",
                        spacing="1",
                        align="start",
                    ),
                    spacing="3",
                    align="center",
                ),
                rx.cond(
                    S.company_rating != "",
                    _icon_line("star", S.company_rating + " out of 5 \u00b7 " + S.company_reviews),
                    rx.text("No reviews yet", size="2", color=TEXT_MUTED),
                ),
                rx.foreach(S.company_facts, lambda fact: rx.text(fact, size="2", color=TEXT_MUTED)),
                direction="column",
                spacing=SPACE_TIGHT,
            ),
            width="100%",
            aria_label="About the company",
        ),
    )


def job_content() -> rx.Component:
    main = rx.flex(
        rich_section("About the job", S.description_html, "about-heading"),
        rich_section("Responsibilities", S.responsibilities_html, "responsibilities-heading"),
        rich_section("Requirements", S.requirements_html, "requirements-heading"),
        skills_section(),
        rich_section("Benefits", S.benefits_html, "benefits-heading"),
        similar_section(),
        direction="column",
        spacing="6",
        min_width="0",
    )
    side = rx.el.aside(
        rx.flex(action_card(), company_card(), direction="column", spacing=SPACE_DEFAULT),
        aria_label="Apply and company",
    )
    return rx.flex(
        rx.cond(S.notice != "", rx.callout(S.notice, icon="eye-off", color_scheme="amber", role="status")),
        header(),
        rx.grid(
            main,
            side,
            grid_template_columns=rx.breakpoints(initial="minmax(0, 1fr)", md=f"minmax(0, 1fr) {SIDE_WIDTH}"),
            gap="2rem",
            align_items="start",
        ),
        direction="column",
        spacing=SPACE_SECTION,
    )


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
