"""The company editor ``/employer/company``: the form that creates the company page and keeps it right.

Inside the employer area's frame (``employer_layout(..., needs_company=False)``, since this is
where a company comes to exist). Owners and admins edit; other members see the same fields
disabled, with a note saying who can change them. Logo and cover upload as soon as a file is
chosen or dropped, and the preview is the stored file itself. Web addresses are text inputs
with a URL keyboard, not ``type="url"``: the service accepts a bare "acme.com", which the
browser's own check would refuse before the form is even sent.
"""

from __future__ import annotations

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.companies import company_form as rules
from jobhub.companies.company_editor_fields import (
    choice_field,
    form_section,
    lines_field,
    markdown_field,
    text_field,
)
from jobhub.companies.company_editor_images import images_section
from jobhub.companies.company_editor_state import CompanyEditorState as S
from jobhub.companies.company_fields import SLUG_MAX, SOCIAL_NETWORKS, URL_MAX
from jobhub.companies.employer_area import employer_layout
from jobhub.companies.labels import REMOTE_LABELS, SIZE_LABELS, TYPE_LABELS
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.forms import submit_button
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link
from jobhub.ui.theme import SPACE_DEFAULT, TEXT_MUTED

FORM_LABEL = "Company page"
MARKDOWN_HELP = "Markdown works: **bold**, *italic*, lists starting with -, and links."


def basics() -> rx.Component:
    return form_section(
        "Basics",
        text_field(
            "Company name", "name", max_length=rules.NAME_MAX, required=True, auto_complete="organization"
        ),
        text_field(
            "Page address",
            "slug",
            max_length=SLUG_MAX,
            help_text="The end of your page's link, like acme-robotics. Leave it empty to use the name.",
        ),
        text_field(
            "Tagline", "tagline", max_length=rules.TAGLINE_MAX, help_text="One line that says what you do."
        ),
        text_field("Website", "website_url", input_mode="url", max_length=URL_MAX, placeholder="https://"),
        text_field(
            "Industry", "industry", max_length=rules.INDUSTRY_MAX, placeholder="Software, Logistics\u2026"
        ),
        choice_field("Size", "company_size", SIZE_LABELS),
        choice_field("Kind of company", "company_type", TYPE_LABELS),
        text_field("Founded", "founded_year", input_mode="numeric", max_length=4, placeholder="2015"),
        text_field(
            "Number of employees",
            "employee_count",
            input_mode="numeric",
            max_length=12,
            help_text="Shown as your team size; leave it empty to show how many of you are on JobHub.",
        ),
        columns=True,
    )


def places() -> rx.Component:
    return form_section(
        "Where you work",
        text_field(
            "Headquarters",
            "headquarters_location",
            max_length=rules.HEADQUARTERS_MAX,
            placeholder="Berlin, Germany",
            help_text="City and country put you on the map for searches near a place.",
        ),
        rx.cond(
            S.headquarters_notice != "",
            rx.callout(
                S.headquarters_notice, icon="map-pin", size="1", role="status", data_testid="hq-notice"
            ),
        ),
        lines_field("Other offices", "locations", f"One per line, up to {rules.LOCATIONS_MAX}.", rows=3),
        choice_field("Remote work", "remote_policy", REMOTE_LABELS),
    )


def story() -> rx.Component:
    return form_section(
        "About the company",
        markdown_field("Description", "description", rules.DESCRIPTION_MAX, MARKDOWN_HELP, rows=10),
        markdown_field(
            "Culture",
            "culture_description",
            rules.CULTURE_MAX,
            "How you work together. " + MARKDOWN_HELP,
            rows=5,
        ),
        lines_field(
            "Values",
            "values",
            f"One per line, as Name: what it means (for example \u201cOwnership: we run what we ship\u201d). "
            f"Up to {rules.VALUES_MAX}.",
            rows=4,
        ),
    )


def benefits() -> rx.Component:
    return form_section(
        "Benefits and perks",
        lines_field("Benefits", "benefits", f"One per line, up to {rules.PERKS_MAX}.", rows=4),
        lines_field("Perks", "perks", f"One per line, up to {rules.PERKS_MAX}.", rows=3),
        columns=True,
    )


def socials() -> rx.Component:
    return form_section(
        "Elsewhere on the web",
        *[
            text_field(
                network.label, column, input_mode="url", max_length=URL_MAX, placeholder=network.example
            )
            for column, network in SOCIAL_NETWORKS.items()
        ],
        columns=True,
    )


def company_form() -> rx.Component:
    return rx.form(
        rx.el.fieldset(
            rx.flex(
                basics(), places(), story(), benefits(), socials(), direction="column", spacing=SPACE_DEFAULT
            ),
            disabled=~S.editable,
            border="none",
            padding="0",
            margin="0",
            min_width="0",
        ),
        rx.cond(
            S.editable,
            rx.flex(
                rx.cond(
                    S.errors.length() > 0,
                    rx.text(
                        "Some fields need another look: they are marked above.",
                        color=rx.color("red", 11),
                        size="2",
                        role="alert",
                    ),
                ),
                submit_button(
                    rx.cond(S.has_company, "Save changes", "Create company page"), loading=S.saving
                ),
                justify="end",
                align="center",
                spacing="3",
                wrap="wrap",
                margin_top="1rem",
            ),
        ),
        on_submit=S.save,
        reset_on_submit=False,
        aria_label=FORM_LABEL,
        key=S.form_key,
        width="100%",
    )


def intro() -> rx.Component:
    return rx.cond(
        S.has_company,
        rx.flex(
            rx.cond(
                ~S.editable,
                rx.callout(
                    "As "
                    + S.team_role_label.lower()
                    + " you can see the company page here but not change it. "
                    "Owners and admins can.",
                    icon="lock",
                    width="100%",
                    data_testid="read-only-note",
                ),
            ),
            rx.flex(
                button_link("View public page", S.public_path, icon="external-link", variant="soft"),
                rx.cond(
                    S.verified,
                    rx.badge(
                        rx.icon("badge-check", size=14, aria_hidden="true"), "Verified", color_scheme="green"
                    ),
                ),
                align="center",
                spacing="3",
                wrap="wrap",
            ),
            direction="column",
            spacing="3",
        ),
        rx.text(
            "Job seekers meet your jobs through this page. Start with the name; everything else can follow. "
            "You become the company's owner and can invite your team next.",
            color=TEXT_MUTED,
        ),
    )


def editor_page() -> rx.Component:
    return page_layout(
        employer_layout(
            rx.cond(S.has_company, "Company page", "Create your company page"),
            intro(),
            rx.cond(S.has_company & S.editable, images_section()),
            company_form(),
            needs_company=False,
        ),
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.EMPLOYER_COMPANY,
        editor_page,
        "Company page",
        only_for(UserType.EMPLOYER),
        on_load=S.load,
        description="Create and edit your company's page on JobHub.",
    ),
)
