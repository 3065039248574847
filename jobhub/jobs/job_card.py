"""The job card every list of jobs shares: search results, saved jobs, recommendations, similar jobs.

It renders one ``JobHit`` as a plain dict (``dataclasses.asdict``) so any state can hold
the list. The title is the card's one main link and stretches over the whole card (the
"stretched link" pattern), so a click anywhere opens the job while screen readers and
the tab order meet a single link per card; the save toggle sits above it. Lists that
move focus between cards with the arrow keys look for ``CARD_LINK_CLASS``.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.ui import navigation as nav
from jobhub.ui.forms import stored_file_url
from jobhub.ui.links import text_link
from jobhub.ui.theme import SPACE_TIGHT, TEXT_BODY, TEXT_MUTED

CARD_LINK_CLASS = "jh-job-card-link"
MAX_SKILL_CHIPS = 8
PAY_NOT_STATED = "Pay not stated"
LOCATION_NOT_STATED = "Location not stated"
REMOTE_ONLY = "remote_only"

_FOCUS_RING = {"outline": "2px solid var(--accent-9)", "outline_offset": "2px"}
_STRETCHED = {"content": '""', "position": "absolute", "inset": "0", "z_index": "0"}


def job_href(slug: rx.Var) -> rx.Var[str]:
    """``/jobs/<slug>``, the job page a card opens."""
    return f"{nav.JOBS}/" + slug.to(str)


def _logo(hit: rx.Var) -> rx.Component:
    """The company logo, or its initial on a tinted square when there is none or it fails to load."""
    name = hit["company_name"].to(str)
    return rx.avatar(
        src=stored_file_url(hit["company_logo_url"].to(str)),
        fallback=rx.cond(name != "", name[0].upper(), "?"),
        size="4",
        radius="medium",
        aria_hidden="true",
        flex_shrink="0",
    )


def _company(hit: rx.Var) -> rx.Component:
    rating = hit["company_rating"].to(float)
    return rx.flex(
        rx.text(hit["company_name"].to(str), weight="medium", size="2"),
        rx.cond(
            hit["company_rating"],
            rx.flex(
                rx.icon("star", size=13, aria_hidden="true", color=rx.color("amber", 10)),
                rx.text(
                    f"{rating:.1f}",
                    rx.el.span(" out of 5 stars", class_name="jh-visually-hidden"),
                    size="2",
                    data_testid="job-card-rating",
                ),
                align="center",
                spacing="1",
            ),
        ),
        align="center",
        spacing=SPACE_TIGHT,
        wrap="wrap",
    )


def _where(hit: rx.Var) -> rx.Var[str]:
    """A remote-only job says so; otherwise the place, with the remote arrangement beside it."""
    location = hit["location"].to(str)
    label = hit["remote_label"].to(str)
    place = rx.cond(location != "", location, LOCATION_NOT_STATED)
    return rx.cond(
        (hit["remote_policy"].to(str) == REMOTE_ONLY) & (label != ""),
        label,
        rx.cond((label != "") & (location != ""), location + " · " + label, place),
    )


def _fact(icon: str, text: rx.Var[str] | str, test_id: str) -> rx.Component:
    return rx.flex(
        rx.icon(icon, size=14, aria_hidden="true"),
        rx.text(text, size="2", data_testid=test_id),
        align="center",
        spacing="1",
        color=TEXT_MUTED,
    )


def _skill_chip(skill: rx.Var[str], highlight: rx.Var[list[str]] | None) -> rx.Component:
    """A skill; the seeker's own ones are solid with a check and say so to screen readers."""
    plain = rx.badge(skill, variant="surface", color_scheme="gray", radius="full")
    if highlight is None:
        return rx.el.li(plain, list_style="none")
    mine = rx.badge(
        rx.icon("check", size=12, aria_hidden="true"),
        skill,
        rx.el.span(" (your skill)", class_name="jh-visually-hidden"),
        variant="soft",
        color_scheme="green",
        radius="full",
        data_testid="skill-match",
    )
    return rx.el.li(rx.cond(highlight.contains(skill.lower()), mine, plain), list_style="none")


