"""The fixed query mix: what people type and click on a job board, as ``SearchParams``.

Four kinds in equal shares, round robin, so any prefix of the mix is stratified by kind:
keywords alone (common and rare terms, two terms, quoted phrases, ``-exclusions``),
keywords with one to three filters, filters alone, and a radius around a real city (with
and without remote jobs). Every query asks for the first page with its facets.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, replace
from typing import Any

from jobhub.jobs.search_params import POSTED_WITHIN_DAYS, RADIUS_CHOICES, SearchParams
from tests.bench.bench_search_corpus import SEED, Catalog, cities, company_count, company_slug, rare_words

KEYWORDS = "keywords"
KEYWORDS_FILTERS = "keywords + filters"
FILTERS = "filters"
RADIUS = "radius"
KINDS = (KEYWORDS, KEYWORDS_FILTERS, FILTERS, RADIUS)

COMMON = [
    "engineer", "manager", "senior", "developer", "data", "python", "sales", "design", "analyst", "team",
]  # fmt: skip
TWO_TERMS = [
    "python developer", "react typescript", "clinical nurse", "data analyst sql", "backend engineer",
    "product manager", "security engineer", "marketing strategist", "kubernetes docker", "sales director",
]  # fmt: skip
PHRASES = [
    '"machine learning"', '"product manager"', '"data engineer"', '"customer support"',
    '"senior backend engineer"', '"patient care"', '"financial modeling"', '"amazon web services"',
]  # fmt: skip
EXCLUSIONS = [
    "engineer -senior", "manager -sales", "python -django", "developer -junior", "analyst -data",
    "designer -game", "nurse -clinical", '"machine learning" -research',
]  # fmt: skip
FIXED_CHOICES: dict[str, tuple[str, list[Any]]] = {
    "remote": ("remote", [("remote_only",), ("remote_only", "hybrid")]),
    "type": ("types", [("full_time",), ("contract", "freelance"), ("part_time",)]),
    "level": ("levels", [("senior",), ("mid", "senior"), ("entry", "junior")]),
    "salary": ("salary_min", [40_000, 60_000, 90_000, 120_000, 150_000]),
    "posted": ("posted", list(POSTED_WITHIN_DAYS)),
}
"""Filter name -> (SearchParams field, the values people pick)."""


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    variant: str  # what the words are (common, rare, phrase, ...) or which filters are set
    params: SearchParams

    @property
    def group(self) -> str:
        """A row of the per-variant table: the words, the radius form, or how many filters are set."""
        if self.kind in (KEYWORDS_FILTERS, FILTERS):
            count = self.variant.count("+") + 1
            return f"{count} filter{'s' if count > 1 else ''}"
        return self.variant


class MixBuilder:
    """Draws queries from the same catalog, cities and companies as the loaded jobs."""

    def __init__(self, catalog: Catalog, jobs: int, seed: int = SEED + 3) -> None:
        self.rng = random.Random(seed)
        self.rare = rare_words()[-2000:]
        skills = [name.lower() for _, name in catalog.skills[:25]]
        self.choices = {
            **FIXED_CHOICES,
            "category": ("categories", [(slug,) for _, slug in catalog.categories[:30]]),
            "company": ("companies", [(company_slug(i),) for i in range(min(company_count(jobs), 200))]),
            "skills": ("skills", [(s,) for s in skills] + [(a, b) for a, b in itertools.pairwise(skills)]),
        }
        self.cities = [c.name for c in cities()[:120]]

    def words(self) -> tuple[str, str]:
        variant = self.rng.choice(["common", "rare", "two terms", "phrase", "exclusion"])
        pool = {"common": COMMON, "rare": self.rare, "two terms": TWO_TERMS, "phrase": PHRASES}
        return variant, self.rng.choice(pool.get(variant, EXCLUSIONS))

    def some_filters(self, low: int, high: int) -> tuple[str, dict[str, Any]]:
        names = sorted(self.rng.sample(sorted(self.choices), self.rng.randint(low, high)))
        chosen = {self.choices[name][0]: self.rng.choice(self.choices[name][1]) for name in names}
        return "+".join(names), chosen

    def sort(self) -> str:
        return self.rng.choices(["relevance", "date", "salary"], weights=[75, 15, 10])[0]

    def query(self, kind: str) -> BenchQuery:
        if kind == KEYWORDS:
            variant, q = self.words()
            return BenchQuery(kind, variant, SearchParams(q=q))
        if kind == KEYWORDS_FILTERS:
            _, q = self.words()
            variant, chosen = self.some_filters(1, 3)
            return BenchQuery(kind, variant, SearchParams(q=q, sort=self.sort(), **chosen))
        if kind == FILTERS:
            variant, chosen = self.some_filters(1, 3)
            return BenchQuery(kind, variant, SearchParams(sort=self.sort(), **chosen))
        radius = self.rng.choice(RADIUS_CHOICES)
        params = SearchParams(
            location=self.rng.choice(self.cities), radius=radius, unit=self.rng.choice(["km", "km", "mi"])
        )
        variant = "city"
        if self.rng.random() < 0.5:
            params, variant = replace(params, remote=("remote_only",)), "city or remote"
        if self.rng.random() < 0.35:
            params, variant = replace(params, q=self.words()[1]), f"{variant} + keywords"
        return BenchQuery(kind, variant, params)


def query_mix(catalog: Catalog, jobs: int, count: int, seed: int = SEED + 3) -> list[BenchQuery]:
    """``count`` queries, the kinds in turn: any prefix is a stratified sample of the mix. Another
    ``seed`` draws other queries of the same kinds (the warm-up)."""
    builder = MixBuilder(catalog, jobs, seed)
    return [builder.query(KINDS[i % len(KINDS)]) for i in range(count)]
