"""Every rule of the company form: what is stored as typed, what is tidied, what is refused and why."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from jobhub.companies.company_form import (
    CULTURE_MAX,
    DESCRIPTION_MAX,
    EMPLOYEE_COUNT_MAX,
    CompanyForm,
    CultureValue,
    InvalidForm,
    clean_company_form,
)
from jobhub.platform.errors import Invalid

THIS_YEAR = 2026
VALID = CompanyForm(name="Acme Robotics")


def clean(**changes: Any) -> dict[str, Any]:
    return clean_company_form(replace(VALID, **changes), this_year=THIS_YEAR)


ACCEPTED: list[tuple[str, Any, Any]] = [
    ("name", "  Acme \t Robotics  ", "Acme Robotics"),
    ("name", "Zürich Werke AG", "Zürich Werke AG"),
    ("slug", "", ""),
    ("slug", " Acme-Labs ", "acme-labs"),
    ("tagline", "Robots  for\nevery warehouse", "Robots for every warehouse"),
    ("tagline", "", None),
    ("website_url", "acme.example.com", "https://acme.example.com"),
    ("website_url", "http://acme.com/jobs?team=1", "http://acme.com/jobs?team=1"),
    ("website_url", "HTTPS://Acme.COM/About", "https://acme.com/About"),
    ("website_url", "https://acme.com:8443", "https://acme.com:8443"),
    ("website_url", "https://bücher.de", "https://bücher.de"),
    ("industry", " Software ", "Software"),
    ("company_size", "51-200", "51-200"),
    ("company_size", "", None),
    ("company_type", "non_profit", "non_profit"),
    ("founded_year", "1800", 1800),
    ("founded_year", f" {THIS_YEAR} ", THIS_YEAR),
    ("founded_year", "", None),
    ("headquarters_location", "Berlin,  Germany", "Berlin, Germany"),
    ("locations", ("London", "", "london", " Paris "), ["London", "Paris"]),
    ("locations", (), None),
    ("employee_count", "1,200", 1200),
    ("employee_count", "1 200", 1200),
    ("employee_count", str(EMPLOYEE_COUNT_MAX), EMPLOYEE_COUNT_MAX),
    ("description", "  # Us\r\n\r\n<script>x</script> **bold**  ", "# Us\n\n<script>x</script> **bold**"),
    ("description", "\t indented code", "indented code"),
    ("culture_description", "We write things down.", "We write things down."),
    ("benefits", ("Health insurance", "Health insurance", "401(k)"), ["Health insurance", "401(k)"]),
    ("perks", ("Lunch",), ["Lunch"]),
    (
        "values",
        (CultureValue("Ownership", "We ship it, we run it"), CultureValue("", ""), CultureValue("Candour")),
        [
            {"name": "Ownership", "description": "We ship it, we run it"},
            {"name": "Candour", "description": ""},
        ],
    ),
    ("values", (), None),
    ("remote_policy", "hybrid", "hybrid"),
    ("linkedin_url", "https://www.linkedin.com/company/acme", "https://www.linkedin.com/company/acme"),
    ("linkedin_url", "linkedin.com/company/acme", "https://linkedin.com/company/acme"),
    ("linkedin_url", "https://de.linkedin.com/company/acme", "https://de.linkedin.com/company/acme"),
    ("twitter_url", "https://x.com/acme", "https://x.com/acme"),
    ("twitter_url", "https://twitter.com/acme", "https://twitter.com/acme"),
    ("facebook_url", "https://www.facebook.com/acme", "https://www.facebook.com/acme"),
    ("instagram_url", "https://instagram.com/acme", "https://instagram.com/acme"),
    (
        "glassdoor_url",
        "https://www.glassdoor.co.uk/Overview/x.htm",
        "https://www.glassdoor.co.uk/Overview/x.htm",
    ),
    ("glassdoor_url", "", None),
]


@pytest.mark.parametrize(("field", "typed", "stored"), ACCEPTED, ids=lambda v: repr(v)[:30])
def test_accepted_values_are_stored_tidied(field: str, typed: Any, stored: Any) -> None:
    assert clean(**{field: typed})[field] == stored


REFUSED: list[tuple[str, Any]] = [
    ("name", ""),
    ("name", " a "),
    ("name", "!!!"),
    ("name", "A" * 121),
    ("name", "Acme\x00Robotics"),
    ("name", "Acme\x1bRobotics"),
    ("name", "Acme \ud800"),
    ("slug", "a"),
    ("slug", "a" * 61),
    ("slug", "acme_labs"),
    ("slug", "acme--labs"),
    ("slug", "-acme"),
    ("slug", "acme-"),
    ("slug", "ac me"),
    ("slug", "acme/../admin"),
    ("slug", "zürich"),
    ("tagline", "x" * 161),
    ("website_url", "javascript:alert(1)"),
    ("website_url", "JavaScript:alert(1)"),
    ("website_url", "data:text/html,<b>hi</b>"),
    ("website_url", "mailto:jobs@acme.com"),
    ("website_url", "ftp://acme.com"),
    ("website_url", "https://"),
    ("website_url", "https://localhost"),
    ("website_url", "localhost:8000"),
    ("website_url", "https://192.168.0.1/admin"),
    ("website_url", "https://user:secret@acme.com"),
    ("website_url", "https://acme.com:99999"),
    ("website_url", "https://acme .com"),
    ("website_url", "https://exa_mple.com"),
    ("website_url", "https://[::1"),
    ("website_url", "https://acme.com/" + "a" * 500),
    ("industry", "x" * 101),
    ("company_size", "huge"),
    ("company_type", "cooperative"),
    ("founded_year", "1799"),
    ("founded_year", str(THIS_YEAR + 1)),
    ("founded_year", "nineteen ninety"),
    ("founded_year", "1999.5"),
    ("founded_year", "-1999"),
    ("founded_year", "\u0661\u0669\u0669\u0669"),
    ("headquarters_location", "x" * 201),
    ("locations", tuple(f"City {n}" for n in range(21))),
    ("locations", ("x" * 101,)),
    ("employee_count", "0"),
    ("employee_count", str(EMPLOYEE_COUNT_MAX + 1)),
    ("employee_count", "many"),
    ("employee_count", "-5"),
    ("employee_count", "9" * 40),
    ("description", "x" * (DESCRIPTION_MAX + 1)),
    ("description", "fine\x00"),
    ("culture_description", "x" * (CULTURE_MAX + 1)),
    ("benefits", tuple(f"Benefit {n}" for n in range(31))),
    ("perks", ("x" * 121,)),
    ("values", (CultureValue("", "a description without a name"),)),
    ("values", (CultureValue("Why: because"),)),
    ("values", (CultureValue("Ownership"), CultureValue("ownership", "again"))),
    ("values", tuple(CultureValue(f"Value {n}") for n in range(13))),
    ("values", (CultureValue("x" * 81),)),
    ("values", (CultureValue("Candour", "x" * 501),)),
    ("remote_policy", "sometimes"),
    ("linkedin_url", "https://evil.example/company/acme"),
    ("linkedin_url", "https://linkedin.com.evil.example/company/acme"),
    ("linkedin_url", "https://notlinkedin.com/company/acme"),
    ("linkedin_url", "http://www.linkedin.com/company/acme"),
    ("linkedin_url", "https://www.linkedin.com/"),
    ("linkedin_url", "javascript:alert(1)//linkedin.com/company"),
    ("twitter_url", "https://facebook.com/acme"),
    ("facebook_url", "https://x.com/acme"),
    ("instagram_url", "https://instagram.evil/acme"),
    ("glassdoor_url", "https://glassdoor.evil.example/acme"),
]


@pytest.mark.parametrize(("field", "typed"), REFUSED, ids=lambda v: repr(v)[:30])
def test_refused_values_name_their_field(field: str, typed: Any) -> None:
    with pytest.raises(Invalid) as refused:
        clean(**{field: typed})

    assert refused.value.field == field
    assert refused.value.message.endswith((".", "?"))


def test_the_editor_text_round_trips_through_the_form() -> None:
    form = replace(
        VALID,
        slug="acme",
        founded_year="1999",
        benefits=("Health", "Pension"),
        values=(CultureValue("Ownership", "We run what we ship"), CultureValue("Candour")),
        linkedin_url="https://www.linkedin.com/company/acme",
    )

    assert CompanyForm.from_form_data(form.as_form_data()) == form


def test_form_data_that_is_not_text_is_read_as_empty() -> None:
    form = CompanyForm.from_form_data({"name": ["Acme"], "founded_year": 1999, "benefits": None})

    assert (form.name, form.founded_year, form.benefits) == ("", "", ())


def test_every_refused_field_is_named_at_once_in_form_order() -> None:
    with pytest.raises(InvalidForm) as refused:
        clean(name="", website_url="ftp://acme.com", founded_year="1700", glassdoor_url="https://x.com/a")

    assert list(refused.value.errors) == ["name", "website_url", "founded_year", "glassdoor_url"]
    assert (refused.value.field, refused.value.message) == ("name", refused.value.errors["name"])
