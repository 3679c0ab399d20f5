"""One error shape for every failure: ``{"error": {"kind", "message", "details"}}``.

Palisade's exceptions are translated here, once (the most specific class wins); ``ApiError`` is what
routes raise for HTTP-only conditions (401, 403, 404, 429). Messages say what to do next.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from palisade.channels.api.schemas import ErrorBody
from palisade.errors import (
    BlueprintError,
    ConfigError,
    EmptyRepositoryError,
    ForeignCommitError,
    InputError,
    NotARepositoryError,
    PalisadeError,
    PolicyViolationError,
    ProviderError,
    ProviderTimeoutError,
    PullRequestError,
    PullRequestLimitError,
    ScannerError,
    ScmError,
    ScmRateLimitError,
    StorageError,
    UnknownBlueprintError,
    UnparseableFileError,
    ValidatorError,
)

__all__ = ["COMMON_RESPONSES", "ApiError", "error_body", "install_error_handlers", "status_for"]

log = logging.getLogger(__name__)

# Most specific first: the first class that matches decides the status.
_STATUS: list[tuple[type[PalisadeError], int]] = [
    (InputError, 400),
    (UnknownBlueprintError, 404),
    (BlueprintError, 422),
    (PullRequestLimitError, 429),
    (ScmRateLimitError, 429),
    (PolicyViolationError, 409),
    (ForeignCommitError, 409),
    (EmptyRepositoryError, 409),
    (NotARepositoryError, 400),
    (PullRequestError, 502),
    (ScmError, 400),
    (ConfigError, 400),
    (ProviderTimeoutError, 504),
    (ProviderError, 502),
    (ScannerError, 503),
    (UnparseableFileError, 422),
    (ValidatorError, 503),
    (StorageError, 503),
]

_HTTP_KINDS = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    409: "Conflict",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    429: "RateLimited",
}


# Documented on every operation: what any request can get, whatever the endpoint.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad input; the message says what to do."},
    413: {"model": ErrorBody, "description": "The body is larger than the limit."},
    422: {"model": ErrorBody, "description": "The request does not match this document."},
    503: {"model": ErrorBody, "description": "A dependency (e.g. the database) is down."},
}


class ApiError(Exception):
    """An HTTP-level refusal (no token, wrong role, not yours, too many requests)."""

    def __init__(
        self,
        status: int,
        kind: str,
        message: str,
        *,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message
        self.details = details
        self.headers = headers or {}


def error_body(kind: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"kind": kind, "message": message, "details": details}}


def status_for(exc: PalisadeError) -> int:
    return next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)


def _details(exc: PalisadeError) -> Any:
    problems = [str(p) for p in getattr(exc, "problems", [])]
    if problems:
        return problems
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        return {"retry_after": retry_after}
    return None


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Only where and what: the offending input is left out (it may be long, or hold a secret).
    return [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")}
        for e in exc.errors()
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            error_body(exc.kind, exc.message, exc.details),
            status_code=exc.status,
            headers=exc.headers,
        )

    @app.exception_handler(PalisadeError)
    async def palisade_error(_: Request, exc: PalisadeError) -> JSONResponse:
        status = status_for(exc)
        if status >= 500:
            log.warning("request failed with %s: %s", type(exc).__name__, exc)
        headers: dict[str, str] = {}
        retry_after = getattr(exc, "retry_after", None)
        if status == 429 and isinstance(retry_after, int | float):
            headers["Retry-After"] = str(max(1, int(retry_after + 0.999)))
        return JSONResponse(
            error_body(type(exc).__name__, str(exc), _details(exc)),
            status_code=status,
            headers=headers,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            error_body(
                "ValidationError",
                "The request does not match the API: see details and /openapi.json.",
                _validation_details(exc),
            ),
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = _HTTP_KINDS.get(exc.status_code, "HTTPError")
        message = str(exc.detail)
        if exc.status_code == 400:
            message = (
                "The request body could not be read: send UTF-8 JSON with "
                "Content-Type: application/json (see /docs)."
            )
        elif exc.status_code == 404:
            message = "No such endpoint. See /docs for the API."
        elif exc.status_code == 405:
            message = "This endpoint does not accept that method. See /docs for the API."
        return JSONResponse(
            error_body(kind, message), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(UnicodeDecodeError)
    async def bad_encoding(_: Request, exc: UnicodeDecodeError) -> JSONResponse:
        return JSONResponse(
            error_body("InputError", "The request body is not valid UTF-8 JSON."), status_code=400
        )
