"""The editor's state: a refused save marks every bad field and stores nothing, a good one creates the
company; uploads ignore the file's name and size claims; a recruiter's forged save changes nothing.

Rows are committed (the handlers open their own transactions) and removed after each test.
"""

from __future__ import annotations

import asyncio
import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import reflex as rx
from reflex.state import State
from sqlalchemy import Engine, select, text

from jobhub.auth.models import Role, User, UserRole
from jobhub.auth.permissions import RoleName
from jobhub.auth.session_tokens import SESSION_COOKIE, issue_session
from jobhub.companies.company_editor_state import NOT_SET, CompanyEditorState
from jobhub.companies.models import Company, CompanyEmployee, TeamRole
from jobhub.platform import storage
from jobhub.platform.db import session_scope
from tests.auth.support import delete_users
from tests.companies.images import png_bytes

PATH = "/employer/company"


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(storage, "files_root", lambda: tmp_path / "files")
    return tmp_path


@pytest.fixture
def accounts(engine: Engine) -> Iterator[list[tuple[uuid.UUID, str]]]:
    """Employer accounts (id, session token) made on demand; they and their companies go afterwards."""
    made: list[tuple[uuid.UUID, str]] = []
    yield made
    ids = [user_id for user_id, _ in made]
    with engine.begin() as conn:
        companies = list(
            conn.execute(
                text("SELECT id FROM companies.companies WHERE created_by = ANY(:ids)"), {"ids": ids}
            ).scalars()
        )
        for statement in (
            "DELETE FROM companies.outbox_events WHERE aggregate_id = ANY(:companies)",
            "DELETE FROM companies.domain_events WHERE aggregate_id = ANY(:companies)",
            "DELETE FROM companies.company_employees WHERE company_id = ANY(:companies)",
            "DELETE FROM companies.companies WHERE id = ANY(:companies)",
        ):
            conn.execute(text(statement), {"companies": companies})
    delete_users(engine, ids)


def employer(accounts: list[tuple[uuid.UUID, str]]) -> tuple[uuid.UUID, str]:
    with session_scope() as db:
        user = User(
            email=f"editor.{uuid.uuid4().hex[:10]}@example.test",
            first_name="Erin",
            last_name="Editor",
            user_type="employer",
        )
        db.add(user)
        db.flush()
        role = db.scalars(select(Role).where(Role.name == RoleName.EMPLOYER)).one()
        db.add(UserRole(user_id=user.id, role_id=role.id))
        account = (user.id, issue_session(db, user.id))
    accounts.append(account)
    return account


def editor(token: str) -> CompanyEditorState:
    """The editor's state for a browser tab signed in with ``token``."""
    root = State(_reflex_internal_init=True)
    root.router_data = root._update_router_vars(
        {
            "headers": {"cookie": f"{SESSION_COOKIE}={token}", "user-agent": "pytest-browser"},
            "pathname": PATH,
            "asPath": PATH,
            "query": {},
            "token": "tab-1",
            "sid": "socket-1",
            "ip": "192.0.2.10",
        },
        {},
    )
    state = root.get_substate(CompanyEditorState.get_full_name().split("."))
    CompanyEditorState.load.fn(state)
    return state  # type: ignore[return-value]


def save(state: CompanyEditorState, **fields: str) -> None:
    data: dict[str, Any] = {
        key: NOT_SET for key in ("company_size", "company_type", "remote_policy")
    } | fields
    list(CompanyEditorState.save.fn(state, data))


def run(coroutine_gen: Any) -> None:
    async def drain() -> None:
        async for _ in coroutine_gen:
            pass

    asyncio.run(drain())


def companies_of(user_id: uuid.UUID) -> list[Company]:
    with session_scope() as db:
        return list(db.scalars(select(Company).where(Company.created_by == user_id)))


