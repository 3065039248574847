"""``GET /files/resumes/{id}`` and ``.../preview``: a resume's file, to whoever may read it.

Plain HTTP (a websocket cannot hand a file to "Save as" or to an ``<iframe>``), with the
principal resolved from the session cookie as every other download does. Whoever may not read
the resume, signed in or not, gets 404 like an unknown id (``resume_downloads``). Answers are
never cached, typed from the bytes (``nosniff``) and named by the server. The download is an
attachment; the preview shows a PDF inline for the pipeline's ``<iframe>`` and, since browsers
cannot draw Word files, a DOCX as the text the parser read. Cross-site requests are refused.
"""

from __future__ import annotations

import uuid

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from jobhub.auth.principal import resolve_principal
from jobhub.auth.session_tokens import SESSION_COOKIE
from jobhub.platform.db import session_scope
from jobhub.platform.errors import NotFound
from jobhub.platform.storage import PDF
from jobhub.profiles.resume_downloads import ResumeFile, resume_file
from jobhub.profiles.resumes import DOWNLOAD_PATH, PREVIEW_PATH

NO_TEXT_YET = "This resume has not been read yet. Download the file to see it."
_COMMON_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def _file(token: str | None, resume_id: uuid.UUID, *, count: bool) -> ResumeFile:
    with session_scope() as db:
        return resume_file(db, resolve_principal(db, token), resume_id, count=count)


async def _found(request: Request, *, count: bool) -> ResumeFile | Response:
    if request.headers.get("sec-fetch-site") == "cross-site":
        return PlainTextResponse("Cross-site request refused.", status_code=403)
    try:
        resume_id = uuid.UUID(str(request.path_params["resume_id"]))
        return await run_in_threadpool(_file, request.cookies.get(SESSION_COOKIE), resume_id, count=count)
    except (ValueError, NotFound):
        return PlainTextResponse("Not found", status_code=404)


async def download_endpoint(request: Request) -> Response:
    found = await _found(request, count=True)
    if isinstance(found, Response):
        return found
    return Response(
        found.data,
        media_type=found.content_type,
        headers=_COMMON_HEADERS
        | {
            "Content-Disposition": f'attachment; filename="{found.file_name}"',
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


async def preview_endpoint(request: Request) -> Response:
    found = await _found(request, count=False)
    if isinstance(found, Response):
        return found
    if found.content_type == PDF:
        return Response(
            found.data,
            media_type=PDF,
            headers=_COMMON_HEADERS | {"Content-Disposition": f'inline; filename="{found.file_name}"'},
        )
    return PlainTextResponse(
        found.text or NO_TEXT_YET,
        headers=_COMMON_HEADERS | {"Content-Security-Policy": "default-src 'none'"},
    )


ROUTES = [
    Route(DOWNLOAD_PATH, download_endpoint, methods=["GET"]),
    Route(PREVIEW_PATH, preview_endpoint, methods=["GET"]),
]
