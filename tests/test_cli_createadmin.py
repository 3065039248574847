"""``python -m jobhub createadmin EMAIL``: a new active, verified admin, or the role for an existing one."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from jobhub.auth.models import AuditLog, Role, User, UserRole
from jobhub.auth.passwords import verify_password
from jobhub.auth.principal import resolve_principal
from jobhub.auth.session_tokens import issue_session
from jobhub.cli import main
from jobhub.platform.db import session_scope

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"


def _email() -> str:
    return f"Admin.{uuid.uuid4().hex[:8]}@Example.com"


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def _no_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(prompt: str = "") -> str:
        raise AssertionError(f"unexpected password prompt: {prompt}")

    monkeypatch.setattr("getpass.getpass", refuse)


def _user(email: str) -> User | None:
    with session_scope() as db:
        return db.scalars(select(User).where(User.email == email.lower())).one_or_none()


def _admin_audits(user_id: uuid.UUID) -> list[AuditLog]:
    with session_scope() as db:
        return list(
            db.scalars(
                select(AuditLog).where(AuditLog.resource_id == user_id, AuditLog.action == "role_assigned")
            )
        )


def test_creates_an_active_verified_admin_from_a_password_on_stdin(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    email = _email()
    _stdin(monkeypatch, f"{PASSWORD}\n")

    assert main(["createadmin", email, "--password-stdin", "--first-name", "Ada"]) == 0

    user = _user(email)
    assert user is not None
    assert (user.email, user.user_type, user.status, user.email_verified) == (
        email.lower(),
        "admin",
        "active",
        True,
    )
    assert user.first_name == "Ada" and verify_password(PASSWORD, user.password_hash)
    with session_scope() as db:
        principal = resolve_principal(db, issue_session(db, user.id))
    assert principal is not None and "admin" in principal.roles and "users:manage" in principal.permissions
    [row] = _admin_audits(user.id)
    assert row.user_id is None and row.new_values == {
        "role": "admin",
        "via": "createadmin",
        "account_created": True,
    }
    assert "created administrator" in capsys.readouterr().out


def test_asks_for_the_password_twice_when_interactive(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([PASSWORD, PASSWORD])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    email = _email()

    assert main(["createadmin", email]) == 0

    assert len(prompts) == 2
    assert _user(email) is not None


def test_two_different_passwords_create_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    email = _email()

    assert main(["createadmin", email]) == 1

    assert _user(email) is None
    assert "differ" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "at least 12 characters"),
        ("x" * 11, "at least 12 characters"),
        ("", "at least 12 characters"),
        ("xy" * 65, "at most 128 characters"),
        ("password12345!", "too common"),
    ],
)
def test_the_registration_password_policy_applies(
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    password: str,
    message: str,
) -> None:
    email = _email()
    _stdin(monkeypatch, f"{password}\n")

    assert main(["createadmin", email, "--password-stdin"]) == 1

    assert _user(email) is None
    assert message in capsys.readouterr().err


def test_an_invalid_email_is_refused(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["createadmin", "not-an-email", "--password-stdin"]) == 1
    assert "not a valid email" in capsys.readouterr().err


def test_an_existing_account_gains_the_role_without_a_password_prompt(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    email = _email().lower()
    with session_scope() as db:
        seeker = User(
            email=email, first_name="Sam", last_name="Seeker", user_type="job_seeker", password_hash="kept"
        )
        db.add(seeker)
        db.flush()
        seeker_id = seeker.id
    _no_prompt(monkeypatch)

    assert main(["createadmin", email]) == 0
    assert main(["createadmin", email]) == 0

    out = capsys.readouterr().out
    assert "granted the admin role" in out and "already an administrator" in out
    user = _user(email)
    assert user is not None and user.password_hash == "kept" and user.user_type == "job_seeker"
    with session_scope() as db:
        grant = db.scalars(
            select(UserRole)
            .join(Role, Role.id == UserRole.role_id)
            .where(UserRole.user_id == seeker_id, Role.name == "admin")
        ).one()
    assert grant.is_active and grant.expires_at is None
    [row] = _admin_audits(seeker_id)
    assert row.new_values["account_created"] is False


def test_the_command_runs_as_a_script(engine: Engine, database_url: str) -> None:
    email = _email()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBHUB_")}
    env.update(
        {"PYTHONPATH": str(PROJECT_ROOT), "JOBHUB_DATABASE_URL": database_url, "JOBHUB_ENVIRONMENT": "test"}
    )

    result = subprocess.run(
        [sys.executable, "-m", "jobhub", "createadmin", email, "--password-stdin"],
        input=f"{PASSWORD}\n",
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    assert _user(email) is not None
