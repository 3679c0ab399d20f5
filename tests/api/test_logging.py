"""Structured logs: one access line per request, and no secret ever written."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from palisade.channels.api.logs import ACCESS_LOGGER, JsonFormatter, RedactingFilter, redact
from palisade.engine import ChatEngine
from tests.api.conftest import add_user, bearer

pytestmark = pytest.mark.anyio

FAKE_KEY_ID = "AKIAZ7Q3N5XK2LMPRT4W"
FAKE_SECRET = "Qm9vZ2llV29vZ2llNzg5MTIzNDU2Nzg5MDEyMzQ1Njc4"
MESSAGE = (
    f"make a private bucket called acme-keys; my key is {FAKE_KEY_ID} and "
    f"aws_secret_access_key = {FAKE_SECRET}"
)


async def test_no_secret_reaches_any_log_record(
    client: httpx.AsyncClient, engine: ChatEngine, caplog: pytest.LogCaptureFixture
) -> None:
    token = add_user(engine, "alice")
    caplog.set_level(logging.WARNING, logger="httpx")  # the test's own client, not the server
    caplog.set_level(logging.DEBUG)  # everything else, down to DEBUG (this also sets the handler)
    headers = bearer(token)
    sent = await client.post("/api/v1/messages", json={"text": MESSAGE}, headers=headers)
    assert sent.status_code == 200
    cid = sent.json()["conversation_id"]
    streamed = await client.post(
        "/api/v1/messages/stream",
        json={"text": MESSAGE, "conversation_id": cid},
        headers=headers,
    )
    assert streamed.status_code == 200
    await client.get("/api/v1/conversations", params={"q": FAKE_KEY_ID}, headers=headers)
    await client.post(
        "/api/v1/feedback",
        json={"conversation_id": cid, "rating": "down", "comment": MESSAGE},
        headers=headers,
    )
    await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}x"})  # a 401
    assert caplog.records, "nothing was logged at all"
    formatter = JsonFormatter()
    for record in caplog.records:
        for text in (record.getMessage(), formatter.format(record)):
            for secret in (FAKE_KEY_ID, FAKE_SECRET, token):
                assert secret not in text, f"{record.name} logged a secret: {text[:200]}"
    assert FAKE_KEY_ID not in caplog.text and token not in caplog.text
    # Nor did it reach the stored conversation or its title.
    detail = (await client.get(f"/api/v1/conversations/{cid}", headers=headers)).text
    assert FAKE_KEY_ID not in detail and FAKE_SECRET not in detail


async def test_one_access_line_per_request_with_id_user_status_and_duration(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=ACCESS_LOGGER)
    await client.get("/api/v1/me", headers={"X-Request-ID": "req-1"})
    await client.get("/api/v1/conversations/" + "b" * 32, params={"q": "hidden"})
    lines = [r for r in caplog.records if r.name == ACCESS_LOGGER]
    assert len(lines) == 2
    first = json.loads(JsonFormatter().format(lines[0]))
    assert first["request_id"] == "req-1"
    assert first["user"] == "local" and first["status"] == 200
    assert first["method"] == "GET" and first["path"] == "/api/v1/me"
    assert first["route"] == "/api/v1/me" and first["duration_ms"] >= 0
    second = json.loads(JsonFormatter().format(lines[1]))
    assert second["status"] == 404 and "hidden" not in json.dumps(second)  # no query strings


@pytest.mark.parametrize(
    "text",
    [
        "AKIAZ7Q3N5XK2LMPRT4W",
        "Authorization: Bearer pal_abcdefghijklmnopqrstuvwxyz012345",
        "pal_abcdefghijklmnopqrstuvwxyz012345",
        "password=hunter2hunter2",
        "ghp_" + "a" * 36,
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
    ],
    ids=["aws-key-id", "bearer", "palisade-token", "password", "github", "private-key"],
)
def test_credential_shapes_are_redacted(text: str) -> None:
    cleaned = redact(f"before {text} after")
    assert "[REDACTED]" in cleaned and cleaned.startswith("before ")
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "got %s", (text,), None)
    assert RedactingFilter().filter(record) is True
    assert text not in record.getMessage()
    assert text not in JsonFormatter().format(
        logging.LogRecord("x", logging.INFO, __file__, 1, "got %s", (text,), None)
    )


def test_ordinary_text_is_left_alone() -> None:
    text = "POST /api/v1/messages 200 in 12.5 ms for alice (bucket acme-audit-logs)"
    assert redact(text) == text
