"""The posting as seekers see it: header, sections, skills, pay, apply, company. Drawn once, used twice.

``/jobs/[slug]`` passes its state class and the employer's editor passes its ``preview`` var;
both carry the fields of ``job_page_view.ShownPosting`` under the same names, so every
component here reads ``p.title``, ``p.salary`` and so on from either. The page adds its own
actions (save, share, report) beside the apply button; the preview adds inert copies.
The rich text is HTML already sanitized by the service (``platform/markdown.py``), the only
reason ``rx.html`` is safe.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.jobs.job_detail import SimilarJob
from jobhub.ui import navigation as nav
from jobhub.ui.forms import stored_file_url
from jobhub.ui.links import text_link
from jobhub.ui.theme import PROSE, SPACE_DEFAULT, SPACE_SECTION, SPACE_TIGHT, TEXT_MUTED

Posting = Any
"""The job page's state class or the editor's ``preview`` var: ``ShownPosting``'s fields as Vars."""

SIDE_WIDTH = "20rem"


def icon(name: str | rx.Var[str], size: int = 16) -> rx.Component:
    """A decorative icon: the text beside it says the same to screen readers."""
    return rx.icon(name, size=size, aria_hidden="true")


def _icon_line(name: str, text: rx.Var | str, **props: object) -> rx.Component:
    return rx.flex(
        icon(name),
        rx.text(text, size="2"),
        align="center",
        spacing="2",
        color=TEXT_MUTED,
        **props,
    )


def header(p: Posting, title_as: str = "h1") -> rx.Component:
    return rx.flex(
        rx.heading(p.title, as_=title_as, size=rx.breakpoints(initial="7", md="8")),
        rx.cond(
            p.company_name != "",
            text_link(p.company_name, f"{nav.COMPANIES}/" + p.company_slug, weight="medium", size="4"),
        ),
        rx.flex(
            rx.cond(p.location != "", _icon_line("map-pin", p.location)),
            _icon_line("clock", p.posted),
            # On phones the side card with the pay comes after the posting: say the pay up front.
            _icon_line("banknote", p.salary, display=rx.breakpoints(initial="flex", md="none")),
            spacing="4",
            wrap="wrap",
        ),
        rx.flex(
            rx.foreach(p.facts, lambda fact: rx.badge(fact, variant="soft", size="2")),
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


def skills_section(p: Posting) -> rx.Component:
    match = rx.cond(
        p.match_summary != "",
        rx.callout(
            rx.flex(
                rx.text(p.match_summary, weight="medium", data_testid="skill-match"),
                rx.cond(
                    p.missing_skills.length() > 0,
                    rx.text("Missing: ", p.missing_skills.join(", "), size="2"),
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
        (p.required_skills.length() > 0) | (p.preferred_skills.length() > 0),
        "Skills",
        "skills-heading",
        rx.flex(
            match,
            skill_group("Required", p.required_skills, "indigo", "Required skills"),
            skill_group("Nice to have", p.preferred_skills, "gray", "Preferred skills"),
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


def similar_section(p: Posting) -> rx.Component:
    return _section(
        p.similar.length() > 0,
        "Similar jobs",
        "similar-heading",
        rx.grid(
            rx.foreach(p.similar, similar_card),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            as_="ul",
            padding="0",
            margin="0",
        ),
    )


def inert_apply() -> rx.Component:
    """The preview's apply button: seekers see the real one, which applies through JobHub."""
    return rx.button(icon("send"), "Apply now", size="3", width="100%", disabled=True)


def apply_action(p: Posting, here: rx.Component | None = None) -> rx.Component:
    """The company's own apply link when the posting has one, else ``here`` (applying on JobHub)."""
    return rx.cond(
        p.apply_url != "",
        rx.button(
            rx.link(
                icon("external-link"),
                "Apply on the company's site",
                href=p.apply_url,
                is_external=True,
                rel="nofollow noopener",
                underline="none",
                color="inherit",
            ),
            as_child=True,
            size="3",
            width="100%",
        ),
        here if here is not None else inert_apply(),
    )


def action_card(p: Posting, *actions: rx.Component, apply: rx.Component | None = None) -> rx.Component:
    """The pay, the apply button (``apply``, or the company's own link), then the page's ``actions``."""
    return rx.card(
        rx.flex(
            rx.flex(
                rx.text("Pay", size="2", color=TEXT_MUTED),
                rx.text(p.salary, size="5", weight="bold", data_testid="job-salary"),
                rx.cond(p.salary_yearly != "", rx.text(p.salary_yearly, size="2", color=TEXT_MUTED)),
                direction="column",
                spacing="1",
            ),
            apply_action(p, apply),
            *actions,
            direction="column",
            spacing="3",
        ),
        width="100%",
    )


def company_card(p: Posting) -> rx.Component:
    return rx.cond(
        p.company_name != "",
        rx.card(
            rx.flex(
                rx.flex(
                    rx.avatar(
                        src=stored_file_url(p.company_logo), fallback=p.company_name[0], size="3", alt=""
                    ),
                    rx.flex(
                        text_link(p.company_name, f"{nav.COMPANIES}/" + p.company_slug, weight="bold"),
                        rx.cond(
                            p.company_verified,
                            rx.badge(icon("badge-check", 12), "Verified", color_scheme="green"),
                        ),
                        direction="column",
                        spacing="1",
                        align="start",
                    ),
                    spacing="3",
                    align="center",
                ),
                rx.cond(
                    p.company_rating != "",
                    _icon_line("star", p.company_rating + " out of 5 \u00b7 " + p.company_reviews),
                    rx.text("No reviews yet", size="2", color=TEXT_MUTED),
                ),
                rx.foreach(p.company_facts, lambda fact: rx.text(fact, size="2", color=TEXT_MUTED)),
                direction="column",
                spacing=SPACE_TIGHT,
            ),
            width="100%",
            aria_label="About the company",
        ),
    )


def posting_content(
    p: Posting, *actions: rx.Component, apply: rx.Component | None = None, title_as: str = "h1"
) -> rx.Component:
    """The whole posting: notice, header, then the sections beside the pay, apply and company cards.

    ``title_as`` is the title's heading level: the job page's ``h1``, a level lower where the
    posting is shown inside another page (the editor's preview under its own ``h1``)."""
    main = rx.flex(
        rich_section("About the job", p.description_html, "about-heading"),
        rich_section("Responsibilities", p.responsibilities_html, "responsibilities-heading"),
        rich_section("Requirements", p.requirements_html, "requirements-heading"),
        skills_section(p),
        rich_section("Benefits", p.benefits_html, "benefits-heading"),
        similar_section(p),
        direction="column",
        spacing="6",
        min_width="0",
    )
    side = rx.el.aside(
        rx.flex(
            action_card(p, *actions, apply=apply), company_card(p), direction="column", spacing=SPACE_DEFAULT
        ),
        aria_label="Apply and company",
    )
    return rx.flex(
        rx.cond(p.notice != "", rx.callout(p.notice, icon="eye-off", color_scheme="amber", role="status")),
        header(p, title_as),
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
