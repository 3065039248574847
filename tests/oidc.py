"""A real OpenID provider for the OAuth tests: ``oidc-provider-mock`` served from a thread.

It is a complete authlib-based provider (discovery document, signing keys, authorization
and token endpoints, signed ID tokens carrying the client's ``nonce``), so the tests run
the very protocol code production uses. Users and their claims are put in over its HTTP
API; "authorizing" is a POST of the subject to its authorization URL, which answers with
the redirect to our callback, as a browser would follow it.

GitHub is plain OAuth 2 with a REST API, so the same server also answers ``/github/user``
and ``/github/user/emails`` for a bearer token it issued, shaped like GitHub's answers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import flask
import httpx
import werkzeug.serving
from authlib.integrations.flask_oauth2 import current_token
from oidc_provider_mock import app as provider_app
from oidc_provider_mock._app import require_oauth

GITHUB_API = "/github/"


def _add_github_api(app: flask.Flask) -> None:
    """``/github/user`` and ``/github/user/emails`` from the authorized user's claims.

    Claims ``github_id``, ``login``, ``name`` and ``emails`` (GitHub's list of
    ``{"email", "primary", "verified"}``) shape the answers.
    """

    @app.get(GITHUB_API + "user")
    @require_oauth()
    def github_user() -> flask.Response:
        claims: dict[str, Any] = current_token.get_user().claims
        return flask.jsonify(
            {
                "id": claims.get("github_id", 1),
                "login": claims.get("login", "octocat"),
                "name": claims.get("name"),
            }
        )

    @app.get(GITHUB_API + "user/emails")
    @require_oauth()
    def github_emails() -> flask.Response:
        return flask.jsonify(current_token.get_user().claims.get("emails", []))


@dataclass(frozen=True)
class MockProvider:
    issuer: str

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    @property
    def authorize_url(self) -> str:
        return f"{self.issuer}/oauth2/authorize"

    @property
    def token_url(self) -> str:
        return f"{self.issuer}/oauth2/token"

    @property
    def github_api_url(self) -> str:
        return f"{self.issuer}{GITHUB_API}"

    def put_user(self, subject: str, claims: dict[str, Any]) -> None:
        """Pre-authorise ``subject``: the claims its ID token and userinfo will carry."""
        response = httpx.put(f"{self.issuer}/users/{quote(subject, safe='')}", json=claims)
        response.raise_for_status()

    def authorize(self, authorization_url: str, subject: str) -> str:
        """Approve as ``subject`` at the consent form; the URL the provider sends the browser to."""
        response = httpx.post(authorization_url, data={"sub": subject})
        assert response.status_code == 302, response.text
        return response.headers["location"]

    def deny(self, authorization_url: str) -> str:
        response = httpx.post(authorization_url, data={"action": "deny"})
        assert response.status_code == 302, response.text
        return response.headers["location"]


@contextmanager
def running_provider() -> Iterator[MockProvider]:
    """The provider on a free port of localhost until the block ends; it insists on a nonce."""
    app = provider_app(require_nonce=True)
    _add_github_api(app)
    server = werkzeug.serving.make_server("localhost", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield MockProvider(f"http://localhost:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
