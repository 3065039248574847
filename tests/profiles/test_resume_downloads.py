"""Who may fetch a resume: the owner, and the team of a company applied to with that very resume.

Everyone else gets ``NotFound`` (404 on the route), the answer for an id that does not exist."""

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
from jobhub.auth.models import Role, UserRole
from jobhub.auth.principal import Principal
from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session
from jobhub.companies.models import CompanyEmployee, TeamRole
from jobhub.jobs.models import ApplicationStatus
from jobhub.platform.errors import NotFound
from jobhub.profiles import resume_routes
from jobhub.profiles.models import Resume
from jobhub.profiles.resume_downloads import resume_file, safe_file_name
from jobhub.profiles.resumes import download_path, preview_path
from tests.factories import Team, add, make_application, make_company, make_job, make_user
from tests.profiles.resume_files import docx_bytes, pdf_bytes
from tests.profiles.resume_support import upload, upload_and_read

pytestmark = pytest.mark.usefixtures("files_dir", "task_queue")


def applied(db: Session, team: Team, seeker: Principal, resume_id: str | None, **overrides: object) -> None:
    job = make_job(company_id=team.company.id, employer_id=team.owner.user_id)
    add(db, job)
    add(
        db,
        make_application(
            job, applicant_id=seeker.user_id, resume_id=resume_id and uuid.UUID(resume_id), **overrides
        ),
    )


def fetch(db: Session, who: Principal | None, resume_id: str, *, count: bool = True) -> bytes:
    return resume_file(db, who, uuid.UUID(resume_id), count=count).data


def test_the_owner_gets_the_file_and_their_own_downloads_are_not_counted(
    db: Session, seeker: Principal
) -> None:
    data = pdf_bytes()
    view = upload(db, seeker, data)

    assert fetch(db, seeker, view.id) == data
    assert db.get_one(Resume, uuid.UUID(view.id), populate_existing=True).download_count == 0


@pytest.mark.parametrize("role", list(TeamRole))
def test_every_team_role_of_a_company_applied_to_with_that_resume_gets_it_and_it_is_counted(
    db: Session, team: Team, seeker: Principal, role: TeamRole
) -> None:
    data = pdf_bytes()
    view = upload(db, seeker, data)
    applied(db, team, seeker, view.id)

    assert fetch(db, team.members[role], view.id) == data
    row = db.get_one(Resume, uuid.UUID(view.id), populate_existing=True)
    assert row.download_count == 1 and row.last_downloaded_at is not None


def test_a_preview_by_the_team_is_not_counted(db: Session, team: Team, seeker: Principal) -> None:
    view = upload(db, seeker)
    applied(db, team, seeker, view.id)

    fetch(db, team.recruiter, view.id, count=False)

    assert db.get_one(Resume, uuid.UUID(view.id), populate_existing=True).download_count == 0


def test_the_team_of_another_company_gets_nothing(
    db: Session, team: Team, other_team: Team, seeker: Principal
) -> None:
    view = upload(db, seeker)
    applied(db, team, seeker, view.id)

    with pytest.raises(NotFound):
        fetch(db, other_team.owner, view.id)


def test_a_team_applied_to_with_another_resume_does_not_get_this_one(
    db: Session, team: Team, seeker: Principal
) -> None:
    sent = upload(db, seeker, name="sent.pdf")
    kept = upload(db, seeker, name="kept.pdf")
    applied(db, team, seeker, sent.id)

    assert fetch(db, team.owner, sent.id)
    with pytest.raises(NotFound):
        fetch(db, team.owner, kept.id)


def test_a_withdrawn_application_no_longer_shares_the_resume(
    db: Session, team: Team, seeker: Principal
) -> None:
    view = upload(db, seeker)
    applied(db, team, seeker, view.id, status=ApplicationStatus.WITHDRAWN)

    with pytest.raises(NotFound):
        fetch(db, team.owner, view.id)


