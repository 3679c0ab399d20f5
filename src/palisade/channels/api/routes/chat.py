"""Sending a message: the whole turn as one JSON object, or as server-sent events while it happens.

Both check the caller's rate limit first. Input problems (empty or oversized text, unknown
conversation, rate limit) are plain JSON errors before anything is streamed: the engine raises them
before its first event, and the stream only starts once that first event exists.
"""

from __future__ import annotations

import math
import time
from typing import Any

from fastapi import APIRouter, Request

from palisade.channels.api.context import ApiContext
from palisade.channels.api.deps import Context, CurrentUser
from palisade.channels.api.errors import ApiError
from palisade.channels.api.schemas import ErrorBody, SendMessage
from palisade.channels.api.sse import EventStreamResponse, TurnOutcome, turn_stream
from palisade.engine.accounts import Principal
from palisade.errors import InputError, PalisadeError

router = APIRouter(prefix="/api/v1", tags=["chat"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Empty or too long message, or unknown conversation."},
    401: {"model": ErrorBody, "description": "Missing or invalid token."},
    429: {"model": ErrorBody, "description": "Rate limited; see the Retry-After header."},
}


def check_rate(context: ApiContext, principal: Principal) -> None:
    """Take one message from the caller's bucket, or answer 429 with ``Retry-After``."""
    wait = context.limiter.acquire(principal.user)
    if wait <= 0:
        return
    context.metrics.rate_limited.inc()
    seconds = max(1, math.ceil(wait))
    limits = context.settings
    raise ApiError(
        429,
        "RateLimited",
        f"Too many messages: the limit is {limits.rate_limit_per_minute:g} a minute, in bursts of "
        f"up to {limits.rate_limit_burst}. Wait {seconds} s and send again.",
        details={"retry_after": seconds},
        headers={"Retry-After": str(seconds)},
    )


@router.post("/messages", responses=_ERRORS)
async def send_message(body: SendMessage, principal: CurrentUser, context: Context) -> Any:
    """Run one turn and return it whole: the `--json` contract of `palisade ask` (see the README)."""
    check_rate(context, principal)
    started = time.perf_counter()
    try:
        turn = await context.engine.send(
            body.text, user=principal.user, conversation_id=body.conversation_id
        )
    except InputError:
        raise
    except PalisadeError:
        context.metrics.record_turn("error", time.perf_counter() - started, ())
        raise
    blocked = [
        stage
        for stage, v in (("input", turn.input_verdict), ("output", turn.output_verdict))
        if v is not None and v.blocked
    ]
    context.metrics.record_turn("done", time.perf_counter() - started, tuple(blocked))
    return turn.to_dict()


@router.post(
    "/messages/stream",
    status_code=200,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "Events: started, guard, notice, delta, proposal, validation, question, "
            "done (or error). See docs/api.md.",
        },
        **_ERRORS,
    },
)
async def stream_message(
    body: SendMessage, principal: CurrentUser, context: Context, request: Request
) -> EventStreamResponse:
    """Run one turn, streaming its events; closing the connection stops the turn on the server."""
    check_rate(context, principal)
    events = context.engine.stream(
        body.text, user=principal.user, conversation_id=body.conversation_id
    )
    first = await events.__anext__()  # input errors raise here, before anything is sent
    outcome = TurnOutcome()
    context.metrics.streams.inc()

    async def finished() -> None:
        context.metrics.streams.dec()
        seconds = time.perf_counter() - outcome.started
        context.metrics.record_turn(outcome.outcome, seconds, outcome.blocked_stages)

    frames = turn_stream(
        first,
        events,
        heartbeat_seconds=context.settings.heartbeat_seconds,
        timeout_seconds=context.settings.stream_timeout_seconds,
        outcome=outcome,
        request_id=str(getattr(request.state, "request_id", "")),
    )
    return EventStreamResponse(frames, on_close=finished)
