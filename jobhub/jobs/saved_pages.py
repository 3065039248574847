"""``/saved``: a job seeker's saved jobs with their notes, tags and reminders.

Open jobs render as the shared job card with the seeker's notes under it; a job whose posting
closed keeps its place as a plain row (its page is gone, so it is not a link) marked "No longer
open". Notes, tags and the reminder are edited in place, one saved job at a time; removing one
is immediate, with an undo in the toast. Guarded for signed-in job seekers; the service checks
again on every action.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from jobhub.auth.guards import guarded_page, only_for
from jobhub.auth.models import UserType
from jobhub.jobs import saved
from jobhub.jobs.job_card import job_card
from jobhub.jobs.saved import SavedSort, SavedStatus
from jobhub.jobs.saved_state import ALL_TAGS, SavedJobsState
from jobhub.pages.registry import PageSpec
from jobhub.ui import navigation as nav
from jobhub.ui.feedback import card_skeletons, empty_state
from jobhub.ui.forms import field_ids, form_field, submit_button
from jobhub.ui.layout import page_layout
from jobhub.ui.links import button_link
from jobhub.ui.tables import pagination
from jobhub.ui.theme import SPACE_DEFAULT, SPACE_TIGHT, TEXT_MUTED

STATUS_LABELS = {SavedStatus.ALL: "All", SavedStatus.OPEN: "Open", SavedStatus.CLOSED: "Closed"}
SORT_LABELS = {
    SavedSort.SAVED: "Recently saved",
    SavedSort.POSTED: "Newest posting",
    SavedSort.REMINDER: "Reminder date",
}
LIST_HEADING_ID = "saved-jobs-count"


def _job(item: rx.Var) -> rx.Var:
    """The saved job's ``JobHit`` as a dict, what the shared job card takes."""
    return item["job"].to(dict[str, Any])


def _labelled(label: str, control: rx.Component) -> rx.Component:
    return rx.flex(
        rx.text(label, size="2", color=TEXT_MUTED, as_="span"),
        control,
        direction="column",
        spacing="1",
        width={"initial": "100%", "sm": "auto"},
    )


def toolbar() -> rx.Component:
    """Tag, open/closed and sort: each change reloads the list from the first page."""
    return rx.flex(
        _labelled(
            "Tag",
            rx.select.root(
                rx.select.trigger(aria_label="Filter by tag", width="100%", data_testid="tag-filter"),
                rx.select.content(
                    rx.select.item("All tags", value=ALL_TAGS),
                    rx.foreach(SavedJobsState.tags, lambda tag: rx.select.item(tag, value=tag)),
                ),
                value=SavedJobsState.tag_filter,
                on_change=SavedJobsState.filter_by_tag,
            ),
        ),
        _labelled(
            "Show",
            rx.segmented_control.root(
                *[rx.segmented_control.item(text, value=value) for value, text in STATUS_LABELS.items()],
                value=SavedJobsState.status_filter,
                on_change=SavedJobsState.filter_by_status,
                aria_label="Show open or closed jobs",
                width="100%",
            ),
        ),
        _labelled(
            "Sort",
            rx.select.root(
                rx.select.trigger(aria_label="Sort by", width="100%"),
                rx.select.content(
                    *[rx.select.item(text, value=value) for value, text in SORT_LABELS.items()]
                ),
                value=SavedJobsState.sort,
                on_change=SavedJobsState.sort_by,
            ),
        ),
        direction={"initial": "column", "sm": "row"},
        align={"initial": "stretch", "sm": "end"},
        spacing=SPACE_DEFAULT,
        wrap="wrap",
        width="100%",
    )


def _tag_badges(item: rx.Var) -> rx.Component:
    tags = item["tags"].to(list[str])
    return rx.cond(
        tags.length() > 0,
        rx.el.ul(
            rx.foreach(
                tags,
                lambda tag: rx.el.li(
                    rx.badge(rx.icon("tag", size=12, aria_hidden="true"), tag, variant="soft"),
                    list_style="none",
                ),
            ),
            aria_label="Tags",
            display="flex",
            flex_wrap="wrap",
            gap="0.375rem",
            padding="0",
            margin="0",
        ),
    )


def _edit_form(item: rx.Var) -> rx.Component:
    notes_id = field_ids("notes")[0]
    return rx.form(
        rx.flex(
            form_field(
                "Notes",
                "notes",
                control=rx.text_area(
                    id=notes_id,
                    name="notes",
                    default_value=item["notes"].to(str),
                    max_length=saved.NOTES_MAX,
                    rows="4",
                    width="100%",
                    aria_describedby=f"{notes_id}-error",
                ),
                error=SavedJobsState.notes_error,
            ),
            form_field(
                "Tags",
                "tags",
                help_text=f"Separate tags with commas; up to {saved.TAGS_MAX}.",
                default_value=item["tags_text"].to(str),
                error=SavedJobsState.tags_error,
                auto_complete="off",
            ),
            form_field(
                "Remind me on",
                "reminder_date",
                input_type="date",
                default_value=item["reminder_date"].to(str),
                min=SavedJobsState.today,
                error=SavedJobsState.reminder_error,
            ),
            rx.flex(
                rx.button(
                    "Cancel",
                    type="button",
                    variant="soft",
                    color_scheme="gray",
                    on_click=SavedJobsState.cancel_edit,
                ),
                submit_button("Save notes", loading=SavedJobsState.busy),
                spacing=SPACE_TIGHT,
                justify="end",
            ),
            direction="column",
            spacing="3",
        ),
        on_submit=SavedJobsState.save_edit,
        reset_on_submit=False,
        aria_label="Notes, tags and reminder",
        width="100%",
    )


