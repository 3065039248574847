"""The rules of an application's life: who may move it from which stage to which.

One table per side. A team member (role checked by ``team_access``) moves candidates along
:data:`TEAM_MOVES`; the seeker only withdraws an open application or answers an offer
(:data:`SEEKER_MOVES`). Reaching ``offered`` takes an offer (salary, start date, expiry), so
it is not a plain move, and accepting the offer is the seeker's own step to ``hired``.
Anything not in the tables is refused with a ``Conflict`` that says why, so the board and the
tracker can show it as it is. ``hired`` and ``withdrawn`` are final; a rejected candidate can
be reconsidered (back to screening), as every ATS allows.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from jobhub.jobs.models import ApplicationStatus as S
from jobhub.platform.errors import Conflict

OPEN: Final = frozenset({S.APPLIED, S.SCREENING, S.INTERVIEWING, S.OFFERED})
"""Stages in which the application is still going somewhere."""
FINAL: Final = frozenset({S.HIRED, S.WITHDRAWN})
STAGES: Final = (S.APPLIED, S.SCREENING, S.INTERVIEWING, S.OFFERED, S.HIRED, S.REJECTED, S.WITHDRAWN)
"""The board's columns, left to right."""

TEAM_MOVES: Final[dict[S, frozenset[S]]] = {
    S.APPLIED: frozenset({S.SCREENING, S.INTERVIEWING, S.REJECTED}),
    S.SCREENING: frozenset({S.APPLIED, S.INTERVIEWING, S.REJECTED}),
    S.INTERVIEWING: frozenset({S.SCREENING, S.REJECTED}),
    S.OFFERED: frozenset({S.INTERVIEWING, S.HIRED, S.REJECTED}),
    S.HIRED: frozenset(),
    S.REJECTED: frozenset({S.SCREENING}),
    S.WITHDRAWN: frozenset(),
}
"""A plain move by the team. ``offered -> interviewing`` withdraws the offer; ``offered -> hired``
records an acceptance given outside JobHub."""
OFFER_FROM: Final = frozenset({S.SCREENING, S.INTERVIEWING})
"""Where an offer can be made from (it moves the application to ``offered``)."""


class SeekerAction(StrEnum):
    WITHDRAW = "withdraw"
    ACCEPT_OFFER = "accept_offer"
    DECLINE_OFFER = "decline_offer"


SEEKER_MOVES: Final[dict[tuple[S, SeekerAction], S]] = {
    **{(stage, SeekerAction.WITHDRAW): S.WITHDRAWN for stage in OPEN},
    (S.OFFERED, SeekerAction.ACCEPT_OFFER): S.HIRED,
    (S.OFFERED, SeekerAction.DECLINE_OFFER): S.WITHDRAWN,
}

STAGE_LABELS: Final[dict[str, str]] = {
    S.APPLIED: "Applied",
    S.SCREENING: "Screening",
    S.INTERVIEWING: "Interviewing",
    S.OFFERED: "Offered",
    S.HIRED: "Hired",
    S.REJECTED: "Rejected",
    S.WITHDRAWN: "Withdrawn",
}


def team_move(current: str, target: str) -> S:
    """The stage a team member may move the application to, or ``Conflict`` saying why not."""
    here, there = S(current), S(target)
    if there == here:
        raise Conflict(f"The candidate is already in {STAGE_LABELS[here].lower()}.")
    if there == S.OFFERED:
        if here in OFFER_FROM:
            raise Conflict("Make an offer to move the candidate to offered.")
        raise Conflict(
            f"An offer can only be made from screening or interviewing, not {STAGE_LABELS[here].lower()}."
        )
    if here in FINAL:
        raise Conflict(f"The application is {STAGE_LABELS[here].lower()}: it cannot move any more.")
    if there == S.WITHDRAWN:
        raise Conflict("Only the candidate can withdraw an application.")
    if there not in TEAM_MOVES[here]:
        raise Conflict(
            f"A candidate cannot go from {STAGE_LABELS[here].lower()} to {STAGE_LABELS[there].lower()}."
        )
    return there


def offer_allowed(current: str) -> None:
    """``Conflict`` unless an offer can be made in the application's stage."""
    here = S(current)
    if here not in OFFER_FROM:
        raise Conflict(
            f"An offer can only be made from screening or interviewing, not {STAGE_LABELS[here].lower()}."
        )


def seeker_move(current: str, action: SeekerAction) -> S:
    """The stage the seeker's action leads to, or ``Conflict`` saying why not."""
    here = S(current)
    target = SEEKER_MOVES.get((here, action))
    if target is None:
        if action == SeekerAction.WITHDRAW:
            raise Conflict(f"The application is {STAGE_LABELS[here].lower()}: there is nothing to withdraw.")
        raise Conflict("There is no open offer to answer.")
    return target
