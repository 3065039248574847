"""``GET /files/public/...``: the public uploads (logos, covers, photos), as plain HTTP.

Only keys of ``public/`` files are served here; private files (verification documents,
resumes) are sent by their context's own route after its permission check. The answer
names the type the server found in the bytes, tells browsers not to guess another
(``nosniff``) and forbids the file to run anything, so even a crafted image is only an image.
Keys are random and never reused, so browsers may cache a file for a year.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from jobhub.platform import storage

CACHE_FOREVER = "public, max-age=31536000, immutable"


async def public_file(request: Request) -> Response:
    key = f"{storage.PUBLIC_PREFIX}/{request.path_params['path']}"
    found = storage.read(key)
    if found is None:
        return PlainTextResponse("Not found", status_code=404)
    data, content_type = found
    return Response(
        data,
        media_type=content_type,
        headers={
            "Cache-Control": CACHE_FOREVER,
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cross-Origin-Resource-Policy": "cross-origin",
        },
    )


ROUTES = [
    Route(f"{storage.PUBLIC_ROUTE}/{storage.PUBLIC_PREFIX}/{{path:path}}", public_file, methods=["GET"])
]
