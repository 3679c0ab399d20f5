"""A loopback OpenAI-compatible chat-completions server that plays scripted replies, one per request.

The real ``openai`` SDK talks to it over HTTP (served by uvicorn through ``tests.helpers.LiveServer``), so
request building, SSE parsing, tool-call assembly from fragments, status codes, ``Retry-After`` and
cancellation are all exercised for real. Routes:

* ``POST /v1/chat/completions``: OpenAI and OpenAI-compatible (key in ``Authorization: Bearer``);
* ``POST /openai/deployments/{deployment}/chat/completions?api-version=...``: Azure OpenAI (``api-key``).

Each request takes the next ``Reply`` from the script and answers it as JSON or as server-sent events,
whichever the request asked for. A request past the end of the script is answered 500 and recorded in
``surprises``; tests assert there are none.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a completion (text and/or tool calls) or an HTTP error, optionally slow."""

    text: str = ""
    tool_calls: tuple[tuple[str, str], ...] = ()  # (name, raw JSON arguments, possibly malformed)
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the first byte
    chunk_delay: float = 0.0  # seconds between streamed chunks
    usage: tuple[int, int] = (120, 30)  # prompt, completion tokens
    model: str = "fake-model-2024"


def answer(text: str, **kwargs: Any) -> Reply:
    return Reply(text=text, **kwargs)


def calls(*tool_calls: tuple[str, Any], text: str = "", **kwargs: Any) -> Reply:
    """A reply calling tools; dict arguments are JSON-encoded, strings are sent as they are."""
    encoded = tuple(
        (name, args if isinstance(args, str) else json.dumps(args)) for name, args in tool_calls
    )
    return Reply(text=text, tool_calls=encoded, **kwargs)


def error(status: int, *, retry_after: str | None = None, **kwargs: Any) -> Reply:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    return Reply(status=status, headers=headers, **kwargs)


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def tool_names(self) -> list[str]:
        return [t["function"]["name"] for t in self.body.get("tools", [])]


class FakeOpenAI:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._script: deque[Reply] = deque()
        self.requests: list[RecordedRequest] = []
        self.surprises: list[str] = []
        self.api_key: str | None = None  # when set, requests must carry it (Bearer or api-key)
        self.stream_cancelled = threading.Event()
        self.chunks_sent = 0
        self.app = Starlette(
            routes=[
                Route("/v1/chat/completions", self._openai, methods=["POST"]),
                Route(
                    "/openai/deployments/{deployment}/chat/completions",
                    self._azure,
                    methods=["POST"],
                ),
            ]
        )

    # --------------------------------------------------------------------------------- scripting
    def enqueue(self, *replies: Reply) -> None:
        with self._lock:
            self._script.extend(replies)

    def reset(self) -> None:
        with self._lock:
            self._script.clear()
            self.requests.clear()
            self.surprises.clear()
            self.api_key = None
            self.stream_cancelled.clear()
            self.chunks_sent = 0

    @property
    def remaining(self) -> int:
        with self._lock:
            return len(self._script)

    # ---------------------------------------------------------------------------------- routes
    async def _openai(self, request: Request) -> Response:
        auth = request.headers.get("authorization", "")
        if self.api_key is not None and auth != f"Bearer {self.api_key}":
            return _error_response(401, "Incorrect API key provided.", "invalid_api_key")
        return await self._play(request, azure=False)

    async def _azure(self, request: Request) -> Response:
        if "api-version" not in request.query_params:
            return _error_response(404, "Resource not found (no api-version).", "404")
        if self.api_key is not None and request.headers.get("api-key") != self.api_key:
            return _error_response(401, "Access denied due to invalid subscription key.", "401")
        return await self._play(request, azure=True)

    async def _play(self, request: Request, *, azure: bool) -> Response:
        body = await request.json()
        with self._lock:
            self.requests.append(
                RecordedRequest(
                    path=request.url.path,
                    query=dict(request.query_params),
                    headers={k.lower(): v for k, v in request.headers.items()},
                    body=body,
                )
            )
            reply = self._script.popleft() if self._script else None
        if reply is None:
            self.surprises.append(f"unscripted request to {request.url.path}")
            return _error_response(500, "fake: no reply scripted for this request", "unscripted")
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.status != 200:
            return _error_response(
                reply.status, f"fake error {reply.status}", str(reply.status), reply.headers
            )
        if body.get("stream"):
            usage = bool((body.get("stream_options") or {}).get("include_usage"))
            return StreamingResponse(
                self._events(reply, usage=usage, azure=azure),
                media_type="text/event-stream",
                headers=reply.headers,
            )
        return JSONResponse(_completion(reply), headers=reply.headers)

    async def _events(self, reply: Reply, *, usage: bool, azure: bool) -> AsyncIterator[str]:
        done = False
        try:
            for chunk in _chunks(reply, usage=usage, azure=azure):
                yield f"data: {json.dumps(chunk)}\n\n"
                self.chunks_sent += 1
                if reply.chunk_delay:
                    await asyncio.sleep(reply.chunk_delay)
            yield "data: [DONE]\n\n"
            done = True
        finally:
            if not done:
                self.stream_cancelled.set()


def _error_response(
    status: int, message: str, code: str, headers: dict[str, str] | None = None
) -> Response:
    body = {"error": {"message": message, "type": "fake_error", "code": code, "param": None}}
    return JSONResponse(body, status_code=status, headers=headers or {})


def _tool_call_objects(reply: Reply) -> list[dict[str, Any]]:
    return [
        {"id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": args}}
        for i, (name, args) in enumerate(reply.tool_calls, start=1)
    ]


def _finish(reply: Reply) -> str:
    return "tool_calls" if reply.tool_calls else "stop"


def _usage(reply: Reply) -> dict[str, int]:
    prompt, completion = reply.usage
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _completion(reply: Reply) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.text or None}
    if reply.tool_calls:
        message["tool_calls"] = _tool_call_objects(reply)
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": reply.model,
        "choices": [{"index": 0, "message": message, "finish_reason": _finish(reply)}],
        "usage": _usage(reply),
    }


def _pieces(text: str, size: int) -> Iterator[str]:
    for start in range(0, len(text), size):
        yield text[start : start + size]


def _chunks(reply: Reply, *, usage: bool, azure: bool) -> Iterator[dict[str, Any]]:
    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": reply.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }

    if azure:  # Azure first sends the prompt filter results, with no choices
        yield {
            "id": "",
            "object": "",
            "created": 0,
            "model": "",
            "choices": [],
            "prompt_filter_results": [],
        }
    yield chunk({"role": "assistant", "content": ""})
    for piece in _pieces(reply.text, 5):
        yield chunk({"content": piece})
    for index, call in enumerate(_tool_call_objects(reply)):
        head = {"index": index, "id": call["id"], "type": "function"}
        yield chunk(
            {
                "tool_calls": [
                    head | {"function": {"name": call["function"]["name"], "arguments": ""}}
                ]
            }
        )
        for piece in _pieces(call["function"]["arguments"], 7):
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    yield chunk({}, _finish(reply))
    if usage:
        last = chunk({})
        last["choices"] = []
        last["usage"] = _usage(reply)
        yield last
