"""Inviting people to a company's team: a signed, expiring, single-use link mailed to an address.

An invitation is a pending ``company_employees`` row: ``invitation_email``, the offered
``team_role``, ``invited_by``, ``invitation_expires_at`` (seven days on) and in
``invitation_token`` the SHA-256 of the link's nonce (``platform/signed_links``), never the
link itself. The link names the row by id and carries nothing secret. Resending draws a new
link, which voids the old one and gives seven more days; revoking makes the row inactive.
Opening and accepting a link is in :mod:`jobhub.companies.invitation_acceptance`.

Mail cannot be rolled back, so the services *return* the message and the caller sends it
after its transaction commits (as registration does); a rolled-back invitation mails
nobody. An invitee who already has an account also gets an in-app notification, written
in the transaction: it carries no link, since the token exists only in the mail.

Each invitation and resend counts against the company's hourly limit
(``rate_limits.Scope.COMPANY_INVITATIONS``), after the input is checked, so typos cost nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from math import ceil
from typing import Final

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlmodel import Session

from jobhub.auth.people import person_by_email
from jobhub.auth.principal import Principal
from jobhub.companies.models import SCHEMA, Company, CompanyEmployee, EmploymentStatus, TeamRole
from jobhub.companies.team_access import Membership, TeamAction, membership_in
from jobhub.companies.team_roles import parse_role, require_role_grant, role_flags, with_article
from jobhub.companies.team_views import InvitationView, day_label, invitation_view
from jobhub.companies.teams import AGGREGATE, acting_member
from jobhub.notifications.service import notify
from jobhub.platform import rate_limits, signed_links
from jobhub.platform.errors import Conflict, Invalid, NotFound
from jobhub.platform.event_types import COMPANY_INVITATION_REVOKED, COMPANY_MEMBER_INVITED
from jobhub.platform.events import emit
from jobhub.platform.mail import Message, from_template
from jobhub.platform.rate_limits import Scope
from jobhub.platform.signed_links import LinkPurpose
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

INVITATION_LIFETIME: Final = timedelta(days=7)
EMAIL_FIELD: Final = "email"
EMAIL_MAX: Final = 255
MAIL_TEMPLATE: Final = "company_invitation"
INVITATION_NOTICE: Final = "company.invitation"
NO_SUCH_INVITATION: Final = "That invitation does not exist or has been answered already."
FALLBACK_SUBJECT: Final = "{inviter_name} invited you to join {company_name} on JobHub"
FALLBACK_TEXT: Final = (
    "Hi,\n\n{inviter_name} invited you to join {company_name} on JobHub as {role}.\n\n"
    "Accept the invitation: {invitation_url}\n\nThe invitation expires on {expires_on}. "
    "If you did not expect it, ignore this message.\n\n— The JobHub team"
)


class AlreadyInvited(Conflict):
    """The address has a pending invitation; ``invitation_id`` is the one to resend instead."""

    def __init__(self, address: str, invitation_id: uuid.UUID) -> None:
        super().__init__(f"{address} has been invited already. Resend that invitation instead.")
        self.invitation_id = invitation_id


@dataclass(frozen=True)
class InvitationSent:
    """The invitation as the team page lists it, and the mail to send once the transaction commits."""

    invitation: InvitationView
    mail: Message


def clean_invitee_email(value: object) -> str:
    """Syntax only (no DNS lookup), normalised and lower-cased as stored account addresses are."""
    address = str(value or "").strip()
    if not address:
        raise Invalid(EMAIL_FIELD, "Enter the email address of the person to invite.")
    too_long = Invalid(EMAIL_FIELD, f"An email address can be at most {EMAIL_MAX} characters.")
    if len(address) > EMAIL_MAX:
        raise too_long
    try:
        checked = validate_email(
            address,
            check_deliverability=False,
            test_environment=get_settings().environment != "production",
        )
    except EmailNotValidError as exc:
        raise Invalid(EMAIL_FIELD, f"Enter a valid email address: {exc}") from exc
    normalised = checked.normalized.lower()
    if len(normalised) > EMAIL_MAX:
        raise too_long
    return normalised


def _pending_row(db: Session, company_id: uuid.UUID, invitation_id: uuid.UUID) -> CompanyEmployee:
    row = db.execute(
        select(CompanyEmployee)
        .where(
            CompanyEmployee.id == invitation_id,
            CompanyEmployee.company_id == company_id,
            CompanyEmployee.employment_status == EmploymentStatus.PENDING,
        )
        .with_for_update()
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(NO_SUCH_INVITATION)
    return row


def _refuse_duplicates(db: Session, company: Company, address: str) -> None:
    invitee = person_by_email(db, address)
    if invitee and membership_in(db, invitee.user_id, company.id):
        raise Conflict(f"{address} is already on the {company.name} team.")
    waiting = db.execute(
        select(CompanyEmployee.id).where(
            CompanyEmployee.company_id == company.id,
            CompanyEmployee.employment_status == EmploymentStatus.PENDING,
            CompanyEmployee.invitation_email == address,
        )
    ).scalar_one_or_none()
    if waiting is not None:
        raise AlreadyInvited(address, waiting)


def _count_mail(company: Company) -> None:
    wait = rate_limits.hit(Scope.COMPANY_INVITATIONS, str(company.id))
    if wait is not None:
        minutes = ceil(wait / 60)
        raise Conflict(
            f"{company.name} has sent many invitations in the last hour. "
            f"Please wait {minutes} minute{'s' if minutes != 1 else ''} and try again."
        )


def _inviter_name(who: Membership, display_name: str) -> str:
    return display_name or f"A colleague at {who.company_name}"


def _issue(db: Session, row: CompanyEmployee, company: Company, inviter: str, now: datetime) -> Message:
    """A new link for ``row`` (voiding any older one) and its mail; the row keeps only the nonce's hash."""
    issued = signed_links.issue(LinkPurpose.INVITATION, row.id)
    row.invitation_token = issued.nonce_hash
    row.invitation_expires_at = now + INVITATION_LIFETIME
    db.add(row)
    db.flush()
    role = TeamRole(str(row.team_role))
    variables = {
        "company_name": company.name,
        "inviter_name": inviter,
        "role": with_article(role),
        "invitation_url": signed_links.public_link(nav.INVITATION, issued.token),
        "expires_on": day_label(row.invitation_expires_at),
    }
    return from_template(
        db,
        MAIL_TEMPLATE,
        str(row.invitation_email),
        variables,
        fallback_subject=FALLBACK_SUBJECT,
        fallback_text=FALLBACK_TEXT,
    )


