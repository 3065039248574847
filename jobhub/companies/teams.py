"""A company's team: who is on it, in which role, and the rules for changing that.

Every function checks the actor's role with ``team_access.require_team`` and then looks the
target up *inside that company*, so a member id of another company is ``NotFound`` exactly
like one that never existed. Changes take the company row's lock first (:func:`acting_member`):
two owners demoting each other at the same moment are serialised, so the count of owners
behind "the last owner cannot leave, be demoted or removed" is never stale.

A removed or departed member's row stays, inactive and without a role, so a former
colleague's place in the company's history is kept. The role rules are in ``team_roles``,
the views in ``team_views``, invitations in ``invitations``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Final

from sqlalchemy import Select, func, select
from sqlmodel import Session

from jobhub.auth import audit
from jobhub.auth.audit import AuditAction, RequestContext
from jobhub.auth.models import AuditSeverity
from jobhub.auth.people import people_by_id
from jobhub.auth.principal import Principal
from jobhub.companies.models import SCHEMA, Company, CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.companies.team_access import Membership, TeamAction, require_team
from jobhub.companies.team_roles import ROLE_RANK, grantable_roles, parse_role, require_role_grant, role_flags
from jobhub.companies.team_views import (
    DELETED_ACCOUNT,
    MemberView,
    TeamView,
    invitation_view,
    member_view,
    role_choices,
)
from jobhub.platform.errors import Conflict, Forbidden, NotFound
from jobhub.platform.event_types import (
    COMPANY_MEMBER_LEFT,
    COMPANY_MEMBER_REMOVED,
    COMPANY_MEMBER_ROLE_CHANGED,
)
from jobhub.platform.events import emit

AGGREGATE: Final = "company"
NO_SUCH_MEMBER: Final = "That person is not on this company's team."


def last_owner_message(company_name: str) -> str:
    return f"{company_name} needs at least one owner. Make someone else owner first."


def lock_company(db: Session, company_id: uuid.UUID) -> Company | None:
    """The company row, locked until the transaction ends: team changes of one company queue up."""
    return db.execute(
        select(Company).where(Company.id == company_id, Company.deleted_at.is_(None)).with_for_update()
    ).scalar_one_or_none()


def acting_member(
    db: Session, who: Principal | None, company_id: uuid.UUID, action: TeamAction
) -> tuple[Membership, Company]:
    """The actor and the company, locked; outsiders are refused before anything is locked, and the
    actor's role is read again under the lock, so a change that raced this one is seen."""
    require_team(db, who, company_id, action)
    company = lock_company(db, company_id)
    member = require_team(db, who, company_id, action)
    assert company is not None
    return member, company


def _active_rows(company_id: uuid.UUID) -> Select[tuple[CompanyEmployee]]:
    return select(CompanyEmployee).where(
        CompanyEmployee.company_id == company_id,
        CompanyEmployee.employment_status == EmploymentStatus.ACTIVE,
        CompanyEmployee.team_role.is_not(None),
        CompanyEmployee.user_id.is_not(None),
    )


