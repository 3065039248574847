"""Employer Markdown becomes HTML with nothing that runs: XSS payloads come out inert."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from jobhub.platform.markdown import ALLOWED_TAGS, markdown_to_html, plain_text, sanitize_html


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def parsed(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every element a browser would build from ``html``, with its attributes."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox(1))",
        '<svg onload="alert(1)"></svg>',
        '<iframe src="https://evil.test"></iframe>',
        "<style>body{display:none}</style>",
        '<div style="background:url(javascript:alert(1))">x</div>',
        "![x](https://tracker.test/pixel.png)",
    ],
)
def test_no_payload_survives_as_markup(payload: str) -> None:
    """Through Markdown (raw HTML off) and through the sanitizer alone (as if Markdown failed)."""
    elements = parsed(markdown_to_html(f"Intro\n\n{payload}\n\nOutro")) + parsed(sanitize_html(payload))

    assert {tag for tag, _ in elements} <= ALLOWED_TAGS
    for tag, attributes in elements:
        assert set(attributes) <= ({"href", "rel"} if tag == "a" else set())
        assert attributes.get("href", "https:").startswith(("https:", "http:", "mailto:"))


def test_raw_html_is_shown_as_text_not_rendered() -> None:
    assert markdown_to_html("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>"


def test_the_allow_listed_formatting_is_kept() -> None:
    html = markdown_to_html(
        "**strong** *em* `code`\n\n- one\n- two\n\n1. first\n\n> quoted\n\n```\nblock\n```\n\nline\nbreak"
    )

    for tag in ("<strong>", "<em>", "<code>", "<ul>", "<ol>", "<li>", "<blockquote>", "<pre>", "<br>"):
        assert tag in html


def test_links_keep_http_https_and_mailto_with_nofollow_noopener() -> None:
    html = markdown_to_html("[a](https://a.test) [b](http://b.test) [c](mailto:jobs@c.test)")

    assert html == (
        '<p><a href="https://a.test" rel="nofollow noopener">a</a> '
        '<a href="http://b.test" rel="nofollow noopener">b</a> '
        '<a href="mailto:jobs@c.test" rel="nofollow noopener">c</a></p>'
    )


def test_link_titles_and_foreign_rel_or_target_are_dropped() -> None:
    html = sanitize_html(
        '<a href="https://a.test" title="t" rel="opener" target="_blank" onclick="x()">a</a>'
    )

    assert html == '<a href="https://a.test" rel="nofollow noopener">a</a>'


def test_headings_move_below_the_pages_own_h1_and_h2() -> None:
    assert markdown_to_html("# One\n## Two\n### Three\n#### Four") == (
        "<h3>One</h3>\n<h3>Two</h3>\n<h4>Three</h4>\n<h4>Four</h4>"
    )


def test_empty_text_gives_empty_html() -> None:
    assert markdown_to_html(None) == markdown_to_html("  \n ") == ""


def test_plain_text_drops_markup_and_unescapes_entities() -> None:
    assert plain_text("# Hi\n\n**Tom & Jerry** <b>x</b>") == "Hi Tom & Jerry <b>x</b>"
