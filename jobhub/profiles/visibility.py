"""Who may read a seeker's profile: the one rule the public page, search and the pipeline share.

A profile's ``profile_visibility`` says who may see it:

=================  =====  =====  ==========  =========  ==========  ======  =========
visibility         owner  admin  applied to  recruiter  connection  signed  anonymous
=================  =====  =====  ==========  =========  ==========  ======  =========
public             yes    yes    yes         yes        yes         yes     yes
recruiters_only    yes    yes    yes         yes        -           -       -
connections_only   yes    yes    yes         -          yes         -       -
private            yes    yes    -           -          -           -       -
=================  =====  =====  ==========  =========  ==========  ======  =========

"Applied to" is the team of a company the seeker applied to: applying shares the profile
with that employer unless it is private (then the team sees only what the application
carries: resume, cover letter, answers). The caller (the jobs context's pipeline) decides
that, after checking the viewer's team role, and says so with ``shared_by_application``:
profiles never reads another context's tables. A "recruiter" is anyone on a company team.
``current_salary_range`` is never shown to anyone but the owner, whatever the visibility.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from jobhub.auth import permissions as p
from jobhub.auth.principal import Principal
from jobhub.companies.team_access import memberships_of
from jobhub.profiles.models import ConnectionStatus, ProfileVisibility, UserConnection


class Relation(StrEnum):
    """The viewer's closest tie to the profile's owner, as the table above names them."""

    OWNER = "owner"
    ADMIN = "admin"
    APPLIED_TO = "applied_to"
    RECRUITER = "recruiter"
    CONNECTION = "connection"
    SIGNED_IN = "signed_in"
    ANONYMOUS = "anonymous"


ALLOWED: dict[ProfileVisibility, frozenset[Relation]] = {
    ProfileVisibility.PUBLIC: frozenset(Relation),
    ProfileVisibility.RECRUITERS_ONLY: frozenset(
        {Relation.OWNER, Relation.ADMIN, Relation.APPLIED_TO, Relation.RECRUITER}
    ),
    ProfileVisibility.CONNECTIONS_ONLY: frozenset(
        {Relation.OWNER, Relation.ADMIN, Relation.APPLIED_TO, Relation.CONNECTION}
    ),
    ProfileVisibility.PRIVATE: frozenset({Relation.OWNER, Relation.ADMIN}),
}


def are_connected(db: Session, a: uuid.UUID, b: uuid.UUID) -> bool:
    """An accepted connection either way round."""
    found = db.scalar(
        select(UserConnection.id)
        .where(
            UserConnection.status == ConnectionStatus.ACCEPTED,
            or_(
                and_(UserConnection.requester_id == a, UserConnection.addressee_id == b),
                and_(UserConnection.requester_id == b, UserConnection.addressee_id == a),
            ),
        )
        .limit(1)
    )
    return found is not None


def relations(
    db: Session, who: Principal | None, owner_id: uuid.UUID, *, shared_by_application: bool = False
) -> frozenset[Relation]:
    """Every tie the viewer has to the owner (a recruiter may also be a connection)."""
    if who is None:
        return frozenset({Relation.ANONYMOUS})
    if who.user_id == owner_id:
        return frozenset({Relation.OWNER})
    ties = {Relation.SIGNED_IN}
    if who.is_admin or who.has_permission(p.USERS_MANAGE):
        ties.add(Relation.ADMIN)
    if shared_by_application:
        ties.add(Relation.APPLIED_TO)
    if memberships_of(db, who.user_id):
        ties.add(Relation.RECRUITER)
    if are_connected(db, who.user_id, owner_id):
        ties.add(Relation.CONNECTION)
    return frozenset(ties)


def may_view(
    db: Session,
    who: Principal | None,
    owner_id: uuid.UUID,
    visibility: str,
    *,
    shared_by_application: bool = False,
) -> bool:
    """Whether ``who`` may read the profile of ``owner_id`` whose visibility is ``visibility``."""
    allowed = ALLOWED[ProfileVisibility(visibility)]
    return bool(allowed & relations(db, who, owner_id, shared_by_application=shared_by_application))