def _tell_invitee(db: Session, company: Company, address: str, inviter: str, role: TeamRole) -> bool:
    """The in-app notice for an invitee who has an account; whether there was one."""
    invitee = person_by_email(db, address)
    if invitee is None:
        return False
    notify(
        db,
        invitee.user_id,
        INVITATION_NOTICE,
        f"Invitation to join {company.name}",
        f"{inviter} invited you to join the team as {with_article(role)}. "
        f"Open the link in the invitation we mailed to {address} to join.",
    )
    return True


def _event(db: Session, event: str, row: CompanyEmployee, actor: Membership, **extra: bool) -> None:
    """No address in the payload: events reach the analytics store, invitees' addresses do not."""
    data = {"company_id": str(row.company_id), "invitation_id": str(row.id), "role": str(row.team_role)}
    emit(db, SCHEMA, AGGREGATE, row.company_id, event, data | extra, user_id=actor.user_id)


def invite_member(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    email: object,
    role: object,
    *,
    now: datetime | None = None,
) -> InvitationSent:
    """Invite ``email`` as ``role``: managers invite, only owners invite owners."""
    moment = now or datetime.now(UTC)
    actor, company = acting_member(db, who, company_id, TeamAction.MANAGE_TEAM)
    address = clean_invitee_email(email)
    wanted = parse_role(role)
    require_role_grant(actor, wanted)
    _refuse_duplicates(db, company, address)
    _count_mail(company)
    row = CompanyEmployee(
        id=uuid.uuid4(),
        company_id=company.id,
        team_role=wanted.value,
        employment_status=EmploymentStatus.PENDING,
        invited_by=actor.user_id,
        invitation_email=address,
        **role_flags(None),
    )
    inviter = _inviter_name(actor, who.display_name if who else "")
    mail = _issue(db, row, company, inviter, moment)
    has_account = _tell_invitee(db, company, address, inviter, wanted)
    _event(db, COMPANY_MEMBER_INVITED, row, actor, resent=False, invitee_has_account=has_account)
    return InvitationSent(invitation_view(row, inviter, actor, moment), mail)


def resend_invitation(
    db: Session,
    who: Principal | None,
    company_id: uuid.UUID,
    invitation_id: uuid.UUID,
    *,
    now: datetime | None = None,
) -> InvitationSent:
    """A new link, valid for seven days from now; the one mailed before stops working.

    The resender becomes the invitation's ``invited_by``: the mail goes out in their name.
    """
    moment = now or datetime.now(UTC)
    actor, company = acting_member(db, who, company_id, TeamAction.MANAGE_TEAM)
    row = _pending_row(db, company_id, invitation_id)
    role = TeamRole(str(row.team_role))
    require_role_grant(actor, role)
    _count_mail(company)
    row.invited_by = actor.user_id
    inviter = _inviter_name(actor, who.display_name if who else "")
    mail = _issue(db, row, company, inviter, moment)
    _event(db, COMPANY_MEMBER_INVITED, row, actor, resent=True)
    return InvitationSent(invitation_view(row, inviter, actor, moment), mail)


def revoke_invitation(
    db: Session, who: Principal | None, company_id: uuid.UUID, invitation_id: uuid.UUID
) -> None:
    """Withdraw a pending invitation: its link says "revoked" from now on."""
    actor, _company = acting_member(db, who, company_id, TeamAction.MANAGE_TEAM)
    row = _pending_row(db, company_id, invitation_id)
    require_role_grant(actor, TeamRole(str(row.team_role)))
    row.employment_status = EmploymentStatus.INACTIVE
    row.invitation_token = None
    db.add(row)
    _event(db, COMPANY_INVITATION_REVOKED, row, actor)
    db.flush()