def _skills(hit: rx.Var, highlight: rx.Var[list[str]] | None) -> rx.Component:
    skills = hit["skills"].to(list[str])
    return rx.cond(
        skills.length() > 0,
        rx.el.ul(
            rx.foreach(skills[:MAX_SKILL_CHIPS], lambda skill: _skill_chip(skill, highlight)),
            aria_label="Skills",
            display="flex",
            flex_wrap="wrap",
            gap="0.375rem",
            padding="0",
            margin="0",
        ),
    )


def _save_toggle(saved: rx.Var[bool], on_toggle_save: Any) -> rx.Component:
    """Above the stretched title link, so it stays its own button; ``aria-pressed`` carries the state."""
    return rx.icon_button(
        rx.icon(rx.cond(saved, "bookmark-check", "bookmark"), aria_hidden="true"),
        on_click=on_toggle_save,
        variant=rx.cond(saved, "solid", "soft"),
        aria_pressed=rx.cond(saved, "true", "false"),
        aria_label="Save job",
        title=rx.cond(saved, "Saved: click to remove", "Save this job"),
        position="relative",
        z_index="1",
        flex_shrink="0",
        data_testid="save-toggle",
    )


def job_card(
    hit: rx.Var,
    *,
    saved: rx.Var[bool] | None = None,
    on_toggle_save: Any = None,
    highlight: rx.Var[list[str]] | None = None,
    extra: rx.Component | None = None,
    on_open: Any = None,
    **card_props: Any,
) -> rx.Component:
    """One job: ``hit`` is a JobHit dict, ``highlight`` the seeker's skill names in lower case.

    ``on_toggle_save`` is an already bound event (e.g. ``SaveToggleState.toggle(hit["id"])``);
    the toggle shows only when both it and ``saved`` are given. ``extra`` goes under the
    facts (a recommendation's reason, a saved job's notes) and sits above the stretched
    link, so links inside it stay clickable. ``on_open`` runs as the title link is followed
    (the search page records which result was opened).
    """
    open_props = {"on_click": on_open} if on_open is not None else {}
    title = rx.heading(
        text_link(
            hit["title"].to(str),
            job_href(hit["slug"]),
            class_name=CARD_LINK_CLASS,
            color=TEXT_BODY,
            _hover={"color": TEXT_BODY, "text_decoration": "underline"},
            _after=_STRETCHED,
            _focus_visible={"outline": "none"},
            data_testid="job-card-link",
            **open_props,
        ),
        as_="h3",
        size="4",
    )
    header = rx.flex(
        _logo(hit),
        rx.flex(title, _company(hit), direction="column", spacing="1", min_width="0", flex="1"),
        rx.fragment() if saved is None or on_toggle_save is None else _save_toggle(saved, on_toggle_save),
        spacing="3",
        align="start",
        width="100%",
    )
    salary = hit["salary"].to(str)
    facts = rx.flex(
        _fact("map-pin", _where(hit), "job-card-where"),
        _fact("banknote", rx.cond(salary != "", salary, PAY_NOT_STATED), "job-card-pay"),
        _fact("clock", hit["posted"].to(str), "job-card-posted"),
        spacing="4",
        wrap="wrap",
    )
    return rx.card(
        rx.flex(
            header,
            facts,
            _skills(hit, highlight),
            rx.box(extra, position="relative", z_index="1") if extra is not None else rx.fragment(),
            direction="column",
            spacing="3",
        ),
        position="relative",
        size="2",
        height="100%",
        data_testid="job-card",
        data_job_id=hit["id"].to(str),
        style={"&:has(.jh-job-card-link:focus-visible)": _FOCUS_RING},
        **card_props,
    )
