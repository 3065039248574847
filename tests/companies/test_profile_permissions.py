"""Who may create a company page and change one: every (who, action) cell, ids of another company included.

Each refused cell also checks that nothing changed: the company keeps its tagline and logo and
no event was written.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import Principal
from jobhub.companies import profile
from jobhub.companies.company_form import CompanyForm
from jobhub.companies.models import Company, DomainEvent
from jobhub.platform import storage
from jobhub.platform.errors import Forbidden, NotFound
from tests.companies.images import png_bytes
from tests.factories import Team, principal_with_role

ALLOWED = None
ACTIONS = ("create", "update", "set_image", "remove_image")
EDITOR = {"create": ALLOWED, "update": ALLOWED, "set_image": ALLOWED, "remove_image": ALLOWED}
MEMBER = {"create": ALLOWED, "update": Forbidden, "set_image": Forbidden, "remove_image": Forbidden}
OUTSIDER_EMPLOYER = {"create": ALLOWED, "update": NotFound, "set_image": NotFound, "remove_image": NotFound}
OTHER_ACCOUNT = {"create": Forbidden, "update": NotFound, "set_image": NotFound, "remove_image": NotFound}
EXPECTED: dict[str, dict[str, type[Exception] | None]] = {
    "owner": EDITOR,
    "admin": EDITOR,
    "recruiter": MEMBER,
    "hiring_manager": MEMBER,
    "other_company_owner": OUTSIDER_EMPLOYER,
    "job_seeker": OTHER_ACCOUNT,
    "platform_admin": OTHER_ACCOUNT,
    "anonymous": dict.fromkeys(ACTIONS, SignInRequired),
}
TAGLINE = "Changed by the permission test"


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(storage, "files_root", lambda: tmp_path)
    return tmp_path


def _who(name: str, team: Team, other_team: Team) -> Principal | None:
    people: dict[str, Callable[[], Principal | None]] = {
        "owner": lambda: team.owner,
        "admin": lambda: team.admin,
        "recruiter": lambda: team.recruiter,
        "hiring_manager": lambda: team.hiring_manager,
        "other_company_owner": lambda: other_team.owner,
        "job_seeker": lambda: principal_with_role("job_seeker"),
        "platform_admin": lambda: principal_with_role("admin"),
        "anonymous": lambda: None,
    }
    return people[name]()


def _act(db: Session, action: str, who: Principal | None, company: Company) -> None:
    if action == "create":
        profile.create_company(db, who, CompanyForm(name=f"New {uuid.uuid4().hex[:8]}"))
    elif action == "update":
        profile.update_company(db, who, company.id, replace(profile.stored_form(company), tagline=TAGLINE))
    elif action == "set_image":
        profile.set_company_image(db, who, company.id, "logo", png_bytes())
    else:
        profile.remove_company_image(db, who, company.id, "cover")


def _event_count(db: Session) -> int:
    return db.execute(select(func.count()).select_from(DomainEvent)).scalar_one()


CELLS = [(who, action) for who in EXPECTED for action in ACTIONS]


@pytest.mark.parametrize(("who_name", "action"), CELLS, ids=[f"{w}-{a}" for w, a in CELLS])
def test_each_cell_of_the_permission_table(
    db: Session, team: Team, other_team: Team, files_dir: Path, who_name: str, action: str
) -> None:
    team.company.cover_image_url = "/files/public/covers/" + "c" * 32 + ".png"
    db.flush()
    before = (team.company.tagline, team.company.logo_url, team.company.cover_image_url)
    events_before = _event_count(db)
    expected = EXPECTED[who_name][action]
    who = _who(who_name, team, other_team)

    if expected is None:
        _act(db, action, who, team.company)
        assert _event_count(db) == events_before + 1
        return
    with pytest.raises(expected) as refused:
        _act(db, action, who, team.company)

    assert type(refused.value) is expected
    db.refresh(team.company)
    assert (team.company.tagline, team.company.logo_url, team.company.cover_image_url) == before
    assert _event_count(db) == events_before
    assert not list(files_dir.rglob("*.png"))


@pytest.mark.parametrize("action", ACTIONS[1:])
def test_an_owner_cannot_reach_another_company_by_its_id(
    db: Session, team: Team, other_team: Team, action: str
) -> None:
    with pytest.raises(NotFound):
        _act(db, action, team.owner, other_team.company)

    db.refresh(other_team.company)
    assert other_team.company.tagline is None and other_team.company.logo_url is None


@pytest.mark.parametrize("action", ACTIONS[1:])
def test_an_id_of_no_company_is_not_found(db: Session, team: Team, action: str) -> None:
    ghost = Company(id=uuid.uuid4(), name="Ghost", slug="ghost")

    with pytest.raises(NotFound):
        _act(db, action, team.owner, ghost)


def test_a_member_sees_the_editor_read_only(db: Session, team: Team, other_team: Team) -> None:
    assert profile.company_for_editor(db, team.owner, team.company.id).editable
    assert not profile.company_for_editor(db, team.recruiter, team.company.id).editable
    with pytest.raises(NotFound):
        profile.company_for_editor(db, other_team.owner, team.company.id)
