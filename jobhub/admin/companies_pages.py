"""``/admin/companies``: companies waiting for the verified badge, oldest first, and the latest decisions.

Each request shows what to weigh (who asked and from which address, the domains and whether they
match, or the document to download) with Verify and Refuse; refusing and removing a badge ask for
a reason, which the company's team reads. Guarded for administrator accounts; the services check
the admin role on every action (a moderator is sent to ``/forbidden``).
"""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.vars.base import Var, VarData

from jobhub.admin.companies_state import AdminCompaniesState as S
from jobhub.admin.companies_state import DecisionKind
from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.companies.verification_review import REASON_MAX
from jobhub.companies.verification_routes import DOCUMENT_PATH
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, empty_state
from jobhub.ui.forms import field_ids, form_field, submit_button
from jobhub.ui.layout import page_layout
from jobhub.ui.links import text_link
from jobhub.ui.page_parts import message_callout
from jobhub.ui.tables import pagination
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

QUEUE_HEADING_ID = "verification-queue-heading"
RECENT_HEADING_ID = "recent-decisions-heading"
DIALOG_FORM = "Decision"


def document_href(request_id: Var[str]) -> Var[str]:
    """The backend's download route for a request (the backend has its own port in development)."""
    before, after = (json.dumps(part) for part in DOCUMENT_PATH.split("{request_id}"))
    return Var(
        _js_expr=f"new URL({before} + {request_id} + {after}, getBackendURL(env.PING)).href",
        _var_type=str,
        _var_data=VarData.merge(
            request_id._get_all_var_data(),
            VarData(
                imports={
                    "$/utils/state": ["getBackendURL"],
                    "$/env.json": rx.ImportVar(tag="env", is_default=True),
                }
            ),
        ),
    )


def _fact(label: str, value: rx.Component | rx.Var | str) -> rx.Component:
    return rx.data_list.item(rx.data_list.label(label, min_width="8rem"), rx.data_list.value(value))


def _match_badge(item: rx.Var) -> rx.Component:
    return rx.cond(
        item["domains_match"].to(bool),
        rx.badge(rx.icon("check", size=12, aria_hidden="true"), "Domains match", color_scheme="green"),
        rx.badge(rx.icon("x", size=12, aria_hidden="true"), "Domains differ", color_scheme="red"),
    )


def _claim(item: rx.Var) -> rx.Component:
    documents = item["method"].to(str) == "documents"
    return rx.cond(
        documents,
        _fact(
            "Document",
            rx.el.a(
                rx.icon("download", size=14, aria_hidden="true", flex_shrink="0"),
                item["document_name"].to(str),
                href=document_href(item["id"].to(str)),
                download="",
                color=rx.color("indigo", 11),
                display="inline-flex",
                align_items="center",
                gap="0.25rem",
                word_break="break-all",
                aria_label="Download " + item["document_name"].to(str),
            ),
        ),
        rx.fragment(
            _fact("Email domain", item["email_domain"].to(str)),
            _fact(
                "Website domain",
                rx.flex(item["website_domain"].to(str), _match_badge(item), spacing="2", wrap="wrap"),
            ),
        ),
    )


