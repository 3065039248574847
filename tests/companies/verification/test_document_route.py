"""``GET /admin/verification/{id}/document``: the bytes to an administrator, never cached; nobody else."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select
from sqlmodel import Session
from starlette.testclient import TestClient

from jobhub.api import build_http_api
from jobhub.auth.models import Role, User, UserRole
from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session
from jobhub.companies import verification_routes
from jobhub.companies.models import VerificationMethod
from jobhub.companies.verification_routes import document_path
from tests.companies.verification.support import PDF_BYTES, pending_request
from tests.factories import Team, add, make_user


@pytest.fixture
def client(db: Session, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The real routes, reading through the test's rolled-back session."""

    @contextlib.contextmanager
    def same_session() -> Iterator[Session]:
        yield db

    monkeypatch.setattr(verification_routes, "session_scope", same_session)
    with TestClient(build_http_api(), base_url="http://localhost:8000") as test:
        yield test


def _token(db: Session, role: str | None, user_type: str = "admin") -> str:
    user = make_user(user_type=user_type)
    add(db, user)
    if role:
        role_id = db.scalars(select(Role.id).where(Role.name == role)).one()
        add(db, UserRole(user_id=user.id, role_id=role_id))
    return issue_session(db, user.id)


def _get(client: TestClient, request_id: uuid.UUID | str, token: str | None) -> httpx.Response:
    cookies = {SESSION_COOKIE: token} if token else {}
    return client.get(document_path(str(request_id)), cookies=cookies)


def test_an_admin_downloads_the_bytes_as_a_private_attachment(
    db: Session, vteam: Team, client: TestClient
) -> None:
    request_id = pending_request(db, vteam)

    response = _get(client, request_id, _token(db, "admin"))

    assert response.status_code == 200
    assert response.content == PDF_BYTES
    headers = response.headers
    assert headers["content-type"] == "application/pdf"
    assert headers["cache-control"] == "no-store"
    assert headers["content-disposition"] == f'attachment; filename="verification-{vteam.company.slug}.pdf"'
    assert headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in headers["content-security-policy"]


@pytest.mark.parametrize(
    ("role", "user_type", "status"),
    [
        (None, "", 401),
        ("moderator", "admin", 403),
        ("employer", "employer", 403),
        ("job_seeker", "job_seeker", 403),
    ],
    ids=["anonymous", "moderator", "employer", "seeker"],
)
def test_anyone_else_gets_nothing(
    db: Session, vteam: Team, client: TestClient, role: str | None, user_type: str, status: int
) -> None:
    request_id = pending_request(db, vteam)
    token = _token(db, role, user_type) if role else None

    response = _get(client, request_id, token)

    assert response.status_code == status
    assert PDF_BYTES not in response.content


def test_the_requesting_owner_cannot_download_it_either(db: Session, vteam: Team, client: TestClient) -> None:
    request_id = pending_request(db, vteam)
    owner = db.get_one(User, vteam.owner.user_id)
    role_id = db.scalars(select(Role.id).where(Role.name == "employer")).one()
    add(db, UserRole(user_id=owner.id, role_id=role_id))

    assert _get(client, request_id, issue_session(db, owner.id)).status_code == 403


@pytest.mark.parametrize("request_id", ["not-a-uuid", str(uuid.uuid4())], ids=["malformed", "unknown"])
def test_an_unknown_request_is_404_even_for_an_admin(
    db: Session, client: TestClient, request_id: str
) -> None:
    assert _get(client, request_id, _token(db, "admin")).status_code == 404


def test_an_email_request_has_nothing_to_download(db: Session, vteam: Team, client: TestClient) -> None:
    request_id = pending_request(db, vteam, VerificationMethod.EMAIL_DOMAIN)

    assert _get(client, request_id, _token(db, "admin")).status_code == 404


def test_a_cross_site_fetch_is_refused(db: Session, vteam: Team, client: TestClient) -> None:
    request_id = pending_request(db, vteam)

    response = client.get(
        document_path(str(request_id)),
        cookies={SESSION_COOKIE: _token(db, "admin")},
        headers={"sec-fetch-site": "cross-site"},
    )

    assert response.status_code == 403
