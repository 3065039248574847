"""How well one open job fits one seeker: a score, and the sentences that explain it.

Pure functions over plain values (no database), so every weight sits next to the sentence a
seeker reads and the ranking can be tested exactly. The weights, in points:

* skills: up to ``REQUIRED_COVERAGE`` for holding all of the job's required skills, plus
  ``PER_REQUIRED`` per required and ``PER_PREFERRED`` per preferred skill the seeker has, each
  scaled by proficiency (a beginner's skill counts half), so required outweighs preferred;
* remote arrangement: ``REMOTE_POINTS`` by preference and the job's policy (an on-site job
  costs a remote-only seeker points; a "flexible" seeker has no preference to meet);
* pay: only a stated yearly figure in the seeker's currency is compared. A job that hides or
  omits its pay gets no points and no claim, never the benefit of the doubt;
* place: kilometres between the seeker's city and the job (remote-only jobs are anywhere),
  or the same city by name when coordinates are unknown;
* the seeker's current role in the job's title, and freshness (halving every two weeks).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from jobhub.jobs.geo import distance_km
from jobhub.jobs.models import RemotePolicy
from jobhub.jobs.service import salary_label

REQUIRED_COVERAGE: Final = 30.0
PER_REQUIRED: Final = 5.0
PER_PREFERRED: Final = 2.0
PROFICIENCY_WEIGHT: Final[dict[str, float]] = {
    "beginner": 0.5,
    "intermediate": 0.8,
    "advanced": 1.0,
    "expert": 1.0,
}
UNSTATED_PROFICIENCY: Final = 0.8
REMOTE_POINTS: Final[dict[str, dict[str, float]]] = {
    RemotePolicy.REMOTE_ONLY: {"remote_only": 15, "flexible": 8, "hybrid": 3, "onsite": -15},
    RemotePolicy.HYBRID: {"hybrid": 15, "flexible": 10, "remote_only": 5, "onsite": 0},
    RemotePolicy.ONSITE: {"onsite": 10, "hybrid": 5, "flexible": 5, "remote_only": 0},
}
REMOTE_REASONS: Final[dict[str, str]] = {
    RemotePolicy.REMOTE_ONLY: "Remote, as you prefer",
    RemotePolicy.HYBRID: "Hybrid, as you prefer",
    RemotePolicy.ONSITE: "On site, as you prefer",
}
PAY_MEETS: Final = 15.0
PAY_REACHES: Final = 8.0
PAY_BELOW: Final = -10.0
NEAR_KM: Final = 30.0
REACHABLE_KM: Final = 100.0
NEAR_POINTS: Final = 12.0
REACHABLE_POINTS: Final = 6.0
ROLE_POINTS: Final = 8.0
FRESH_POINTS: Final = 10.0
FRESH_HALF_LIFE_DAYS: Final = 14.0
NAMES_IN_REASON: Final = 3
MAX_REASONS: Final = 3
REASON_SEPARATOR: Final = " · "


@dataclass(frozen=True)
class SeekerFit:
    """What the scoring needs to know about the seeker; ``skills`` maps id to (name, proficiency)."""

    skills: Mapping[uuid.UUID, tuple[str, str | None]]
    remote_preference: str | None
    desired_minimum: int | None
    desired_currency: str
    city: str
    latitude: float | None
    longitude: float | None
    titles: Sequence[str]


@dataclass(frozen=True)
class Candidate:
    """The columns of an open job that scoring reads; pay is yearly and ``None`` when hidden."""

    id: uuid.UUID
    title: str
    location: str
    remote_policy: str
    pay_low: int | None
    pay_high: int | None
    currency: str
    required_skills: tuple[uuid.UUID, ...]
    preferred_skills: tuple[uuid.UUID, ...]
    latitude: float | None
    longitude: float | None
    published_at: datetime


@dataclass(frozen=True)
class Fit:
    score: float
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return REASON_SEPARATOR.join(self.reasons)


Part = tuple[float, str]
"""Points and the sentence that explains them ("" when they need no explaining)."""


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_IN_REASON])
    rest = len(names) - NAMES_IN_REASON
    return f"{shown} and {rest} more" if rest > 0 else shown


def _skills(job: Candidate, seeker: SeekerFit) -> Part:
    def weight(skill: uuid.UUID) -> float:
        return PROFICIENCY_WEIGHT.get(seeker.skills[skill][1] or "", UNSTATED_PROFICIENCY)

    required = [s for s in dict.fromkeys(job.required_skills) if s in seeker.skills]
    preferred = [s for s in dict.fromkeys(job.preferred_skills) if s in seeker.skills and s not in required]
    points = PER_REQUIRED * sum(map(weight, required)) + PER_PREFERRED * sum(map(weight, preferred))
    if job.required_skills:
        points += REQUIRED_COVERAGE * sum(map(weight, required)) / len(set(job.required_skills))
    matched = [seeker.skills[s][0] for s in (*required, *preferred)]
    if not matched:
        return 0.0, ""
    if len(matched) == 1:
        return points, f"Matches your skill {matched[0]}"
    return points, f"Matches {len(matched)} of your skills: {_names(matched)}"


def _remote(job: Candidate, seeker: SeekerFit) -> Part:
    table = REMOTE_POINTS.get(seeker.remote_preference or "")
    if table is None:
        return 0.0, ""
    points = table.get(job.remote_policy, 0.0)
    same = job.remote_policy == seeker.remote_preference
    return points, REMOTE_REASONS[seeker.remote_preference or ""] if same else ""


def _pay(job: Candidate, seeker: SeekerFit) -> Part:
    """Compared only when the job states a yearly figure in the seeker's currency."""
    wanted = seeker.desired_minimum
    if wanted is None or job.currency.upper() != seeker.desired_currency.upper():
        return 0.0, ""
    low = job.pay_low if job.pay_low is not None else job.pay_high
    high = job.pay_high if job.pay_high is not None else job.pay_low
    if low is None or high is None:
        return 0.0, ""
    amount = salary_label(wanted, wanted, seeker.desired_currency, "yearly")
    if low >= wanted:
        return PAY_MEETS, f"Pays at least your desired {amount}"
    if high >= wanted:
        return PAY_REACHES, f"Pay range reaches your desired {amount}"
    return PAY_BELOW, ""


