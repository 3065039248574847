"""Placeholders for sections whose issues have not landed yet, inside the real layout.

A link in the navigation should never end on a blank page or a 404; each placeholder
says what will be there and offers the way back. When a context registers the same
route, its page wins (see ``registry.add_pages``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import reflex as rx

from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import empty_state
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link
from jobhub.ui.theme import NARROW_MAX_WIDTH, TEXT_MUTED


@dataclass(frozen=True)
class PlannedSection:
    route: str
    title: str
    promise: str
    icon: str


PLANNED_SECTIONS: tuple[PlannedSection, ...] = (
    PlannedSection(
        nav.JOBS,
        "Job search",
        "Search every open job with filters for pay, location and remote work.",
        "search",
    ),
    PlannedSection(
        nav.JOB_DETAIL,
        "Job details",
        "The full posting: pay, requirements, the company, and a one-click application.",
        "briefcase",
    ),
    PlannedSection(
        nav.COMPANIES,
        "Companies",
        "Company pages with open roles, teams and reviews from people who work there.",
        "building-2",
    ),
    PlannedSection(
        nav.SAVED_JOBS, "Saved jobs", "Jobs you saved, with your notes and reminders.", "bookmark"
    ),
    PlannedSection(
        nav.EMPLOYER_DASHBOARD,
        "Employer dashboard",
        "Your company page, postings and applicant pipeline in one place.",
        "layout-dashboard",
    ),
    PlannedSection(
        nav.POST_JOB, "Post a job", "Publish a job with its pay range in a few minutes.", "circle-plus"
    ),
    PlannedSection(
        nav.ADMIN, "Administration", "Moderation queues, user management and platform figures.", "shield"
    ),
    PlannedSection(nav.LOGIN, "Sign in", "Sign in with your email and password.", "log-in"),
    PlannedSection(nav.REGISTER, "Create an account", "Join as a job seeker or as an employer.", "user-plus"),
    PlannedSection(nav.LOGOUT, "Sign out", "Signing out ends your session on this device.", "log-out"),
)


def coming_soon_view(section: PlannedSection) -> Callable[[], rx.Component]:
    def view() -> rx.Component:
        return page_layout(
            rx.flex(
                rx.heading(section.title, as_="h1", size="8"),
                rx.text(section.promise, size="4", color=TEXT_MUTED),
                empty_state(
                    "Coming soon",
                    "We are building this part of JobHub right now.",
                    icon=section.icon,
                    action=button_link("Back to the home page", nav.HOME, icon="house", variant="soft"),
                ),
                direction="column",
                spacing="4",
            ),
            width=NARROW_MAX_WIDTH,
        )

    slug = "".join(ch if ch.isalnum() else "_" for ch in section.route.strip("/"))
    view.__name__ = f"coming_soon_{slug or 'home'}"
    return view


PAGES: tuple[PageSpec, ...] = tuple(
    PageSpec(route=section.route, component=coming_soon_view(section), title=section.title)
    for section in PLANNED_SECTIONS
)
