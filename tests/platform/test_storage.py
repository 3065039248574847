"""Uploads are judged by their bytes, named by the server, and never read outside the files root."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from jobhub.platform import storage
from jobhub.platform.errors import Invalid
from jobhub.platform.storage import FileKind

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64


def docx_bytes(document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if document else "xl/workbook.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(storage, "files_root", lambda: tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PNG_BYTES, storage.PNG),
        (JPEG_BYTES, storage.JPEG),
        (b"GIF89a" + b"\x00" * 10, storage.GIF),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", storage.WEBP),
        (PDF_BYTES, storage.PDF),
        (docx_bytes(), storage.DOCX),
        (docx_bytes(document=False), None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", None),
        (b"<html><script>alert(1)</script></html>", None),
        (b"MZ\x90\x00", None),
    ],
    ids=["png", "jpeg", "gif", "webp", "pdf", "docx", "other-zip", "svg", "html", "exe"],
)
def test_sniff_reads_the_type_from_the_bytes(data: bytes, expected: str | None) -> None:
    assert storage.sniff(data) == expected


def test_an_image_is_stored_under_a_server_drawn_name(files_dir: Path) -> None:
    stored = storage.save(PNG_BYTES, FileKind.IMAGE, area="logos", public=True)
    assert stored.key.startswith("public/logos/") and stored.key.endswith(".png")
    assert (files_dir / stored.key).read_bytes() == PNG_BYTES
    assert stored.url == f"/files/{stored.key}"
    assert storage.read(stored.key) == (PNG_BYTES, storage.PNG)
    assert storage.key_of_public_url(stored.url) == stored.key


def test_a_pdf_renamed_to_png_is_refused_as_an_image(files_dir: Path) -> None:
    with pytest.raises(Invalid, match="not accepted") as refused:
        storage.save(PDF_BYTES, FileKind.IMAGE, area="logos", public=True, field="logo")
    assert refused.value.field == "logo"
    assert list(files_dir.rglob("*")) == []


def test_an_oversized_file_is_refused_with_the_limit(files_dir: Path) -> None:
    big = PNG_BYTES + b"\x00" * storage.RULES[FileKind.IMAGE].max_bytes
    with pytest.raises(Invalid, match="the limit is PNG, JPEG, WebP, GIF, up to 5 MB"):
        storage.save(big, FileKind.IMAGE, area="logos", public=True)
    assert list(files_dir.rglob("*")) == []


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(Invalid, match="empty"):
        storage.save(b"", FileKind.DOCUMENT, area="verification", public=False)


def test_private_files_have_no_public_url() -> None:
    stored = storage.save(PDF_BYTES, FileKind.DOCUMENT, area="verification", public=False)
    assert stored.key.startswith("private/verification/") and stored.url == ""
    assert storage.key_of_public_url(f"/files/{stored.key}") is None


@pytest.mark.parametrize(
    "key",
    [
        "../etc/passwd",
        "public/logos/../../../etc/passwd",
        "public/logos/%2e%2e/x.png",
        "/etc/passwd",
        "public/logos/abc.png",
        "public/Logos/" + "a" * 32 + ".png",
        "public/logos/" + "a" * 32 + ".svg",
        "secret/logos/" + "a" * 32 + ".png",
        "public/logos/" + "a" * 32 + ".png/..",
        "public/logos/" + "a" * 32 + ".png\x00.txt",
    ],
)
def test_keys_that_save_could_not_have_made_reach_no_path(key: str) -> None:
    assert storage.path_of(key) is None
    assert storage.read(key) is None


def test_the_area_is_a_plain_name() -> None:
    with pytest.raises(ValueError):
        storage.save(PNG_BYTES, FileKind.IMAGE, area="../up", public=True)


def test_delete_removes_the_file_and_ignores_unknown_keys(files_dir: Path) -> None:
    stored = storage.save(JPEG_BYTES, FileKind.IMAGE, area="covers", public=True)
    storage.delete(stored.key)
    storage.delete("../../etc/passwd")
    storage.delete(None)
    assert not (files_dir / stored.key).exists()
