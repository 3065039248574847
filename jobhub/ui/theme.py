"""Colours, spacing and the Radix theme every page shares.

Pages never pick raw colours: text uses the gray scale's step 12 (body) or 11 (muted),
links and solid buttons the accent's steps 11 and 9. Those steps are the ones whose
contrast against the page backgrounds (steps 1-3) meets WCAG AA in light and in dark
mode; ``CONTRAST_PAIRS`` records the hex values so a test can keep it true if the
palette changes. Steps 9-10 of the gray scale are for borders and icons, never text.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

ACCENT = "indigo"
GRAY = "slate"

# Layout rhythm (Radix spacing steps are 1-9; these are the ones pages use).
SPACE_TIGHT = "2"
SPACE_DEFAULT = "4"
SPACE_SECTION = "7"
CONTENT_MAX_WIDTH = "72rem"
NARROW_MAX_WIDTH = "40rem"
# Phone, tablet, desktop: page gutters grow with the screen.
PAGE_GUTTER = ["1rem", "1.5rem", "2rem"]

TEXT_BODY = rx.color(GRAY, 12)
TEXT_MUTED = rx.color(GRAY, 11)
TEXT_LINK = rx.color(ACCENT, 11)
SURFACE = rx.color(GRAY, 2)
SURFACE_RAISED = rx.color(GRAY, 1)
BORDER = rx.color(GRAY, 6)
FOCUS_RING = rx.color(ACCENT, 9)
ERROR_TEXT = rx.color("red", 11)


@dataclass(frozen=True)
class ContrastPair:
    """A foreground/background pair the UI uses, with the minimum ratio it needs."""

    name: str
    foreground: str
    background: str
    minimum: float


# Radix Colors v3 values of the steps above (light, then dark). 4.5 is AA for body text,
# 3.0 AA for focus indicators and large text.
CONTRAST_PAIRS: tuple[ContrastPair, ...] = (
    ContrastPair("light body text", "#1c2024", "#fcfcfd", 4.5),
    ContrastPair("light muted text on page", "#60646c", "#fcfcfd", 4.5),
    ContrastPair("light muted text on card", "#60646c", "#f0f0f3", 4.5),
    ContrastPair("light link", "#3a5bc7", "#fcfcfd", 4.5),
    ContrastPair("light solid button label", "#ffffff", "#3e63dd", 4.5),
    ContrastPair("light focus ring", "#3e63dd", "#fcfcfd", 3.0),
    ContrastPair("dark body text", "#edeef0", "#111113", 4.5),
    ContrastPair("dark muted text on page", "#b0b4ba", "#111113", 4.5),
    ContrastPair("dark muted text on card", "#b0b4ba", "#18191b", 4.5),
    ContrastPair("dark link", "#9eb1ff", "#111113", 4.5),
    ContrastPair("dark solid button label", "#ffffff", "#3e63dd", 4.5),
    ContrastPair("dark focus ring", "#3e63dd", "#111113", 3.0),
)


def _relative_luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two ``#rrggbb`` colours (1.0 to 21.0)."""
    lighter, darker = sorted((_relative_luminance(foreground), _relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def app_theme() -> rx.Component:
    """The Radix theme; ``appearance="inherit"`` lets the colour-mode toggle switch it."""
    return rx.theme(
        appearance="inherit",
        accent_color=ACCENT,
        gray_color=GRAY,
        radius="medium",
        scaling="100%",
        has_background=True,
        panel_background="solid",
    )


# Spacing for sanitized HTML's own elements (job descriptions, company stories), which no
# Radix component styles.
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
