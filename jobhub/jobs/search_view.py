"""What the search page shows, as plain view data built from a ``SearchParams`` and a result.

Every control on the page is a link to another search: a facet value, an active-filter
chip, a page number, the "did you mean" suggestion. So each carries the URL it leads to,
built here with ``SearchParams.to_url``, and the page only renders it; the back button,
middle-click and shared links then work with no extra code. No Reflex import: the pure
parts are tested as plain functions, ``load_search_page`` against PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from sqlmodel import Session

from jobhub.auth.principal import Principal
from jobhub.jobs import search
from jobhub.jobs.search_analytics import record_search
from jobhub.jobs.search_params import SearchParams, SortOrder
from jobhub.profiles import service as profiles

FACET_TITLES: dict[str, str] = {
    "type": "Job type",
    "level": "Experience",
    "remote": "Remote",
    "category": "Category",
    "posted": "Date posted",
    "salary": "Salary",
    "company": "Company",
}
"""The facets in the order the sidebar shows them, with their headings."""

MULTI_FIELDS: dict[str, str] = {
    "type": "types",
    "level": "levels",
    "remote": "remote",
    "category": "categories",
    "company": "companies",
}
"""Facets where several values combine (any of them matches)."""

SINGLE_FIELDS: dict[str, str] = {"posted": "posted", "salary": "salary_min"}
"""Facets with one value at a time: choosing another replaces it."""

SORT_LABELS: dict[str, str] = {
    SortOrder.RELEVANCE: "Most relevant",
    SortOrder.DATE: "Newest",
    SortOrder.SALARY: "Highest pay",
}
PAGE_WINDOW = 2
PAGE_SIZE = 20


class FacetValueLike(Protocol):
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count_label: str
    selected: bool
    href: str


@dataclass(frozen=True)
class FacetGroup:
    key: str
    title: str
    options: list[FacetOption] = field(default_factory=list)


@dataclass(frozen=True)
class FilterChip:
    """One active filter; ``href`` is the same search without it."""

    label: str
    href: str


@dataclass(frozen=True)
class PageLink:
    label: str
    href: str
    current: bool


def count_label(count: int, *, estimate: bool) -> str:
    """``1,234``, or ``~1,234`` when the total behind it is an estimate."""
    return f"~{count:,}" if estimate else f"{count:,}"


def _int_value(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def toggled(params: SearchParams, facet: str, value: str) -> SearchParams:
    """The search with ``value`` of ``facet`` switched on or off (always back to page 1)."""
    if facet in MULTI_FIELDS:
        name = MULTI_FIELDS[facet]
        current: tuple[str, ...] = getattr(params, name)
        values = tuple(v for v in current if v != value) if value in current else (*current, value)
        return params.with_changes(**{name: values})
    if facet in SINGLE_FIELDS:
        name = SINGLE_FIELDS[facet]
        number = _int_value(value)
        return params.with_changes(**{name: None if getattr(params, name) == number else number})
    return params


def facet_groups(
    params: SearchParams, facets: Mapping[str, Sequence[FacetValueLike]], *, estimate: bool
) -> list[FacetGroup]:
    """The sidebar: each facet that has values, each value with its count and its toggle link.

    A value no job has is left out unless it is selected (it must stay visible to be unticked).
    """
    groups: list[FacetGroup] = []
    for key, title in FACET_TITLES.items():
        options = [
            FacetOption(
                value=v.value,
                label=v.label,
                count_label=count_label(v.count, estimate=estimate),
                selected=v.selected,
                href=toggled(params, key, v.value).to_url(),
            )
            for v in facets.get(key, ())
            if v.count > 0 or v.selected
        ]
        if options:
            groups.append(FacetGroup(key=key, title=title, options=options))
    return groups


def _labels(facets: Mapping[str, Sequence[FacetValueLike]], key: str) -> dict[str, str]:
    return {v.value: v.label for v in facets.get(key, ())}


def _humane(value: str) -> str:
    return value.replace("_", " ").replace("-", " ").capitalize()


def active_filters(params: SearchParams, facets: Mapping[str, Sequence[FacetValueLike]]) -> list[FilterChip]:
    """A chip per active filter, named as the facets name it, each linking to the search without it."""
    chips: list[FilterChip] = []
    if params.location:
        where = f"{params.location} +{params.radius} {params.unit}" if params.radius else params.location
        chips.append(FilterChip(where, params.with_changes(location="", radius=None).to_url()))
    for key, name in MULTI_FIELDS.items():
        labels = _labels(facets, key)
        for value in getattr(params, name):
            chips.append(FilterChip(labels.get(value, _humane(value)), toggled(params, key, value).to_url()))
    if params.salary_min:
        label = _labels(facets, "salary").get(str(params.salary_min), f"From {params.salary_min:,} a year")
        chips.append(FilterChip(label, params.with_changes(salary_min=None).to_url()))
    if params.posted:
        label = _labels(facets, "posted").get(str(params.posted), f"Last {params.posted} days")
        chips.append(FilterChip(label, params.with_changes(posted=None).to_url()))
    for skill in params.skills:
        remaining = tuple(s for s in params.skills if s != skill)
        chips.append(FilterChip(f"Skill: {skill}", params.with_changes(skills=remaining).to_url()))
    return chips


def cleared(params: SearchParams) -> SearchParams:
    """The same words and order with every filter removed."""
    return SearchParams(q=params.q, sort=params.sort)


def page_links(params: SearchParams, pages: int) -> list[PageLink]:
    """First, last and a window around the current page; "…" marks a gap and has no link."""
    current = min(params.page, max(pages, 1))
    around = range(current - PAGE_WINDOW, current + PAGE_WINDOW + 1)
    shown = sorted({1, pages, *around} & set(range(1, pages + 1)))
    links: list[PageLink] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            links.append(PageLink("…", "", False))
        links.append(PageLink(str(number), params.with_changes(page=number).to_url(), number == current))
        previous = number
    return links


def neighbour_href(params: SearchParams, pages: int, step: int) -> str:
    """The previous (``step=-1``) or next page's URL, or ``""`` at either end."""
    target = params.page + step
    return params.with_changes(page=target).to_url() if 1 <= target <= pages else ""


