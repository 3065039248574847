"""Invitations: what an invitation stores and mails, who may join with its link, once, in time.

Time is frozen by passing ``now=``: a link read "eight days later" is expired exactly as a
real one would be, since both the signature's age and the row's expiry are checked.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from limits import parse
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.models import UserType
from jobhub.companies import invitation_acceptance as acceptance
from jobhub.companies import invitations, teams
from jobhub.companies.invitation_acceptance import InvitationUnusable, LinkProblem, ViewerFit
from jobhub.companies.invitations import INVITATION_LIFETIME, AlreadyInvited, InvitationSent
from jobhub.companies.models import CompanyEmployee, EmploymentStatus, OutboxEvent, TeamRole
from jobhub.companies.team_access import membership_in
from jobhub.notifications.models import UserNotification
from jobhub.platform import mail, rate_limits, signed_links
from jobhub.platform.errors import Conflict, Forbidden, Invalid
from jobhub.platform.event_types import COMPANY_MEMBER_INVITED, COMPANY_MEMBER_JOINED
from jobhub.platform.rate_limits import RateLimiter, Scope
from jobhub.platform.signed_links import LinkPurpose
from jobhub.settings import get_settings
from tests.companies.team_support import account, employee, member_id, named_team, token_of
from tests.factories import Team
from tests.smtp import SmtpSink, smtp_mail, smtp_server  # noqa: F401 (fixtures)

INVITEE = "casey.jones@example.test"


@pytest.fixture
def team(db: Session) -> Team:
    return named_team(db)


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    rate_limits.reset_limiter()
    yield
    rate_limits.reset_limiter()


def _invite(
    db: Session, team: Team, email: str = INVITEE, role: str = "recruiter", now: datetime | None = None
) -> InvitationSent:
    return invitations.invite_member(db, team.owner, team.company.id, email, role, now=now)


def _token(sent: InvitationSent) -> str:
    [link] = [line for line in sent.mail.text.split() if "/invitation?token=" in line]
    return token_of(link)


def _notifications(db: Session, user_id: uuid.UUID) -> list[UserNotification]:
    return list(db.scalars(select(UserNotification).where(UserNotification.user_id == user_id)))


def _pending_count(db: Session, team: Team) -> int:
    return int(
        db.scalar(
            select(func.count()).where(
                CompanyEmployee.company_id == team.company.id,
                CompanyEmployee.employment_status == EmploymentStatus.PENDING,
            )
        )
        or 0
    )


# inviting


def test_an_invitation_is_a_pending_row_holding_only_the_links_hash(db: Session, team: Team) -> None:
    now = datetime.now(UTC)
    sent = _invite(db, team, email="  Casey.Jones@Example.TEST ", now=now)

    row = employee(db, sent.invitation.id)
    assert (row.invitation_email, row.team_role, row.invited_by) == (INVITEE, "recruiter", team.owner.user_id)
    assert (row.employment_status, row.user_id, row.is_admin, row.is_hiring_manager) == (
        EmploymentStatus.PENDING,
        None,
        False,
        False,
    )
    assert row.invitation_expires_at == now + INVITATION_LIFETIME
    token = _token(sent)
    assert row.invitation_token != token
    claim = signed_links.read(token, LinkPurpose.INVITATION, INVITATION_LIFETIME)
    assert claim.matches(row.invitation_token) and claim.subject == str(row.id)


def test_the_mail_names_company_inviter_role_expiry_and_the_link(db: Session, team: Team) -> None:
    sent = _invite(db, team, role="admin")

    message = sent.mail
    assert message.to == INVITEE
    assert message.subject == f"Olive {team.company.name} invited you to join {team.company.name} on JobHub"
    assert "as an admin" in message.text and sent.invitation.expires_on in message.text
    assert f"{get_settings().public_url}/invitation?token=" in message.text
    assert message.html and "/invitation?token=" in message.html


def test_an_address_already_on_the_team_is_refused(db: Session, team: Team) -> None:
    member = account(db, email="member@example.test")
    sent = _invite(db, team, email="member@example.test")
    acceptance.accept_invitation(db, member, _token(sent))

    with pytest.raises(Conflict, match="already on the"):
        _invite(db, team, email="MEMBER@example.test")
    assert _pending_count(db, team) == 0


def test_an_address_already_invited_is_refused_with_the_invitation_to_resend(db: Session, team: Team) -> None:
    first = _invite(db, team)

    with pytest.raises(AlreadyInvited) as refused:
        invitations.invite_member(db, team.admin, team.company.id, INVITEE.upper(), "hiring_manager")
    assert str(refused.value.invitation_id) == first.invitation.id and "Resend" in refused.value.message
    assert _pending_count(db, team) == 1


@pytest.mark.parametrize(
    ("email", "role", "field"),
    [
        ("", "recruiter", "email"),
        ("not an address", "recruiter", "email"),
        ("a" * 250 + "@example.test", "recruiter", "email"),
        (INVITEE, "boss", "role"),
        (INVITEE, "", "role"),
    ],
    ids=["empty", "no-at", "too-long", "unknown-role", "no-role"],
)
def test_bad_input_is_a_field_message_and_stores_nothing(
    db: Session, team: Team, email: str, role: str, field: str
) -> None:
    with pytest.raises(Invalid) as refused:
        _invite(db, team, email=email, role=role)
    assert refused.value.field == field
    assert _pending_count(db, team) == 0


def test_invitations_are_limited_per_company(
    db: Session, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    limiter = RateLimiter("memory://", {Scope.COMPANY_INVITATIONS: parse("2 per hour")})
    monkeypatch.setattr(rate_limits, "get_limiter", lambda: limiter)
    first = _invite(db, team, email="one@example.test")
    invitations.resend_invitation(db, team.owner, team.company.id, uuid.UUID(first.invitation.id))

    with pytest.raises(Conflict, match="Please wait 60 minutes"):
        _invite(db, team, email="two@example.test")
    assert _pending_count(db, team) == 1
    other = named_team(db)
    assert invitations.invite_member(db, other.owner, other.company.id, "two@example.test", "admin")


def test_an_invitee_with_an_account_is_told_in_app_without_the_link(db: Session, team: Team) -> None:
    invitee = account(db, email=INVITEE)

    sent = _invite(db, team)

    [notice] = _notifications(db, invitee.user_id)
    assert notice.title == f"Invitation to join {team.company.name}"
    assert "as a recruiter" in notice.message and notice.action_url is None
    assert _token(sent) not in notice.message


def test_the_invited_event_carries_no_address(db: Session, team: Team) -> None:
    sent = _invite(db, team)

    [data] = db.scalars(
        select(OutboxEvent.event_data).where(
            OutboxEvent.aggregate_id == team.company.id, OutboxEvent.event_type == COMPANY_MEMBER_INVITED
        )
    )
    assert data["invitation_id"] == sent.invitation.id and data["role"] == "recruiter"
    assert INVITEE not in str(data)


def test_the_service_only_returns_the_mail_so_a_rolled_back_invitation_sends_nothing(
    db: Session,
    team: Team,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    savepoint = db.begin_nested()
    _invite(db, team)
    savepoint.rollback()

    assert smtp_mail.received == []


def test_the_mailed_link_arrives_by_smtp_and_lets_the_invitee_join(
    db: Session,
    team: Team,
    smtp_mail: SmtpSink,  # noqa: F811
) -> None:
    invitee = account(db, email=INVITEE, first_name="Casey")
    sent = _invite(db, team)

    mail.send(sent.mail)

    [received] = smtp_mail.wait_for(INVITEE)
    assert received.subject == sent.mail.subject and received.html
    [link] = [link for link in received.links() if "/invitation?token=" in link]
    joined = acceptance.accept_invitation(db, invitee, token_of(link))
    assert (joined.company_name, joined.role_label) == (team.company.name, "Recruiter")


# opening and accepting


def test_the_preview_shows_what_the_link_offers(db: Session, team: Team) -> None:
    sent = _invite(db, team, role="hiring_manager")

    preview = acceptance.invitation_preview(db, _token(sent))

    assert preview.problem == "" and preview.viewer == ViewerFit.SIGNED_OUT
    assert (preview.company_name, preview.role_label, preview.email) == (
        team.company.name,
        "Hiring manager",
        INVITEE,
    )
    assert preview.invited_by == f"Olive {team.company.name}" and preview.expires_on


def test_the_right_account_joins_in_the_offered_role(db: Session, team: Team) -> None:
    invitee = account(db, email=INVITEE, first_name="Casey")
    sent = _invite(db, team, role="admin")
    assert acceptance.invitation_preview(db, _token(sent), invitee).viewer == ViewerFit.CAN_JOIN

    joined = acceptance.accept_invitation(db, invitee, _token(sent))

    assert joined.company_id == str(team.company.id)
    row = employee(db, sent.invitation.id)
    assert (row.user_id, row.employment_status, row.team_role, row.invitation_token) == (
        invitee.user_id,
        EmploymentStatus.ACTIVE,
        "admin",
        None,
    )
    assert row.joined_at is not None and row.is_admin and not row.is_hiring_manager
    assert membership_in(db, invitee.user_id, team.company.id).role == TeamRole.ADMIN  # type: ignore[union-attr]
    names = [m.name for m in teams.list_team(db, invitee, team.company.id).members]
    assert "Casey Lovelace" in names
    assert db.scalar(
        select(func.count()).where(
            OutboxEvent.aggregate_id == team.company.id, OutboxEvent.event_type == COMPANY_MEMBER_JOINED
        )
    )
    [notice] = _notifications(db, team.owner.user_id)
    assert notice.title == f"Casey Lovelace joined {team.company.name}"


def test_the_address_is_compared_case_insensitively(db: Session, team: Team) -> None:
    invitee = account(db, email=INVITEE)
    sent = _invite(db, team, email="Casey.JONES@example.TEST")

    assert acceptance.accept_invitation(db, invitee, _token(sent)).role_label == "Recruiter"


def test_a_link_works_once(db: Session, team: Team) -> None:
    invitee = account(db, email=INVITEE)
    token = _token(_invite(db, team))
    acceptance.accept_invitation(db, invitee, token)

    with pytest.raises(InvitationUnusable) as refused:
        acceptance.accept_invitation(db, invitee, token)
    assert refused.value.problem == LinkProblem.USED
    assert acceptance.invitation_preview(db, token).problem == LinkProblem.USED


@pytest.mark.parametrize("days", [7, 8, 30])
def test_a_link_expires_after_seven_days(db: Session, team: Team, days: int) -> None:
    invitee = account(db, email=INVITEE)
    now = datetime.now(UTC)
    sent = _invite(db, team, now=now)
    later = now + timedelta(days=days, seconds=1)

    with pytest.raises(InvitationUnusable) as refused:
        acceptance.accept_invitation(db, invitee, _token(sent), now=later)
    assert refused.value.problem == LinkProblem.EXPIRED
    assert acceptance.invitation_preview(db, _token(sent), invitee, now=later).problem == LinkProblem.EXPIRED
    assert employee(db, sent.invitation.id).employment_status == EmploymentStatus.PENDING


def test_a_link_still_works_just_before_it_expires(db: Session, team: Team) -> None:
    invitee = account(db, email=INVITEE)
    now = datetime.now(UTC)
    sent = _invite(db, team, now=now)

    joined = acceptance.accept_invitation(db, invitee, _token(sent), now=now + timedelta(days=6, hours=23))
    assert joined.role_label == "Recruiter"


def test_the_rows_expiry_is_checked_too(db: Session, team: Team) -> None:
    sent = _invite(db, team)
    row = employee(db, sent.invitation.id)
    row.invitation_expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.add(row)
    db.flush()

    assert acceptance.invitation_preview(db, _token(sent)).problem == LinkProblem.EXPIRED


def _tampered(token: str) -> list[str]:
    flipped = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    return [flipped, token[:-5], token + "x", "", "not-a-token", "a" * 5000, "\x00" + token]


def test_a_tampered_or_truncated_link_is_invalid(db: Session, team: Team) -> None:
    invitee = account(db, email=INVITEE)
    token = _token(_invite(db, team))

    for bad in _tampered(token):
        assert acceptance.invitation_preview(db, bad).problem == LinkProblem.INVALID, bad
        with pytest.raises(InvitationUnusable):
            acceptance.accept_invitation(db, invitee, bad)
    assert membership_in(db, invitee.user_id, team.company.id) is None


def test_a_link_of_another_purpose_for_the_same_row_is_invalid(db: Session, team: Team) -> None:
    sent = _invite(db, team)
    forged = signed_links.issue(LinkPurpose.VERIFY_EMAIL, sent.invitation.id).token

    assert acceptance.invitation_preview(db, forged).problem == LinkProblem.INVALID


def test_another_account_is_told_which_address_was_invited(db: Session, team: Team) -> None:
    stranger = account(db, email="someone.else@example.test")
    token = _token(_invite(db, team))

    preview = acceptance.invitation_preview(db, token, stranger)
    assert preview.viewer == ViewerFit.WRONG_ACCOUNT
    assert INVITEE in preview.viewer_message and "someone.else@example.test" in preview.viewer_message
    with pytest.raises(Forbidden, match=INVITEE):
        acceptance.accept_invitation(db, stranger, token)
    assert employee(db, _invite_id(db, team)).employment_status == EmploymentStatus.PENDING


def _invite_id(db: Session, team: Team) -> uuid.UUID:
    return db.execute(
        select(CompanyEmployee.id).where(
            CompanyEmployee.company_id == team.company.id, CompanyEmployee.invitation_email == INVITEE
        )
    ).scalar_one()


def test_a_job_seeker_account_with_the_address_cannot_join(db: Session, team: Team) -> None:
    seeker = account(db, email=INVITEE, user_type=UserType.JOB_SEEKER)
    token = _token(_invite(db, team))

    preview = acceptance.invitation_preview(db, token, seeker)
    assert preview.viewer == ViewerFit.NOT_EMPLOYER and "not an employer account" in preview.viewer_message
    with pytest.raises(Forbidden, match="not an employer account"):
        acceptance.accept_invitation(db, seeker, token)
    assert membership_in(db, seeker.user_id, team.company.id) is None


def test_nobody_signed_in_is_asked_to_sign_in(db: Session, team: Team) -> None:
    with pytest.raises(SignInRequired):
        acceptance.accept_invitation(db, None, _token(_invite(db, team)))


def test_a_revoked_invitation_says_so(db: Session, team: Team) -> None:
    invitee = account(db, email=INVITEE)
    sent = _invite(db, team)
    invitations.revoke_invitation(db, team.admin, team.company.id, uuid.UUID(sent.invitation.id))

    assert acceptance.invitation_preview(db, _token(sent)).problem == LinkProblem.REVOKED
    with pytest.raises(InvitationUnusable, match="withdrawn"):
        acceptance.accept_invitation(db, invitee, _token(sent))
    assert teams.list_team(db, team.owner, team.company.id).invitations == []


def test_a_resent_invitation_replaces_the_old_link_and_gives_seven_more_days(db: Session, team: Team) -> None:
    invitee = account(db, email=INVITEE)
    start = datetime.now(UTC)
    first = _invite(db, team, now=start)
    later = start + timedelta(days=10)

    second = invitations.resend_invitation(
        db, team.admin, team.company.id, uuid.UUID(first.invitation.id), now=later
    )

    assert acceptance.invitation_preview(db, _token(first), now=later).problem == LinkProblem.EXPIRED
    assert acceptance.invitation_preview(db, _token(first)).problem == LinkProblem.REPLACED
    assert employee(db, first.invitation.id).invitation_expires_at == later + INVITATION_LIFETIME
    assert second.invitation.invited_by == f"Adam {team.company.name}"
    assert acceptance.accept_invitation(db, invitee, _token(second)).role_label == "Recruiter"


def test_someone_already_on_the_team_is_told_so(db: Session, team: Team) -> None:
    invitee = account(db, email=INVITEE)
    first = _invite(db, team)
    acceptance.accept_invitation(db, invitee, _token(first))
    # A second invitation from before the first was accepted (invite_member refuses one made now).
    row = CompanyEmployee(
        company_id=team.company.id,
        team_role="admin",
        employment_status=EmploymentStatus.PENDING,
        invitation_email=INVITEE,
        invited_by=team.owner.user_id,
    )
    db.add(row)
    db.flush()
    second = invitations.resend_invitation(db, team.owner, team.company.id, row.id)

    assert acceptance.invitation_preview(db, _token(second), invitee).viewer == ViewerFit.ALREADY_MEMBER
    with pytest.raises(Conflict, match="already"):
        acceptance.accept_invitation(db, invitee, _token(second))


def test_a_former_member_who_is_invited_again_rejoins_on_one_row(db: Session, team: Team) -> None:
    invitee = account(db, email=INVITEE)
    acceptance.accept_invitation(db, invitee, _token(_invite(db, team)))
    teams.remove_member(db, team.owner, team.company.id, member_id(db, team, invitee))

    acceptance.accept_invitation(db, invitee, _token(_invite(db, team, role="hiring_manager")))

    rows = list(
        db.scalars(
            select(CompanyEmployee).where(
                CompanyEmployee.company_id == team.company.id, CompanyEmployee.user_id == invitee.user_id
            )
        )
    )
    assert [(r.employment_status, r.team_role) for r in rows] == [(EmploymentStatus.ACTIVE, "hiring_manager")]


def test_the_link_of_a_deleted_company_is_invalid(db: Session, team: Team) -> None:
    token = _token(_invite(db, team))
    team.company.deleted_at = datetime.now(UTC)
    db.add(team.company)
    db.flush()

    assert acceptance.invitation_preview(db, token).problem == LinkProblem.INVALID
