"""The email-domain rule of verification: is the requester's mailbox at the company's own domain?

Host names are compared by their *registrable* domain (the part a company buys: ``acme.co.uk``,
not ``co.uk``), found with the Public Suffix List that ``publicsuffixlist`` ships (no network at
run time). So ``www.acme.com``, ``careers.acme.com`` and ``mail.acme.com`` all mean ``acme.com``,
while ``acme.co.uk`` and ``other.co.uk`` stay apart, and a website that is itself a public suffix
(``github.io``) proves nothing. Addresses at free mail providers are refused by name: anyone can
open one, so the match would prove nothing even for ``gmail.com`` itself.

Every refusal says exactly why, and what to do instead, because the employer reads it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cache
from typing import Final
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

FREE_MAIL_DOMAINS: Final = frozenset(
    {
        "163.com",
        "aol.com",
        "fastmail.com",
        "gmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "googlemail.com",
        "hotmail.com",
        "icloud.com",
        "live.com",
        "mail.com",
        "mail.ru",
        "me.com",
        "msn.com",
        "outlook.com",
        "proton.me",
        "protonmail.com",
        "qq.com",
        "t-online.de",
        "web.de",
        "yahoo.com",
        "yandex.com",
        "yandex.ru",
        "zoho.com",
    }
)
"""Providers where anyone may open an address; their registrable domains, as the list gives them."""

NO_WEBSITE: Final = (
    "Add your company's website on the company page first: the check compares its domain with "
    "your email address."
)
NO_EMAIL: Final = (
    "Confirm your own email address first (we sent you a link when you registered): only a "
    "confirmed address can prove the domain."
)


@cache
def _suffixes() -> PublicSuffixList:
    """Parsed once per process (about 10,000 rules)."""
    return PublicSuffixList()


def _host(value: str) -> str:
    """Lower case, no trailing dot, international names in their ASCII (punycode) form."""
    host = value.strip().rstrip(".").lower()
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def registrable_domain(host: str) -> str | None:
    """``acme.com`` for ``www.acme.com``; ``None`` for an address, a bare suffix or no host."""
    name = _host(host)
    if not name or "." not in name:
        return None
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return _suffixes().privatesuffix(name)
    return None


def website_host(url: str | None) -> str:
    """The host of a website address as stored (with or without a scheme), or ``""``."""
    text = (url or "").strip()
    if not text:
        return ""
    parts = urlsplit(text if "://" in text else f"https://{text}")
    try:
        return _host(parts.hostname or "")
    except ValueError:
        return ""


def email_host(email: str) -> str:
    return _host(email.rpartition("@")[2]) if "@" in email else ""


@dataclass(frozen=True)
class DomainCheck:
    """What the queue shows and the card explains: both domains, and whether they match.

    ``problem`` is the sentence the employer reads when they do not (empty when they do).
    """

    email_domain: str
    website_domain: str
    matches: bool
    problem: str = ""


def check_email_domain(email: str | None, website_url: str | None) -> DomainCheck:
    """Whether ``email`` is at the registrable domain of ``website_url``, and if not, why not."""
    site_host = website_host(website_url)
    site = registrable_domain(site_host) if site_host else None
    address = email_host(email or "")
    mailbox = registrable_domain(address) if address else None
    shown_site, shown_mail = site or site_host, mailbox or address
    if not site_host:
        return DomainCheck(shown_mail, "", False, NO_WEBSITE)
    if site is None:
        return DomainCheck(
            shown_mail,
            site_host,
            False,
            f"The website {site_host} is not a domain a company owns on its own, so an email address "
            "cannot prove it. Send documents instead.",
        )
    if not email:
        return DomainCheck("", site, False, NO_EMAIL)
    if mailbox is None:
        return DomainCheck(
            address,
            site,
            False,
            f"Your email address is at {address or 'no domain'}, which is not a company's own domain. "
            f"Ask from an address at {site}, or send documents instead.",
        )
    if mailbox in FREE_MAIL_DOMAINS:
        return DomainCheck(
            mailbox,
            site,
            False,
            f"{mailbox} is a free email provider: anyone can have an address there, so it proves "
            f"nothing about {site}. Ask from an address at {site}, or send documents instead.",
        )
    if mailbox != site:
        return DomainCheck(
            mailbox,
            site,
            False,
            f"Your email address is at {mailbox} but the company website is at {site}. Ask from an "
            f"address at {site}, or send documents instead.",
        )
    return DomainCheck(shown_mail, shown_site, True)
