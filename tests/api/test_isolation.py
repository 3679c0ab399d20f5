"""A user can neither see nor touch another user's conversations and proposals."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from palisade.engine import ChatEngine
from tests.api.conftest import add_user, bearer, parse_sse
from tests.helpers import S3_REQUEST

pytestmark = pytest.mark.anyio


@pytest.fixture
async def alice_turn(
    client: httpx.AsyncClient, engine: ChatEngine
) -> tuple[dict[str, str], dict[str, str], dict[str, Any]]:
    alice = bearer(add_user(engine, "alice"))
    bob = bearer(add_user(engine, "bob", "admin"))  # even an admin sees only their own
    response = await client.post("/api/v1/messages", json={"text": S3_REQUEST}, headers=alice)
    assert response.status_code == 200, response.text
    return alice, bob, response.json()


async def test_another_users_conversation_is_not_found(
    client: httpx.AsyncClient, alice_turn: tuple[dict[str, str], dict[str, str], dict[str, Any]]
) -> None:
    alice, bob, turn = alice_turn
    cid = turn["conversation_id"]
    assert (await client.get(f"/api/v1/conversations/{cid}", headers=alice)).status_code == 200
    response = await client.get(f"/api/v1/conversations/{cid}", headers=bob)
    assert response.status_code == 404
    assert response.json()["error"]["kind"] == "NotFound"
    # Not found looks exactly like an id that never existed.
    never = await client.get(f"/api/v1/conversations/{'0' * 32}", headers=bob)
    assert never.status_code == 404
    assert (
        never.json()["error"]["message"].replace("0" * 32, cid)
        == response.json()["error"]["message"]
    )


async def test_another_user_cannot_list_search_or_delete_it(
    client: httpx.AsyncClient, alice_turn: tuple[dict[str, str], dict[str, str], dict[str, Any]]
) -> None:
    alice, bob, turn = alice_turn
    cid = turn["conversation_id"]
    listed = (await client.get("/api/v1/conversations?q=bucket", headers=bob)).json()
    assert listed == {"items": [], "total": 0}
    assert (await client.delete(f"/api/v1/conversations/{cid}", headers=bob)).status_code == 404
    mine = (await client.get("/api/v1/conversations", headers=alice)).json()
    assert [c["id"] for c in mine["items"]] == [cid]


async def test_another_user_cannot_read_or_confirm_a_proposal(
    client: httpx.AsyncClient, alice_turn: tuple[dict[str, str], dict[str, str], dict[str, Any]]
) -> None:
    alice, bob, turn = alice_turn
    pid = turn["proposals"][0]["id"]
    assert (await client.get(f"/api/v1/proposals/{pid}", headers=alice)).status_code == 200
    assert (await client.get(f"/api/v1/proposals/{pid}", headers=bob)).status_code == 404
    confirm = await client.post(f"/api/v1/proposals/{pid}/confirm", json={}, headers=bob)
    assert confirm.status_code == 404


async def test_another_user_cannot_stream_or_send_into_it(
    client: httpx.AsyncClient,
    engine: ChatEngine,
    alice_turn: tuple[dict[str, str], dict[str, str], dict[str, Any]],
) -> None:
    alice, bob, turn = alice_turn
    cid = turn["conversation_id"]
    before = len(engine.store.list_messages(cid))
    payload = {"text": "make retention 30 days", "conversation_id": cid}
    streamed = await client.post("/api/v1/messages/stream", json=payload, headers=bob)
    assert streamed.status_code == 400
    assert streamed.headers["content-type"].startswith("application/json")
    assert streamed.json()["error"]["kind"] == "InputError"
    sent = await client.post("/api/v1/messages", json=payload, headers=bob)
    assert sent.status_code == 400
    assert len(engine.store.list_messages(cid)) == before  # nothing was added to alice's
    # alice herself can continue it
    own = await client.post("/api/v1/messages/stream", json=payload, headers=alice)
    assert own.status_code == 200 and parse_sse(own.text)[-1][0] == "done"


async def test_another_user_cannot_leave_feedback_on_it(
    client: httpx.AsyncClient, alice_turn: tuple[dict[str, str], dict[str, str], dict[str, Any]]
) -> None:
    alice, bob, turn = alice_turn
    body = {"conversation_id": turn["conversation_id"], "rating": "down"}
    assert (await client.post("/api/v1/feedback", json=body, headers=bob)).status_code == 404
    assert (await client.post("/api/v1/feedback", json=body, headers=alice)).status_code == 201
