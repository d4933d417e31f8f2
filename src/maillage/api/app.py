"""The FastAPI application: JSON read models under /api/, curation with tokens, and the web
explorer (static pages and scripts, no CDN) from the same process."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from ..settings import Settings
from ..store import Store
from ..version import __version__
from . import browse, curate, errors, exports, routes
from .security import Access, EdgeMiddleware

WEB = Path(__file__).resolve().parent.parent / "web"
STATIC = WEB / "static"
PAGES = (
    "/", "/search", "/entity/{entity_id}", "/document/{document_id}", "/stats", "/network",
    "/entities", "/facts", "/documents", "/review",
)  # fmt: skip


def create_app(settings: Settings, read_only: bool = False, store: Store | None = None) -> FastAPI:
    """The app over the store of `settings` (or `store`); `read_only` refuses every write."""
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
    app.add_middleware(EdgeMiddleware, max_bytes=settings.max_request_bytes)
    return app


def _web(app: FastAPI) -> None:
    """Every page is the same shell; static/app.js renders it from the JSON API."""

    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    for path in PAGES:
        app.add_api_route(path, page, methods=["GET"], include_in_schema=False)
    app.add_api_route("/api/docs", docs, methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def serve(settings: Settings, host: str, port: int, read_only: bool = False) -> None:
    import uvicorn

    app = create_app(settings, read_only)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
