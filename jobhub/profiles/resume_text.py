"""The plain text of a resume file: pypdf for PDF, python-docx for DOCX.

Uploads were already sniffed by ``platform/storage.py``, but sniffing reads a few bytes: the
rest may still be broken, encrypted or built to exhaust the worker. So reading is bounded
(``MAX_PAGES`` pages, ``MAX_DOCUMENT_XML`` of unpacked Word XML, ``MAX_TEXT`` characters) and
every failure of the libraries, whatever they raise, becomes :class:`UnreadableResume` with a
sentence the seeker can act on; the worker records it as the resume's ``parsing_error``.
"""

from __future__ import annotations

import io
import logging
import zipfile
from typing import Final

import docx
from pypdf import PdfReader

from jobhub.platform.storage import DOCX, MEGABYTE, PDF

log = logging.getLogger(__name__)

MAX_PAGES: Final = 30
MAX_TEXT: Final = 200_000
MAX_DOCUMENT_XML: Final = 40 * MEGABYTE
"""A 10 MB zip can unpack to gigabytes; a real resume's ``document.xml`` is well under 1 MB."""
DOCUMENT_XML: Final = "word/document.xml"

ENCRYPTED: Final = "The PDF is protected by a password. Upload a copy without one."
BROKEN_PDF: Final = "The file could not be read as a PDF. Save it again from your editor and re-upload it."
BROKEN_DOCX: Final = "The file could not be read as a Word document. Save it again and re-upload it."
TOO_BIG: Final = "The document unpacks to more than a resume can hold, so it was not read."
NO_TEXT: Final = (
    "No text was found in the file (a scanned image?). Upload a PDF or DOCX with selectable text."
)


class UnreadableResume(Exception):
    """The file's text cannot be read; ``message`` is safe to show the seeker."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _pdf_text(data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableResume(ENCRYPTED)
        parts = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
    except UnreadableResume:
        raise
    except Exception as exc:  # pypdf raises many kinds on crafted input; each means "unreadable"
        log.info("a resume PDF could not be read: %r", exc)
        raise UnreadableResume(BROKEN_PDF) from exc
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo(DOCUMENT_XML).file_size > MAX_DOCUMENT_XML:
                raise UnreadableResume(TOO_BIG)
        document = docx.Document(io.BytesIO(data))
        lines = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.extend(cell.text for cell in row.cells)
    except UnreadableResume:
        raise
    except Exception as exc:  # python-docx and zipfile raise many kinds on crafted input
        log.info("a resume DOCX could not be read: %r", exc)
        raise UnreadableResume(BROKEN_DOCX) from exc
    return "\n".join(lines)


def extract_text(data: bytes, content_type: str) -> str:
    """The file's text, at most ``MAX_TEXT`` characters; ``UnreadableResume`` when there is none."""
    if content_type == PDF:
        text = _pdf_text(data)
    elif content_type == DOCX:
        text = _docx_text(data)
    else:
        raise UnreadableResume("Only PDF and DOCX resumes can be read.")
    text = text.replace("\x00", "")[:MAX_TEXT]
    if not text.strip():
        raise UnreadableResume(NO_TEXT)
    return text
