"""The remote guard backend against a real ``guard serve`` app on loopback: it round-trips, redacts, and
fails closed — and the engine uses it when configured."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.types import Receive, Scope, Send

from palisade.config import GuardServerSettings, GuardSettings, load_settings
from palisade.engine.factory import build_engine
from palisade.errors import ConfigError
from palisade.guard.pipeline import Guard
from palisade.guard.remote import UNAVAILABLE, RemoteGuard
from tests.guard.server.support import (
    GITHUB_TOKEN,
    INJECTION,
    TOKEN,
    SlowScanner,
    server_config,
    serving,
)
from tests.helpers import LiveServer, free_port


@pytest.fixture(autouse=True)
def clean_guard_server_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in GuardServerSettings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with serving(server_config()) as live:
        yield live


def _remote(url: str, stage: str = "input", **options: Any) -> RemoteGuard:
    options.setdefault("api_key", TOKEN)
    return RemoteGuard(url, stage=stage, **options)  # type: ignore[arg-type]


def _assert_failed_closed(verdict: Any) -> None:
    assert verdict.blocked and not verdict.valid
    assert verdict.sanitized == ""
    assert [r.reason for r in verdict.results] == [UNAVAILABLE]


def test_a_clean_prompt_round_trips(server: LiveServer) -> None:
    guard = _remote(server.url)
    text = "I need a private S3 bucket for audit logs"
    verdict = guard.scan(text)
    assert verdict.stage == "input"
    assert verdict.valid and not verdict.blocked
    assert verdict.sanitized == text
    assert verdict.scores == {"InvisibleText": 0.0, "Secrets": 0.0, "PromptInjection": 0.0}
    guard.close()


def test_a_secret_is_redacted_not_blocked(server: LiveServer) -> None:
    guard = _remote(server.url)
    verdict = guard.scan(f"deploy with {GITHUB_TOKEN} now")
    assert not verdict.blocked and not verdict.valid
    assert GITHUB_TOKEN not in verdict.sanitized and verdict.sanitized.startswith("deploy with ")
    secrets = next(r for r in verdict.results if r.scanner == "Secrets")
    assert secrets.outcome == "sanitized" and secrets.risk == 1.0
    assert verdict.sanitized_changed


def test_an_injection_is_blocked(server: LiveServer) -> None:
    verdict = _remote(server.url).scan(INJECTION)
    assert verdict.blocked
    injection = next(r for r in verdict.results if r.scanner == "PromptInjection")
    assert injection.outcome == "blocked" and injection.risk > 0


def test_the_output_stage_uses_analyze_output(server: LiveServer) -> None:
    guard = _remote(server.url, stage="output")
    verdict = guard.scan(f'token = "{GITHUB_TOKEN}"', prompt="make a token")
    assert verdict.stage == "output"
    assert set(verdict.scores) == {"InvisibleText", "Secrets"}  # the server's output scanners
    assert GITHUB_TOKEN not in verdict.sanitized


def test_suppress_is_sent_to_the_server(server: LiveServer) -> None:
    verdict = _remote(server.url).scan(f"t {GITHUB_TOKEN}", suppress={"Secrets"})
    assert "Secrets" not in verdict.scores


def test_a_server_that_is_down_fails_closed(caplog: pytest.LogCaptureFixture) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    guard = _remote(url, retries=2, backoff_seconds=0.05)
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="palisade.guard.remote"):
        verdict = guard.scan(f"t {GITHUB_TOKEN}")
    assert time.monotonic() - started < 5
    _assert_failed_closed(verdict)
    assert "cannot connect" in caplog.text and "fail closed" in caplog.text
    assert GITHUB_TOKEN not in caplog.text


def test_a_wrong_token_fails_closed_and_says_which_setting(
    server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="palisade.guard.remote"):
        verdict = _remote(server.url, api_key="wrong").scan("hello")
    _assert_failed_closed(verdict)
    assert "credentials refused (HTTP 401); set LLM_GUARD_API_KEY" in caplog.text


def test_a_missing_token_fails_closed(server: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="palisade.guard.remote"):
        verdict = _remote(server.url, api_key=None).scan("hello")
    _assert_failed_closed(verdict)
    assert "HTTP 403" in caplog.text


def test_429_retry_after_is_honoured(caplog: pytest.LogCaptureFixture) -> None:
    config = server_config(rate_limit={"enabled": True, "limit": "1/second"})
    with serving(config) as live:
        guard = _remote(live.url, retries=2, max_retry_after_seconds=3)
        assert guard.scan("first").valid
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="palisade.guard.remote"):
            verdict = guard.scan("second")
        elapsed = time.monotonic() - started
    assert verdict.valid and verdict.sanitized == "second"
    assert 0.5 <= elapsed < 3.5  # waited for the window (Retry-After: 1), then succeeded
    assert "answered 429; retrying in 1.00s" in caplog.text


def test_a_retry_after_longer_than_we_wait_fails_closed_at_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = server_config(rate_limit={"enabled": True, "limit": "1/minute"})
    with serving(config) as live:
        guard = _remote(live.url, retries=5, max_retry_after_seconds=2)
        assert guard.scan("first").valid
        started = time.monotonic()
        with caplog.at_level(logging.ERROR, logger="palisade.guard.remote"):
            verdict = guard.scan("second")
        assert time.monotonic() - started < 1.5
    _assert_failed_closed(verdict)
    assert "asking to retry after" in caplog.text


def test_a_slow_server_fails_closed_at_the_client_timeout() -> None:
    slow = SlowScanner(seconds=20)
    config = server_config(app={"scan_prompt_timeout": 30})
    try:
        with serving(config, input_guard=Guard([slow], stage="input", timeout_seconds=30)) as live:
            guard = _remote(live.url, timeout_seconds=0.5, retries=3)
            started = time.monotonic()
            verdict = guard.scan("take your time please")
            assert time.monotonic() - started < 2  # a read timeout is not retried
            _assert_failed_closed(verdict)
            slow.release.set()  # let the server finish the abandoned request before it shuts down
    finally:
        slow.release.set()


def _fixed_answer_app(status: int, body: object) -> Any:
    """A stand-in for a misbehaving service at LLM_GUARD_URL (the client is under test, not it)."""
    payload = json.dumps(body).encode()

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": payload})

    return app


@pytest.mark.parametrize(
    ("status", "body"),
    [
        pytest.param(200, {"hello": "world"}, id="not-an-answer"),
        pytest.param(
            200, {"is_valid": "yes", "scanners": {}, "sanitized_prompt": "x"}, id="loose-type"
        ),
        pytest.param(200, {"is_valid": True, "scanners": {}}, id="no-sanitized-text"),
        pytest.param(500, {"message": "boom", "details": None}, id="500"),
        pytest.param(408, {"message": "Request timeout.", "details": None}, id="408"),
    ],
)
def test_untrustworthy_answers_fail_closed(status: int, body: object) -> None:
    with LiveServer(_fixed_answer_app(status, body)) as live:
        _assert_failed_closed(_remote(live.url, retries=0).scan("hello"))


def test_an_invalid_answer_without_a_triggered_scanner_is_a_block() -> None:
    body = {"is_valid": False, "scanners": {"Secrets": -1.0}, "sanitized_prompt": "hello"}
    with LiveServer(_fixed_answer_app(200, body)) as live:
        verdict = _remote(live.url).scan("hello")
    assert verdict.blocked and verdict.results[-1].reason == "remote-invalid"


def test_an_emptied_answer_is_a_block_not_an_empty_prompt() -> None:
    body = {"is_valid": False, "scanners": {"Secrets": 1.0}, "sanitized_prompt": ""}
    with LiveServer(_fixed_answer_app(200, body)) as live:
        verdict = _remote(live.url).scan(f"t {GITHUB_TOKEN}")
    assert verdict.blocked and verdict.results[-1].reason == "remote-withheld"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        pytest.param(GuardSettings(backend="llm-guard-api"), "set LLM_GUARD_URL", id="no-url"),
        pytest.param(
            GuardSettings(backend="llm-guard-api", url="127.0.0.1:8000"),
            "is not an http(s) URL",
            id="no-scheme",
        ),
    ],
)
def test_unusable_remote_settings_stop_startup(settings: GuardSettings, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        RemoteGuard.from_settings(settings, "input")


def test_the_engine_uses_the_remote_guard_when_configured(
    server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PALISADE_GUARD__BACKEND", "llm-guard-api")
    monkeypatch.setenv("LLM_GUARD_URL", server.url)
    monkeypatch.setenv("LLM_GUARD_API_KEY", TOKEN)
    engine = build_engine(load_settings())
    try:
        assert isinstance(engine.input_guard, RemoteGuard)
        assert isinstance(engine.output_guard, RemoteGuard)
        assert engine.output_guard.stage == "output"
        turn = asyncio.run(engine.send(f"Store this token {GITHUB_TOKEN} in a private S3 bucket"))
        kinds = [n.kind for n in turn.notices]
        assert "guard_redacted" in kinds
        assert GITHUB_TOKEN not in json.dumps(turn.to_dict())
        blocked = asyncio.run(engine.send(INJECTION))
        assert "guard_blocked" in [n.kind for n in blocked.notices]
    finally:
        engine.store.close()


def test_the_engine_blocks_every_turn_when_the_remote_guard_is_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PALISADE_GUARD__BACKEND", "llm-guard-api")
    monkeypatch.setenv("LLM_GUARD_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("PALISADE_GUARD__REMOTE_RETRIES", "0")
    engine = build_engine(load_settings())
    try:
        turn = asyncio.run(engine.send("I need a private S3 bucket called acme-logs"))
        assert "guard_blocked" in [n.kind for n in turn.notices]
        assert turn.proposals == []
    finally:
        engine.store.close()


def test_an_unreachable_rate_limit_store_fails_closed_through_the_client(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    config = server_config(rate_limit={"enabled": True, "storage_uri": store})
    with serving(config) as live:
        with caplog.at_level(logging.WARNING, logger="palisade.guard.remote"):
            verdict = _remote(live.url, retries=1, max_retry_after_seconds=2).scan("hello")
    _assert_failed_closed(verdict)
    assert "answered 503; retrying in 1.00s" in caplog.text
