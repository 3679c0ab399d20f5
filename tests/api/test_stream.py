"""POST /api/v1/messages/stream: event order, errors before and after the start, Stop, heartbeat."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from palisade.blueprints import Catalog
from palisade.channels.api.app import create_app
from palisade.engine import EVENT_TYPES
from palisade.providers import OfflineProvider
from tests.api.conftest import (
    FailingProvider,
    SlowProvider,
    WaitingProvider,
    make_engine,
    make_settings,
    parse_sse,
)
from tests.helpers import S3_REQUEST, LiveServer

pytestmark = pytest.mark.anyio


async def test_a_turn_streams_its_events_in_order(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/messages/stream", json={"text": S3_REQUEST})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"].startswith("no-cache")
    events = parse_sse(response.text)
    types = [t for t, _ in events]
    assert types[0] == "started" and types[-1] == "done"
    assert types.count("started") == 1 and types.count("done") == 1
    assert set(types) <= set(EVENT_TYPES)
    assert types[1] == "guard" and events[1][1]["stage"] == "input"
    done = events[-1][1]
    assert events[0][1]["conversation_id"] == done["conversation_id"]
    # The deltas are the reply, piece by piece.
    assert "".join(d["text"] for t, d in events if t == "delta") == done["reply"]
    # Each proposal comes right before its validation.
    proposal_at = types.index("proposal")
    assert types[proposal_at + 1] == "validation"
    proposal, validation = events[proposal_at][1], events[proposal_at + 1][1]
    assert validation["proposal_id"] == proposal["id"] == done["proposals"][0]["id"]
    assert validation["passed"] is True
    # The output guard speaks after the proposals, right before done.
    assert types[-2] == "guard" and events[-2][1]["stage"] == "output"


@pytest.mark.parametrize(
    ("payload", "status", "kind"),
    [
        ({"text": ""}, 400, "InputError"),
        ({"text": "x" * 100_000}, 400, "InputError"),
        ({"text": "hello", "conversation_id": "0" * 32}, 400, "InputError"),
        ({"text": "hello", "conversation_id": "../../etc"}, 422, "ValidationError"),
        ({"conversation_id": None}, 422, "ValidationError"),
    ],
    ids=["empty", "too-long", "unknown-conversation", "malformed-id", "no-text"],
)
async def test_input_errors_are_json_before_any_event(
    client: httpx.AsyncClient, payload: dict[str, object], status: int, kind: str
) -> None:
    response = await client.post("/api/v1/messages/stream", json=payload)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]["kind"] == kind


async def test_a_failure_after_the_start_is_an_error_event_then_the_end(
    tmp_path: Path, catalog: Catalog
) -> None:
    settings = make_settings(tmp_path / "data")
    engine = make_engine(settings, catalog, FailingProvider())
    try:
        app = create_app(settings, engine=engine)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app), base_url="http://127.0.0.1", timeout=60
        ) as c:
            response = await c.post("/api/v1/messages/stream", json={"text": S3_REQUEST})
            assert response.status_code == 200
            events = parse_sse(response.text)
            assert [t for t, _ in events][0] == "started"
            assert events[-1][0] == "error"
            assert events[-1][1]["kind"] == "ProviderError"
            assert "503" in events[-1][1]["message"]
            assert "done" not in [t for t, _ in events]
            metrics = (await c.get("/metrics")).text
            assert 'palisade_turns_total{outcome="error"} 1.0' in metrics
    finally:
        engine.store.close()


async def test_a_quiet_engine_gets_heartbeats_and_a_deadline(
    tmp_path: Path, catalog: Catalog
) -> None:
    settings = make_settings(
        tmp_path / "data", api={"heartbeat_seconds": 0.05, "stream_timeout_seconds": 0.6}
    )
    waiting = WaitingProvider()
    engine = make_engine(settings, catalog, waiting)
    try:
        app = create_app(settings, engine=engine)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app), base_url="http://127.0.0.1", timeout=60
        ) as c:
            started = time.monotonic()
            response = await c.post("/api/v1/messages/stream", json={"text": S3_REQUEST})
            assert time.monotonic() - started < 30
            assert response.text.count(": ping\n\n") >= 3
            events = parse_sse(response.text)
            assert events[0][0] == "started"
            assert events[-1] == (
                "error",
                {
                    "kind": "Timeout",
                    "message": "The answer took longer than 0.6 s and was stopped. Try again, "
                    "or ask for less at once.",
                },
            )
            assert waiting.cancelled.is_set()
            cid = events[0][1]["conversation_id"]
            detail = (await c.get(f"/api/v1/conversations/{cid}")).json()
            assert detail["messages"][-1]["meta_kind"] == "stopped"
            assert 'palisade_turns_total{outcome="timeout"} 1.0' in (await c.get("/metrics")).text
    finally:
        engine.store.close()


async def test_a_slow_answer_is_pinged_then_completes(tmp_path: Path, catalog: Catalog) -> None:
    settings = make_settings(tmp_path / "data", api={"heartbeat_seconds": 0.05})
    slow = SlowProvider(OfflineProvider(catalog.summaries()), delay=0.4)
    engine = make_engine(settings, catalog, slow)
    try:
        app = create_app(settings, engine=engine)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app), base_url="http://127.0.0.1", timeout=60
        ) as c:
            response = await c.post("/api/v1/messages/stream", json={"text": S3_REQUEST})
            assert ": ping\n\n" in response.text
            assert parse_sse(response.text)[-1][0] == "done"
    finally:
        engine.store.close()


def test_closing_the_connection_stops_the_turn_on_the_server(
    tmp_path: Path, catalog: Catalog
) -> None:
    """The Stop button: a real server, a real socket closed mid-stream."""
    settings = make_settings(tmp_path / "data")
    waiting = WaitingProvider()
    engine = make_engine(settings, catalog, waiting)
    try:
        with LiveServer(create_app(settings, engine=engine)) as server:

            async def stop_midway() -> str:
                async with (
                    httpx.AsyncClient(base_url=server.url, timeout=30) as c,
                    c.stream("POST", "/api/v1/messages/stream", json={"text": S3_REQUEST}) as r,
                ):
                    assert r.status_code == 200
                    lines = r.aiter_lines()
                    first = [await anext(lines), await anext(lines)]
                    assert first[0] == "event: started"
                    cid = first[1].split('"conversation_id":"')[1].split('"')[0]
                    await asyncio.to_thread(waiting.started.wait, 10)
                    assert waiting.started.is_set()
                return cid  # leaving the block closes the connection mid-turn

            conversation_id = asyncio.run(stop_midway())
            assert waiting.cancelled.wait(10), "the model call was not cancelled"
            deadline = time.monotonic() + 10
            messages = engine.store.list_messages(conversation_id)
            while len(messages) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
                messages = engine.store.list_messages(conversation_id)
            assert [m.role for m in messages] == ["user", "assistant"]
            assert messages[-1].meta.get("stopped") is True
            metrics = httpx.get(f"{server.url}/metrics", timeout=10).text
            assert 'palisade_turns_total{outcome="stopped"} 1.0' in metrics
            assert "palisade_streams_active 0.0" in metrics
    finally:
        engine.store.close()