def _city_name(place: str) -> str:
    return place.split(",")[0].strip().casefold()


def _place(job: Candidate, seeker: SeekerFit) -> Part:
    if job.remote_policy == RemotePolicy.REMOTE_ONLY or not seeker.city:
        return 0.0, ""
    city = seeker.city.split(",")[0].strip()
    known = (seeker.latitude, seeker.longitude, job.latitude, job.longitude)
    if all(value is not None for value in known):
        km = distance_km(*known)  # type: ignore[arg-type]
        if km <= NEAR_KM:
            return NEAR_POINTS, f"Near you: {km:.0f} km from {city}"
        if km <= REACHABLE_KM:
            return REACHABLE_POINTS, f"{km:.0f} km from {city}"
        return 0.0, ""
    if job.location and _city_name(job.location) == _city_name(seeker.city):
        return NEAR_POINTS, f"In {city}, where you are"
    return 0.0, ""


def _role(job: Candidate, seeker: SeekerFit) -> Part:
    title = job.title.casefold()
    for role in seeker.titles:
        if role and role.casefold() in title:
            return ROLE_POINTS, f"Fits your current role, {role}"
    return 0.0, ""


def _freshness(job: Candidate, now: datetime) -> Part:
    age_days = max((now - job.published_at).total_seconds() / 86400, 0.0)
    return FRESH_POINTS * 0.5 ** (age_days / FRESH_HALF_LIFE_DAYS), ""


def fit(job: Candidate, seeker: SeekerFit, now: datetime) -> Fit:
    """The score and up to ``MAX_REASONS`` reasons: the skill sentence first, then the weightiest."""
    skills = _skills(job, seeker)
    others = [_remote(job, seeker), _pay(job, seeker), _place(job, seeker), _role(job, seeker)]
    score = skills[0] + sum(points for points, _ in others) + _freshness(job, now)[0]
    ranked = sorted((part for part in others if part[1] and part[0] > 0), key=lambda part: -part[0])
    reasons = tuple(text for _, text in (skills, *ranked) if text)[:MAX_REASONS]
    return Fit(score=round(score, 3), reasons=reasons)
