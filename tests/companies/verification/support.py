"""What the verification tests build: members with stored, confirmed addresses at the company's own
domain, and a pending request."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from jobhub.auth.models import User, UserType
from jobhub.auth.principal import Principal
from jobhub.companies.models import VerificationMethod
from jobhub.companies.verification import UploadedDocument, latest_request, request_verification
from tests.factories import Team, add, make_team

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
DOCUMENT = UploadedDocument(PDF_BYTES, "Handelsregister Auszug.pdf")


def give_address(db: Session, who: Principal, email: str, *, verified: bool = True) -> None:
    """A stored account for a test principal (the team fixtures have none) with ``email``."""
    add(
        db,
        User(
            id=who.user_id,
            email=email,
            first_name=who.display_name.split(" ")[0] or "Member",
            last_name="Tester",
            user_type=who.user_type or UserType.EMPLOYER,
            email_verified=verified,
        ),
    )


def verifiable_team(db: Session) -> Team:
    """A team at ``https://www.<slug>.test`` whose members' confirmed addresses are at that domain."""
    team = make_team(db)
    team.company.website_url = f"https://www.{team.company.slug}.test"
    add(db, team.company)
    for role, who in team.members.items():
        give_address(db, who, f"{role.value}@{team.company.slug}.test")
    return team


def pending_request(db: Session, team: Team, method: str = VerificationMethod.DOCUMENTS) -> uuid.UUID:
    """The id of a request the owner sent (documents by default, so it has a file)."""
    document = DOCUMENT if method == VerificationMethod.DOCUMENTS else None
    request_verification(db, team.owner, team.company.id, method, document)
    row = latest_request(db, team.company.id)
    assert row is not None
    return row.id
