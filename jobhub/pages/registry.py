"""How contexts hand their pages to the app: a tuple of ``PageSpec`` per ``pages.py``.

``add_pages`` keeps the first spec for a route, so the "coming soon" placeholders, added
last, give way on their own as soon as a context ships the real page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from jobhub.auth.state import AuthState


@dataclass(frozen=True)
class PageSpec:
    route: str
    component: Callable[[], rx.Component]
    title: str
    description: str = "JobHub: find work with the pay on every posting, or hire for it."
    # Every page resolves the session on load so the navigation matches the user.
    on_load: Any = field(default_factory=lambda: AuthState.refresh_session)


def add_pages(app: rx.App, *groups: Iterable[PageSpec]) -> list[str]:
    """Register every group in order; the routes added, for logging and tests."""
    added: list[str] = []
    for group in groups:
        for spec in group:
            if spec.route in added:
                continue
            app.add_page(
                spec.component,
                route=spec.route,
                title=f"{spec.title} · JobHub" if spec.route != "/" else spec.title,
                description=spec.description,
                on_load=spec.on_load,
            )
            added.append(spec.route)
    return added