def _member_row(db: Session, company_id: uuid.UUID, member_id: uuid.UUID) -> CompanyEmployee:
    row = db.execute(
        _active_rows(company_id).where(CompanyEmployee.id == member_id).with_for_update()
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(NO_SUCH_MEMBER)
    return row


def owner_count(db: Session, company_id: uuid.UUID) -> int:
    query = _active_rows(company_id).where(CompanyEmployee.team_role == TeamRole.OWNER).subquery()
    return int(db.execute(select(func.count()).select_from(query)).scalar_one())


def _name_and_email(db: Session, user_id: uuid.UUID | None) -> tuple[str, str]:
    person = people_by_id(db, [user_id]).get(user_id) if user_id else None
    return (person.display_name, person.email) if person else (DELETED_ACCOUNT, "")


def _pending_rows(db: Session, company_id: uuid.UUID) -> list[CompanyEmployee]:
    return list(
        db.scalars(
            select(CompanyEmployee)
            .where(
                CompanyEmployee.company_id == company_id,
                CompanyEmployee.employment_status == EmploymentStatus.PENDING,
            )
            .order_by(CompanyEmployee.created_at.desc(), CompanyEmployee.id)
        )
    )


def list_team(
    db: Session, who: Principal | None, company_id: uuid.UUID, *, now: datetime | None = None
) -> TeamView:
    """Members by rank then name; pending invitations (newest first) only for managers."""
    moment = now or datetime.now(UTC)
    actor = require_team(db, who, company_id, TeamAction.VIEW_TEAM)
    rows = list(db.scalars(_active_rows(company_id)))
    manages = actor.may(TeamAction.MANAGE_TEAM)
    pending = _pending_rows(db, company_id) if manages else []
    user_ids = [row.user_id for row in rows] + [row.invited_by for row in pending]
    people = people_by_id(db, [user_id for user_id in user_ids if user_id])
    owners = sum(1 for row in rows if row.team_role == TeamRole.OWNER)
    members = []
    for row in rows:
        person = people.get(row.user_id) if row.user_id else None
        name = person.display_name if person else DELETED_ACCOUNT
        members.append(member_view(row, name, person.email if person else "", actor, owners))
    members.sort(key=lambda m: (-ROLE_RANK[TeamRole(m.role)], m.name.lower(), m.id))
    invitations = [
        invitation_view(
            row,
            people[row.invited_by].display_name if row.invited_by in people else DELETED_ACCOUNT,
            actor,
            moment,
        )
        for row in pending
    ]
    return TeamView(
        company_id=str(company_id),
        company_name=actor.company_name,
        your_role=actor.role_label,
        can_manage=manages,
        grantable_roles=role_choices(grantable_roles(actor)),
        members=members,
        invitations=invitations,
    )


def _end_membership(row: CompanyEmployee, today: date) -> None:
    row.employment_status = EmploymentStatus.INACTIVE
    row.team_role = None
    row.end_date = today
    for name, value in role_flags(None).items():
        setattr(row, name, value)


def _member_event(
    db: Session, company_id: uuid.UUID, event: str, row: CompanyEmployee, by: uuid.UUID, **data: str
) -> None:
    payload = {"company_id": str(company_id), "member_id": str(row.id), "member_user_id": str(row.user_id)}
    emit(db, SCHEMA, AGGREGATE, company_id, event, payload | data, user_id=by)


def change_role(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    member_id: uuid.UUID,
    role: object,
    *,
    context: RequestContext | None = None,
) -> MemberView:
    """Give a member another role; giving or taking "owner" needs an owner, and the last one stays."""
    actor, company = acting_member(db, who, company_id, TeamAction.MANAGE_TEAM)
    new_role = parse_role(role)
    row = _member_row(db, company_id, member_id)
    old_role = TeamRole(str(row.team_role))
    require_role_grant(actor, old_role)
    require_role_grant(actor, new_role)
    owners = owner_count(db, company_id)
    if old_role != new_role:
        if old_role == TeamRole.OWNER and owners <= 1:
            raise Conflict(last_owner_message(company.name))
        row.team_role = new_role.value
        for name, value in role_flags(new_role).items():
            setattr(row, name, value)
        db.add(row)
        audit.record(
            db,
            AuditAction.COMPANY_MEMBER_ROLE_CHANGED,
            AuditSeverity.INFO,
            context or RequestContext(),
            user_id=actor.user_id,
            subject_id=company_id,
            resource=AGGREGATE,
            old_values={"member_id": str(row.id), "team_role": old_role.value},
            details={
                "member_id": str(row.id),
                "member_user_id": str(row.user_id),
                "team_role": new_role.value,
            },
        )
        _member_event(
            db,
            company_id,
            COMPANY_MEMBER_ROLE_CHANGED,
            row,
            actor.user_id,
            old_role=old_role.value,
            role=new_role.value,
        )
        db.flush()
        owners += (new_role == TeamRole.OWNER) - (old_role == TeamRole.OWNER)
    return member_view(row, *_name_and_email(db, row.user_id), actor, owners)


def remove_member(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    member_id: uuid.UUID,
    *,
    context: RequestContext | None = None,
    today: date | None = None,
) -> None:
    """Take someone off the team at once; their next click finds the employer pages closed.

    The last owner cannot be removed: only an owner may remove an owner, and not themselves.
    """
    actor, _company = acting_member(db, who, company_id, TeamAction.MANAGE_TEAM)
    row = _member_row(db, company_id, member_id)
    if row.id == actor.employee_id:
        raise Conflict("To take yourself off the team, use “Leave the company”.")
    role = TeamRole(str(row.team_role))
    if ROLE_RANK[role] > ROLE_RANK[actor.role]:
        raise Forbidden(f"As {actor.role_label.lower()} you cannot remove someone whose role is above yours.")
    require_role_grant(actor, role)
    _end_membership(row, today or datetime.now(UTC).date())
    db.add(row)
    audit.record(
        db,
        AuditAction.COMPANY_MEMBER_REMOVED,
        AuditSeverity.WARN,
        context or RequestContext(),
        user_id=actor.user_id,
        subject_id=company_id,
        resource=AGGREGATE,
        old_values={"member_id": str(row.id), "team_role": role.value},
        details={"member_id": str(row.id), "member_user_id": str(row.user_id)},
    )
    _member_event(db, company_id, COMPANY_MEMBER_REMOVED, row, actor.user_id, role=role.value)
    db.flush()


def leave_company(
    db: Session, who: Principal | None, company_id: uuid.UUID, *, today: date | None = None
) -> None:
    """Leave a team; the last owner is asked to hand the company over first."""
    actor, company = acting_member(db, who, company_id, TeamAction.VIEW_TEAM)
    row = _member_row(db, company_id, actor.employee_id)
    if actor.role == TeamRole.OWNER and owner_count(db, company_id) <= 1:
        raise Conflict(
            f"You are the last owner of {company.name}. Make someone else owner first, then leave."
        )
    _end_membership(row, today or datetime.now(UTC).date())
    db.add(row)
    _member_event(db, company_id, COMPANY_MEMBER_LEFT, row, actor.user_id, role=actor.role.value)
    db.flush()