def _summary(item: rx.Var) -> rx.Component:
    notes = item["notes"].to(str)
    reminder = item["reminder_date"].to(str)
    return rx.flex(
        rx.cond(notes != "", rx.text(notes, size="2", white_space="pre-wrap", data_testid="saved-notes")),
        _tag_badges(item),
        rx.flex(
            rx.text(item["saved_at"].to(str), size="1", color=TEXT_MUTED),
            rx.cond(
                reminder != "",
                rx.text(rx.icon("bell", size=12, aria_hidden="true"), " Reminder on ", reminder, size="1"),
            ),
            spacing="3",
            wrap="wrap",
        ),
        rx.flex(
            rx.button(
                rx.icon("pencil", size=14, aria_hidden="true"),
                "Edit notes",
                variant="soft",
                size="1",
                on_click=SavedJobsState.start_edit(item["id"]),
            ),
            rx.button(
                rx.icon("bookmark-x", size=14, aria_hidden="true"),
                "Remove",
                variant="soft",
                color_scheme="red",
                size="1",
                on_click=SavedJobsState.unsave(item["job_id"]),
                aria_label="Remove " + _job(item)["title"].to(str) + " from saved jobs",
            ),
            spacing=SPACE_TIGHT,
        ),
        direction="column",
        spacing=SPACE_TIGHT,
    )


def _details(item: rx.Var) -> rx.Component:
    return rx.cond(SavedJobsState.editing_id == item["id"].to(str), _edit_form(item), _summary(item))


def _closed_row(item: rx.Var) -> rx.Component:
    """A job whose posting closed: its title and company, not a link, and the seeker's notes."""
    return rx.card(
        rx.flex(
            rx.flex(
                rx.heading(_job(item)["title"].to(str), as_="h3", size="4", color=TEXT_MUTED),
                rx.badge(item["status_label"].to(str), color_scheme="gray", data_testid="no-longer-open"),
                spacing=SPACE_TIGHT,
                align="center",
                wrap="wrap",
            ),
            rx.text(_job(item)["company_name"].to(str), size="2", color=TEXT_MUTED),
            _details(item),
            direction="column",
            spacing=SPACE_TIGHT,
        ),
        width="100%",
    )


def saved_item(item: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.cond(item["is_open"].to(bool), job_card(_job(item), extra=_details(item)), _closed_row(item)),
        list_style="none",
        data_testid="saved-job",
    )


def _empty() -> rx.Component:
    return rx.cond(
        SavedJobsState.filtered,
        empty_state(
            "No saved jobs match these filters",
            "Try another tag, or show every saved job.",
            icon="filter-x",
            action=rx.button("Show all saved jobs", variant="soft", on_click=SavedJobsState.clear_filters),
        ),
        empty_state(
            "No saved jobs yet",
            "Save jobs from the search results or a job's page to keep them here with your notes.",
            icon="bookmark",
            action=button_link("Search jobs", nav.JOBS, icon="search"),
        ),
    )


def saved_list() -> rx.Component:
    return rx.cond(
        SavedJobsState.loading & (SavedJobsState.items.length() == 0),
        card_skeletons(4, label="Loading your saved jobs"),
        rx.cond(
            SavedJobsState.items.length() > 0,
            rx.flex(
                rx.el.ul(
                    rx.foreach(SavedJobsState.items, saved_item),
                    aria_labelledby=LIST_HEADING_ID,
                    display="grid",
                    grid_template_columns="minmax(0, 1fr)",
                    gap="1rem",
                    padding="0",
                    margin="0",
                ),
                rx.cond(
                    SavedJobsState.page_count > 1,
                    pagination(
                        SavedJobsState.page,
                        SavedJobsState.page_count,
                        on_previous=SavedJobsState.previous_page,
                        on_next=SavedJobsState.next_page,
                        label="Saved jobs pages",
                    ),
                ),
                direction="column",
                spacing=SPACE_DEFAULT,
            ),
            _empty(),
        ),
    )


def saved_jobs_page() -> rx.Component:
    return page_layout(
        rx.flex(
            rx.heading("Saved jobs", as_="h1", size="7"),
            toolbar(),
            rx.text(
                SavedJobsState.total.to(str),
                rx.cond(SavedJobsState.total == 1, " saved job", " saved jobs"),
                id=LIST_HEADING_ID,
                color=TEXT_MUTED,
                aria_live="polite",
            ),
            saved_list(),
            direction="column",
            spacing=SPACE_DEFAULT,
        ),
        width="48rem",
    )


PAGES: tuple[PageSpec, ...] = (
    guarded_page(
        nav.SAVED_JOBS,
        saved_jobs_page,
        "Saved jobs",
        only_for(UserType.JOB_SEEKER),
        on_load=SavedJobsState.load,
        description="Jobs you saved, with your notes, tags and reminders.",
    ),
)
