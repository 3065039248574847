"""Logo and cover uploads: judged by their bytes, stored under server-drawn names, old files removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlmodel import Session

from jobhub.companies import profile
from jobhub.platform import storage
from jobhub.platform.errors import Invalid
from tests.companies.images import PDF_BYTES, SVG_BYTES, png_bytes
from tests.factories import Team

KEY_SHAPE = r"^/files/public/{area}/[0-9a-f]{{32}}\.png$"


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(storage, "files_root", lambda: tmp_path)
    return tmp_path


def stored_files(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.mark.parametrize(
    ("kind", "area", "column"), [("logo", "logos", "logo_url"), ("cover", "covers", "cover_image_url")]
)
def test_an_image_is_stored_under_a_server_drawn_name(
    db: Session, team: Team, files_dir: Path, kind: str, area: str, column: str
) -> None:
    view = profile.set_company_image(db, team.admin, team.company.id, kind, png_bytes())

    url = getattr(team.company, column)
    assert url == (view.logo_url if kind == "logo" else view.cover_image_url)
    assert url is not None
    assert re.match(KEY_SHAPE.format(area=area), url)
    assert stored_files(files_dir) == {url.removeprefix("/files/")}


def test_replacing_a_logo_deletes_the_old_file_once_committed(
    db: Session, team: Team, files_dir: Path
) -> None:
    first = profile.set_company_image(db, team.owner, team.company.id, "logo", png_bytes(rgb=(1, 2, 3)))
    db.commit()
    second = profile.set_company_image(db, team.owner, team.company.id, "logo", png_bytes(rgb=(4, 5, 6)))

    assert len(stored_files(files_dir)) == 2
    db.commit()
    assert stored_files(files_dir) == {second.logo_url.removeprefix("/files/")}
    assert first.logo_url != second.logo_url


def test_an_upload_whose_transaction_rolls_back_leaves_no_file(
    db: Session, team: Team, files_dir: Path
) -> None:
    profile.set_company_image(db, team.owner, team.company.id, "cover", png_bytes())
    assert stored_files(files_dir)

    db.rollback()

    assert stored_files(files_dir) == set()


def test_removing_the_logo_clears_it_and_deletes_the_file(db: Session, team: Team, files_dir: Path) -> None:
    profile.set_company_image(db, team.owner, team.company.id, "logo", png_bytes())
    db.commit()

    view = profile.remove_company_image(db, team.owner, team.company.id, "logo")
    db.commit()

    assert (view.logo_url, team.company.logo_url) == ("", None)
    assert stored_files(files_dir) == set()


def test_removing_an_image_that_is_not_there_changes_nothing(db: Session, team: Team) -> None:
    view = profile.remove_company_image(db, team.owner, team.company.id, "cover")

    assert view.changed == ()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (PDF_BYTES, "not accepted"),
        (SVG_BYTES, "not accepted"),
        (b"GIF87", "not accepted"),
        (b"", "empty"),
        (png_bytes() + b"\x00" * storage.RULES[storage.FileKind.IMAGE].max_bytes, "the limit is"),
    ],
    ids=["pdf-named-logo.png", "svg", "truncated-gif", "empty", "oversized"],
)
def test_files_that_are_not_acceptable_images_are_refused(
    db: Session, team: Team, files_dir: Path, data: bytes, says: str
) -> None:
    with pytest.raises(Invalid) as refused:
        profile.set_company_image(db, team.owner, team.company.id, "logo", data)

    assert refused.value.field == "logo" and says in refused.value.message
    assert team.company.logo_url is None
    assert stored_files(files_dir) == set()


@pytest.mark.parametrize("kind", ["../logo", "logos", "avatar", ""])
def test_only_the_logo_and_cover_can_be_set(db: Session, team: Team, files_dir: Path, kind: str) -> None:
    with pytest.raises(Invalid):
        profile.set_company_image(db, team.owner, team.company.id, kind, png_bytes())

    assert stored_files(files_dir) == set()
