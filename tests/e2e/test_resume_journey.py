"""A job seeker uploads a PDF resume, watches it being read, takes a suggested skill onto the
profile and downloads the file again; a renamed program is refused with a clear message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import select

from jobhub.platform.db import session_scope
from jobhub.profiles.models import Skill, UserSkill
from jobhub.ui import navigation as nav
from tests.e2e.journey_data import signed_in
from tests.profiles.resume_files import pdf_bytes

PARSE_MS = 60_000


def _choose(page: Page, name: str, data: bytes, mime: str) -> None:
    page.get_by_test_id("resume-upload").locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data}
    )


def _has_skill(user_id: object, name: str) -> bool:
    with session_scope() as db:
        found = db.scalar(
            select(UserSkill.id)
            .join(Skill, Skill.id == UserSkill.skill_id)
            .where(UserSkill.user_id == user_id, Skill.name == name)
        )
    return found is not None


def test_a_seeker_uploads_a_resume_sees_it_read_takes_a_skill_and_downloads_it(
    open_page: Callable[..., Page], tmp_path: Path
) -> None:
    seeker = signed_in("job_seeker", "Sam", role="job_seeker")
    page = open_page(nav.PROFILE, token=seeker.token)
    page.get_by_role("link", name="Your resumes").click()
    expect(page.get_by_role("heading", name="Resumes", level=1)).to_be_visible()
    expect(page.get_by_text("No resumes yet")).to_be_visible()

    _choose(page, "setup.exe", b"MZ\x90\x00" + b"\x00" * 256, "application/pdf")
    expect(page.get_by_test_id("resume-upload-error")).to_contain_text("That file type is not accepted here")

    data = pdf_bytes()
    _choose(page, "Sam CV.pdf", data, "application/pdf")
    row = page.get_by_test_id("resume")
    expect(row.get_by_test_id("resume-label")).to_have_text("Sam CV")
    expect(row.get_by_test_id("default-badge")).to_be_visible()
    expect(page.get_by_test_id("resume-upload-error")).to_have_text("")
    expect(row.get_by_text("Read", exact=True)).to_be_visible(timeout=PARSE_MS)

    suggestions = page.get_by_role("region", name="Suggestions for your profile")
    expect(suggestions.get_by_text("Senior Software Engineer")).to_be_visible()
    suggestions.get_by_role("button", name="Add Python to your profile").click()
    expect(page.get_by_text("Python added to your profile.")).to_be_visible()
    expect(suggestions.get_by_role("button", name="Add Python to your profile")).to_have_count(0)
    assert _has_skill(seeker.user_id, "Python")

    with page.expect_download() as download_info:
        row.get_by_role("link", name="Download Sam CV").click()
    download = download_info.value
    assert download.suggested_filename == "Sam CV.pdf"
    saved = tmp_path / "download.pdf"
    download.save_as(saved)
    assert saved.read_bytes() == data
