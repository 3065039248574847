"""The email-domain rule: registrable domains compared, free mail and public suffixes refused."""

from __future__ import annotations

import pytest

from jobhub.companies.verification_domains import (
    NO_EMAIL,
    NO_WEBSITE,
    check_email_domain,
    registrable_domain,
)


@pytest.mark.parametrize(
    ("email", "website"),
    [
        ("jane@acme.com", "https://acme.com"),
        ("jane@acme.com", "https://www.acme.com/about"),
        ("jane@mail.acme.com", "https://acme.com"),
        ("jane@acme.com", "https://careers.acme.com"),
        ("jane@eu.mail.acme.co.uk", "http://www.acme.co.uk"),
        ("Jane@ACME.com", "acme.com"),
        ("jane@bücher.de", "https://www.xn--bcher-kva.de"),
    ],
    ids=["same", "www", "mail-subdomain", "website-subdomain", "co-uk", "case-and-no-scheme", "idn"],
)
def test_addresses_at_the_websites_registrable_domain_match(email: str, website: str) -> None:
    check = check_email_domain(email, website)

    assert check.matches, check.problem
    assert check.problem == ""


def test_a_different_domain_is_refused_naming_both() -> None:
    check = check_email_domain("jane@initech.com", "https://www.acme.com")

    assert not check.matches
    assert (check.email_domain, check.website_domain) == ("initech.com", "acme.com")
    assert "initech.com" in check.problem and "acme.com" in check.problem
    assert "documents" in check.problem


def test_neighbours_under_one_public_suffix_do_not_match() -> None:
    check = check_email_domain("jane@other.co.uk", "https://acme.co.uk")

    assert not check.matches
    assert (check.email_domain, check.website_domain) == ("other.co.uk", "acme.co.uk")


@pytest.mark.parametrize("provider", ["gmail.com", "outlook.com", "googlemail.com", "yahoo.com"])
def test_free_mail_is_refused_with_a_message_even_for_its_own_website(provider: str) -> None:
    for website in ("https://acme.com", f"https://{provider}"):
        check = check_email_domain(f"jane@{provider}", website)
        assert not check.matches
        assert f"{provider} is a free email provider" in check.problem


@pytest.mark.parametrize(
    "website", ["https://github.io", "https://co.uk", "http://127.0.0.1", "http://localhost"]
)
def test_a_website_that_no_company_owns_alone_proves_nothing(website: str) -> None:
    check = check_email_domain("jane@acme.github.io", website)

    assert not check.matches
    assert "not a domain a company owns" in check.problem


def test_a_private_suffix_is_a_domain_of_its_own() -> None:
    assert registrable_domain("www.acme.github.io") == "acme.github.io"
    assert not check_email_domain("jane@other.github.io", "https://acme.github.io").matches


def test_no_website_or_no_confirmed_address_say_what_to_do_first() -> None:
    assert check_email_domain("jane@acme.com", None).problem == NO_WEBSITE
    assert check_email_domain("jane@acme.com", "  ").problem == NO_WEBSITE
    assert check_email_domain(None, "https://acme.com").problem == NO_EMAIL


def test_an_address_without_a_company_domain_is_refused() -> None:
    check = check_email_domain("root@localhost", "https://acme.com")

    assert not check.matches
    assert "localhost" in check.problem