def _queue_item(item: rx.Var) -> rx.Component:
    company = item["company_name"].to(str)
    note = item["note"].to(str)
    domain_note = item["domain_note"].to(str)
    return rx.el.li(
        rx.card(
            rx.flex(
                rx.flex(
                    rx.heading(company, as_="h3", size="4"),
                    rx.badge(item["method_label"].to(str), variant="soft"),
                    spacing=SPACE_TIGHT,
                    align="center",
                    wrap="wrap",
                ),
                rx.data_list.root(
                    _fact(
                        "Website",
                        rx.cond(
                            item["website_url"].to(str) != "",
                            rx.link(
                                item["website_url"].to(str),
                                href=item["website_url"].to(str),
                                is_external=True,
                                rel="noopener noreferrer nofollow",
                                word_break="break-all",
                            ),
                            rx.text("none given", color=TEXT_MUTED),
                        ),
                    ),
                    _fact(
                        "Asked by",
                        rx.text(
                            item["requester"].to(str),
                            rx.cond(
                                item["requester_email"].to(str) != "",
                                " \u00b7 " + item["requester_email"].to(str),
                                "",
                            ),
                            word_break="break-all",
                        ),
                    ),
                    _claim(item),
                    _fact(
                        "Waiting", item["waiting"].to(str) + " (since " + item["requested_on"].to(str) + ")"
                    ),
                    orientation={"initial": "vertical", "sm": "horizontal"},
                ),
                rx.cond(
                    domain_note != "", rx.callout(domain_note, icon="triangle-alert", color_scheme="amber")
                ),
                rx.cond(note != "", rx.blockquote(note, size="2")),
                rx.flex(
                    rx.button(
                        rx.icon("badge-check", size=16, aria_hidden="true"),
                        "Verify",
                        color_scheme="green",
                        on_click=S.open_decision(DecisionKind.VERIFY.value, item["id"].to(str)),
                        aria_label="Verify " + company,
                    ),
                    rx.button(
                        rx.icon("circle-x", size=16, aria_hidden="true"),
                        "Refuse",
                        color_scheme="red",
                        variant="soft",
                        on_click=S.open_decision(DecisionKind.REFUSE.value, item["id"].to(str)),
                        aria_label="Refuse " + company,
                    ),
                    spacing=SPACE_TIGHT,
                    wrap="wrap",
                ),
                direction="column",
                spacing="3",
            ),
            width="100%",
        ),
        list_style="none",
        data_testid="verification-request",
    )


