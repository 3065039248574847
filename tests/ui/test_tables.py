"""Tables name their columns and rows for screen readers; pagination disables at the ends."""

from __future__ import annotations

import reflex as rx

from jobhub.ui.tables import Column, data_table, pagination


def test_a_table_has_a_caption_column_headers_and_row_headers() -> None:
    rows = rx.Var.create([{"title": "Welder", "status": "published"}])

    rendered = str(
        data_table(
            [
                Column("Title", "title"),
                Column("Status", "status", render=lambda row: rx.badge(row["status"])),
            ],
            rows,
            caption="Your jobs",
            empty_title="No jobs yet",
        )
    )

    assert '"caption"' in rendered and "Your jobs" in rendered
    assert rendered.count('scope:"col"') == 2
    assert "RadixThemesTable.RowHeaderCell" in rendered
    assert "No jobs yet" in rendered


def test_pagination_is_a_labelled_navigation_with_edge_guards() -> None:
    rendered = str(pagination(rx.Var.create(1), rx.Var.create(3), on_previous=rx.noop(), on_next=rx.noop()))

    assert '"aria-label":"Pagination"' in rendered
    assert "disabled:(1 <= 1)" in rendered
    assert "disabled:(1 >= 3)" in rendered
