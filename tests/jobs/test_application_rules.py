"""Every cell of the stage rules: each team move and each seeker action from each stage."""

from __future__ import annotations

import itertools

import pytest

from jobhub.jobs.application_rules import (
    OFFER_FROM,
    SEEKER_MOVES,
    STAGES,
    TEAM_MOVES,
    SeekerAction,
    offer_allowed,
    seeker_move,
    team_move,
)
from jobhub.jobs.models import ApplicationStatus as S
from jobhub.platform.errors import Conflict

ALLOWED_TEAM = {
    (S.APPLIED, S.SCREENING),
    (S.APPLIED, S.INTERVIEWING),
    (S.APPLIED, S.REJECTED),
    (S.SCREENING, S.APPLIED),
    (S.SCREENING, S.INTERVIEWING),
    (S.SCREENING, S.REJECTED),
    (S.INTERVIEWING, S.SCREENING),
    (S.INTERVIEWING, S.REJECTED),
    (S.OFFERED, S.INTERVIEWING),
    (S.OFFERED, S.HIRED),
    (S.OFFERED, S.REJECTED),
    (S.REJECTED, S.SCREENING),
}
"""Written out rather than read from ``TEAM_MOVES``, so a change to the table shows here."""

ALLOWED_SEEKER = {
    (S.APPLIED, SeekerAction.WITHDRAW): S.WITHDRAWN,
    (S.SCREENING, SeekerAction.WITHDRAW): S.WITHDRAWN,
    (S.INTERVIEWING, SeekerAction.WITHDRAW): S.WITHDRAWN,
    (S.OFFERED, SeekerAction.WITHDRAW): S.WITHDRAWN,
    (S.OFFERED, SeekerAction.ACCEPT_OFFER): S.HIRED,
    (S.OFFERED, SeekerAction.DECLINE_OFFER): S.WITHDRAWN,
}


def test_the_written_out_tables_are_the_rules() -> None:
    assert {(here, there) for here, targets in TEAM_MOVES.items() for there in targets} == ALLOWED_TEAM
    assert SEEKER_MOVES == ALLOWED_SEEKER


@pytest.mark.parametrize(("here", "there"), list(itertools.product(STAGES, STAGES)))
def test_a_team_move(here: S, there: S) -> None:
    if (here, there) in ALLOWED_TEAM:
        assert team_move(here, there) == there
    else:
        with pytest.raises(Conflict) as refused:
            team_move(here, there)
        assert refused.value.message


@pytest.mark.parametrize("here", STAGES)
def test_an_offer_only_from_screening_or_interviewing(here: S) -> None:
    if here in {S.SCREENING, S.INTERVIEWING}:
        offer_allowed(here)
        with pytest.raises(Conflict, match="Make an offer"):
            team_move(here, S.OFFERED)
    else:
        with pytest.raises(Conflict, match="only be made from"):
            offer_allowed(here)
    assert {S.SCREENING, S.INTERVIEWING} == OFFER_FROM


@pytest.mark.parametrize(("here", "action"), list(itertools.product(STAGES, SeekerAction)))
def test_a_seeker_action(here: S, action: SeekerAction) -> None:
    expected = ALLOWED_SEEKER.get((here, action))
    if expected is not None:
        assert seeker_move(here, action) == expected
    else:
        with pytest.raises(Conflict) as refused:
            seeker_move(here, action)
        assert refused.value.message


def test_only_the_candidate_withdraws_and_final_stages_stay_final() -> None:
    with pytest.raises(Conflict, match="Only the candidate"):
        team_move(S.SCREENING, S.WITHDRAWN)
    for final in (S.HIRED, S.WITHDRAWN):
        with pytest.raises(Conflict, match="cannot move any more"):
            team_move(final, S.SCREENING)