def suggestion_href(params: SearchParams, suggestion: str) -> str:
    return params.with_changes(q=suggestion).to_url() if suggestion else ""


@dataclass(frozen=True)
class SearchPage:
    """Everything the page renders for one URL; ``first_position`` numbers the hits across pages."""

    hits: list[dict[str, Any]]
    total_text: str
    groups: list[FacetGroup]
    chips: list[FilterChip]
    clear_href: str
    pages: list[PageLink]
    prev_href: str
    next_href: str
    suggestion: str
    suggestion_href: str
    notices: list[str]
    first_position: int
    seeker_skills: list[str]


def build_page(
    params: SearchParams, result: search.SearchResult, *, seeker_skills: Sequence[str] = ()
) -> SearchPage:
    """The view of ``result`` for ``params``: links for every control, counts as shown."""
    current = params.with_changes(page=result.page)
    estimate = result.facets_are_estimates or result.total_is_estimate
    return SearchPage(
        hits=[asdict(hit) for hit in result.hits],
        total_text=result.total_label,
        groups=facet_groups(current, result.facets, estimate=estimate),
        chips=active_filters(current, result.facets),
        clear_href=cleared(current).to_url(),
        pages=page_links(current, result.pages) if result.pages > 1 else [],
        prev_href=neighbour_href(current, result.pages, -1),
        next_href=neighbour_href(current, result.pages, 1),
        suggestion=result.suggestion,
        suggestion_href=suggestion_href(current, result.suggestion),
        notices=list(result.notices),
        first_position=(result.page - 1) * PAGE_SIZE + 1,
        seeker_skills=sorted({name.lower() for name in seeker_skills}),
    )


def seeker_skill_names(db: Session, principal: Principal | None) -> list[str]:
    """The signed-in seeker's skills, to highlight on the cards; nobody else has any to show."""
    if principal is None or not principal.is_job_seeker:
        return []
    return list(profiles.skill_names(db, profiles.user_skill_ids(db, principal.user_id)).values())


def load_search_page(
    db: Session, principal: Principal | None, params: SearchParams, *, session_id: str
) -> SearchPage:
    """Run the search, record it for analytics in the same transaction, and build the page."""
    result = search.search(db, params, page_size=PAGE_SIZE)
    record_search(
        db,
        principal,
        params,
        results_count=result.total,
        duration_ms=result.elapsed_ms,
        session_id=session_id,
    )
    return build_page(params, result, seeker_skills=seeker_skill_names(db, principal))
