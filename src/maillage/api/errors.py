"""One JSON error shape for every failure: {"error": {"code", "message"}}, and the HTTP
status each domain error becomes."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.routing import compile_path

from ..errors import (
    CurationError,
    MaillageError,
    NotFoundError,
    StoreError,
    TransientStoreError,
    UsageError,
)

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "E200",
    401: "E223",
    403: "E220",
    404: "E201",
    405: "E225",
    413: "E213",
    422: "E202",
    500: "E500",
    503: "E100",
}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class ApiError(Exception):
    """An HTTP failure raised at the edge (auth, limits); domain errors keep their own types."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        hint: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.headers = status, code, headers or {}
        self.message = f"{message} {hint}".strip()


def error_response(error: ApiError) -> JSONResponse:
    body = {"error": {"code": error.code, "message": error.message}}
    return JSONResponse(body, status_code=error.status, headers=error.headers)


def status_of(error: MaillageError) -> int:
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, CurationError):
        return 404 if error.code == "E401" else 409 if error.code == "E403" else 400
    if isinstance(error, UsageError):
        return 400
    if isinstance(error, StoreError):
        return 503
    return 500


def install(app: FastAPI) -> None:
    """Register the handlers that turn every exception into the JSON error shape."""

    @app.exception_handler(ApiError)
    async def _api(_request: Request, error: ApiError) -> JSONResponse:
        return error_response(error)

    @app.exception_handler(MaillageError)
    async def _domain(_request: Request, error: MaillageError) -> JSONResponse:
        status = status_of(error)
        # a lock or deadlock passes: tell clients when to come back
        headers = {"retry-after": "2"} if isinstance(error, TransientStoreError) else None
        return error_response(ApiError(status, error.code, error.message, error.hint, headers))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        return error_response(ApiError(422, "E202", f"invalid request: {problems}."))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> JSONResponse:
        code = HTTP_CODES.get(error.status_code, f"E{error.status_code}")
        headers = dict(error.headers or {})
        if error.status_code == 405:  # every method of the path, not only its first route's
            headers = {k: v for k, v in headers.items() if k.lower() != "allow"}
            headers["allow"] = ", ".join(allowed_methods(request))
        return error_response(ApiError(error.status_code, code, str(error.detail), headers=headers))

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=error)
        return error_response(ApiError(500, "E500", "internal error; see the server log."))


def allowed_methods(request: Request) -> list[str]:
    """The methods the OpenAPI description gives the request's path: a path can have a GET
    route and a POST route (/api/facts), while Starlette's 405 names the first one only."""
    found: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if compile_path(template)[0].match(request.url.path):
            found.update(method.upper() for method in operations)
    return sorted(found) or ["GET"]


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in {
        400: "The request cannot be done as asked",
        404: "No such entity, fact or document",
        413: "Request body too large",
        422: "Invalid parameters",
        429: "Too many requests from this client: wait as Retry-After says",
        503: "The store is busy (a write lock is held): retry after Retry-After seconds",
    }.items()
}
WRITE_RESPONSES: dict[int | str, dict[str, object]] = {
    **ERROR_RESPONSES,
    401: {"model": ErrorBody, "description": "No valid token"},
    403: {"model": ErrorBody, "description": "Read-only token or server, or cross-site request"},
    409: {"model": ErrorBody, "description": "Ambiguous reference"},
}
