"""Two small ASGI layers around the app: a request-body cap and per-route request counting."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from palisade.guard.server.metrics import ServerMetrics

__all__ = ["BodyLimitMiddleware", "RequestMetricsMiddleware"]


def _too_large_message(max_bytes: int) -> str:
    return f"Request body is larger than {max_bytes} bytes; send a shorter text."


class _BodyTooLargeError(HTTPException):
    """An HTTPException so FastAPI's body reader passes it through to the app's error handler (any other
    exception there becomes a 400)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _too_large_message(max_bytes))


class BodyLimitMiddleware:
    """Answer 413 to a body over ``max_bytes``, whether it announces its length or streams in chunks, so one
    huge prompt cannot pin a worker (LLM Guard API has no limit)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await self._refuse(send)
                return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLargeError(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLargeError:
            if started:
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "message": _too_large_message(self.max_bytes),
                "details": None,
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class RequestMetricsMiddleware:
    """Count every response by route and status; unknown paths share one label so a scanner of URLs
    cannot blow up the metric's cardinality."""

    def __init__(self, app: ASGIApp, *, metrics: ServerMetrics, routes: frozenset[str]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        route = path if path in self.routes else "other"
        status = 500

        async def tracking_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        finally:
            self.metrics.requests.labels(route, str(status)).inc()
