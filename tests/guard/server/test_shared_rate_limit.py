"""The rate limit shared through the real Redis on 127.0.0.1:6379: one budget per client across processes.

Each test uses its own key prefix and deletes its keys afterwards. Without a reachable Redis the tests that
need it are skipped, except under ``CI=1``, where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis

from palisade.config import GuardServerSettings
from palisade.errors import ConfigError
from palisade.guard.server import ServerConfig, load_server_config
from palisade.guard.server.run import verify_rate_limit_store
from tests.guard.server.support import (
    OTHER_TOKEN,
    TOKEN,
    bearer,
    server_config,
    serving,
    serving_process,
)
from tests.helpers import free_port, run_cli

REDIS_URI = "redis://127.0.0.1:6379/0"
PROMPT = {"prompt": "hello"}


@dataclass(frozen=True)
class Store:
    uri: str
    prefix: str
    client: redis.Redis

    def keys(self) -> list[bytes]:
        return list(self.client.scan_iter(match=f"{self.prefix}:*", count=100))


@pytest.fixture
def store() -> Iterator[Store]:
    client = redis.Redis.from_url(REDIS_URI, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        client.close()
        reason = f"Redis is not reachable on 127.0.0.1:6379 ({exc}); start redis-server to run this"
        if os.environ.get("CI") == "1":
            pytest.fail(f"CI=1 requires Redis: {reason}")
        pytest.skip(reason)
    shared = Store(REDIS_URI, f"palisade-test-{uuid.uuid4().hex}", client)
    try:
        yield shared
    finally:
        keys = shared.keys()
        if keys:
            client.delete(*keys)
        client.close()


def _shared(store: Store, limit: str, **sections: object) -> ServerConfig:
    rate = {"enabled": True, "limit": limit, "storage_uri": store.uri, "key_prefix": store.prefix}
    return server_config(rate_limit=rate, **sections)


def _unreachable_uri() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"  # a port nobody listens on: connection refused


def _post(url: str, token: str = TOKEN, **headers: str) -> httpx.Response:
    return httpx.post(url + "/analyze/prompt", json=PROMPT, headers={**bearer(token), **headers})


def test_two_app_instances_draw_on_one_budget_per_client(store: Store) -> None:
    two_tokens = {"auth": {"type": "http_bearer", "token": TOKEN, "tokens": [OTHER_TOKEN]}}
    config = _shared(store, "3/minute", **two_tokens)
    with serving(config) as first, serving(config) as second:
        codes = [_post(server.url).status_code for server in (first, second, first)]
        assert codes == [200, 200, 200]
        refused = _post(second.url)
        assert refused.status_code == 429
        assert refused.json() == {"error": "Rate limit exceeded: 3 per 1 minute"}
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert _post(first.url).status_code == 429
        # The other client's bucket is its own on both instances.
        assert _post(second.url, OTHER_TOKEN).status_code == 200
        assert _post(first.url, OTHER_TOKEN).status_code == 200
    assert store.keys(), "the windows must live in Redis under the test's prefix"


def test_a_spoofed_forwarded_for_gets_no_fresh_bucket_on_either_instance(store: Store) -> None:
    config = _shared(store, "1/minute")
    with serving(config) as first, serving(config) as second:
        assert _post(first.url).status_code == 200
        for server in (first, second):
            for fake in ("10.0.0.1", "203.0.113.9", "198.51.100.7, 10.0.0.2"):
                spoofed = _post(server.url, **{"X-Forwarded-For": fake, "X-Real-IP": fake})
                assert spoofed.status_code == 429, (server.url, fake)
                assert "retry-after" in spoofed.headers


def test_a_different_key_prefix_is_a_different_budget(store: Store) -> None:
    with serving(_shared(store, "1/minute")) as first:
        assert [_post(first.url).status_code for _ in range(2)] == [200, 429]
    other = Store(store.uri, store.prefix + "-other", store.client)
    try:
        with serving(_shared(other, "1/minute")) as second:
            assert _post(second.url).status_code == 200
    finally:
        keys = other.keys()
        if keys:
            store.client.delete(*keys)


def test_two_guard_serve_processes_share_one_budget(store: Store) -> None:
    env = {
        "AUTH_TOKEN": TOKEN,
        "RATE_LIMIT_ENABLED": "true",
        "RATE_LIMIT_LIMIT": "2/minute",
        "RATE_LIMIT_STORAGE_URI": store.uri,
        "RATE_LIMIT_KEY_PREFIX": store.prefix,
    }
    with serving_process(env=env) as (first, _), serving_process(env=env) as (second, proc):
        assert [_post(first).status_code, _post(second).status_code] == [200, 200]
        refused = _post(first)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert _post(second).status_code == 429
    assert proc.stderr is not None
    assert f"shared through {store.uri} under '{store.prefix}'" in proc.stderr.read()


def test_an_unreachable_store_fails_closed_with_503_after_auth() -> None:
    rate = {"enabled": True, "limit": "100/minute", "storage_uri": _unreachable_uri()}
    with serving(server_config(rate_limit=rate)) as server:
        assert _post(server.url, "wrong-token").status_code == 401  # auth still answers first
        response = _post(server.url)
        assert response.status_code == 503
        assert response.json() == {
            "message": "The rate-limit store is unreachable, so the request cannot be counted; "
            "retry shortly.",
            "details": None,
        }
        assert response.headers["retry-after"] == "1"
        assert httpx.get(server.url + "/healthz").status_code == 200
        metrics = httpx.get(server.url + "/metrics").text
        assert "llm_guard_rate_limit_store_errors_total 1.0" in metrics


def test_the_startup_check_refuses_an_unreachable_store_and_accepts_redis(store: Store) -> None:
    uri = _unreachable_uri()
    with pytest.raises(ConfigError, match="refusing to start: the rate-limit store .* unreachable"):
        verify_rate_limit_store(
            ServerConfig.model_validate({"rate_limit": {"enabled": True, "storage_uri": uri}})
        )
    verify_rate_limit_store(_shared(store, "5/minute"))  # answers: no error


def test_guard_serve_refuses_to_start_without_its_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATE_LIMIT_ENABLED", "true")
    monkeypatch.setenv("RATE_LIMIT_STORAGE_URI", f"redis://:hunter2@127.0.0.1:{free_port()}/0")
    result = run_cli("guard", "serve", "--port", str(free_port()))
    assert result.returncode == 1
    assert "refusing to start: the rate-limit store redis://:***@127.0.0.1:" in result.stderr
    assert "RATE_LIMIT_STORAGE_URI" in result.stderr
    assert "hunter2" not in result.stderr and "Traceback" not in result.stderr


# ------------------------------------------------------------------------------------ configuration


def test_the_store_variables_fill_a_file_that_does_not_name_a_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RATE_LIMIT_STORAGE_URI", REDIS_URI)
    monkeypatch.setenv("RATE_LIMIT_KEY_PREFIX", "team-a")
    plain = tmp_path / "plain.yml"
    plain.write_text(
        "rate_limit:\n  enabled: true\n  limit: 5/minute\ninput_scanners: []\noutput_scanners: []\n"
    )
    section = load_server_config(plain, GuardServerSettings()).rate_limit
    assert (section.storage_uri, section.key_prefix) == (REDIS_URI, "team-a")
    own = tmp_path / "own.yml"
    own.write_text(
        "rate_limit:\n  storage_uri: memory://\ninput_scanners: []\noutput_scanners: []\n"
    )
    assert load_server_config(own, GuardServerSettings()).rate_limit.storage_uri == "memory://"


@pytest.mark.parametrize(
    ("rate_limit", "fragment"),
    [
        pytest.param(
            {"storage_uri": "memcached://127.0.0.1:11211"},
            "rate_limit.storage_uri: Value error, 'memcached://127.0.0.1:11211' is not a supported",
            id="unsupported-store",
        ),
        pytest.param(
            {"storage_uri": "mongodb://ops:pa55@db:27017"},
            "'mongodb://ops:***@db:27017' is not a supported store",
            id="password-hidden",
        ),
        pytest.param({"storage_uri": "127.0.0.1:6379"}, "write memory:// or redis://", id="bare"),
        pytest.param(
            {"key_prefix": "has space"}, "rate_limit.key_prefix: Value error", id="prefix"
        ),
    ],
)
def test_bad_store_settings_are_refused(
    tmp_path: Path, rate_limit: dict[str, str], fragment: str
) -> None:
    path = tmp_path / "scanners.yml"
    lines = "".join(f"  {k}: '{v}'\n" for k, v in rate_limit.items())
    path.write_text(f"rate_limit:\n{lines}input_scanners: []\noutput_scanners: []\n")
    with pytest.raises(ConfigError) as refused:
        load_server_config(path, GuardServerSettings())
    assert fragment in str(refused.value)
    assert "pa55" not in str(refused.value)