def test_a_refused_save_marks_every_bad_field_and_stores_nothing(
    accounts: list[tuple[uuid.UUID, str]],
) -> None:
    user_id, token = employer(accounts)
    state = editor(token)
    assert (state.has_company, state.editable) == (False, True)
    key = state.form_key

    save(state, name="A", website_url="javascript:alert(1)", founded_year="1700")

    assert set(state.errors) == {"name", "website_url", "founded_year"}
    assert state.form_key == key, "the form keeps what was typed"
    assert companies_of(user_id) == []


def test_a_good_save_creates_the_company_and_makes_the_user_its_owner(
    accounts: list[tuple[uuid.UUID, str]],
) -> None:
    user_id, token = employer(accounts)
    state = editor(token)

    save(state, name="Acme Robotics", company_size="51-200", benefits="Pension\nLunch")

    (company,) = companies_of(user_id)
    assert (state.has_company, state.company_name, state.team_role_label) == (True, "Acme Robotics", "Owner")
    assert state.values["company_size"] == "51-200" and state.values["company_type"] == NOT_SET
    assert state.values["benefits"] == "Pension\nLunch"
    assert state.public_path == f"/companies/{company.slug}" and state.errors == {}


def test_an_upload_ignores_the_files_name_and_is_stored_under_a_drawn_one(
    accounts: list[tuple[uuid.UUID, str]], files_dir: Path
) -> None:
    user_id, token = employer(accounts)
    state = editor(token)
    save(state, name=f"Acme {uuid.uuid4().hex[:6]}")
    data = png_bytes()
    crafted = storage_upload(data, "../../../../tmp/evil.png")

    run(CompanyEditorState.upload_logo.fn(state, [crafted]))

    (company,) = companies_of(user_id)
    assert state.logo_error == "" and state.logo_url == company.logo_url
    stored = [path for path in files_dir.rglob("*") if path.is_file()]
    assert [path.relative_to(files_dir).parts[:3] for path in stored] == [("files", "public", "logos")]
    assert stored[0].read_bytes() == data and "evil" not in stored[0].name


def test_an_oversized_upload_is_refused_after_reading_one_byte_past_the_limit(
    accounts: list[tuple[uuid.UUID, str]],
) -> None:
    user_id, token = employer(accounts)
    state = editor(token)
    save(state, name=f"Acme {uuid.uuid4().hex[:6]}")
    limit = storage.RULES[storage.FileKind.IMAGE].max_bytes
    huge = storage_upload(png_bytes() + b"\x00" * (3 * limit), "logo.png")

    run(CompanyEditorState.upload_cover.fn(state, [huge]))

    assert "over 5 MB" in state.cover_error
    assert huge.file.bytes_read == limit + 1
    assert companies_of(user_id)[0].cover_image_url is None


def test_a_member_who_may_not_edit_sees_it_read_only_and_a_forged_save_changes_nothing(
    accounts: list[tuple[uuid.UUID, str]],
) -> None:
    owner_id, owner_token = employer(accounts)
    owner_state = editor(owner_token)
    save(owner_state, name=f"Acme {uuid.uuid4().hex[:6]}", tagline="Original")
    (company,) = companies_of(owner_id)
    recruiter_id, recruiter_token = employer(accounts)
    with session_scope() as db:
        db.add(CompanyEmployee(company_id=company.id, user_id=recruiter_id, team_role=TeamRole.RECRUITER))

    state = editor(recruiter_token)
    save(state, name=company.name, tagline="Forged")
    run(CompanyEditorState.upload_logo.fn(state, [storage_upload(png_bytes(), "logo.png")]))

    assert (state.has_company, state.editable) == (True, False)
    (after,) = companies_of(owner_id)
    assert (after.tagline, after.logo_url) == ("Original", None)


class CountedBytes(io.BytesIO):
    """A file that remembers how much of it the handler read."""

    bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def storage_upload(data: bytes, name: str) -> rx.UploadFile:
    """What Reflex hands an upload handler: the bytes and the name the browser claimed."""
    return rx.UploadFile(file=CountedBytes(data), path=Path(name), size=len(data))
