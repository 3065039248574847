"""Every search parameter survives the trip through a URL, and bad input is dropped, not obeyed."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from jobhub.jobs import geo
from jobhub.jobs.search_params import SearchParams

FULL = SearchParams(
    q='"data engineer" -junior',
    location="Austin, TX",
    radius=50,
    unit="mi",
    remote=("remote_only", "hybrid"),
    types=("full_time", "contract"),
    levels=("senior",),
    categories=("technology",),
    companies=("acme-labs",),
    salary_min=120_000,
    posted=7,
    skills=("python", "c++"),
    sort="salary",
    page=3,
)


def _round_trip(params: SearchParams) -> SearchParams:
    return SearchParams.from_query(dict(parse_qsl(urlsplit(params.to_url()).query)))


def test_every_parameter_round_trips_through_the_url() -> None:
    assert _round_trip(FULL) == FULL
    for name, value in vars(FULL).items():
        assert _round_trip(SearchParams(**{name: value}) if name != "unit" else FULL) == (
            SearchParams(**{name: value}) if name != "unit" else FULL
        )


def test_the_default_search_is_the_bare_path_and_unit_needs_a_radius() -> None:
    assert SearchParams().to_url() == "/jobs"
    assert SearchParams(unit="mi").to_url() == "/jobs"
    assert SearchParams().is_blank and SearchParams(page=4).is_blank
    assert not SearchParams(q="x").is_blank


def test_unreadable_values_are_dropped() -> None:
    params = SearchParams.from_query(
        {
            "radius": "-5",
            "unit": "parsecs",
            "remote": "moon,hybrid",
            "type": "slavery",
            "posted": "2",
            "salary_min": "lots",
            "sort": "random()",
            "page": "0",
            "skills": "python,<script>",
            "company": "acme';drop table jobs;--",
            "q": "x" * 500,
        }
    )
    assert params.radius is None and params.unit == "km"
    assert params.remote == ("hybrid",) and params.types == ()
    assert params.posted is None and params.salary_min is None
    assert params.sort == "relevance" and params.page == 1
    assert params.skills == ("python",) and params.companies == ()
    assert len(params.q) == 200


def test_changing_what_matches_goes_back_to_the_first_page() -> None:
    assert FULL.with_changes(levels=()).page == 1
    assert FULL.with_changes(page=5).page == 5


def test_describe_names_the_search_for_alerts() -> None:
    assert SearchParams().describe() == "All jobs"
    assert SearchParams(q="nurse", location="Leeds", radius=25, posted=1).describe() == (
        "nurse · Leeds +25 km · last 24 hours"
    )


def test_places_resolve_to_the_most_populous_city_unless_qualified() -> None:
    paris = geo.find_city("Paris")
    assert paris is not None and paris.country_code == "FR"
    texas = geo.find_city("Paris, TX")
    assert texas is not None and texas.country_code == "US" and texas.region_code == "TX"
    assert geo.find_city("zurich, switzerland") is not None
    assert geo.find_city("Nowhere-on-Sea") is None
    box = geo.bounding_box(52.5, 13.4, 100)
    assert box.min_latitude < 52.5 - 0.89 and box.max_longitude > 13.4 + 1.4
