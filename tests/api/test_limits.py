"""Limits and headers: body size, message length, per-user rate limit, CORS, security headers, ids."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from palisade.blueprints import Catalog
from palisade.channels.api.app import create_app
from palisade.channels.api.ratelimit import TokenBucketLimiter
from palisade.engine import ChatEngine
from tests.api.conftest import add_user, bearer, make_engine, make_settings

pytestmark = pytest.mark.anyio


async def test_a_body_over_the_limit_is_413_before_parsing(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/messages",
        content=json.dumps({"text": "x" * 1_000_000}),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"]["kind"] == "PayloadTooLarge"
    assert response.headers["x-request-id"]


async def test_a_chunked_body_over_the_limit_is_413_too(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(40):
            yield b"x" * 10_000
        yield b'"}'

    response = await client.post(
        "/api/v1/messages", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


async def test_a_small_chunked_body_still_works(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"title": '
        yield b'"chunked"}'

    response = await client.post(
        "/api/v1/conversations", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 201 and response.json()["title"] == "chunked"


async def test_a_too_long_message_says_what_to_do(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/messages", json={"text": "x" * 20_001})
    assert response.status_code == 400
    assert "palisade validate" in response.json()["error"]["message"]


@pytest.fixture
async def limited(
    tmp_path: Path, catalog: Catalog
) -> AsyncIterator[tuple[httpx.AsyncClient, ChatEngine]]:
    settings = make_settings(
        tmp_path / "data", api={"rate_limit_per_minute": 6, "rate_limit_burst": 2}
    )
    engine = make_engine(settings, catalog)
    try:
        app = create_app(settings, engine=engine)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app), base_url="http://127.0.0.1", timeout=60
        ) as c:
            yield c, engine
    finally:
        engine.store.close()


async def test_too_many_messages_get_429_with_retry_after(
    limited: tuple[httpx.AsyncClient, ChatEngine],
) -> None:
    client, engine = limited
    alice, bob = bearer(add_user(engine, "alice")), bearer(add_user(engine, "bob"))
    for _ in range(2):
        ok = await client.post("/api/v1/messages", json={"text": "hello"}, headers=alice)
        assert ok.status_code == 200
    refused = await client.post("/api/v1/messages/stream", json={"text": "hello"}, headers=alice)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/json"
    retry_after = int(refused.headers["retry-after"])
    assert 1 <= retry_after <= 10  # one token every 10 s at 6 a minute
    assert refused.json()["error"]["kind"] == "RateLimited"
    assert refused.json()["error"]["details"] == {"retry_after": retry_after}
    # The limit is per user: bob is not affected.
    assert (
        await client.post("/api/v1/messages", json={"text": "hi"}, headers=bob)
    ).status_code == 200
    # Reading is not rate limited.
    assert (await client.get("/api/v1/conversations", headers=alice)).status_code == 200
    assert "palisade_rate_limited_total 1.0" in (await client.get("/metrics")).text


def test_the_token_bucket_refills_at_its_rate() -> None:
    now = [0.0]
    limiter = TokenBucketLimiter(per_minute=60, burst=3, clock=lambda: now[0])
    assert [limiter.acquire("u") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.acquire("u") == pytest.approx(1.0)
    now[0] = 0.5
    assert limiter.acquire("u") == pytest.approx(0.5)
    now[0] = 1.0
    assert limiter.acquire("u") == 0.0
    now[0] = 100.0  # a long pause refills to the burst, never beyond
    assert [limiter.acquire("u") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.acquire("u") > 0
    assert TokenBucketLimiter(per_minute=0, burst=1).acquire("u") == 0.0  # 0 switches it off


def test_the_token_bucket_keeps_a_bounded_number_of_users() -> None:
    limiter = TokenBucketLimiter(per_minute=1, burst=1, max_keys=100)
    for i in range(1000):
        limiter.acquire(f"user-{i}")
    assert len(limiter._buckets) == 100


async def test_every_response_has_security_headers_and_a_request_id(
    client: httpx.AsyncClient,
) -> None:
    for path in ("/", "/healthz", "/api/v1/me", "/nope", "/docs"):
        response = await client.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "'unsafe-inline'" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert len(response.headers["x-request-id"]) == 32
    assert (await client.get("/api/v1/me")).headers["cache-control"] == "no-store"


async def test_a_well_formed_request_id_is_kept_and_a_bad_one_replaced(
    client: httpx.AsyncClient,
) -> None:
    kept = await client.get("/healthz", headers={"X-Request-ID": "trace-42.abc"})
    assert kept.headers["x-request-id"] == "trace-42.abc"
    replaced = await client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert replaced.headers["x-request-id"] != "bad id\twith spaces"
    assert len(replaced.headers["x-request-id"]) == 32


async def test_cors_is_off_by_default(client: httpx.AsyncClient) -> None:
    origin = {"Origin": "https://evil.example"}
    response = await client.get("/api/v1/me", headers=origin)
    assert "access-control-allow-origin" not in response.headers
    preflight = await client.options(
        "/api/v1/messages",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code in (404, 405)


async def test_cors_allows_only_the_configured_origins(tmp_path: Path, catalog: Catalog) -> None:
    settings = make_settings(tmp_path / "data", api={"cors_origins": ["https://chat.example"]})
    engine = make_engine(settings, catalog)
    try:
        app = create_app(settings, engine=engine)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app), base_url="http://127.0.0.1"
        ) as c:
            good = await c.options(
                "/api/v1/messages",
                headers={
                    "Origin": "https://chat.example",
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "authorization,content-type",
                },
            )
            assert good.status_code == 200
            assert good.headers["access-control-allow-origin"] == "https://chat.example"
            evil = await c.get("/api/v1/me", headers={"Origin": "https://evil.example"})
            assert "access-control-allow-origin" not in evil.headers
    finally:
        engine.store.close()


async def test_unknown_paths_and_methods_get_the_json_error_shape(
    client: httpx.AsyncClient,
) -> None:
    missing = await client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["kind"] == "NotFound"
    wrong = await client.put("/api/v1/messages", json={})
    assert wrong.status_code == 405 and wrong.json()["error"]["kind"] == "MethodNotAllowed"
    not_json = await client.post(
        "/api/v1/messages", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert not_json.status_code == 422 and not_json.json()["error"]["kind"] == "ValidationError"
