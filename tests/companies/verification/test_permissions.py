"""Who may do what with verification, every cell: team roles, outsiders, staff, anonymous, and IDOR.

Team members reach only their own company (an outsider's id lookup is ``NotFound``, so ids
cannot be probed); only holders of the admin role read the queue, decide or download.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.companies.models import VerificationMethod
from jobhub.companies.verification import BadgeStatus, request_verification, verification_status
from jobhub.companies.verification_queue import recent_decisions, verification_queue
from jobhub.companies.verification_review import (
    refuse_verification,
    revoke_verification,
    verification_document,
    verify_company,
)
from jobhub.platform.errors import Forbidden, NotFound
from tests.companies.verification.support import PDF_BYTES, pending_request
from tests.factories import Team, add, principal_with_role

ALLOWED = "allowed"
ACTORS = (
    "owner",
    "admin",
    "recruiter",
    "hiring_manager",
    "other_owner",
    "job_seeker",
    "platform_admin",
    "moderator",
    "anonymous",
)
ACTIONS = ("request", "status", "queue", "verify", "refuse", "revoke", "download")
STAFF_ONLY = {actor: Forbidden for actor in ACTORS} | {"platform_admin": ALLOWED, "anonymous": SignInRequired}
EXPECTED: dict[str, dict[str, object]] = {
    "request": {
        "owner": ALLOWED,
        "admin": ALLOWED,
        "recruiter": Forbidden,
        "hiring_manager": Forbidden,
        "other_owner": NotFound,
        "job_seeker": NotFound,
        "platform_admin": NotFound,
        "moderator": NotFound,
        "anonymous": SignInRequired,
    },
    "status": {
        "owner": ALLOWED,
        "admin": ALLOWED,
        "recruiter": ALLOWED,
        "hiring_manager": ALLOWED,
        "other_owner": NotFound,
        "job_seeker": NotFound,
        "platform_admin": NotFound,
        "moderator": NotFound,
        "anonymous": SignInRequired,
    },
    **{action: STAFF_ONLY for action in ("queue", "verify", "refuse", "revoke", "download")},
}


@dataclass(frozen=True)
class World:
    db: Session
    team: Team
    request_id: uuid.UUID


def _actor(name: str, team: Team, other: Team, staff: Principal) -> Principal | None:
    return {
        "owner": team.owner,
        "admin": team.admin,
        "recruiter": team.recruiter,
        "hiring_manager": team.hiring_manager,
        "other_owner": other.owner,
        "job_seeker": principal_with_role("job_seeker"),
        "platform_admin": staff,
        "moderator": principal_with_role("moderator"),
        "anonymous": None,
    }[name]


def _verified(world: World) -> None:
    world.team.company.is_verified = True
    add(world.db, world.team.company)


ACTS: dict[str, Callable[[World, Principal | None], object]] = {
    "request": lambda w, who: request_verification(
        w.db, who, w.team.company.id, VerificationMethod.EMAIL_DOMAIN
    ),
    "status": lambda w, who: verification_status(w.db, who, w.team.company.id),
    "queue": lambda w, who: (verification_queue(w.db, who), recent_decisions(w.db, who)),
    "verify": lambda w, who: verify_company(w.db, who, w.request_id),
    "refuse": lambda w, who: refuse_verification(w.db, who, w.request_id, "Not enough proof"),
    "revoke": lambda w, who: (_verified(w), revoke_verification(w.db, who, w.team.company.id, "Domain sold")),
    "download": lambda w, who: verification_document(w.db, who, w.request_id),
}


def _world(db: Session, team: Team, action: str) -> World:
    """A pending documents request of ``team``, except for ``request``, which starts from none."""
    if action == "request":
        return World(db, team, uuid.uuid4())
    return World(db, team, pending_request(db, team))


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_cell_of_the_table(
    db: Session, vteam: Team, other_vteam: Team, admin: Principal, action: str, actor: str
) -> None:
    world = _world(db, vteam, action)
    who = _actor(actor, vteam, other_vteam, admin)
    expected = EXPECTED[action][actor]

    if expected == ALLOWED:
        ACTS[action](world, who)
    else:
        with pytest.raises(expected) as refused:  # type: ignore[call-overload]
            ACTS[action](world, who)
        if expected is Forbidden:
            assert not isinstance(refused.value, SignInRequired), (
                "a signed-in account is not asked to sign in"
            )


def test_an_owner_cannot_reach_another_companys_status_or_request_by_its_id(
    db: Session, vteam: Team, other_vteam: Team
) -> None:
    for act in (
        lambda: verification_status(db, vteam.owner, other_vteam.company.id),
        lambda: request_verification(
            db, vteam.owner, other_vteam.company.id, VerificationMethod.EMAIL_DOMAIN
        ),
    ):
        with pytest.raises(NotFound):
            act()
    assert verification_status(db, other_vteam.owner, other_vteam.company.id).status == BadgeStatus.NONE


def test_an_owner_cannot_decide_or_download_their_own_request(db: Session, vteam: Team) -> None:
    request_id = pending_request(db, vteam)

    for act in (
        lambda: verify_company(db, vteam.owner, request_id),
        lambda: verification_document(db, vteam.owner, request_id),
    ):
        with pytest.raises(Forbidden, match="Only administrators"):
            act()


def test_the_document_reaches_the_admin_byte_for_byte(db: Session, vteam: Team, admin: Principal) -> None:
    document = verification_document(db, admin, pending_request(db, vteam))

    assert document.data == PDF_BYTES
    assert document.content_type == "application/pdf"
    assert document.file_name == f"verification-{vteam.company.slug}.pdf"


def test_an_email_request_has_no_document(db: Session, vteam: Team, admin: Principal) -> None:
    request_id = pending_request(db, vteam, VerificationMethod.EMAIL_DOMAIN)

    with pytest.raises(NotFound):
        verification_document(db, admin, request_id)
