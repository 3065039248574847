"""Markdown written by employers (job descriptions, company pages) turned into HTML safe to show.

Two layers, because each alone has gaps: markdown-it renders CommonMark with raw HTML turned
off (a ``<script>`` in the text comes out as visible text), then nh3 (ammonia) keeps only the
allow-listed tags and attributes and only http, https and mailto links, so even a renderer bug
cannot hand the browser a script, an event handler or a ``javascript:`` URL. Headings are moved
down to h3/h4 because the page around them owns h1 and h2.
"""

from __future__ import annotations

from html import unescape
from typing import Final

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

ALLOWED_TAGS: Final = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "a", "code", "pre", "blockquote"}
)
# "*" empty: ammonia otherwise allows ``lang`` and ``title`` on every tag.
ALLOWED_ATTRIBUTES: Final = {"a": {"href"}, "*": set[str]()}
ALLOWED_URL_SCHEMES: Final = frozenset({"http", "https", "mailto"})
LINK_REL: Final = "nofollow noopener"
TOP_HEADING: Final = 3
BOTTOM_HEADING: Final = 4


def _demote_headings(state: StateCore) -> None:
    """h1 and h2 become h3, anything deeper h4: the page's title and sections are h1 and h2."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1:])
            token.tag = f"h{TOP_HEADING if level <= 2 else BOTTOM_HEADING}"


def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True})
    md.core.ruler.push("demote_headings", _demote_headings)
    return md


_MARKDOWN: Final = _renderer()


def sanitize_html(html: str) -> str:
    """Only the allow-list survives (images too: they could track readers); ammonia sets
    ``rel="nofollow noopener"`` on every link."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def markdown_to_html(text: str | None) -> str:
    """Safe HTML for ``text``; empty for no text, so a page can hide an empty section."""
    if not text or not text.strip():
        return ""
    return sanitize_html(_MARKDOWN.render(text)).strip()


def plain_text(text: str | None) -> str:
    """The words of the Markdown without markup, on one line: for meta descriptions and JSON-LD."""
    html = markdown_to_html(text)
    return " ".join(unescape(nh3.clean(html, tags=set())).split()) if html else ""
