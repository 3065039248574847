"""Opening and accepting an invitation link: what it offers, and joining the team with it.

A link works once, for seven days, and only for the employer account whose address is the
invited one (compared case-insensitively: stored addresses are lower case). Anybody
holding the link may *see* what it offers (it was mailed to that address), which tells the
invitee which account to sign in with. When a link does not work, the page says why:

- ``expired``: past its seven days (a manager can resend it);
- ``used``: someone joined with it (the row's ``joined_at`` is set);
- ``revoked``: a manager withdrew it (inactive, never joined);
- ``replaced``: a newer link for the same invitation was sent (pending, another hash);
- ``invalid``: tampered, truncated, for another purpose, or of a company that is gone.

Joining turns the invitation row into the membership (``user_id``, ``active``,
``joined_at``, the token cleared). A former membership of the same account in the company
gives way to it, since a company lists each account once (its unique constraint).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Final

from sqlalchemy import delete, select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.models import UserType
from jobhub.auth.people import people_by_id
from jobhub.auth.principal import Principal
from jobhub.companies.invitations import INVITATION_LIFETIME
from jobhub.companies.models import SCHEMA, Company, CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.companies.team_access import ROLE_LABELS, membership_in
from jobhub.companies.team_roles import role_flags, with_article
from jobhub.companies.team_views import DELETED_ACCOUNT, day_label
from jobhub.companies.teams import AGGREGATE, lock_company
from jobhub.notifications.service import notify
from jobhub.platform import signed_links
from jobhub.platform.errors import Conflict, Forbidden
from jobhub.platform.event_types import COMPANY_MEMBER_JOINED
from jobhub.platform.events import emit
from jobhub.platform.signed_links import LinkClaim, LinkExpired, LinkInvalid, LinkPurpose
from jobhub.ui import navigation as nav

JOINED_NOTICE: Final = "company.member_joined"


class LinkProblem(StrEnum):
    EXPIRED = "expired"
    USED = "used"
    REVOKED = "revoked"
    REPLACED = "replaced"
    INVALID = "invalid"


PROBLEM_MESSAGES: Final[dict[LinkProblem, str]] = {
    LinkProblem.EXPIRED: (
        "This invitation has expired (invitations work for seven days). Ask the person who invited "
        "you to send it again."
    ),
    LinkProblem.USED: (
        "This invitation has been used already. If it was you, your team is in the employer area."
    ),
    LinkProblem.REVOKED: (
        "This invitation was withdrawn by the company. Ask them for a new one if you expected it."
    ),
    LinkProblem.REPLACED: (
        "A newer invitation replaced this link. Use the link in the latest invitation mail."
    ),
    LinkProblem.INVALID: (
        "This invitation link is not valid. Check that you opened the whole link from the mail, "
        "or ask for a new invitation."
    ),
}


class ViewerFit(StrEnum):
    """Whether the person looking at a working link can join with it as they are signed in."""

    SIGNED_OUT = "signed_out"
    CAN_JOIN = "can_join"
    NOT_EMPLOYER = "not_employer"
    WRONG_ACCOUNT = "wrong_account"
    ALREADY_MEMBER = "already_member"


class InvitationUnusable(Conflict):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(PROBLEM_MESSAGES[problem])
        self.problem = problem


@dataclass(frozen=True)
class InvitationPreview:
    """What ``/invitation`` shows; ``problem`` is empty for a working link (then the rest is filled)."""

    problem: str
    message: str
    company_name: str = ""
    role_label: str = ""
    role_phrase: str = ""
    invited_by: str = ""
    email: str = ""
    expires_on: str = ""
    viewer: str = ViewerFit.SIGNED_OUT
    viewer_message: str = ""


@dataclass(frozen=True)
class Joined:
    company_id: str
    company_name: str
    role_label: str


@dataclass(frozen=True)
class _Opened:
    row: CompanyEmployee
    company: Company
    claim: LinkClaim


def _check(row: CompanyEmployee, claim: LinkClaim, now: datetime) -> None:
    if not claim.matches(row.invitation_token):
        if row.joined_at is not None:
            raise InvitationUnusable(LinkProblem.USED)
        if row.employment_status == EmploymentStatus.PENDING:
            raise InvitationUnusable(LinkProblem.REPLACED)
        raise InvitationUnusable(LinkProblem.REVOKED)
    if row.employment_status != EmploymentStatus.PENDING or row.team_role is None:
        raise InvitationUnusable(LinkProblem.INVALID)
    if row.invitation_expires_at is None or row.invitation_expires_at <= now:
        raise InvitationUnusable(LinkProblem.EXPIRED)


def _open(db: Session, token: str, now: datetime) -> _Opened:
    try:
        claim = signed_links.read(str(token), LinkPurpose.INVITATION, INVITATION_LIFETIME, now=now)
        invitation_id = uuid.UUID(claim.subject)
    except LinkExpired as exc:
        raise InvitationUnusable(LinkProblem.EXPIRED) from exc
    except (LinkInvalid, ValueError) as exc:
        raise InvitationUnusable(LinkProblem.INVALID) from exc
    found = db.execute(
        select(CompanyEmployee, Company)
        .join(Company, Company.id == CompanyEmployee.company_id)
        .where(CompanyEmployee.id == invitation_id, Company.deleted_at.is_(None))
    ).first()
    if found is None:
        raise InvitationUnusable(LinkProblem.INVALID)
    row, company = found
    _check(row, claim, now)
    return _Opened(row, company, claim)


def _fit(db: Session, who: Principal | None, opened: _Opened) -> tuple[ViewerFit, str]:
    """Whether ``who`` can join, and if not, what to do about it in words."""
    if who is None:
        return ViewerFit.SIGNED_OUT, ""
    invited = str(opened.row.invitation_email)
    account = people_by_id(db, [who.user_id]).get(who.user_id)
    signed_in_as = account.email if account else "another account"
    if who.user_type != UserType.EMPLOYER:
        return ViewerFit.NOT_EMPLOYER, (
            f"You are signed in as {signed_in_as}, which is not an employer account. Company teams are "
            f"for employer accounts: sign out, then sign in or create an employer account with {invited}."
        )
    if account is None or account.email.lower() != invited.lower():
        return ViewerFit.WRONG_ACCOUNT, (
            f"This invitation was sent to {invited}, but you are signed in as {signed_in_as}. "
            f"Sign out, then sign in as {invited} to join."
        )
    if membership_in(db, who.user_id, opened.company.id):
        return ViewerFit.ALREADY_MEMBER, f"You are on the {opened.company.name} team already."
    return ViewerFit.CAN_JOIN, ""


def invitation_preview(
    db: Session, token: str, who: Principal | None = None, *, now: datetime | None = None
) -> InvitationPreview:
    """What the link offers and whether ``who`` can take it, or why the link does not work."""
    moment = now or datetime.now(UTC)
    try:
        opened = _open(db, token, moment)
    except InvitationUnusable as exc:
        return InvitationPreview(problem=exc.problem.value, message=exc.message)
    row = opened.row
    role = TeamRole(str(row.team_role))
    inviter = people_by_id(db, [row.invited_by]).get(row.invited_by) if row.invited_by else None
    viewer, viewer_message = _fit(db, who, opened)
    return InvitationPreview(
        problem="",
        message="",
        company_name=opened.company.name,
        role_label=ROLE_LABELS[role],
        role_phrase=with_article(role),
        invited_by=inviter.display_name if inviter else DELETED_ACCOUNT,
        email=str(row.invitation_email),
        expires_on=day_label(row.invitation_expires_at) if row.invitation_expires_at else "",
        viewer=viewer.value,
        viewer_message=viewer_message,
    )


def accept_invitation(
    db: Session, who: Principal | None, token: str, *, now: datetime | None = None
) -> Joined:
    """Join the team the link invites to, as the role it offers; the link is spent."""
    moment = now or datetime.now(UTC)
    if who is None:
        raise SignInRequired()
    opened = _open(db, token, moment)
    lock_company(db, opened.company.id)
    db.refresh(opened.row, with_for_update=True)
    _check(opened.row, opened.claim, moment)
    fit, message = _fit(db, who, opened)
    if fit == ViewerFit.ALREADY_MEMBER:
        raise Conflict(message)
    if fit != ViewerFit.CAN_JOIN:
        raise Forbidden(message)
    row, company = opened.row, opened.company
    role = TeamRole(str(row.team_role))
    db.execute(
        delete(CompanyEmployee).where(
            CompanyEmployee.company_id == company.id,
            CompanyEmployee.user_id == who.user_id,
            CompanyEmployee.employment_status == EmploymentStatus.INACTIVE,
        )
    )
    row.user_id = who.user_id
    row.employment_status = EmploymentStatus.ACTIVE
    row.joined_at = moment
    row.start_date = moment.date()
    row.end_date = None
    row.invitation_token = None
    for name, value in role_flags(role).items():
        setattr(row, name, value)
    db.add(row)
    emit(
        db,
        SCHEMA,
        AGGREGATE,
        company.id,
        COMPANY_MEMBER_JOINED,
        {"company_id": str(company.id), "member_id": str(row.id), "member_user_id": str(who.user_id)}
        | {"role": role.value, "invited_by": str(row.invited_by)},
        user_id=who.user_id,
    )
    if row.invited_by:
        notify(
            db,
            row.invited_by,
            JOINED_NOTICE,
            f"{who.display_name or row.invitation_email} joined {company.name}",
            f"They accepted your invitation and joined as {with_article(role)}.",
            nav.EMPLOYER_TEAM,
        )
    db.flush()
    return Joined(str(company.id), company.name, ROLE_LABELS[role])
