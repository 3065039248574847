"""``GET /auth/oauth/{provider}/start`` and ``/callback``: the OAuth dance, with authlib doing the protocol.

The start route creates ``state``, an OIDC ``nonce`` and a PKCE (S256) verifier, keeps them
in a signed, ten-minute, ``HttpOnly`` ``SameSite=Lax`` cookie scoped to ``/auth/oauth`` (Lax
so the provider's top-level redirect back brings it along), and sends the browser to the
provider. The callback accepts the answer only with that cookie, an identical ``state``,
an ID token signed by the provider for our client with our ``nonce``, and a code the
provider redeems with our verifier. The cookie goes with every answer, so a replayed
callback finds none (and the provider refuses a used code anyway).

A cookie rather than server-side storage: several backend workers share nothing, and a
signed cookie bound to this browser is exactly the RFC 6749 §10.12 binding. Anything
wrong sends the browser back to ``/login`` (or ``/settings/connections`` for a link) with
an error code and changes no row; only a verified identity reaches ``oauth.sign_in_with``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import uuid
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from authlib.integrations.starlette_client import StarletteIntegration, StarletteOAuth2App
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from jobhub.auth.audit import RequestContext
from jobhub.auth.login_messages import LoginErrorCode
from jobhub.auth.models import User
from jobhub.auth.oauth import (
    OAuthIdentity,
    OAuthIntent,
    OAuthProvider,
    OAuthRefused,
    ProviderConfig,
    provider_config,
    sign_in_with,
)
from jobhub.auth.principal import resolve_principal
from jobhub.auth.routes import HOME, LOGIN_PAGE, origin_of, request_context, request_origin, safe_next
from jobhub.auth.session_tokens import SESSION_COOKIE
from jobhub.auth.sign_in_response import complete_sign_in
from jobhub.platform.db import session_scope
from jobhub.settings import get_settings
from jobhub.ui import navigation as nav

log = logging.getLogger(__name__)

OAUTH_PREFIX = "/auth/oauth"
START_PATH = OAUTH_PREFIX + "/{provider}/start"
CALLBACK_PATH = OAUTH_PREFIX + "/{provider}/callback"
FLOW_COOKIE = "jobhub_oauth"
FLOW_LIFETIME_SECONDS = 600
HTTP_TIMEOUT_SECONDS = 10.0
PARAM_MAX = 2000


def start_path(provider: str) -> str:
    return START_PATH.format(provider=provider)


def callback_path(provider: str) -> str:
    return CALLBACK_PATH.format(provider=provider)


@dataclass(frozen=True)
class PendingFlow:
    """What the callback must match, kept in the browser under our signature."""

    provider: str
    state: str
    nonce: str | None
    code_verifier: str
    redirect_uri: str
    origin: str
    next_path: str
    intent: str
    user_type: str
    user_id: str | None
    expires_at: int


def _signing_key() -> bytes:
    """A key for this purpose only, derived from the app secret."""
    return hmac.new(get_settings().secret_key.encode(), b"jobhub oauth flow", hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def seal_flow(flow: PendingFlow) -> str:
    payload = _b64(json.dumps(asdict(flow), separators=(",", ":")).encode())
    signature = _b64(hmac.new(_signing_key(), payload.encode(), hashlib.sha256).digest())
    return f"{payload}.{signature}"


def unseal_flow(value: str | None, *, now: float | None = None) -> PendingFlow | None:
    """The flow in a cookie we signed that has not expired; ``None`` for anything else."""
    if not value or value.count(".") != 1 or len(value) > 4096:
        return None
    payload, signature = value.split(".")
    expected = _b64(hmac.new(_signing_key(), payload.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(signature, expected):
        return None
    try:
        flow = PendingFlow(**json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))
    except (ValueError, TypeError):
        return None
    return flow if flow.expires_at > (now if now is not None else time.time()) else None


@lru_cache(maxsize=8)
def oauth_client(config: ProviderConfig) -> StarletteOAuth2App:
    """One authlib client per configuration, so the discovery document and keys are fetched once.

    Only its protocol methods are used (authorization URL, token exchange, ID token check);
    the ``request.session`` storage of ``authorize_redirect`` is replaced by our cookie.
    """
    client_kwargs: dict[str, Any] = {
        "scope": config.scope,
        "code_challenge_method": "S256",
        "timeout": HTTP_TIMEOUT_SECONDS,
        # LinkedIn takes the client secret only in the form body; Google and GitHub take either.
        "token_endpoint_auth_method": "client_secret_post",
    }
    return StarletteOAuth2App(
        StarletteIntegration(config.provider.value),
        name=config.provider.value,
        client_id=config.client_id,
        client_secret=config.client_secret,
        server_metadata_url=config.metadata_url,
        authorize_url=config.authorize_url,
        access_token_url=config.token_url,
        api_base_url=config.api_base_url,
        client_kwargs=client_kwargs,
    )


def _secure_cookie() -> bool:
    return get_settings().environment == "production"


def _clear_flow(response: Response) -> Response:
    response.delete_cookie(
        FLOW_COOKIE, path=OAUTH_PREFIX, httponly=True, samesite="lax", secure=_secure_cookie()
    )
    return response


def _refusal_url(origin: str, code: str, intent: str, next_path: str) -> str:
    if intent == OAuthIntent.LINK:
        return f"{origin}{nav.SETTINGS_CONNECTIONS}?{urlencode({'error': code})}"
    query = {"error": code} | ({"next": next_path} if next_path != HOME else {})
    return f"{origin}{LOGIN_PAGE}?{urlencode(query)}"


def _refuse(origin: str, code: str, intent: str = OAuthIntent.LOGIN, next_path: str = HOME) -> Response:
    return _clear_flow(RedirectResponse(_refusal_url(origin, code, intent, next_path), 303))


def _default_origin() -> str:
    return origin_of(get_settings().public_url) or ""


def _signed_in_user_id(token: str | None) -> uuid.UUID | None:
    with session_scope() as db:
        principal = resolve_principal(db, token)
    return principal.user_id if principal else None


def _param(request: Request, name: str) -> str:
    return (request.query_params.get(name) or "")[:PARAM_MAX]


async def start_endpoint(request: Request) -> Response:
    """Send the browser to the provider; a GET (it is a link) that changes nothing on our side."""
    origin = request_origin(request) or _default_origin()
    intent = OAuthIntent.LINK if _param(request, "intent") == OAuthIntent.LINK else OAuthIntent.LOGIN
    next_path = nav.SETTINGS_CONNECTIONS if intent == OAuthIntent.LINK else safe_next(_param(request, "next"))
    config = provider_config(get_settings(), request.path_params["provider"])
    if config is None:
        return _refuse(origin, LoginErrorCode.OAUTH_FAILED, intent, next_path)
    user_id = None
    if intent == OAuthIntent.LINK:
        user_id = await run_in_threadpool(_signed_in_user_id, request.cookies.get(SESSION_COOKIE))
        if user_id is None:
            return _refuse(
                origin, LoginErrorCode.OAUTH_SESSION_ENDED, OAuthIntent.LOGIN, nav.SETTINGS_CONNECTIONS
            )
    redirect_uri = str(request.base_url).rstrip("/") + callback_path(config.provider.value)
    try:
        authorization = await oauth_client(config).create_authorization_url(redirect_uri)
    except Exception:
        log.warning("could not reach the %s authorization server", config.provider.value, exc_info=True)
        return _refuse(origin, LoginErrorCode.OAUTH_FAILED, intent, next_path)
    flow = PendingFlow(
        provider=config.provider.value,
        state=authorization["state"],
        nonce=authorization.get("nonce"),
        code_verifier=authorization["code_verifier"],
        redirect_uri=redirect_uri,
        origin=origin,
        next_path=next_path,
        intent=intent.value,
        user_type=_param(request, "user_type")[:20],
        user_id=str(user_id) if user_id else None,
        expires_at=int(time.time()) + FLOW_LIFETIME_SECONDS,
    )
    response = RedirectResponse(authorization["url"], 302)
    response.set_cookie(
        FLOW_COOKIE,
        seal_flow(flow),
        max_age=FLOW_LIFETIME_SECONDS,
        path=OAUTH_PREFIX,
        httponly=True,
        samesite="lax",
        secure=_secure_cookie(),
    )
    return response


def _split_name(full: str) -> tuple[str, str]:
    first, _, last = full.strip().partition(" ")
    return first, last.strip()


def _claimed_true(value: object) -> bool:
    """Some providers send ``"true"`` for a boolean claim; anything else is not a yes."""
    return value is True or (isinstance(value, str) and value.lower() == "true")


async def _oidc_identity(
    config: ProviderConfig, client: StarletteOAuth2App, token: dict[str, Any], flow: PendingFlow
) -> OAuthIdentity:
    if "id_token" not in token or not flow.nonce:
        raise ValueError("the provider returned no ID token")
    claims = await client.parse_id_token(token, nonce=flow.nonce)
    first, last = str(claims.get("given_name") or ""), str(claims.get("family_name") or "")
    if not first and not last:
        first, last = _split_name(str(claims.get("name") or ""))
    email = claims.get("email")
    return OAuthIdentity(
        provider=config.provider,
        subject=str(claims["sub"]),
        email=str(email) if email else None,
        email_verified=_claimed_true(claims.get("email_verified")),
        first_name=first,
        last_name=last,
    )


async def _github_identity(client: StarletteOAuth2App, token: dict[str, Any]) -> OAuthIdentity:
    """GitHub is plain OAuth 2: the profile and the verified primary address come from its API."""
    profile_response = await client.get("user", token=token)
    profile_response.raise_for_status()
    profile = profile_response.json()
    emails_response = await client.get("user/emails", token=token)
    emails_response.raise_for_status()
    primary = next(
        (row for row in emails_response.json() if row.get("primary") and row.get("verified") is True), None
    )
    first, last = _split_name(str(profile.get("name") or profile.get("login") or ""))
    return OAuthIdentity(
        provider=OAuthProvider.GITHUB,
        subject=str(profile["id"]),
        email=str(primary["email"]) if primary else None,
        email_verified=primary is not None,
        first_name=first,
        last_name=last,
    )


async def verified_identity(config: ProviderConfig, code: str, flow: PendingFlow) -> OAuthIdentity:
    """Redeem the code with our PKCE verifier and turn the answer into an identity, or raise."""
    client = oauth_client(config)
    token = await client.fetch_access_token(
        code=code, code_verifier=flow.code_verifier, redirect_uri=flow.redirect_uri
    )
    if config.is_oidc:
        return await _oidc_identity(config, client, token, flow)
    return await _github_identity(client, token)


def _finish(
    flow: PendingFlow, identity: OAuthIdentity, session_token: str | None, context: RequestContext
) -> Response:
    """One transaction: apply the account rules, then sign in (login) or go back to settings (link)."""
    intent = OAuthIntent(flow.intent)
    with session_scope() as db:
        principal = resolve_principal(db, session_token) if intent == OAuthIntent.LINK else None
        if intent == OAuthIntent.LINK and (principal is None or str(principal.user_id) != flow.user_id):
            raise OAuthRefused(LoginErrorCode.OAUTH_SESSION_ENDED)
        outcome = sign_in_with(
            db, identity, intent=intent, user_type=flow.user_type, principal=principal, context=context
        )
        if intent == OAuthIntent.LINK:
            query = urlencode({"linked": identity.provider.value})
            return RedirectResponse(f"{flow.origin}{nav.SETTINGS_CONNECTIONS}?{query}", 303)
        user = db.get(User, outcome.user_id)
        if user is None:
            raise RuntimeError("the account signed in by OAuth vanished inside its transaction")
        return complete_sign_in(
            db,
            user,
            origin=flow.origin,
            next_path=flow.next_path,
            remember=False,
            context=context,
            method="oauth",
        )


async def callback_endpoint(request: Request) -> Response:
    flow = unseal_flow(request.cookies.get(FLOW_COOKIE))
    provider = request.path_params["provider"]
    if flow is None or flow.provider != provider:
        return _refuse(_default_origin(), LoginErrorCode.OAUTH_FAILED)

    def refuse_with(code: str) -> Response:
        return _refuse(flow.origin, code, flow.intent, flow.next_path)

    config = provider_config(get_settings(), provider)
    if config is None:
        return refuse_with(LoginErrorCode.OAUTH_FAILED)
    error = _param(request, "error")
    if error:
        return refuse_with(
            LoginErrorCode.OAUTH_CANCELLED if error == "access_denied" else LoginErrorCode.OAUTH_FAILED
        )
    code, state = _param(request, "code"), _param(request, "state")
    if not code or not hmac.compare_digest(state.encode(), flow.state.encode()):
        return refuse_with(LoginErrorCode.OAUTH_FAILED)
    try:
        identity = await verified_identity(config, code, flow)
    except Exception:
        log.warning("the %s callback did not verify", provider, exc_info=True)
        return refuse_with(LoginErrorCode.OAUTH_FAILED)
    context = request_context(request)
    try:
        response = await run_in_threadpool(
            _finish, flow, identity, request.cookies.get(SESSION_COOKIE), context
        )
    except OAuthRefused as refusal:
        # Nothing is written for a refusal (the transaction rolled back), so the log keeps the trace.
        log.warning("%s sign-in refused (%s) from %s", provider, refusal.code, context.ip)
        return refuse_with(refusal.code)
    except Exception:
        log.exception("the %s sign-in failed unexpectedly", provider)
        return refuse_with(LoginErrorCode.UNAVAILABLE)
    return _clear_flow(response)


ROUTES = [
    Route(START_PATH, start_endpoint, methods=["GET"]),
    Route(CALLBACK_PATH, callback_endpoint, methods=["GET"]),
]
