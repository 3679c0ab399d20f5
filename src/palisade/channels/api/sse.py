"""Server-sent events for a chat turn, with a Stop that really stops the work.

``EventStreamResponse`` sends what an async iterator yields and, at the same time, listens for the
client going away (the web UI's Stop aborts its fetch). Disconnection cancels the task that drives
the turn, so a waiting model call is cancelled and the engine records the turn as stopped. This does
not depend on the server's ASGI version: it reads ``http.disconnect`` itself.

``turn_stream`` turns engine events into ``event: <type>\\ndata: <json>\\n\\n`` frames, sends a
``: ping`` comment while the engine is quiet, ends with an ``error`` event when the turn fails or
runs past its deadline, and always closes the engine's stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from palisade.engine import TurnEvent
from palisade.errors import PalisadeError

__all__ = ["EventStreamResponse", "TurnOutcome", "encode_event", "turn_stream"]

log = logging.getLogger(__name__)

PING = b": ping\n\n"
_MAX_BATCH = 64  # frames in one chunk at most, so an engine that never pauses still gets flushed


def encode_event(event_type: str, data: Any) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return f"event: {event_type}\ndata: {payload}\n\n".encode()


class TurnOutcome:
    """How a streamed turn ended, filled in by ``turn_stream`` (for metrics and logs)."""

    def __init__(self) -> None:
        self.outcome = "stopped"  # until the stream says otherwise: the client went away
        self.blocked_stages: tuple[str, ...] = ()
        self.started = time.perf_counter()


async def _next_event(events: AsyncIterator[TurnEvent]) -> TurnEvent:
    return await events.__anext__()


async def turn_stream(
    first: TurnEvent,
    events: AsyncIterator[TurnEvent],
    *,
    heartbeat_seconds: float,
    timeout_seconds: float,
    outcome: TurnOutcome,
    request_id: str,
) -> AsyncIterator[bytes]:
    """Frames for ``first`` and the rest of ``events``; see the module docstring.

    Events the engine has ready at once (``started`` and ``guard``, a burst of deltas, the closing
    ``proposal``...``done``) leave as one chunk: each chunk costs a write on the server and a read on
    the client, and a turn used to make ~15 of them. Nothing waits to be batched: a chunk is sent as
    soon as the engine has nothing more ready.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_seconds
    pending: asyncio.Task[TurnEvent] | None = None
    batch = [encode_event(first.type, first.data)]
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(_next_event(events))
            if batch:
                await asyncio.sleep(0)  # one step of the engine: is its next event ready already?
                if not pending.done() or len(batch) >= _MAX_BATCH:
                    yield b"".join(batch)
                    batch = []
                    continue
            else:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    outcome.outcome = "timeout"
                    yield encode_event(
                        "error",
                        {
                            "kind": "Timeout",
                            "message": f"The answer took longer than {timeout_seconds:g} s and was "
                            "stopped. Try again, or ask for less at once.",
                        },
                    )
                    return
                done, _ = await asyncio.wait({pending}, timeout=min(heartbeat_seconds, remaining))
                if not done:
                    yield PING
                    continue
            task, pending = pending, None
            frame, last = _frame(task, outcome, request_id)
            if frame:
                batch.append(frame)
            if last:
                if batch:
                    yield b"".join(batch)
                return
    finally:
        if pending is not None and not pending.done():
            pending.cancel()  # the model call (or validation) is abandoned; the engine notes "stopped"
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await pending
        await _close(events)


def _frame(
    task: asyncio.Task[TurnEvent], outcome: TurnOutcome, request_id: str
) -> tuple[bytes, bool]:
    """The frame for the event ``task`` produced (empty at the end), and whether it is the last."""
    try:
        event = task.result()
    except StopAsyncIteration:
        return b"", True
    except PalisadeError as exc:
        outcome.outcome = "error"
        return encode_event("error", {"kind": type(exc).__name__, "message": str(exc)}), True
    except Exception:
        outcome.outcome = "error"
        log.exception("turn failed (request %s)", request_id)
        message = (
            f"Palisade failed on this turn (request id {request_id}). "
            "Try again; if it keeps failing, give the request id to an admin."
        )
        return encode_event("error", {"kind": "InternalError", "message": message}), True
    if event.type == "done":
        outcome.outcome = "done"
        if event.turn is not None:
            turn = event.turn
            stages = []
            if turn.input_verdict.blocked:
                stages.append("input")
            if turn.output_verdict is not None and turn.output_verdict.blocked:
                stages.append("output")
            outcome.blocked_stages = tuple(stages)
    return encode_event(event.type, event.data), False


async def _close(iterator: AsyncIterator[Any]) -> None:
    """Close an async generator (runs its ``finally``); a plain iterator has nothing to close."""
    close = getattr(iterator, "aclose", None)
    if close is not None:
        with contextlib.suppress(Exception):
            await close()


class EventStreamResponse(Response):
    """A ``text/event-stream`` response that stops its producer when the client disconnects."""

    media_type = "text/event-stream"

    def __init__(
        self,
        frames: AsyncIterator[bytes],
        *,
        on_close: Callable[[], Awaitable[None]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        # Like Starlette's StreamingResponse: no body attribute, so no Content-Length is declared.
        self.status_code = 200
        self.media_type = "text/event-stream; charset=utf-8"
        self.background = None
        self.init_headers(
            {
                "Cache-Control": "no-cache, no-store",
                "X-Accel-Buffering": "no",  # no proxy buffering: events must arrive as they happen
                **(headers or {}),
            }
        )
        self.frames = frames
        self.on_close = on_close

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def produce() -> None:
            await send(
                {
                    "type": "http.response.start",
                    "status": self.status_code,
                    "headers": self.raw_headers,
                }
            )
            async for frame in self.frames:
                await send({"type": "http.response.body", "body": frame, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})

        async def watch() -> None:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return

        producer = asyncio.ensure_future(produce())
        watcher = asyncio.ensure_future(watch())
        try:
            await asyncio.wait({producer, watcher}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (producer, watcher):
                if not task.done():
                    task.cancel()
            results = await asyncio.gather(producer, watcher, return_exceptions=True)
            await _close(self.frames)
            if self.on_close is not None:
                await self.on_close()
        error = results[0]
        if isinstance(error, BaseException) and not isinstance(error, asyncio.CancelledError):
            if isinstance(error, OSError):
                return  # the client went away while we were writing
            raise error