@pytest.mark.parametrize("who", ["other_seeker", "anonymous", "admin"])
def test_anyone_else_gets_not_found(
    db: Session, team: Team, seeker: Principal, other_seeker: Principal, platform_admin: Principal, who: str
) -> None:
    view = upload(db, seeker)
    applied(db, team, seeker, view.id)
    viewer = {"other_seeker": other_seeker, "anonymous": None, "admin": platform_admin}[who]

    with pytest.raises(NotFound):
        fetch(db, viewer, view.id)


def test_an_unknown_id_is_not_found(db: Session, seeker: Principal) -> None:
    with pytest.raises(NotFound):
        fetch(db, seeker, str(uuid.uuid4()))


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ('Jane "CV"; filename=evil.exe', "Jane CV filename evil.exe.pdf"),
        ("../../etc/passwd", "etc passwd.pdf"),
        ("Zo\u00eb \u00dcnl\u00fc \u2013 2026", "Zoe Unlu 2026.pdf"),
        ("...", "resume.pdf"),
    ],
)
def test_the_download_name_is_safe_for_a_header(label: str, expected: str) -> None:
    assert safe_file_name(label, "application/pdf") == expected


# The routes, through the real HTTP app and the test's session.


@pytest.fixture
def client(db: Session, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    @contextlib.contextmanager
    def same_session() -> Iterator[Session]:
        yield db

    monkeypatch.setattr(resume_routes, "session_scope", same_session)
    with TestClient(build_http_api(), base_url="http://localhost:8000") as test:
        yield test


def account(db: Session, role: str) -> tuple[Principal, str]:
    """A stored account holding ``role`` and a session token for it."""
    user = make_user(user_type=role)
    add(db, user)
    role_id = db.scalars(select(Role.id).where(Role.name == role)).one()
    add(db, UserRole(user_id=user.id, role_id=role_id))
    return Principal(user_id=user.id, user_type=role), issue_session(db, user.id)


def get(client: TestClient, path: str, token: str | None) -> httpx.Response:
    return client.get(path, cookies={SESSION_COOKIE: token} if token else {})


def test_the_owner_downloads_an_attachment_under_a_safe_name_never_cached(
    db: Session, client: TestClient
) -> None:
    owner, token = account(db, "job_seeker")
    data = pdf_bytes()
    view = upload(db, owner, data, 'My "best" CV.pdf')

    response = get(client, download_path(view.id), token)

    assert response.status_code == 200 and response.content == data
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="My best CV.pdf"'
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_team_member_previews_the_pdf_inline_and_a_docx_as_its_text(
    db: Session, client: TestClient
) -> None:
    owner, _ = account(db, "job_seeker")
    member, token = account(db, "employer")
    company = make_company()
    add(db, company)
    add(db, CompanyEmployee(company_id=company.id, user_id=member.user_id, team_role=TeamRole.RECRUITER))
    pdf = upload(db, owner, pdf_bytes())
    word = upload_and_read(db, owner, docx_bytes(), "cv.docx")
    for resume_id in (pdf.id, str(word.id)):
        job = make_job(company_id=company.id, employer_id=member.user_id)
        add(db, job)
        add(db, make_application(job, applicant_id=owner.user_id, resume_id=uuid.UUID(resume_id)))

    inline = get(client, preview_path(pdf.id), token)
    text = get(client, preview_path(word.id), token)

    assert inline.status_code == 200 and inline.headers["content-disposition"].startswith("inline;")
    assert inline.content == pdf_bytes()
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    assert "Senior Software Engineer" in text.text and "@" not in text.text


@pytest.mark.parametrize("who", ["anonymous", "other_seeker", "bad_id"])
def test_anyone_else_gets_404_from_the_routes(db: Session, client: TestClient, who: str) -> None:
    owner, _ = account(db, "job_seeker")
    _, other_token = account(db, "job_seeker")
    view = upload(db, owner)
    path = download_path("not-a-uuid") if who == "bad_id" else download_path(view.id)
    token = {"anonymous": None, "other_seeker": other_token, "bad_id": other_token}[who]

    assert get(client, path, token).status_code == 404
    assert get(client, preview_path(view.id), token).status_code == 404
