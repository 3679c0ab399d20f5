"""The outermost layer of every request: id, size limit, security headers, access log, metrics.

Written as plain ASGI (not Starlette's ``BaseHTTPMiddleware``) so streamed responses pass through
untouched and the client's disconnect still reaches the event stream. An exception nobody handled is
answered here as a JSON 500 carrying the request id, with the same headers as any other response.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from palisade.channels.api.errors import error_body
from palisade.channels.api.logs import ACCESS_LOGGER
from palisade.channels.api.metrics import ApiMetrics

__all__ = ["SECURITY_HEADERS", "RequestMiddleware"]

access_log = logging.getLogger(ACCESS_LOGGER)
log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
        "object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class RequestMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, metrics: ApiMetrics) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        incoming = headers.get("x-request-id", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        state: dict[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        status = 500
        response_started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = int(message["status"])
                out = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in out:
                        out[name] = value
                out["X-Request-ID"] = request_id
                if scope["path"].startswith("/api/") and "cache-control" not in out:
                    out["Cache-Control"] = "no-store"
            await send(message)

        try:
            declared = headers.get("content-length")
            if declared is not None:
                too_large = not declared.isdigit() or int(declared) > self.max_body
            elif scope["method"] in _BODY_METHODS:  # chunked: count what really arrives
                buffered = await self._buffer_body(receive)
                too_large = buffered is None
                receive = buffered or receive
            else:
                too_large = False
            if too_large:
                await self._too_large(send_wrapper)
            else:
                await self.app(scope, receive, send_wrapper)
        except Exception:
            log.exception("unhandled error (request %s)", request_id)
            if not response_started:
                await _send_json(
                    send_wrapper,
                    500,
                    error_body(
                        "InternalError",
                        f"Palisade failed on this request (request id {request_id}). Try again; "
                        "if it keeps failing, give the request id to an admin.",
                    ),
                )
        finally:
            duration = time.perf_counter() - started
            route = scope.get("route")
            template = str(getattr(route, "path", "unmatched"))
            self.metrics.requests.labels(scope["method"], template, str(status)).inc()
            self.metrics.latency.labels(scope["method"], template).observe(duration)
            access_log.info(
                "%s %s %s",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": scope["path"],
                    "route": template,
                    "status": status,
                    "duration_ms": round(duration * 1000, 2),
                    "user": state.get("user"),
                },
            )

    async def _buffer_body(self, receive: Receive) -> Receive | None:
        """Read a body of undeclared length; None when it passes the limit, else a replaying receive."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay

    async def _too_large(self, send: Send) -> None:
        await _send_json(
            send,
            413,
            error_body(
                "PayloadTooLarge",
                f"The request body is larger than {self.max_body:,} bytes. Send the request in "
                "plain words and validate large files with `palisade validate`.",
            ),
        )


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload, "more_body": False})
