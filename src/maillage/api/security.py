"""The API's edge: security headers, Host allow-list, rate limit, refused texts, request
body cap, cross-site write refusal, tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import tokens
from ..store import Store
from ..tokens import Caller
from .errors import ApiError, error_response
from .limits import RateLimit, body_refusal, host_refusal, text_refusal

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# No inline script or style anywhere, nothing from another origin, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


@dataclass(frozen=True, slots=True)
class EdgeLimits:
    """What the edge refuses; `allowed_hosts` None serves any Host (embedded apps, tests)."""

    max_bytes: int
    max_url_bytes: int
    allowed_hosts: tuple[str, ...] | None = None
    rate_limit: int = 0  # requests a minute per client address; 0: none


class EdgeMiddleware:
    """Pure ASGI middleware: adds security headers to every response and answers, before
    any handler runs: 400 to a Host it does not serve and to NUL characters, 429 to a client
    over the rate limit, 414 to overlong URLs, 413 to bodies over the cap (declared or
    streamed), 403 to cross-site writes."""

    def __init__(self, app: ASGIApp, limits: EdgeLimits) -> None:
        self.app = app
        self.limits = limits
        self.rate = RateLimit(limits.rate_limit) if limits.rate_limit else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        refusal = self._refusal(scope)
        if refusal is None and scope["method"] not in SAFE_METHODS:
            body = await self._read_capped(receive)
            refusal = _too_large(self.limits.max_bytes) if body is None else body_refusal(body)
            if body is not None:
                receive = _replay(body, receive)
        if refusal is not None:
            await error_response(refusal)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, scope: Scope) -> ApiError | None:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        limits = self.limits
        if limits.allowed_hosts is not None and (
            refused := host_refusal(headers.get("host", ""), limits.allowed_hosts)
        ):
            return refused
        if self.rate and (refused := self.rate.refusal(_client(scope))):
            return refused
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
        if refused := text_refusal(
            scope["path"], raw_path, scope["query_string"], limits.max_url_bytes
        ):
            return refused
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            return _too_large(limits.max_bytes)
        if scope["method"] not in SAFE_METHODS and cross_site(scope, headers):
            return ApiError(
                403,
                "E221",
                "cross-site request refused.",
                "Curation requests must come from this server's own pages or a non-browser client.",
            )
        return None

    async def _read_capped(self, receive: Receive) -> bytes | None:
        """The whole request body, or None as soon as it passes the cap (chunked uploads
        declare no length, so the count is what was received)."""
        parts: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(parts)
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limits.max_bytes:
                return None
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts)


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _too_large(max_bytes: int) -> ApiError:
    return ApiError(413, "E213", f"request body over {max_bytes} bytes.", "Send less at once.")


def cross_site(scope: Scope, headers: dict[str, str]) -> bool:
    """A browser says where a request comes from: Sec-Fetch-Site, or Origin that must be
    this server's own scheme://host[:port]. Clients that send neither are not browsers."""
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return True
    origin = headers.get("origin")
    if origin is None:
        return False
    host = headers.get("host", "")
    return origin != f"{scope.get('scheme', 'http')}://{host}"


@dataclass(slots=True)
class Access:
    """How the server may be used: read-only servers refuse every write."""

    store: Store
    read_only: bool


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def whoami(request: Request) -> Caller:
    """Dependency: the caller of any valid token (read-only ones included), else 401."""
    access: Access = request.app.state.access
    token = bearer(request)
    caller = tokens.verify(access.store, token) if token else None
    if caller is None:
        raise ApiError(
            401,
            "E223",
            "a valid API token is required.",
            "Send 'Authorization: Bearer TOKEN' (create one with `maillage token create`).",
            {"www-authenticate": "Bearer"},
        )
    return caller


def curator(request: Request) -> Caller:
    """Dependency of every write: a valid token that may curate, on a writable server."""
    if request.app.state.access.read_only:
        raise ApiError(403, "E222", "this server is read-only.", "Start it without --read-only.")
    caller = whoami(request)
    if caller.read_only:
        raise ApiError(403, "E224", f"token '{caller.name}' is read-only.")
    return caller


def describe(caller: Caller, access: Access) -> dict[str, Any]:
    return {"name": caller.name, "read_only": caller.read_only or access.read_only}
