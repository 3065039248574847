"""The one visibility rule: which ties count (accepted connections either way round, team
membership anywhere), and that an unknown visibility is never read as public."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from jobhub.profiles.models import ConnectionStatus
from jobhub.profiles.visibility import Relation, may_view, relations
from tests.factories import Team, add, make_connection, principal_with_role


@pytest.mark.parametrize(
    "status", [ConnectionStatus.PENDING, ConnectionStatus.DECLINED, ConnectionStatus.BLOCKED]
)
def test_a_connection_that_was_not_accepted_is_no_tie(db: Session, status: ConnectionStatus) -> None:
    owner, other = principal_with_role("job_seeker"), principal_with_role("job_seeker")
    add(db, make_connection(requester_id=other.user_id, addressee_id=owner.user_id, status=status))

    assert not may_view(db, other, owner.user_id, "connections_only")


def test_an_accepted_connection_counts_whoever_asked(db: Session) -> None:
    owner, other = principal_with_role("job_seeker"), principal_with_role("job_seeker")
    add(db, make_connection(requester_id=owner.user_id, addressee_id=other.user_id, status="accepted"))

    assert may_view(db, other, owner.user_id, "connections_only")
    assert may_view(db, owner, other.user_id, "connections_only")


def test_a_team_member_who_is_also_a_connection_has_both_ties(db: Session, team: Team) -> None:
    owner = principal_with_role("job_seeker")
    add(db, make_connection(requester_id=owner.user_id, addressee_id=team.owner.user_id, status="accepted"))

    assert relations(db, team.owner, owner.user_id) == {
        Relation.SIGNED_IN,
        Relation.RECRUITER,
        Relation.CONNECTION,
    }


def test_an_unknown_visibility_is_refused_rather_than_guessed(db: Session) -> None:
    with pytest.raises(ValueError):
        may_view(db, None, principal_with_role("job_seeker").user_id, "friends")
