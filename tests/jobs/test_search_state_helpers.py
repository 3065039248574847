"""The search page's view data: every control's link, counts as shown, pages, chips."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from jobhub.jobs.search import FacetValue, SearchResult
from jobhub.jobs.search_params import SearchParams
from jobhub.jobs.search_view import (
    active_filters,
    build_page,
    cleared,
    count_label,
    facet_groups,
    neighbour_href,
    page_links,
    toggled,
)

BASE = SearchParams(q="python", types=("full_time",), page=3)


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def result(**changes: object) -> SearchResult:
    values: dict[str, object] = {
        "hits": [],
        "total": 0,
        "total_is_estimate": False,
        "total_label": "0 jobs",
        "facets": {},
        "facets_are_estimates": False,
        "page": 1,
        "pages": 1,
        "suggestion": "",
        "elapsed_ms": 1.0,
        "notices": [],
    }
    return SearchResult(**(values | changes))  # type: ignore[arg-type]


def test_ticking_a_value_adds_it_and_goes_back_to_page_one() -> None:
    params = toggled(BASE, "type", "part_time")
    assert params.types == ("full_time", "part_time")
    assert params.page == 1


def test_unticking_a_value_removes_only_that_value() -> None:
    assert toggled(BASE, "type", "full_time").types == ()


def test_a_single_choice_facet_replaces_its_value_and_unticks_on_the_same_one() -> None:
    week = toggled(BASE, "posted", "7")
    assert week.posted == 7
    assert toggled(week, "posted", "3").posted == 3
    assert toggled(week, "posted", "7").posted is None
    assert toggled(BASE, "salary", "50000").salary_min == 50_000


def test_estimated_counts_carry_a_tilde() -> None:
    assert count_label(1200, estimate=True) == "~1,200"
    assert count_label(1200, estimate=False) == "1,200"


def test_facet_groups_link_each_value_to_the_search_with_it_toggled() -> None:
    facets = {
        "type": [
            FacetValue("full_time", "Full-time", 12, True),
            FacetValue("contract", "Contract", 3, False),
        ],
        "level": [FacetValue("senior", "Senior", 0, False)],
    }
    groups = facet_groups(BASE, facets, estimate=False)

    assert [g.key for g in groups] == ["type"]
    full_time, contract = groups[0].options
    assert (full_time.label, full_time.count_label, full_time.selected) == ("Full-time", "12", True)
    assert "type" not in query_of(full_time.href)
    assert query_of(contract.href)["type"] == "full_time,contract"
    assert "page" not in query_of(contract.href)


def test_chips_use_the_facet_labels_and_each_removes_only_itself() -> None:
    params = SearchParams(
        q="go",
        location="Berlin",
        radius=50,
        types=("full_time",),
        posted=7,
        skills=("rust",),
        salary_min=50_000,
    )
    facets = {
        "type": [FacetValue("full_time", "Full-time", 4, True)],
        "posted": [FacetValue("7", "Last 7 days", 4, True)],
    }

    chips = {chip.label: query_of(chip.href) for chip in active_filters(params, facets)}

    assert set(chips) == {"Berlin +50 km", "Full-time", "Last 7 days", "Skill: rust", "From 50,000 a year"}
    assert "location" not in chips["Berlin +50 km"] and "radius" not in chips["Berlin +50 km"]
    assert "type" not in chips["Full-time"] and chips["Full-time"]["posted"] == "7"
    assert all(query["q"] == "go" for query in chips.values())


def test_clear_all_keeps_the_words_and_the_order() -> None:
    params = SearchParams(q="go", sort="date", types=("contract",), posted=3)
    assert cleared(params) == SearchParams(q="go", sort="date")


def test_pages_show_first_last_and_a_window_with_gaps() -> None:
    links = page_links(SearchParams(page=10), 20)
    assert [link.label for link in links] == ["1", "…", "8", "9", "10", "11", "12", "…", "20"]
    assert [link.label for link in links if link.current] == ["10"]
    assert query_of(links[3].href)["page"] == "9"
    assert query_of(links[0].href) == {}


def test_previous_and_next_are_empty_at_either_end() -> None:
    assert neighbour_href(SearchParams(page=1), 3, -1) == ""
    assert neighbour_href(SearchParams(page=3), 3, 1) == ""
    assert query_of(neighbour_href(SearchParams(page=2), 3, 1))["page"] == "3"


def test_the_page_links_the_did_you_mean_and_numbers_positions_across_pages() -> None:
    page = build_page(
        SearchParams(q="pyhton", page=2),
        result(total=30, total_label="30 jobs", page=2, pages=2, suggestion="python"),
        seeker_skills=["Python", "SQL"],
    )
    assert query_of(page.suggestion_href) == {"q": "python"}
    assert page.first_position == 21
    assert page.total_text == "30 jobs"
    assert page.seeker_skills == ["python", "sql"]
    assert page.prev_href and not page.next_href


def test_estimated_facets_show_approximate_counts_on_the_page() -> None:
    facets = {"remote": [FacetValue("remote_only", "Remote", 1200, False)]}
    page = build_page(
        SearchParams(), result(facets=facets, facets_are_estimates=True, total_label="10,000+ jobs")
    )
    assert page.groups[0].options[0].count_label == "~1,200"
    assert page.total_text == "10,000+ jobs"
