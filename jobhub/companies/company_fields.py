"""The rules one field of the company form follows: text, numbers, choices, web and social links, slugs.

Each function takes what was typed and returns the value to store, or raises
``Invalid(field, message)`` with words a person can act on. Text may be anything a browser
sends, so characters PostgreSQL cannot store (NUL), control characters and lone surrogates
are refused here rather than failing at the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final
from urllib.parse import SplitResult, urlsplit, urlunsplit

from jobhub.platform.digits import plain_digits
from jobhub.platform.errors import Invalid

URL_MAX: Final = 500
SLUG_MIN: Final = 2
SLUG_MAX: Final = 60
_UNSTORABLE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_SLUG: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HOST: Final = re.compile(
    r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$"
)
# "javascript:", "mailto:", "data:"... but not "acme.com:8080", which is a host and a port.
_OTHER_SCHEME: Final = re.compile(r"^(?!https?://)[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)
_WEB_SCHEMES: Final = ("http", "https")


@dataclass(frozen=True)
class SocialNetwork:
    label: str
    hosts: tuple[str, ...]
    example: str


SOCIAL_NETWORKS: Final[dict[str, SocialNetwork]] = {
    "linkedin_url": SocialNetwork("LinkedIn", ("linkedin.com",), "https://www.linkedin.com/company/acme"),
    "twitter_url": SocialNetwork("X (Twitter)", ("x.com", "twitter.com"), "https://x.com/acme"),
    "facebook_url": SocialNetwork("Facebook", ("facebook.com", "fb.com"), "https://www.facebook.com/acme"),
    "instagram_url": SocialNetwork("Instagram", ("instagram.com",), "https://www.instagram.com/acme"),
    "glassdoor_url": SocialNetwork(
        "Glassdoor",
        tuple(
            f"glassdoor.{tld}"
            for tld in (
                "com",
                "co.uk",
                "de",
                "fr",
                "ca",
                "com.au",
                "co.in",
                "ie",
                "nl",
                "be",
                "ch",
                "at",
                "es",
            )
        ),
        "https://www.glassdoor.com/Overview/Working-at-Acme.htm",
    ),
}


def _storable(text: str, field: str, label: str) -> str:
    if _UNSTORABLE.search(text):
        raise Invalid(field, f"{label} contains invisible control characters. Please type it again.")
    return text


def single_line(text: str, field: str, label: str, maximum: int) -> str | None:
    """One line, inner spaces collapsed; ``None`` when empty."""
    cleaned = _storable(" ".join(text.split()), field, label)
    if len(cleaned) > maximum:
        raise Invalid(field, f"{label} can be at most {maximum:,} characters (it is {len(cleaned):,}).")
    return cleaned or None


def written_text(text: str, field: str, label: str, maximum: int) -> str | None:
    """Markdown as written: line breaks and inner spacing kept, only the ends trimmed."""
    cleaned = _storable(text.replace("\r\n", "\n").replace("\r", "\n").strip(), field, label)
    if len(cleaned) > maximum:
        raise Invalid(field, f"{label} can be at most {maximum:,} characters (it is {len(cleaned):,}).")
    return cleaned or None


def clean_lines(
    items: Iterable[str], field: str, noun: str, max_items: int, max_length: int
) -> list[str] | None:
    """A list typed one item per line: blanks dropped, repeats (ignoring case) dropped, order kept."""
    cleaned: dict[str, str] = {}
    for item in items:
        line = single_line(item, field, f"Each {noun}", max_length)
        if line:
            cleaned.setdefault(line.casefold(), line)
    if len(cleaned) > max_items:
        raise Invalid(field, f"List at most {max_items} of them (there are {len(cleaned)}).")
    return list(cleaned.values()) or None


def whole_number(text: str, field: str, label: str, *, minimum: int, maximum: int) -> int | None:
    """A whole number typed with or without thousands separators ("1,200"); ``None`` when empty."""
    digits = "".join(text.split()).replace(",", "").replace("_", "")
    if not digits:
        return None
    if not plain_digits(digits) or len(digits) > len(str(maximum)):
        raise Invalid(field, f"Give {label} as a whole number from {minimum:,} to {maximum:,}.")
    number = int(digits)
    if not minimum <= number <= maximum:
        raise Invalid(field, f"Give {label} as a whole number from {minimum:,} to {maximum:,}.")
    return number


def choice(value: str, field: str, allowed: type[StrEnum], noun: str) -> str | None:
    """One of the enum's values, or ``None`` when nothing was chosen."""
    picked = value.strip()
    if not picked:
        return None
    if picked not in {member.value for member in allowed}:
        raise Invalid(field, f"Choose {noun} from the list.")
    return picked


def _split_web_url(text: str, field: str, label: str) -> SplitResult | None:
    """The parts of an http(s) address; a bare "acme.com" is read as https. ``None`` when empty."""
    typed = text.strip()
    if not typed:
        return None
    if any(ch.isspace() for ch in typed) or _UNSTORABLE.search(typed):
        raise Invalid(field, f"{label} is a web address without spaces, like https://acme.com.")
    if _OTHER_SCHEME.match(typed):
        raise Invalid(field, f"{label} must be a web address starting with https:// or http://.")
    full = typed if "://" in typed else f"https://{typed}"
    if len(full) > URL_MAX:
        raise Invalid(field, f"{label} can be at most {URL_MAX} characters.")
    try:
        parts = urlsplit(full)
        host = (parts.hostname or "").encode("idna").decode("ascii")
        _ = parts.port  # a port that is not a number raises here
    except (ValueError, UnicodeError) as exc:
        raise Invalid(field, f"{label} is not a web address we can open. Check it for typos.") from exc
    if parts.scheme.lower() not in _WEB_SCHEMES:
        raise Invalid(field, f"{label} must be a web address starting with https:// or http://.")
    if parts.username is not None or parts.password is not None or not _HOST.match(host):
        raise Invalid(field, f"{label} needs a site name like acme.com.")
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower())


def web_url(text: str, field: str, label: str) -> str | None:
    """An http or https address, stored in full."""
    parts = _split_web_url(text, field, label)
    return urlunsplit(parts) if parts else None


def social_url(text: str, field: str) -> str | None:
    """An https link to a page on the field's network (``www.`` and country sites included)."""
    network = SOCIAL_NETWORKS[field]
    label = f"The {network.label} link"
    parts = _split_web_url(text, field, label)
    if parts is None:
        return None
    host = parts.hostname or ""
    if not any(host == allowed or host.endswith(f".{allowed}") for allowed in network.hosts):
        raise Invalid(field, f"{label} must point to {network.label}, like {network.example}.")
    if parts.scheme != "https":
        raise Invalid(field, f"{label} must start with https://, like {network.example}.")
    if not parts.path.strip("/"):
        raise Invalid(field, f"Link to your company's own page on {network.label}, like {network.example}.")
    return urlunsplit(parts)


def check_slug_shape(slug: str) -> str:
    """Lower-case letters, digits and single hyphens between them: the last part of the page's address."""
    if not SLUG_MIN <= len(slug) <= SLUG_MAX:
        raise Invalid("slug", f"The page address is {SLUG_MIN} to {SLUG_MAX} characters long.")
    if not _SLUG.match(slug):
        raise Invalid(
            "slug",
            "Use lower-case letters, digits and single hyphens in the page address, like acme-robotics.",
        )
    return slug
