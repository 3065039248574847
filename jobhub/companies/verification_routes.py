"""``GET /admin/verification/{request_id}/document``: a verification document, to administrators only.

A plain HTTP download (a websocket cannot stream a file to "Save as"), with the principal
resolved from the session cookie exactly as the account export does. The answer is never
cached (``no-store``), always an attachment under a name the server made, typed from the bytes
(``nosniff``) and sandboxed, so a crafted PDF opened from the downloads folder cannot act on the
site. Anonymous visitors get 401, signed-in accounts that are not administrators 403, and an
unknown request (or one without a document) 404.
"""

from __future__ import annotations

import uuid

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from jobhub.auth.authorization import SignInRequired
from jobhub.auth.principal import resolve_principal
from jobhub.auth.session_tokens import SESSION_COOKIE
from jobhub.companies.verification_review import VerificationDocument, verification_document
from jobhub.platform.db import session_scope
from jobhub.platform.errors import Forbidden, NotFound

DOCUMENT_PATH = "/admin/verification/{request_id}/document"


def document_path(request_id: str) -> str:
    return DOCUMENT_PATH.replace("{request_id}", request_id)


def _document(token: str | None, request_id: uuid.UUID) -> VerificationDocument:
    with session_scope() as db:
        return verification_document(db, resolve_principal(db, token), request_id)


async def document_endpoint(request: Request) -> Response:
    if request.headers.get("sec-fetch-site") == "cross-site":
        return PlainTextResponse("Cross-site request refused.", status_code=403)
    try:
        request_id = uuid.UUID(str(request.path_params["request_id"]))
        document = await run_in_threadpool(_document, request.cookies.get(SESSION_COOKIE), request_id)
    except SignInRequired:
        return PlainTextResponse("Sign in as an administrator to download this document.", status_code=401)
    except Forbidden:
        return PlainTextResponse("Only administrators may download verification documents.", status_code=403)
    except (ValueError, NotFound):
        return PlainTextResponse("Not found", status_code=404)
    return Response(
        document.data,
        media_type=document.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{document.file_name}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


ROUTES = [Route(DOCUMENT_PATH, document_endpoint, methods=["GET"])]
