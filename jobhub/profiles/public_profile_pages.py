"""The public profile ``/u/[handle]``: who the seeker is, as far as they let this visitor see.

Three outcomes besides the profile itself: an unknown handle is a 404 page, a profile the
visitor may not read says so (and who can: "recruiters only"...) without a word of its
content, and both tell crawlers not to index. Title and description come from state.
"""

from __future__ import annotations

import reflex as rx

from jobhub.pages.registry import PageSpec
from jobhub.profiles.public_profile_state import PublicProfileState as S
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import empty_state
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link, text_link
from jobhub.ui.page_parts import loading_lines
from jobhub.ui.theme import NARROW_MAX_WIDTH, SPACE_DEFAULT, TEXT_MUTED


def _section(title: str, *children: rx.Component, shown: rx.Var[bool]) -> rx.Component:
    slug = title.lower().replace(" ", "-")
    return rx.cond(
        shown,
        rx.el.section(
            rx.flex(
                rx.heading(title, as_="h2", size="5", id=f"u-{slug}"),
                *children,
                direction="column",
                spacing="3",
            ),
            aria_labelledby=f"u-{slug}",
        ),
    )


def profile_entries(entries: rx.Var) -> rx.Component:
    """Experience, education or certifications as an ordered list (the pipeline's panel shows them too)."""
    return rx.el.ol(
        rx.foreach(
            entries,
            lambda entry: rx.el.li(
                rx.flex(
                    rx.text(entry.title, weight="bold"),
                    rx.text(entry.subtitle, color=TEXT_MUTED),
                    rx.text(entry.period, size="2", color=TEXT_MUTED),
                    rx.cond(
                        entry.description != "", rx.text(entry.description, white_space="pre-line", size="2")
                    ),
                    direction="column",
                    spacing="1",
                ),
                list_style="none",
            ),
        ),
        display="flex",
        flex_direction="column",
        gap="1rem",
        padding="0",
        margin="0",
    )


def header() -> rx.Component:
    return rx.flex(
        rx.flex(
            rx.heading(S.display_name, as_="h1", size="8"),
            rx.cond(S.open_to_work, rx.badge("Open to work", color_scheme="green", size="2")),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        rx.cond(S.headline != "", rx.text(S.headline, size="5", data_testid="profile-headline")),
        rx.flex(
            rx.cond(S.location != "", rx.text(S.location, color=TEXT_MUTED)),
            rx.cond(S.remote_preference != "", rx.text(S.remote_preference, color=TEXT_MUTED)),
            rx.cond(S.availability != "", rx.text(S.availability, color=TEXT_MUTED)),
            spacing="4",
            wrap="wrap",
        ),
        rx.cond(
            S.is_owner,
            rx.callout(
                rx.flex(
                    rx.text("This is your profile. Visible to: " + S.visibility_label + "."),
                    text_link("Edit it", nav.PROFILE),
                    spacing="2",
                    wrap="wrap",
                ),
                icon="eye",
                size="1",
            ),
        ),
        direction="column",
        spacing="2",
    )


def profile_content() -> rx.Component:
    return rx.flex(
        header(),
        _section("About", rx.text(S.summary, white_space="pre-line"), shown=S.summary != ""),
        _section(
            "Looking for",
            rx.flex(
                rx.foreach(S.desired_roles, lambda role: rx.badge(role, size="2")), spacing="2", wrap="wrap"
            ),
            rx.cond(S.desired_salary != "", rx.text("Desired pay: " + S.desired_salary, color=TEXT_MUTED)),
            rx.cond(
                S.current_salary != "",
                rx.text("Current pay (only you see this): " + S.current_salary, color=TEXT_MUTED),
            ),
            shown=(S.desired_roles.length() > 0) | (S.desired_salary != ""),
        ),
        _section(
            "Skills",
            rx.flex(
                rx.foreach(
                    S.skills,
                    lambda skill: rx.badge(
                        skill.name,
                        rx.cond(skill.proficiency != "", " · " + skill.proficiency, ""),
                        rx.cond(skill.years != "", " · " + skill.years + " yrs", ""),
                        size="2",
                        variant="soft",
                        data_testid="public-skill",
                    ),
                ),
                spacing="2",
                wrap="wrap",
            ),
            shown=S.skills.length() > 0,
        ),
        _section("Experience", profile_entries(S.experience), shown=S.experience.length() > 0),
        _section("Education", profile_entries(S.education), shown=S.education.length() > 0),
        _section("Certifications", profile_entries(S.certifications), shown=S.certifications.length() > 0),
        _section(
            "Links",
            rx.flex(
                rx.foreach(
                    S.links,
                    lambda link: rx.link(
                        link.label, href=link.url, is_external=True, rel="nofollow noopener"
                    ),
                ),
                spacing="4",
                wrap="wrap",
            ),
            shown=S.links.length() > 0,
        ),
        direction="column",
        spacing="6",
    )


def not_found() -> rx.Component:
    return rx.flex(
        rx.text("Error 404", size="2", weight="bold", color=TEXT_MUTED),
        rx.heading("There is no profile at this address", as_="h1", size="7"),
        rx.text("The link may be old or mistyped: profile addresses can change.", color=TEXT_MUTED),
        button_link("Browse jobs", nav.JOBS, icon="search", variant="soft"),
        direction="column",
        spacing="3",
        align="start",
        data_testid="profile-not-found",
    )


def hidden() -> rx.Component:
    return rx.flex(
        rx.heading("This profile is private", as_="h1", size="7"),
        rx.text(
            "Its owner shows it to: " + S.hidden_label + ". Nothing else about it is shown here.",
            color=TEXT_MUTED,
        ),
        empty_state(
            "You cannot see this profile",
            "Signed in with an account it is shared with, you would.",
            icon="lock",
            action=rx.cond(~S.is_authenticated, button_link("Sign in", nav.LOGIN, icon="log-in")),
        ),
        direction="column",
        spacing=SPACE_DEFAULT,
        data_testid="profile-private",
    )


def public_profile_page() -> rx.Component:
    return page_layout(
        rx.cond(S.not_found | S.hidden, rx.el.meta(name="robots", content="noindex")),
        rx.cond(
            S.loading,
            loading_lines("Loading the profile", 6),
            rx.cond(
                S.not_found,
                not_found(),
                rx.cond(
                    S.hidden,
                    hidden(),
                    rx.cond(
                        S.failed,
                        empty_state(
                            "We couldn't load this profile",
                            "Please reload the page in a moment.",
                            icon="cloud-off",
                        ),
                        profile_content(),
                    ),
                ),
            ),
        ),
        width=NARROW_MAX_WIDTH,
    )


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        route=nav.PUBLIC_PROFILE,
        component=public_profile_page,
        # Vars in an f-string stay live: Reflex renders the <title> and description from state.
        title=f"{S.seo_title}",
        description=f"{S.seo_description}",
        on_load=S.load,
    ),
)