def queue() -> rx.Component:
    return rx.el.section(
        rx.flex(
            rx.heading("Waiting for a decision", as_="h2", size="5", id=QUEUE_HEADING_ID),
            rx.text(
                S.total.to(str),
                rx.cond(S.total == 1, " request, ", " requests, "),
                "the longest waiting first",
                color=TEXT_MUTED,
                aria_live="polite",
            ),
            rx.cond(
                S.loading & (S.items.length() == 0),
                card_skeletons(2, label="Loading the requests"),
                rx.cond(
                    S.items.length() > 0,
                    rx.el.ul(
                        rx.foreach(S.items, _queue_item),
                        aria_labelledby=QUEUE_HEADING_ID,
                        display="grid",
                        gap="1rem",
                        padding="0",
                        margin="0",
                    ),
                    empty_state(
                        "No company is waiting",
                        "When an employer asks for the verified badge, the request shows here.",
                        icon="badge-check",
                    ),
                ),
            ),
            rx.cond(
                S.page_count > 1,
                pagination(
                    S.page,
                    S.page_count,
                    on_previous=S.previous_page,
                    on_next=S.next_page,
                    label="Request pages",
                ),
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        aria_labelledby=QUEUE_HEADING_ID,
    )


def _decided_item(item: rx.Var) -> rx.Component:
    company = item["company_name"].to(str)
    reason = item["reason"].to(str)
    return rx.el.li(
        rx.flex(
            rx.flex(
                text_link(company, f"{nav.COMPANIES}/" + item["company_slug"].to(str), weight="bold"),
                rx.badge(
                    item["decision_label"].to(str),
                    color_scheme=rx.cond(item["decision"].to(str) == "approved", "green", "red"),
                ),
                rx.text(
                    "by ",
                    item["decided_by"].to(str),
                    " on ",
                    item["decided_on"].to(str),
                    size="2",
                    color=TEXT_MUTED,
                ),
                spacing=SPACE_TIGHT,
                align="center",
                wrap="wrap",
            ),
            rx.cond(reason != "", rx.text(reason, size="2")),
            rx.cond(
                item["may_revoke"].to(bool),
                rx.button(
                    "Remove badge",
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    on_click=S.open_decision(DecisionKind.REVOKE.value, item["company_id"].to(str)),
                    aria_label="Remove the badge of " + company,
                    align_self="start",
                ),
            ),
            direction="column",
            spacing="1",
            padding_y="0.5rem",
        ),
        list_style="none",
        data_testid="recent-decision",
    )


def recent() -> rx.Component:
    return rx.el.section(
        rx.flex(
            rx.heading("Recently decided", as_="h2", size="5", id=RECENT_HEADING_ID),
            rx.cond(
                S.recent.length() > 0,
                rx.el.ul(rx.foreach(S.recent, _decided_item), padding="0", margin="0"),
                rx.text("No decisions yet.", color=TEXT_MUTED),
            ),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        aria_labelledby=RECENT_HEADING_ID,
    )


def _text_field(label: str, help_text: str, *, required: bool) -> rx.Component:
    text_id, help_id, error_id = field_ids("text")
    return form_field(
        label,
        "text",
        control=rx.text_area(
            id=text_id,
            name="text",
            required=required,
            max_length=REASON_MAX,
            rows="3",
            width="100%",
            aria_describedby=f"{help_id} {error_id}",
        ),
        help_text=help_text,
        required=required,
    )


def _decision_form(field: rx.Component, submit: str, colour: str) -> rx.Component:
    return rx.form(
        rx.flex(
            message_callout(S.dialog_error, error=True, element_id="decision-error"),
            field,
            rx.flex(
                rx.dialog.close(rx.button("Cancel", type="button", variant="soft", color_scheme="gray")),
                submit_button(submit, loading=S.busy, color_scheme=colour),
                spacing=SPACE_TIGHT,
                justify="end",
            ),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        on_submit=S.decide,
        reset_on_submit=False,
        aria_label=DIALOG_FORM,
    )


def decision_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(
                rx.match(
                    S.dialog_kind,
                    (DecisionKind.VERIFY.value, "Verify " + S.dialog_company + "?"),
                    (DecisionKind.REFUSE.value, "Refuse the request of " + S.dialog_company),
                    "Remove the badge of " + S.dialog_company,
                )
            ),
            rx.dialog.description(
                rx.match(
                    S.dialog_kind,
                    (DecisionKind.VERIFY.value, "The badge shows on its page and jobs at once."),
                    (DecisionKind.REFUSE.value, "The team reads your reason and may ask again."),
                    "The badge disappears at once; the team reads your reason and may ask again.",
                ),
                color=TEXT_MUTED,
                margin_bottom="1rem",
            ),
            rx.match(
                S.dialog_kind,
                (
                    DecisionKind.VERIFY.value,
                    _decision_form(
                        _text_field("Note", "Optional; kept with the decision.", required=False),
                        "Verify company",
                        "green",
                    ),
                ),
                (
                    DecisionKind.REFUSE.value,
                    _decision_form(
                        _text_field("Reason", "What is missing or wrong; the team reads it.", required=True),
                        "Refuse request",
                        "red",
                    ),
                ),
                _decision_form(
                    _text_field("Reason", "Why the badge goes; the team reads it.", required=True),
                    "Remove badge",
                    "red",
                ),
            ),
            max_width="30rem",
        ),
        open=S.dialog_open,
        on_open_change=S.set_dialog_open,
    )


def companies_page() -> rx.Component:
    return page_layout(
        rx.flex(
            rx.heading("Companies to verify", as_="h1", size="8"),
            rx.text(
                "Check that each company is who its page says: an address at the website's own domain, or "
                "papers that name it.",
                color=TEXT_MUTED,
            ),
            queue(),
            recent(),
            decision_dialog(),
            direction="column",
            spacing="6",
            width="100%",
        )
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.ADMIN_COMPANIES,
        companies_page,
        "Companies to verify",
        only_for(UserType.ADMIN),
        on_load=S.load,
        description="Verify or refuse companies' requests for the verified badge.",
    ),
)
