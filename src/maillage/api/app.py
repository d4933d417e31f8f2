"""The FastAPI application: JSON read models under /api/, curation with tokens, and the web
explorer (static pages and scripts, no CDN) from the same process."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from ..settings import Settings
from ..store import Store
from ..version import __version__
from . import browse, curate, errors, exports, routes
from .limits import default_hosts
from .security import Access, EdgeLimits, EdgeMiddleware

WEB = Path(__file__).resolve().parent.parent / "web"
STATIC = WEB / "static"
PAGES = (
    "/", "/search", "/entity/{entity_id}", "/document/{document_id}", "/stats", "/network",
    "/entities", "/facts", "/documents", "/review",
)  # fmt: skip


def create_app(
    settings: Settings,
    read_only: bool = False,
    store: Store | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The app over the store of `settings` (or `store`); `read_only` refuses every write;
    only `allowed_hosts` are answered when given (`serve` always gives them)."""
    app = FastAPI(
        title="maillage",
        version=__version__,
        description="A sourced, dated knowledge graph of who works with whom in higher "
        "education. Curation requests need `Authorization: Bearer TOKEN`.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # FastAPI's docs load scripts from a CDN: /api/docs serves them itself
        redoc_url=None,
        responses=errors.ERROR_RESPONSES,
    )
    opened = store or Store.open(settings.db, settings.sqlite_busy_timeout_ms)
    app.state.access = Access(opened, read_only)
    errors.install(app)
    app.include_router(routes.router)
    app.include_router(browse.router)
    app.include_router(exports.router)
    app.include_router(curate.router)
    _web(app)
    limits = EdgeLimits(
        max_bytes=settings.max_request_bytes,
        max_url_bytes=settings.max_url_bytes,
        allowed_hosts=tuple(allowed_hosts) if allowed_hosts is not None else None,
        rate_limit=settings.rate_limit,
    )
    app.add_middleware(EdgeMiddleware, limits=limits)
    return app


def _web(app: FastAPI) -> None:
    """Every page is the same shell; static/app.js renders it from the JSON API."""

    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    for path in PAGES:
        app.add_api_route(path, page, methods=["GET", "HEAD"], include_in_schema=False)
    app.add_api_route("/api/docs", docs, methods=["GET", "HEAD"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def serve(
    settings: Settings,
    host: str,
    port: int,
    read_only: bool = False,
    allowed_hosts: Sequence[str] = (),
) -> None:
    """Serve on host:port, answering only to `host`, localhost and `allowed_hosts`, with
    deadlines on slow clients."""
    import uvicorn

    from .server import deadline_protocol

    app = create_app(settings, read_only, allowed_hosts=[*default_hosts(host), *allowed_hosts])
    protocol = deadline_protocol(settings.header_timeout_s, settings.body_timeout_s)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, http=protocol)
