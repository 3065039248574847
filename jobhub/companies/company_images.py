"""The logo and cover of a company page: where each is stored, and when an old file may go.

A replaced or removed file goes once its transaction commits, and a failed upload's file once it
rolls back (``platform/file_settling.py``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from jobhub.platform import storage


class ImageKind(StrEnum):
    LOGO = "logo"
    COVER = "cover"


COLUMNS: Final[dict[ImageKind, str]] = {ImageKind.LOGO: "logo_url", ImageKind.COVER: "cover_image_url"}
AREAS: Final[dict[ImageKind, str]] = {ImageKind.LOGO: "logos", ImageKind.COVER: "covers"}
LABELS: Final[dict[ImageKind, str]] = {ImageKind.LOGO: "logo", ImageKind.COVER: "cover image"}
ACCEPTED: Final = storage.RULES[storage.FileKind.IMAGE]
"""What an upload may be (type and size), also said on the editor next to the button."""
