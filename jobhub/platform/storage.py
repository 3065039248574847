"""Uploaded files: checked by their content, named by the server, kept under the data directory.

A file's type is read from its first bytes, never from the name or the content type the
browser sent (both are the uploader's to choose), and each kind of upload accepts a short
list of types up to a size. The stored name is a random id the server draws, so nothing of
the client's file name reaches a path (Reflex has had a ``..`` upload-path bug), and
:func:`path_of` accepts only keys of exactly the shape :func:`save` makes.

Keys start with ``public/`` (logos, covers, photos: served to anyone by ``GET /files/...``)
or ``private/`` (verification documents, resumes: only ever sent by a context's own route
after its permission check). SVG is never accepted: it can carry script.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from jobhub.platform.errors import Invalid
from jobhub.settings import get_settings

PUBLIC_PREFIX: Final = "public"
PRIVATE_PREFIX: Final = "private"
PUBLIC_ROUTE: Final = "/files"
MEGABYTE: Final = 1024 * 1024

PNG, JPEG, GIF, WEBP = "image/png", "image/jpeg", "image/gif", "image/webp"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

EXTENSIONS: Final[dict[str, str]] = {
    PNG: "png",
    JPEG: "jpg",
    GIF: "gif",
    WEBP: "webp",
    PDF: "pdf",
    DOCX: "docx",
}
TYPE_NAMES: Final[dict[str, str]] = {
    PNG: "PNG",
    JPEG: "JPEG",
    GIF: "GIF",
    WEBP: "WebP",
    PDF: "PDF",
    DOCX: "DOCX",
}
CONTENT_TYPES: Final[dict[str, str]] = {ext: content_type for content_type, ext in EXTENSIONS.items()}

_KEY: Final = re.compile(
    rf"^({PUBLIC_PREFIX}|{PRIVATE_PREFIX})/[a-z][a-z0-9-]{{0,39}}/[0-9a-f]{{32}}\.({'|'.join(CONTENT_TYPES)})$"
)
_AREA: Final = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


class FileKind(StrEnum):
    IMAGE = "image"
    DOCUMENT = "document"
    RESUME = "resume"


@dataclass(frozen=True)
class FileRule:
    content_types: tuple[str, ...]
    max_bytes: int

    def describe(self) -> str:
        names = ", ".join(TYPE_NAMES[t] for t in self.content_types)
        return f"{names}, up to {self.max_bytes // MEGABYTE} MB"


RULES: Final[dict[FileKind, FileRule]] = {
    FileKind.IMAGE: FileRule((PNG, JPEG, WEBP, GIF), 5 * MEGABYTE),
    FileKind.DOCUMENT: FileRule((PDF, PNG, JPEG), 10 * MEGABYTE),
    FileKind.RESUME: FileRule((PDF, DOCX), 10 * MEGABYTE),
}


@dataclass(frozen=True)
class StoredFile:
    key: str
    content_type: str
    size: int

    @property
    def is_public(self) -> bool:
        return self.key.startswith(f"{PUBLIC_PREFIX}/")

    @property
    def url(self) -> str:
        """The site-relative address of a public file (private files have none)."""
        return public_url(self.key) if self.is_public else ""


def _is_docx(data: bytes) -> bool:
    """A Word document is a zip holding ``word/document.xml``; any other zip is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def sniff(data: bytes) -> str | None:
    """The content type the bytes really are, among those we accept; ``None`` for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return DOCX
    return None


def files_root() -> Path:
    return get_settings().resolved_data_dir / "files"


def check(data: bytes, kind: FileKind, field: str = "file") -> str:
    """The content type of an acceptable upload of ``kind``; ``Invalid`` saying what is accepted."""
    rule = RULES[kind]
    if not data:
        raise Invalid(field, "The file is empty. Choose another one.")
    if len(data) > rule.max_bytes:
        raise Invalid(field, f"The file is {len(data) / MEGABYTE:.1f} MB; the limit is {rule.describe()}.")
    content_type = sniff(data)
    if content_type not in rule.content_types:
        raise Invalid(field, f"That file type is not accepted here. Use {rule.describe()}.")
    return content_type


def save(data: bytes, kind: FileKind, *, area: str, public: bool, field: str = "file") -> StoredFile:
    """Check and store ``data``; the file is written whole (temporary file, then rename) or not at all."""
    if not _AREA.match(area):
        raise ValueError(f"bad storage area {area!r}")
    content_type = check(data, kind, field)
    key = (
        f"{PUBLIC_PREFIX if public else PRIVATE_PREFIX}/{area}/{uuid.uuid4().hex}.{EXTENSIONS[content_type]}"
    )
    target = files_root() / key
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, prefix=".upload-") as handle:
        handle.write(data)
        temporary = Path(handle.name)
    os.replace(temporary, target)
    return StoredFile(key, content_type, len(data))


def path_of(key: str) -> Path | None:
    """Where a stored file lives; ``None`` for any key :func:`save` could not have made."""
    if not isinstance(key, str) or not _KEY.match(key):
        return None
    return files_root() / key


def read(key: str) -> tuple[bytes, str] | None:
    """The bytes and content type of a stored file, or ``None`` if there is none by that key."""
    path = path_of(key)
    if path is None or not path.is_file():
        return None
    return path.read_bytes(), CONTENT_TYPES[key.rsplit(".", 1)[1]]


def delete(key: str | None) -> None:
    """Remove a stored file if it exists (a replaced logo); unknown keys are ignored."""
    path = path_of(key or "")
    if path is not None:
        path.unlink(missing_ok=True)


def public_url(key: str) -> str:
    return f"{PUBLIC_ROUTE}/{key}"


def key_of_public_url(url: str | None) -> str | None:
    """The key behind a URL that :func:`public_url` made, so a replaced file can be deleted."""
    prefix = f"{PUBLIC_ROUTE}/"
    if not url or not url.startswith(prefix):
        return None
    key = url[len(prefix) :]
    return key if path_of(key) is not None and key.startswith(f"{PUBLIC_PREFIX}/") else None
